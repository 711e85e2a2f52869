import AxeBuilder from '@axe-core/playwright';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { mp3Audio } from '../tests/support/audio-fixtures';
import type { CatalogTrack } from './support/catalogs';
import { waitForSavedPosition } from './support/faults';
import { newProfile } from './support/persistent-browser';
import { audioOf, elapsedSeconds, expectSounding, nowPlaying, seekTo } from './support/player';
import { serveAudio } from './support/routed-audio';

// The catalog and the long track are routed: they must reach the page itself, never a service worker's cache.
test.use({ serviceWorkers: 'block' });

/** 21 minutes: over the 20 at which a track keeps its own place. About 10 MB, made in memory. */
const LONG_SECONDS = 21 * 60;
const LONG_AUDIO = mp3Audio(LONG_SECONDS);
const SEEK_TO = 1000;

const TRACKS: CatalogTrack[] = [
  { id: 'mix', title: 'Long Mix', artist: 'DJ Patience', album: 'Marathon Sets', duration: LONG_SECONDS, url: 'audio/long-mix.mp3' },
  { id: 't1', title: 'Morning Drift', artist: 'Sine Collective', album: 'Low Orbit Mornings', duration: 168, url: 'audio/t1.mp3' },
];

async function serveLibrary(context: BrowserContext): Promise<void> {
  const body = JSON.stringify({ tracks: TRACKS });
  await context.route('**/library.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
  await serveAudio(context, '**/audio/long-mix.mp3', LONG_AUDIO);
}

async function open(page: Page): Promise<void> {
  await page.goto('./');
  await expect(page.getByRole('list', { name: 'Library' }).getByRole('listitem')).toHaveCount(TRACKS.length);
}

const shelf = (page: Page) => page.getByRole('region', { name: 'Continue listening' });
const speed = (page: Page) => page.getByRole('combobox', { name: 'Playback speed' });

/** Plays the long track, seeks far in, and plays on until the tab has saved a place past the seek. */
async function listenFarIntoLongMix(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Play Long Mix', exact: true }).click();
  await expectSounding(page);
  await seekTo(page, SEEK_TO);
  await expect.poll(async () => (await audioOf(page)).currentTime).toBeGreaterThanOrEqual(SEEK_TO);
  // A checkpoint carries the length the audio reports: from it on, the track is known to be long.
  await waitForSavedPosition(page, SEEK_TO + 1);
}

test('a long track left part-way is on the Continue listening shelf in both tabs, and resumes where it was at its own speed', async ({
  context,
}) => {
  await serveLibrary(context);
  const a = await context.newPage();
  const b = await context.newPage();
  await open(a);
  await open(b);
  await a.bringToFront();
  await expect(shelf(a)).toHaveCount(0);

  await listenFarIntoLongMix(a);
  await speed(a).selectOption('1.5');
  await expect(speed(b)).toHaveValue('1.5');

  // Another track: the long one keeps its place and speed; the short one plays at the speed short tracks play at.
  await a.getByRole('button', { name: 'Play Morning Drift', exact: true }).click();
  for (const page of [a, b]) {
    await expect(nowPlaying(page)).toContainText('Morning Drift');
    await expect(shelf(page)).toContainText('Long Mix');
    await expect(shelf(page)).toContainText(/DJ Patience · 16:[4-5]\d of 21:00 · 1\.5×/);
    await expect(speed(page)).toHaveValue('1');
  }
  const along = shelf(b).getByRole('progressbar', { name: 'Long Mix: how far along' });
  await expect(along).toHaveAttribute('max', String(LONG_SECONDS));
  expect(await along.evaluate((bar: HTMLProgressElement) => bar.value)).toBeGreaterThanOrEqual(SEEK_TO);

  // Played again from the other tab: it starts there, far in, at 1.5×, and leaves the shelf while it plays.
  await b.bringToFront();
  await b.getByRole('button', { name: 'Resume Long Mix', exact: true }).click();
  for (const page of [a, b]) {
    await expect(nowPlaying(page)).toContainText('Long Mix');
    await expect(speed(page)).toHaveValue('1.5');
    await expect(shelf(page)).toHaveCount(0);
  }
  await expectSounding(b);
  const heard = await b.evaluate(() => {
    const audio = document.querySelector('mediastream-app')?.shadowRoot?.querySelector('audio');
    return { time: audio?.currentTime ?? 0, rate: audio?.playbackRate ?? 0 };
  });
  expect(heard.time).toBeGreaterThanOrEqual(SEEK_TO);
  expect(heard.time).toBeLessThan(SEEK_TO + 30);
  expect(heard.rate).toBe(1.5);
  expect(await elapsedSeconds(a)).toBeGreaterThanOrEqual(SEEK_TO);
});

test('a short track played again starts from its beginning, as before', async ({ context }) => {
  await serveLibrary(context);
  const page = await context.newPage();
  await open(page);
  await page.getByRole('button', { name: 'Play Morning Drift', exact: true }).click();
  await expectSounding(page);
  await seekTo(page, 100);
  await expect.poll(() => elapsedSeconds(page)).toBeGreaterThanOrEqual(100);
  await page.getByRole('button', { name: 'Play Long Mix', exact: true }).click();
  await expect(nowPlaying(page)).toContainText('Long Mix');
  await page.getByRole('button', { name: 'Play Morning Drift', exact: true }).click();
  await expect(nowPlaying(page)).toContainText('Morning Drift');
  expect(await elapsedSeconds(page)).toBeLessThan(5);
});

test('a browser restart keeps the long track’s place and speed, and the playlists', async ({ baseURL }) => {
  test.setTimeout(120_000);
  const profile = newProfile(baseURL!, { serviceWorkers: 'block' });
  try {
    let browser = await profile.launch();
    await serveLibrary(browser);
    let page = browser.pages()[0] ?? (await browser.newPage());
    await open(page);
    await listenFarIntoLongMix(page);
    await speed(page).selectOption('2');
    await page.getByRole('button', { name: 'Play Morning Drift', exact: true }).click();
    await expect(shelf(page)).toContainText('Long Mix');

    await page.getByRole('button', { name: 'Add Long Mix to playlist', exact: true }).click();
    await page.getByRole('dialog', { name: 'Add “Long Mix” to playlist' }).getByRole('button', { name: 'New playlist' }).click();
    await page.getByRole('textbox', { name: 'Playlist name' }).fill('Long listens');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Added “Long Mix” to the new playlist “Long listens”.' })).toBeVisible();
    await browser.close();

    browser = await profile.launch();
    await serveLibrary(browser);
    page = browser.pages()[0] ?? (await browser.newPage());
    await open(page);
    await expect(shelf(page)).toContainText(/Long Mix\s+DJ Patience · 16:[4-5]\d of 21:00 · 2×/);
    await page.getByRole('link', { name: 'Playlists' }).click();
    await page.getByRole('link', { name: /^Long listens/ }).click();
    await expect(page.getByRole('list', { name: 'Long listens' }).getByRole('listitem')).toHaveText([/Long Mix/]);

    await page.getByRole('link', { name: 'Songs' }).click();
    await page.getByRole('button', { name: 'Resume Long Mix', exact: true }).click();
    await expectSounding(page);
    expect((await audioOf(page)).currentTime).toBeGreaterThanOrEqual(SEEK_TO);
    await expect(speed(page)).toHaveValue('2');
    await browser.close();
  } finally {
    profile.remove();
  }
});

for (const colorScheme of ['light', 'dark'] as const) {
  for (const [size, viewport] of [
    ['phone', { width: 390, height: 844 }],
    ['desktop', { width: 1280, height: 800 }],
  ] as const) {
    test(`the Continue listening shelf has no accessibility violations (${colorScheme}, ${size})`, async ({ context }) => {
      await serveLibrary(context);
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme });
      await open(page);
      await listenFarIntoLongMix(page);
      await page.getByRole('button', { name: 'Play Morning Drift', exact: true }).click();
      await expect(shelf(page)).toContainText('Long Mix');
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(violations.map((violation) => ({ id: violation.id, nodes: violation.nodes.map((node) => node.target.join(' ')) }))).toEqual(
        [],
      );
    });
  }
}
