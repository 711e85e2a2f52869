import { expect, type Page, test } from '@playwright/test';
import { nowPlaying, openPlayer, queueTitles, soundStatus } from './support/player';

/** Plays Low Tide, queues Kite Season and pauses: a saved session. Returns the device id it is saved under. */
async function saveASession(page: Page): Promise<string | null> {
  await openPlayer(page);
  await page.getByRole('button', { name: 'Play Low Tide', exact: true }).click();
  await page.getByRole('button', { name: 'Add Kite Season to queue' }).click();
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(soundStatus(page)).toHaveText('Paused');
  return page.evaluate(() => localStorage.getItem('mediastream.deviceId'));
}

for (const [what, replacement] of [
  ['is tampered with', '<script>not-an-id</script>'],
  ['is lost', null],
] as const) {
  test(`when the device id in localStorage ${what}, the one kept in IndexedDB comes back, and the session with it`, async ({ page }) => {
    const oldId = await saveASession(page);
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });

    await page.evaluate((value) => {
      if (value === null) localStorage.removeItem('mediastream.deviceId');
      else localStorage.setItem('mediastream.deviceId', value);
    }, replacement);
    await openPlayer(page, page.url());

    await expect(nowPlaying(page)).toContainText('Low Tide');
    await expect(queueTitles(page)).toHaveText(['Kite Season']);
    await expect(soundStatus(page)).toHaveText('Paused');
    expect(await page.evaluate(() => localStorage.getItem('mediastream.deviceId'))).toBe(oldId);
    if (replacement !== null) expect(warnings.join('\n')).toContain('replaced an invalid device id');
  });
}

test('a session saved under an id this browser has lost everywhere (saved before ids were kept in IndexedDB) is offered back', async ({
  page,
}) => {
  const oldId = await saveASession(page);

  // As an older version left it: the id in localStorage only; and then localStorage lost it.
  await page.evaluate(async () => {
    localStorage.removeItem('mediastream.deviceId');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('mediastream');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = db.transaction('meta', 'readwrite');
    tx.objectStore('meta').delete('deviceId');
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error);
    });
    db.close();
  });
  await openPlayer(page, page.url());

  const newId = await page.evaluate(() => localStorage.getItem('mediastream.deviceId'));
  expect(newId).toMatch(/^[0-9A-F]{16}$/);
  expect(newId).not.toBe(oldId);
  await expect(nowPlaying(page)).toContainText('Nothing playing');
  const offer = page.getByRole('status').filter({ hasText: 'saved under another device id' });
  await expect(offer).toContainText('Low Tide');

  await offer.getByRole('button', { name: 'Restore it' }).click();

  await expect(nowPlaying(page)).toContainText('Low Tide');
  await expect(queueTitles(page)).toHaveText(['Kite Season']);
  await expect(soundStatus(page)).toHaveText('Paused');
  await expect(offer).toHaveCount(0);
});
