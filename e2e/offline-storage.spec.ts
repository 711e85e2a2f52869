/** Offline music as storage: progress while a track downloads, persistence, a full disk, old caches. */

import { resolve } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { overrideQuota, storageUsage } from './support/faults';
import { openPlayer } from './support/player';
import { startStaticServer } from './support/static-server';

const DIST = resolve('dist');

function offlineButton(page: Page, title: string, saved = false) {
  return page.getByRole('button', { name: saved ? `Remove ${title} from offline storage` : `Make ${title} available offline` });
}

test('a track being saved for offline shows its download progress, then is marked as saved', async ({ browser }) => {
  const server = await startStaticServer(DIST, '/');
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    await openPlayer(page, server.url);
    // About 250 KB/s: the 1.4 MB track takes several seconds to arrive.
    const session = await context.newCDPSession(page);
    await session.send('Network.enable');
    await session.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: 250_000,
      uploadThroughput: 250_000,
    });

    await offlineButton(page, 'Static Bloom').click();

    const progress = page.getByRole('progressbar', { name: 'Downloading Static Bloom' });
    await expect(progress).toBeVisible();
    await expect
      .poll(async () => Number(await progress.evaluate((element: HTMLProgressElement) => element.value)), { timeout: 15_000 })
      .toBeGreaterThan(0.1);
    await session.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await expect(offlineButton(page, 'Static Bloom', true)).toBeVisible({ timeout: 30_000 });
    await expect(progress).toHaveCount(0);
  } finally {
    await context.close();
    await server.stop();
  }
});

test('the app asks the browser to keep offline music, and says whether it will', async ({ browser }) => {
  const server = await startStaticServer(DIST, '/');
  const context = await browser.newContext();
  await context.addInitScript(() => {
    const scope = window as unknown as { __persistAsked: number };
    scope.__persistAsked = 0;
    const persist = StorageManager.prototype.persist;
    StorageManager.prototype.persist = function (this: StorageManager) {
      scope.__persistAsked++;
      return persist.call(this);
    };
  });
  try {
    const page = await context.newPage();
    await openPlayer(page, server.url);

    await expect.poll(() => page.evaluate(() => (window as unknown as { __persistAsked: number }).__persistAsked)).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Offline music' }).click();
    await expect(page.getByRole('dialog', { name: 'Offline music' })).toContainText(
      /This browser (keeps your offline music until you remove it|may remove offline music if it runs short of space)\./,
    );
  } finally {
    await context.close();
    await server.stop();
  }
});

test('when there is no room for another track, an alert says so, and what was saved stays saved', async ({ browser }) => {
  const server = await startStaticServer(DIST, '/');
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    await openPlayer(page, server.url);
    await offlineButton(page, 'Morning Drift').click();
    await expect(offlineButton(page, 'Morning Drift', true)).toBeVisible({ timeout: 30_000 });

    // Room for what is stored now and a little more, not for another 1.3 MB track.
    const quota = await overrideQuota(context, page, new URL(server.url).origin, (await storageUsage(page)) + 300_000);
    try {
      await offlineButton(page, 'Paper Lanterns').click();

      await expect(page.getByRole('alert').filter({ hasText: 'Paper Lanterns' })).toContainText('no room left for offline music');
      await expect(offlineButton(page, 'Paper Lanterns')).toBeVisible();
      await expect(offlineButton(page, 'Morning Drift', true)).toBeVisible();
      await page.getByRole('button', { name: 'Offline music' }).click();
      await expect(page.getByRole('dialog', { name: 'Offline music' })).toContainText(/Offline music uses 1\.\d MB/);
    } finally {
      await quota.clear();
    }
  } finally {
    await context.close();
    await server.stop();
  }
});

test('a new service worker deletes the audio caches of older versions and keeps the current one', async ({ browser }) => {
  const server = await startStaticServer(DIST, '/');
  const context = await browser.newContext();
  // Left by an older version, before this one's service worker installs.
  await context.addInitScript(() => {
    void caches.open('mediastream-audio-v0').then((cache) => cache.put('/old-format.mp3', new Response('old')));
  });
  try {
    const page = await context.newPage();
    await openPlayer(page, server.url);
    await expect.poll(() => page.evaluate(() => caches.has('mediastream-audio-v0'))).toBe(true);
    await offlineButton(page, 'Low Tide').click();
    await expect(offlineButton(page, 'Low Tide', true)).toBeVisible({ timeout: 30_000 });

    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));

    await expect.poll(() => page.evaluate(() => caches.has('mediastream-audio-v0'))).toBe(false);
    expect(await page.evaluate(() => caches.has('mediastream-audio-v1'))).toBe(true);
    await expect(offlineButton(page, 'Low Tide', true)).toBeVisible();
  } finally {
    await context.close();
    await server.stop();
  }
});
