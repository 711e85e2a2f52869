import { expect, test } from '@playwright/test';
import { nowPlaying, openPlayer, queueTitles, soundStatus } from './support/player';

for (const [what, replacement] of [
  ['is tampered with', '<script>not-an-id</script>'],
  ['is lost and a new one is made', null],
] as const) {
  test(`when the device id ${what}, the saved session stays readable and can be restored`, async ({ page }) => {
    await openPlayer(page);
    await page.getByRole('button', { name: 'Play Low Tide', exact: true }).click();
    await page.getByRole('button', { name: 'Add Kite Season to queue' }).click();
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(soundStatus(page)).toHaveText('Paused');
    const oldId = await page.evaluate(() => localStorage.getItem('mediastream.deviceId'));
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });

    await page.evaluate((value) => {
      if (value === null) localStorage.removeItem('mediastream.deviceId');
      else localStorage.setItem('mediastream.deviceId', value);
    }, replacement);
    await openPlayer(page, page.url());

    const newId = await page.evaluate(() => localStorage.getItem('mediastream.deviceId'));
    expect(newId).toMatch(/^[0-9A-F]{16}$/);
    expect(newId).not.toBe(oldId);
    if (replacement !== null) expect(warnings.join('\n')).toContain('replaced an invalid device id');
    await expect(nowPlaying(page)).toContainText('Nothing playing');
    const offer = page.getByRole('status').filter({ hasText: 'saved under another device id' });
    await expect(offer).toContainText('Low Tide');

    await offer.getByRole('button', { name: 'Restore it' }).click();

    await expect(nowPlaying(page)).toContainText('Low Tide');
    await expect(queueTitles(page)).toHaveText(['Kite Season']);
    await expect(soundStatus(page)).toHaveText('Paused');
    await expect(offer).toHaveCount(0);
  });
}
