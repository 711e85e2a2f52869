import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { newProfile } from './support/persistent-browser';
import { expectSounding, nowPlaying, openPlayer, queueTitles } from './support/player';
import { startStaticServer } from './support/static-server';

const DIST = resolve('dist');

function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function waitForController(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  await openPlayer(page, page.url());
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

test('the app is installable: a valid manifest, its icons, and a service worker that controls the page', async () => {
  const server = await startStaticServer(DIST, '/apps/music/');
  // A profile on disk: Chromium never offers to install from an incognito context, which ordinary test
  // contexts are.
  const profile = newProfile(server.url);
  const context = await profile.launch();
  try {
    const page = await context.newPage();
    await openPlayer(page, server.url);

    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifestUrl = new URL(href!, server.url).href;
    const manifest = await (await page.request.get(manifestUrl)).json();
    expect(manifest).toMatchObject({ name: 'MediaStream', short_name: 'MediaStream', display: 'standalone', start_url: './', scope: './' });
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
    const icons = manifest.icons as { src: string; sizes: string; purpose?: string }[];
    for (const wanted of [{ sizes: '192x192' }, { sizes: '512x512' }, { sizes: '512x512', purpose: 'maskable' }]) {
      const icon = icons.find(
        (candidate) => candidate.sizes === wanted.sizes && (candidate.purpose ?? 'any') === (wanted.purpose ?? 'any'),
      );
      expect(icon, `an icon ${JSON.stringify(wanted)}`).toBeDefined();
      const response = await page.request.get(new URL(icon!.src, manifestUrl).href);
      expect(response.status()).toBe(200);
      const [width, height] = wanted.sizes.split('x').map(Number);
      expect(pngSize(await response.body())).toEqual({ width, height });
    }

    await waitForController(page);
    const scope = await page.evaluate(() => navigator.serviceWorker.getRegistration().then((registration) => registration?.scope));
    expect(scope).toBe(server.url);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] };
    expect(installabilityErrors).toEqual([]);
  } finally {
    await context.close();
    await server.stop();
    profile.remove();
  }
});

test('a new version waits for the person: Update available in every tab, the sound plays on, and Reload brings it with the session intact', async ({
  browser,
}) => {
  const nextBuild = mkdtempSync(join(tmpdir(), 'mediastream-next-'));
  execFileSync('npx', ['vite', 'build', '--outDir', nextBuild, '--emptyOutDir', '--logLevel', 'error'], {
    env: { ...process.env, MEDIASTREAM_VERSION: '99.0.0-next' },
    stdio: 'pipe',
  });
  const server = await startStaticServer(DIST, '/');
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await openPlayer(page, server.url);
    await waitForController(page);
    const other = await context.newPage();
    await openPlayer(other, server.url);
    await waitForController(other);
    const firstVersion = await page.locator('mediastream-app').getAttribute('data-version');
    await page.getByRole('button', { name: 'Play Kite Season', exact: true }).click();
    await page.getByRole('button', { name: 'Add Low Tide to queue' }).click();
    await expect(queueTitles(page)).toHaveText(['Low Tide']);
    await expectSounding(page);

    // A mark on this page's window: a reload, of any kind, would take it away.
    await page.evaluate(() => ((window as { __notReloaded?: boolean }).__notReloaded = true));
    const notReloaded = () => page.evaluate(() => (window as { __notReloaded?: boolean }).__notReloaded === true);

    // Deploy the next version; the tabs check for updates when they become visible again.
    server.serve(nextBuild);
    for (const tab of [page, other]) await tab.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));

    const notice = page.getByRole('status').filter({ hasText: 'Update available' });
    const otherNotice = other.getByRole('status').filter({ hasText: 'Update available' });
    await expect(notice).toBeVisible({ timeout: 20_000 });
    await expect(otherNotice).toBeVisible({ timeout: 20_000 });
    expect(await page.locator('mediastream-app').getAttribute('data-version')).toBe(firstVersion);
    await expectSounding(page);

    // The other tab takes the update first; this one still offers it, and its Reload still works. Until
    // now, nothing has reloaded this page: not the update it found, nor the other tab taking it.
    await otherNotice.getByRole('button', { name: 'Reload' }).click();
    await expect(other.locator('mediastream-app')).toHaveAttribute('data-version', '99.0.0-next', { timeout: 20_000 });
    await expect(page.locator('mediastream-app')).toHaveAttribute('data-version', firstVersion ?? '');
    expect(await notReloaded(), 'this page was never reloaded').toBe(true);
    await notice.getByRole('button', { name: 'Reload' }).click();
    await expect(page.locator('mediastream-app')).toHaveAttribute('data-version', '99.0.0-next', { timeout: 20_000 });
    await openPlayer(page, page.url());
    await expect(nowPlaying(page)).toContainText('Kite Season');
    await expect(queueTitles(page)).toHaveText(['Low Tide']);
  } finally {
    await context.close();
    await server.stop();
    rmSync(nextBuild, { recursive: true, force: true });
  }
});
