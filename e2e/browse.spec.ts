import AxeBuilder from '@axe-core/playwright';
import { type BrowserContext, expect, type Locator, type Page, test } from '@playwright/test';
import { type CatalogTrack, libraryList, serveCatalog, wheelUntilVisible } from './support/catalogs';
import { tabTo as tabToControl } from './support/keyboard';
import { nowPlaying, queueTitles } from './support/player';

// Routed catalogs must reach the page itself, never a service worker's cache.
test.use({ serviceWorkers: 'block' });

const audio = 'audio/t1.mp3';
const DAY = 86_400_000;

/**
 * A small library with what browsing must cope with: a two-disc album listed out of order, a compilation
 * (three track artists, one album artist), an artist who also guests on the compilation, a diacritic.
 */
const TRACKS: CatalogTrack[] = [
  {
    id: 'b4',
    title: 'Second Side Closer',
    artist: 'Duo Band',
    album: 'Two Sides',
    discNumber: 2,
    trackNumber: 2,
    year: 2001,
    duration: 250,
    addedAt: 4 * DAY,
    url: audio,
  },
  {
    id: 'b1',
    title: 'First Side Opener',
    artist: 'Duo Band',
    album: 'Two Sides',
    discNumber: 1,
    trackNumber: 1,
    year: 2001,
    duration: 200,
    addedAt: 1 * DAY,
    url: audio,
    artwork: 'art/t2.svg',
  },
  {
    id: 'b3',
    title: 'Second Side Opener',
    artist: 'Duo Band',
    album: 'Two Sides',
    discNumber: 2,
    trackNumber: 1,
    year: 2001,
    duration: 210,
    addedAt: 3 * DAY,
    url: audio,
  },
  {
    id: 'b2',
    title: 'First Side Closer',
    artist: 'Duo Band',
    album: 'Two Sides',
    discNumber: 1,
    trackNumber: 2,
    year: 2001,
    duration: 190,
    addedAt: 2 * DAY,
    url: audio,
  },
  {
    id: 'c1',
    title: 'Mi Korasón',
    artist: 'Los Ejemplos',
    album: 'Summer Hits',
    albumArtist: 'Various Artists',
    trackNumber: 1,
    genre: 'Cumbia',
    duration: 180,
    addedAt: 5 * DAY,
    url: audio,
  },
  {
    id: 'c2',
    title: 'Beach Song',
    artist: 'Sandy Shore',
    album: 'Summer Hits',
    albumArtist: 'Various Artists',
    trackNumber: 2,
    genre: 'Pop',
    duration: 170,
    addedAt: 6 * DAY,
    url: audio,
  },
  {
    id: 'c3',
    title: 'Guest Spot',
    artist: 'Duo Band',
    album: 'Summer Hits',
    albumArtist: 'Various Artists',
    trackNumber: 3,
    genre: 'Pop',
    duration: 160,
    addedAt: 7 * DAY,
    url: audio,
  },
  {
    id: 'q1',
    title: 'Night Bus',
    artist: 'Nocturne',
    album: 'Quiet Hours',
    trackNumber: 1,
    duration: 300,
    addedAt: 8 * DAY,
    url: audio,
    artwork: 'art/t3.svg',
  },
];
const TWO_SIDES = ['First Side Opener', 'First Side Closer', 'Second Side Opener', 'Second Side Closer'];

function link(page: Page, name: string): Locator {
  return page.getByRole('link', { name, exact: true });
}

/** The list of an album's page (named after the album) or of a view, and its rows' titles. */
function titlesOf(list: Locator): Locator {
  return list.getByRole('listitem').locator('.title');
}

async function openBrowse(page: Page, path = './'): Promise<void> {
  await serveCatalog(page, TRACKS);
  await page.goto(path);
  await expect(link(page, 'Albums')).toBeVisible();
}

async function openAlbum(page: Page, title: string): Promise<void> {
  await link(page, 'Albums').click();
  await link(page, title).click();
  await expect(page.getByRole('heading', { name: title, level: 2 })).toBeVisible();
}

/** The track playing, then the queue, as this tab shows them. */
async function playOrder(page: Page): Promise<string[]> {
  return [(await nowPlaying(page).locator('.title').textContent()) ?? '', ...(await queueTitles(page).allTextContents())];
}

/** Waits until the tab plays exactly these titles (in any order: a shuffle), and returns the order. */
async function settledOrder(page: Page, titles: readonly string[]): Promise<string[]> {
  await expect.poll(async () => (await playOrder(page)).sort()).toEqual([...titles].sort());
  return playOrder(page);
}

async function twoTabs(context: BrowserContext): Promise<[Page, Page]> {
  const a = await context.newPage();
  const b = await context.newPage();
  await openBrowse(a);
  await openBrowse(b);
  await a.bringToFront();
  return [a, b];
}

test('each view has its own URL: links, reload, Back, Forward and a bookmark land on the same view', async ({ page, context }) => {
  await openBrowse(page);
  await expect(libraryList(page)).toBeVisible();
  await expect(link(page, 'Songs')).toHaveAttribute('aria-current', 'page');

  await link(page, 'Albums').click();
  await expect(page).toHaveURL(/#\/albums$/);
  await expect(page.getByRole('list', { name: 'Albums' })).toBeVisible();
  await expect(libraryList(page)).toBeHidden();

  await link(page, 'Two Sides').click();
  await expect(page).toHaveURL(/#\/albums\/.+/);
  const albumUrl = page.url();
  await expect(page.getByRole('list', { name: 'Two Sides' })).toBeVisible();

  await page.reload();
  await expect(titlesOf(page.getByRole('list', { name: 'Two Sides' }))).toHaveText(TWO_SIDES);

  await page.goBack();
  await expect(page.getByRole('list', { name: 'Albums' })).toBeVisible();
  await page.goForward();
  await expect(page.getByRole('list', { name: 'Two Sides' })).toBeVisible();
  await page.goBack();
  await page.goBack();
  await expect(libraryList(page)).toBeVisible();
  await expect(page.getByRole('list', { name: 'Albums' })).toHaveCount(0);

  await link(page, 'Artists').click();
  await link(page, 'Nocturne').click();
  await expect(page.getByRole('heading', { name: 'Nocturne', level: 2 })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Nocturne', level: 2 })).toBeVisible();

  // A bookmark opened in a new tab.
  const bookmark = await context.newPage();
  await serveCatalog(bookmark, TRACKS);
  await bookmark.goto(albumUrl);
  await expect(titlesOf(bookmark.getByRole('list', { name: 'Two Sides' }))).toHaveText(TWO_SIDES);
  await expect(libraryList(bookmark)).toBeHidden();
});

test('an album page lists a two-disc album in disc and track order, each track with its own buttons', async ({ page }) => {
  await openBrowse(page);
  await openAlbum(page, 'Two Sides');
  const list = page.getByRole('list', { name: 'Two Sides' });
  await expect(titlesOf(list)).toHaveText(TWO_SIDES);
  await expect(page.getByText('4 tracks · 2 discs')).toBeVisible();
  for (const title of TWO_SIDES) {
    const row = list.getByRole('listitem').filter({ hasText: title });
    for (const name of [`Play ${title}`, `Add ${title} to queue`, `Play ${title} next`]) {
      await expect(row.getByRole('button', { name, exact: true })).toBeVisible();
    }
  }
  // The album artist's name leads to their page.
  await link(page, 'Duo Band').click();
  await expect(page.getByRole('heading', { name: 'Duo Band', level: 2 })).toBeVisible();
});

test('a compilation stays one album under its album artist, and its artists’ pages show where they appear', async ({ page }) => {
  await openBrowse(page);
  await link(page, 'Albums').click();
  const albums = page.getByRole('list', { name: 'Albums' });
  await expect(albums.getByRole('link')).toHaveText(['Two Sides', 'Quiet Hours', 'Summer Hits']);
  await expect(albums.getByRole('listitem').filter({ hasText: 'Summer Hits' })).toContainText('Various Artists · 3 tracks');

  await link(page, 'Summer Hits').click();
  const list = page.getByRole('list', { name: 'Summer Hits' });
  await expect(titlesOf(list)).toHaveText(['Mi Korasón', 'Beach Song', 'Guest Spot']);
  await expect(list.getByRole('listitem').nth(1)).toContainText('Sandy Shore');

  await link(page, 'Artists').click();
  await expect(page.getByRole('list', { name: 'Artists' }).getByRole('link')).toHaveText([
    'Duo Band',
    'Los Ejemplos',
    'Nocturne',
    'Sandy Shore',
    'Various Artists',
  ]);
  await link(page, 'Duo Band').click();
  await expect(page.getByRole('list', { name: 'Albums by Duo Band' }).getByRole('link')).toHaveText(['Two Sides']);
  await expect(page.getByRole('list', { name: 'Duo Band appears on' }).getByRole('link')).toHaveText(['Summer Hits']);
});

test('Play album in one tab: both tabs show its first track playing and the rest as the queue, which it replaces', async ({ context }) => {
  const [a, b] = await twoTabs(context);
  await a.getByRole('button', { name: 'Add Night Bus to queue' }).click();
  await expect(queueTitles(b)).toHaveText(['Night Bus']);

  await openAlbum(a, 'Two Sides');
  await a.getByRole('button', { name: 'Play album', exact: true }).click();
  for (const page of [a, b]) {
    await expect(nowPlaying(page)).toContainText('First Side Opener');
    await expect(queueTitles(page)).toHaveText(TWO_SIDES.slice(1));
    await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  }
  // The tab that is on the album page marks the playing track.
  await expect(a.getByRole('list', { name: 'Two Sides' }).getByRole('listitem').first()).toHaveAttribute('aria-current', 'true');
});

test('Shuffle album plays every track of it once, in the same shuffled order in both tabs', async ({ context }) => {
  const [a, b] = await twoTabs(context);
  await openAlbum(a, 'Two Sides');
  await a.getByRole('button', { name: 'Shuffle album', exact: true }).click();
  const order = await settledOrder(a, TWO_SIDES);
  await expect.poll(() => playOrder(b)).toEqual(order);
});

test('Add album to queue adds every track in album order, after what is queued, in both tabs', async ({ context }) => {
  const [a, b] = await twoTabs(context);
  await a.getByRole('button', { name: 'Add Night Bus to queue' }).click();
  await openAlbum(a, 'Two Sides');
  await a.getByRole('button', { name: 'Add album to queue', exact: true }).click();
  for (const page of [a, b]) await expect(queueTitles(page)).toHaveText(['Night Bus', ...TWO_SIDES]);
  await expect(nowPlaying(b)).not.toContainText('First Side Opener');
});

test('Play artist and Shuffle artist play their albums, then where they guest, in both tabs', async ({ context }) => {
  const [a, b] = await twoTabs(context);
  await link(a, 'Artists').click();
  await link(a, 'Duo Band').click();
  await a.getByRole('button', { name: 'Play artist', exact: true }).click();
  for (const page of [a, b]) {
    await expect(nowPlaying(page)).toContainText('First Side Opener');
    await expect(queueTitles(page)).toHaveText([...TWO_SIDES.slice(1), 'Guest Spot']);
  }

  // Cleared first, so that a full queue below is the shuffle's.
  await a.getByRole('button', { name: 'Clear queue', exact: true }).click();
  await expect(queueTitles(b)).toHaveCount(0);
  await a.getByRole('button', { name: 'Shuffle artist', exact: true }).click();
  const order = await settledOrder(a, [...TWO_SIDES, 'Guest Spot']);
  await expect.poll(() => playOrder(b)).toEqual(order);
});

test('Search library folds case and diacritics, covers genre, groups songs, albums and artists, and keeps one history entry', async ({
  page,
}) => {
  await openBrowse(page);
  const box = page.getByRole('searchbox', { name: 'Search library' });
  const historyBefore = await page.evaluate(() => history.length);

  await box.pressSequentially('korason');
  await expect(page).toHaveURL(/#\/search\?q=korason$/);
  await expect(page.getByRole('heading', { name: 'Songs' })).toBeVisible();
  await expect(titlesOf(page.getByRole('list', { name: 'Songs' }))).toHaveText(['Mi Korasón']);
  await expect(page.getByRole('heading', { name: 'Albums' })).toHaveCount(0);
  expect(await page.evaluate(() => history.length)).toBe(historyBefore + 1);

  await box.fill('DUO');
  await expect(page.getByRole('list', { name: 'Albums' }).getByRole('link')).toHaveText(['Two Sides']);
  await expect(page.getByRole('list', { name: 'Artists' }).getByRole('link')).toHaveText(['Duo Band']);
  await expect(page.getByRole('list', { name: 'Songs' }).getByRole('listitem')).toHaveCount(5);

  await box.fill('cumbia');
  await expect(titlesOf(page.getByRole('list', { name: 'Songs' }))).toHaveText(['Mi Korasón']);
  await page.getByRole('button', { name: 'Play Mi Korasón', exact: true }).click();
  await expect(nowPlaying(page)).toContainText('Mi Korasón');

  await box.fill('no such thing');
  await expect(page.getByText('Nothing in your library matches “no such thing”.')).toBeVisible();

  // Reload keeps the search; Back leaves it for the view before it.
  await box.fill('sandy');
  await page.reload();
  await expect(page.getByRole('searchbox', { name: 'Search library' })).toHaveValue('sandy');
  await expect(page.getByRole('list', { name: 'Artists' }).getByRole('link')).toHaveText(['Sandy Shore']);
  await page.goBack();
  await expect(libraryList(page)).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Search library' })).toHaveValue('');
});

test('Songs sort by title, artist, album, date added and duration', async ({ page }) => {
  await openBrowse(page);
  const sort = page.getByRole('combobox', { name: 'Sort by' });
  const titles = titlesOf(libraryList(page));
  await expect(titles).toHaveText(TRACKS.map((track) => track.title));

  const byTitle = [...TRACKS].map((track) => track.title).sort((x, y) => x.localeCompare(y));
  await sort.selectOption({ label: 'Title' });
  await expect(titles).toHaveText(byTitle);

  await sort.selectOption({ label: 'Duration' });
  await expect(titles).toHaveText([...TRACKS].sort((x, y) => (x.duration ?? 0) - (y.duration ?? 0)).map((track) => track.title));

  await sort.selectOption({ label: 'Date added' });
  await expect(titles).toHaveText([...TRACKS].sort((x, y) => (y.addedAt ?? 0) - (x.addedAt ?? 0)).map((track) => track.title));

  await sort.selectOption({ label: 'Album' });
  await expect(titles).toHaveText(['Night Bus', 'Mi Korasón', 'Beach Song', 'Guest Spot', ...TWO_SIDES]);

  await sort.selectOption({ label: 'Artist' });
  await expect(titles).toHaveText(['Guest Spot', ...TWO_SIDES, 'Mi Korasón', 'Night Bus', 'Beach Song']);

  // The sorted list is a working list, and the filter still narrows it.
  await page.getByRole('searchbox', { name: 'Filter library' }).fill('side');
  await expect(titles).toHaveText(TWO_SIDES);

  await sort.selectOption({ label: 'Library order' });
  await page.getByRole('searchbox', { name: 'Filter library' }).fill('');
  await expect(titles).toHaveText(TRACKS.map((track) => track.title));
});

test('two tabs browse different views; nothing about the view is shared', async ({ context }) => {
  const [a, b] = await twoTabs(context);
  await openAlbum(a, 'Quiet Hours');
  await link(b, 'Artists').click();
  await expect(b.getByRole('list', { name: 'Artists' })).toBeVisible();
  await expect(a.getByRole('list', { name: 'Quiet Hours' })).toBeVisible();
  await a.getByRole('button', { name: 'Play album', exact: true }).click();
  await expect(nowPlaying(b)).toContainText('Night Bus');
  await expect(b).toHaveURL(/#\/artists$/);
});

test('Playback speed: chosen in one tab, shown in both, and the sound plays at it', async ({ context }) => {
  const [a, b] = await twoTabs(context);
  const speed = (page: Page) => page.getByRole('combobox', { name: 'Playback speed' });
  await expect(speed(a)).toHaveValue('1');
  await expect(speed(b)).toHaveValue('1');

  await a.getByRole('button', { name: 'Play Night Bus', exact: true }).click();
  await speed(a).selectOption('1.5');
  await expect(speed(b)).toHaveValue('1.5');
  await expect
    .poll(() => a.evaluate(() => document.querySelector('mediastream-app')?.shadowRoot?.querySelector('audio')?.playbackRate))
    .toBe(1.5);

  // The next track plays at it from its first moment: loading a track resets an element's rate to its
  // default, and nothing else puts it back until the next change of the shared state.
  await a.evaluate(() => {
    const audio = document.querySelector('mediastream-app')!.shadowRoot!.querySelector('audio')!;
    const heard: number[] = [];
    let loading = false;
    audio.addEventListener('loadstart', () => (loading = true), { once: true });
    audio.addEventListener('timeupdate', () => loading && heard.push(audio.playbackRate));
    const played = new Promise<void>((resolve) => audio.addEventListener('playing', () => loading && setTimeout(resolve, 600)));
    Object.assign(window, { heardRates: played.then(() => heard) });
  });
  await a.getByRole('button', { name: 'Play Beach Song', exact: true }).click();
  const heard = await a.evaluate(() => (window as unknown as { heardRates: Promise<number[]> }).heardRates);
  // Its first 600 ms of playing, in the element's timeupdates (about four a second).
  expect(heard.length).toBeGreaterThan(0);
  expect(new Set(heard)).toEqual(new Set([1.5]));

  await speed(b).selectOption('0.5');
  await expect(speed(a)).toHaveValue('0.5');
  await speed(b).selectOption('3');
  await expect(speed(a)).toHaveValue('3');
  await expect(speed(a).locator('option')).toHaveText(['0.5×', '0.75×', '1×', '1.25×', '1.5×', '1.75×', '2×', '2.5×', '3×']);

  // A reload keeps it: the rate is part of the saved session.
  await b.reload();
  await expect(speed(b)).toHaveValue('3');
});

test('keyboard only: the views, an album and its buttons are reached with Tab and used with Enter, with a visible focus', async ({
  page,
}) => {
  await openBrowse(page);
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  const tabTo = (target: Locator) => tabToControl(page, target);
  await tabTo(link(page, 'Albums'));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/albums$/);
  await tabTo(link(page, 'Two Sides'));
  await page.keyboard.press('Enter');
  // The focus moves to the page it opened, not back to the top of the document.
  await expect(page.getByRole('heading', { name: 'Two Sides', level: 2 })).toBeFocused();
  await tabTo(page.getByRole('button', { name: 'Play album', exact: true }));
  await page.keyboard.press('Enter');
  await expect(nowPlaying(page)).toContainText('First Side Opener');
});

test('empty states say what to do', async ({ page }) => {
  await serveCatalog(page, []);
  await page.goto('./#/albums');
  await expect(
    page.getByText('Your library is empty. Use Add music to bring in your own files, and your albums and artists appear here.'),
  ).toBeVisible();
  await link(page, 'Artists').click();
  await expect(page.getByText(/Your library is empty\. Use Add music/)).toBeVisible();
  await link(page, 'Songs').click();
  await expect(page.getByText('Your library is empty. Use Add music to bring in your own files.')).toBeVisible();

  await serveCatalog(page, TRACKS);
  await page.goto('./#/albums/no-such-album');
  await page.reload();
  await expect(page.getByText('This album is not in your library.')).toBeVisible();
  await link(page, 'All albums').click();
  await expect(page.getByRole('list', { name: 'Albums' })).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search library' }).fill('x');
  await page.getByRole('searchbox', { name: 'Search library' }).fill('');
  await expect(page.getByText(/Type in Search library/)).toBeVisible();
});

test('a library of 600 albums: the Albums view renders a window of rows, scrolls to the last album and opens it', async ({ page }) => {
  const tracks: CatalogTrack[] = Array.from({ length: 3000 }, (_, i) => ({
    id: `n${i}`,
    title: `Song ${i}`,
    artist: `Artist ${String(Math.floor(i / 50)).padStart(2, '0')}`,
    album: `Album ${String(Math.floor(i / 5)).padStart(3, '0')}`,
    trackNumber: 5 - (i % 5),
    url: audio,
  }));
  await serveCatalog(page, tracks);
  await page.goto('./#/albums');
  const list = page.getByRole('list', { name: 'Albums' });
  await expect(page.getByRole('heading', { name: 'Albums (600)' })).toBeVisible();
  const rows = list.getByRole('listitem');
  await expect(rows.first()).toContainText('Album 000');
  expect(await rows.count()).toBeLessThan(200);

  const last = rows.filter({ has: link(page, 'Album 599') });
  await wheelUntilVisible(page, list, last);
  await link(page, 'Album 599').click();
  await expect(titlesOf(page.getByRole('list', { name: 'Album 599' }))).toHaveText([
    'Song 2999',
    'Song 2998',
    'Song 2997',
    'Song 2996',
    'Song 2995',
  ]);
});

test('album, artist and genre names containing HTML are shown as text, never run', async ({ page }) => {
  const album = '<img src=x onerror="window.__xss=1">';
  const artist = '<b>Bold</b> Band';
  await serveCatalog(page, [{ id: 'h1', title: 'Plain Title', artist, album, genre: '<i>Genre</i>', trackNumber: 1, url: audio }]);
  await page.goto('./#/albums');
  await link(page, album).click();
  await expect(page.getByRole('heading', { name: album, level: 2 })).toBeVisible();
  await expect(link(page, artist)).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search library' }).fill('<i>genre');
  await expect(titlesOf(page.getByRole('list', { name: 'Songs' }))).toHaveText(['Plain Title']);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('b', { hasText: 'Bold' })).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
});

const VIEWS: readonly [string, string][] = [
  ['Songs', './#/songs'],
  ['Albums', './#/albums'],
  ['an album', ''],
  ['Artists', './#/artists'],
  ['an artist', ''],
  ['search results', './#/search?q=side'],
];

for (const colorScheme of ['light', 'dark'] as const) {
  for (const [size, viewport] of [
    ['phone', { width: 390, height: 844 }],
    ['desktop', { width: 1280, height: 800 }],
  ] as const) {
    test(`no accessibility violations on any browsing view (${colorScheme}, ${size})`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme });
      await openBrowse(page);
      for (const [view, path] of VIEWS) {
        if (view === 'an album') await openAlbum(page, 'Two Sides');
        else if (view === 'an artist') {
          await link(page, 'Artists').click();
          await link(page, 'Duo Band').click();
          await expect(page.getByRole('heading', { name: 'Duo Band', level: 2 })).toBeVisible();
        } else {
          await page.goto(path);
          await expect(link(page, 'Albums')).toBeVisible();
        }
        await expect(page.getByText('Loading your music…')).toHaveCount(0);
        const { violations } = await new AxeBuilder({ page }).analyze();
        expect(
          violations.map((violation) => ({ view, id: violation.id, nodes: violation.nodes.map((node) => node.target.join(' ')) })),
          `${view}: no violations`,
        ).toEqual([]);
      }
    });
  }
}
