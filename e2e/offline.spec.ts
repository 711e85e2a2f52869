import { resolve } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { audioOf, elapsedSeconds, expectSounding, nowPlaying, openPlayer, seekTo } from './support/player';
import { startStaticServer } from './support/static-server';

const DIST = resolve('dist');

/** The first load installs the service worker; from the next load on it controls the page. */
async function openControlled(page: Page, url: string): Promise<void> {
  await openPlayer(page, url);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  await openPlayer(page, url);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

function libraryRow(page: Page, title: string) {
  return page.getByRole('list', { name: 'Library' }).getByRole('listitem').filter({ hasText: title });
}

for (const basePath of ['/', '/some/where/']) {
  test(`served from ${basePath}: offline, the session restores, plays and seeks from the cache`, async ({ browser }) => {
    const server = await startStaticServer(DIST, basePath);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await openControlled(page, server.url);

      // Online: play a track; it is cached whole within seconds, and marked in the library.
      await page.getByRole('button', { name: 'Play Morning Drift', exact: true }).click();
      await expectSounding(page);
      await expect(page.getByRole('button', { name: 'Remove Morning Drift from offline storage' })).toBeVisible({ timeout: 20_000 });
      await seekTo(page, 30);
      await expect.poll(async () => (await audioOf(page)).currentTime).toBeGreaterThanOrEqual(30);
      await page.getByRole('button', { name: 'Pause', exact: true }).click();

      // The network goes away: the host stops answering and the browser is offline.
      await server.stop();
      await context.setOffline(true);
      const audioStatuses: number[] = [];
      page.on('response', (response) => {
        if (response.url().includes('/audio/')) audioStatuses.push(response.status());
      });
      await page.reload();
      await openPlayer(page, server.url);

      await expect(page.getByRole('status').filter({ hasText: /^Offline$/ })).toBeVisible();
      await expect(nowPlaying(page)).toContainText('Morning Drift');
      const restored = await elapsedSeconds(page);
      expect(restored).toBeGreaterThanOrEqual(29);
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await expectSounding(page);
      await seekTo(page, 120);
      await expect.poll(async () => (await audioOf(page)).currentTime).toBeGreaterThanOrEqual(120);
      await expectSounding(page);
      expect(audioStatuses).toContain(206);

      // A track that was never saved is marked, and says why it cannot play.
      await expect(libraryRow(page, 'Low Tide')).toContainText('Not available offline');
      await page.getByRole('button', { name: 'Play Low Tide', exact: true }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'Low Tide' })).toContainText('not available offline');
      await expect(nowPlaying(page)).toContainText('Morning Drift');
    } finally {
      await context.close();
      await server.stop();
    }
  });
}

test('a track made available offline by hand plays with no network', async ({ browser }) => {
  const server = await startStaticServer(DIST, '/');
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await openControlled(page, server.url);

    await page.getByRole('button', { name: 'Make Static Bloom available offline' }).click();
    await expect(page.getByRole('button', { name: 'Remove Static Bloom from offline storage' })).toBeVisible({ timeout: 20_000 });
    await server.stop();
    await context.setOffline(true);
    await page.reload();
    await openPlayer(page, server.url);

    await expect(libraryRow(page, 'Static Bloom')).not.toContainText('Not available offline');
    await page.getByRole('button', { name: 'Play Static Bloom', exact: true }).click();
    await expectSounding(page);
    expect((await audioOf(page)).src).toContain('t6.mp3');

    // Removing it from offline storage marks it unavailable again.
    await page.getByRole('button', { name: 'Remove Static Bloom from offline storage' }).click();
    await expect(libraryRow(page, 'Static Bloom')).toContainText('Not available offline');
  } finally {
    await context.close();
    await server.stop();
  }
});

test('the tab that plays keeps the next queued tracks ready too, and Offline music shows, saves and clears them', async ({ browser }) => {
  const server = await startStaticServer(DIST, '/');
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await openControlled(page, server.url);
    await page.getByRole('button', { name: 'Add Low Tide to queue' }).click();
    await page.getByRole('button', { name: 'Add Kite Season to queue' }).click();

    await page.getByRole('button', { name: 'Play Paper Lanterns', exact: true }).click();

    for (const title of ['Paper Lanterns', 'Low Tide', 'Kite Season']) {
      await expect(page.getByRole('button', { name: `Remove ${title} from offline storage` })).toBeVisible({ timeout: 30_000 });
    }
    await expect(page.getByRole('button', { name: 'Make Static Bloom available offline' })).toBeVisible();

    // Paused, so that nothing is being kept ready while the person clears it.
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.getByRole('button', { name: 'Offline music' }).click();
    const dialog = page.getByRole('dialog', { name: 'Offline music' });
    await expect(dialog).toContainText(/Offline music uses \d+(\.\d)? MB/);
    await dialog.getByRole('button', { name: 'Remove all offline music' }).click();
    await expect(dialog).toContainText('Offline music uses 0 KB');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByRole('button', { name: 'Make Low Tide available offline' })).toBeVisible();
    await page.getByRole('button', { name: 'Offline music' }).click();
    await dialog.getByRole('button', { name: 'Make queue available offline' }).click();
    for (const title of ['Paper Lanterns', 'Low Tide', 'Kite Season']) {
      await expect(page.getByRole('button', { name: `Remove ${title} from offline storage` })).toBeVisible({ timeout: 30_000 });
    }
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
  } finally {
    await context.close();
    await server.stop();
  }
});
