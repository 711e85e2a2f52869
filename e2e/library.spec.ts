import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import {
  type CatalogTrack,
  libraryList,
  numberedTracks,
  openWithQueueOf,
  queueList,
  scrollHeightChangeWheelingToEnd,
  serveCatalog,
  wheelUntilVisible,
} from './support/catalogs';
import { tapChannel } from './support/channel';
import { expectSilent, expectSounding, nowPlaying, openPlayer, queueTitles } from './support/player';

// Routed catalogs must reach the page itself, never a service worker's cache.
test.use({ serviceWorkers: 'block' });

const DEMO_TITLES = ['Morning Drift', 'Neon Avenue', 'Paper Lanterns', 'Low Tide', 'Kite Season', 'Static Bloom'];

test('the filter narrows the library, and clearing it brings every track back', async ({ page }) => {
  await openPlayer(page);
  const rows = libraryList(page).getByRole('listitem');
  await expect(rows.locator('.title')).toHaveText(DEMO_TITLES);

  const filter = page.getByRole('searchbox', { name: 'Filter library' });
  await filter.fill('tide');
  await expect(rows).toHaveCount(1);
  await expect(rows.locator('.title')).toHaveText(['Low Tide']);
  await expect(page.getByRole('button', { name: 'Play Low Tide', exact: true })).toBeVisible();

  // Case and word order do not matter; every word must match (title, artist or album).
  await filter.fill('GENERATORS kite');
  await expect(rows.locator('.title')).toHaveText(['Kite Season']);

  await filter.fill('no such song');
  await expect(rows).toHaveCount(0);
  await expect(page.getByText('No track matches the filter.')).toBeVisible();

  await filter.fill('');
  await expect(rows.locator('.title')).toHaveText(DEMO_TITLES);
});

test('each track shows its title, artist, album, length and artwork; Now playing shows the playing one’s, and its length', async ({
  page,
}) => {
  await openPlayer(page);
  const row = libraryList(page).getByRole('listitem').filter({ hasText: 'Kite Season' });
  await expect(row).toContainText('The Generators · Festival of Small Lights');
  await expect(row).toContainText('2:56');
  await expect(row.locator('img')).toHaveAttribute('src', /art\/t5\.svg$/);

  await page.getByRole('button', { name: 'Play Kite Season', exact: true }).click();
  await expect(nowPlaying(page)).toContainText('Kite Season');
  await expect(nowPlaying(page)).toContainText('The Generators · Festival of Small Lights');
  await expect(nowPlaying(page).getByLabel('Duration')).toHaveText('2:56');
  await expect(nowPlaying(page).getByRole('slider', { name: 'Seek' })).toHaveAttribute('max', '176');
  await expect(nowPlaying(page).locator('img')).toHaveAttribute('src', /art\/t5\.svg$/);
  await expect(libraryList(page).getByRole('listitem').filter({ hasText: 'Kite Season' })).toHaveAttribute('aria-current', 'true');
  await expect(libraryList(page).locator('[aria-current]')).toHaveCount(1);
});

test('a catalog of 10,000 tracks renders a window of rows, scrolls to the end, and filters', async ({ page }) => {
  const tracks = numberedTracks(10_000);
  const unique = 'Quokka Serenade';
  tracks[7776] = { ...tracks[7776]!, title: unique };
  await serveCatalog(page, tracks);
  await openPlayer(page);

  const list = libraryList(page);
  const rows = list.getByRole('listitem');
  await expect(rows.first()).toContainText('Track 00001');
  const rendered = await rows.count();
  expect(rendered).toBeGreaterThan(0);
  expect(rendered).toBeLessThan(200);
  await expect(page.getByRole('searchbox', { name: 'Filter library' })).toHaveAttribute('placeholder', 'Filter 10000 tracks');

  const last = rows.filter({ hasText: 'Track 10000' });
  await wheelUntilVisible(page, list, last);
  await expect(last.getByRole('button', { name: 'Play Track 10000', exact: true })).toBeVisible();
  expect(await rows.count()).toBeLessThan(200);
  await expect(rows.filter({ hasText: 'Track 00001' })).toHaveCount(0);

  await page.getByRole('searchbox', { name: 'Filter library' }).fill('quokka');
  await expect(rows).toHaveCount(1);
  await expect(rows.locator('.title')).toHaveText([unique]);

  // The row found is a working row: its track can be queued.
  await page.getByRole('button', { name: `Add ${unique} to queue` }).click();
  await expect(queueTitles(page)).toHaveText([unique]);
});

test('a queue of 1,000 entries renders a window of rows and scrolls to its last entry', async ({ page }) => {
  await openWithQueueOf(page, 1000);

  await expect(page.getByRole('heading', { name: /\(1000\)/ })).toBeVisible();
  const list = queueList(page);
  const rows = list.getByRole('listitem');
  await expect(rows.first()).toContainText('Track 0001');
  const rendered = await rows.count();
  expect(rendered).toBeGreaterThan(0);
  expect(rendered).toBeLessThan(200);

  const last = rows.filter({ hasText: 'Track 1000' });
  await wheelUntilVisible(page, list, last);
  await expect(last.getByRole('button', { name: 'Remove Track 1000 from queue' })).toBeVisible();
  await expect(last.getByRole('button', { name: 'Move Track 1000 down' })).toBeDisabled();
  expect(await rows.count()).toBeLessThan(200);

  // Editing at the end of a long queue works and is counted.
  await last.getByRole('button', { name: 'Remove Track 1000 from queue' }).click();
  await expect(page.getByRole('heading', { name: /\(999\)/ })).toBeVisible();
  await expect(rows.filter({ hasText: 'Track 1000' })).toHaveCount(0);
  await expect(rows.filter({ hasText: 'Track 0999' })).toBeVisible();
});

test('a queue of 150 entries keeps its length while its rows out of view are skipped, and its last row works', async ({ page }) => {
  // Rows out of view are neither laid out nor painted until they come near it (content-visibility): the
  // size they hold until then must be a row's, or the list would grow or shrink under a person's scrolling.
  await openWithQueueOf(page, 150);
  const list = queueList(page);
  const rows = list.getByRole('listitem');
  await expect(page.getByRole('heading', { name: /\(150\)/ })).toBeVisible();
  await expect(rows).toHaveCount(150);
  expect(await scrollHeightChangeWheelingToEnd(page, list)).toBeLessThanOrEqual(1);
  const last = rows.filter({ hasText: 'Track 150' });
  await expect(last).toBeInViewport();
  await expect(last.getByRole('button', { name: 'Move Track 150 down' })).toBeDisabled();

  await last.getByRole('button', { name: 'Move Track 150 up' }).click();
  await expect(queueTitles(page).nth(148)).toHaveText('Track 150');
  await expect(queueTitles(page).nth(149)).toHaveText('Track 149');
});

test('titles containing HTML are shown as text, never run', async ({ page }) => {
  const imgTitle = '<img src=x onerror="window.__xss=1">';
  const boldTitle = '<b>bold</b>';
  const tracks: CatalogTrack[] = [
    { id: 'x1', title: imgTitle, artist: '<i>Artist</i>', album: '<script>window.__xss=2</script>', duration: 168, url: 'audio/t1.mp3' },
    { id: 'x2', title: boldTitle, artist: 'Plain Artist', duration: 168, url: 'audio/t1.mp3' },
  ];
  await serveCatalog(page, tracks);
  await openPlayer(page);

  const rows = libraryList(page).getByRole('listitem');
  await expect(rows.locator('.title')).toHaveText([imgTitle, boldTitle]);
  await expect(rows.first()).toContainText('<i>Artist</i>');
  await expect(rows.first()).toContainText('<script>window.__xss=2</script>');
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('b', { hasText: 'bold' })).toHaveCount(0);

  await page.getByRole('button', { name: `Play ${imgTitle}`, exact: true }).click();
  await expect(nowPlaying(page).getByText(imgTitle, { exact: true })).toBeVisible();
  await expect(nowPlaying(page)).toContainText('<i>Artist</i>');
  await expectSounding(page);

  await page.getByRole('button', { name: `Add ${boldTitle} to queue` }).click();
  await expect(queueTitles(page)).toHaveText([boldTitle]);
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(nowPlaying(page).getByText(boldTitle, { exact: true })).toBeVisible();

  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('b', { hasText: 'bold' })).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
});

/** Two tabs on a catalog whose one track (Morning Drift's audio, 2:48) comes without its length. */
async function twoTabsWithoutLengths(context: BrowserContext): Promise<[Page, Page]> {
  const tracks: CatalogTrack[] = [{ id: 'n1', title: 'No Length Given', artist: 'Unmeasured', url: 'audio/t1.mp3' }];
  const tabs: [Page, Page] = [await context.newPage(), await context.newPage()];
  for (const page of tabs) {
    await serveCatalog(page, tracks);
    await openPlayer(page);
  }
  return tabs;
}

test('a catalog without track lengths: every tab’s seek slider still ends where the track does', async ({ context }) => {
  const [a, b] = await twoTabsWithoutLengths(context);
  await a.bringToFront();

  await a.getByRole('button', { name: 'Play No Length Given', exact: true }).click();
  await expectSounding(a);

  // Morning Drift's audio lasts 2:48; B learns it from the file's metadata, and never plays it.
  for (const page of [a, b]) {
    const seek = nowPlaying(page).getByRole('slider', { name: 'Seek' });
    await expect.poll(async () => Number(await seek.getAttribute('max'))).toBeGreaterThan(167);
    expect(Number(await seek.getAttribute('max'))).toBeLessThan(169);
    await expect(seek).toHaveAttribute('aria-valuetext', /of 2:48$/);
  }
  await expectSilent(b);
});

test('tracks the deployer removed are dropped from the saved session once, with a notice', async ({ page }) => {
  await openPlayer(page);
  await page.getByRole('button', { name: 'Play Morning Drift', exact: true }).click();
  await page.getByRole('button', { name: 'Add Low Tide to queue' }).click();
  await page.getByRole('button', { name: 'Add Kite Season to queue' }).click();
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(queueTitles(page)).toHaveText(['Low Tide', 'Kite Season']);

  // The next deploy's catalog no longer has Low Tide.
  const demo = (await (await page.request.get('library.json')).json()) as { tracks: CatalogTrack[] };
  await serveCatalog(
    page,
    demo.tracks.filter((track) => track.title !== 'Low Tide'),
  );
  await page.reload();
  await openPlayer(page);

  await expect(page.getByRole('status').filter({ hasText: 'no longer in the library' })).toContainText(
    'One track in your saved session is no longer in the library and was removed.',
  );
  await expect(queueTitles(page)).toHaveText(['Kite Season']);
  await expect(nowPlaying(page)).toContainText('Morning Drift');
});

test('a tab that does not play asks for a failing file’s length once, not at every change', async ({ context }) => {
  const [a, b] = await twoTabsWithoutLengths(context);
  // Only B cannot reach the file.
  let asked = 0;
  await b.route('**/audio/t1.mp3', (route) => {
    asked++;
    return route.fulfill({ status: 404, body: 'missing' });
  });
  await a.bringToFront();

  await a.getByRole('button', { name: 'Play No Length Given', exact: true }).click();
  await expectSounding(a);
  await expect.poll(() => asked).toBeGreaterThan(0);
  // A's position checkpoints reach B about once a second, each one a state change there: once B has
  // heard three more, every one of them would have asked again by now.
  const heard = await tapChannel(b);
  await expect.poll(() => heard.changes(), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);

  expect(asked).toBe(1);
  await expectSounding(a);
  await expect(b.getByRole('alert')).toHaveCount(0);
});
