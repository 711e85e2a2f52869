import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { openWithQueueOf, scrollHeightChangeWheelingToEnd } from './support/catalogs';
import { tabTo } from './support/keyboard';
import { nowPlaying, openPlayer, queueTitles } from './support/player';

/** Two tabs of one browser, each showing the player. */
async function twoTabs(context: BrowserContext): Promise<[Page, Page]> {
  const a = await context.newPage();
  await openPlayer(a);
  const b = await context.newPage();
  await openPlayer(b);
  return [a, b];
}

async function newPlaylist(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name: 'Playlists' }).click();
  await page.getByRole('button', { name: 'New playlist' }).click();
  await page.getByRole('textbox', { name: 'Playlist name' }).fill(name);
  await page.getByRole('button', { name: 'Create' }).click();
}

function playlistTitles(page: Page, name: string) {
  return page.getByRole('list', { name, exact: true }).getByRole('listitem').locator('.title');
}

async function openPlaylist(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name: 'Playlists' }).click();
  await page.getByRole('link', { name: new RegExp(`^${name}`) }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
}

async function queueSomeTracks(page: Page, ...titles: string[]): Promise<void> {
  for (const title of titles) await page.getByRole('button', { name: `Add ${title} to queue`, exact: true }).click();
  await expect(queueTitles(page)).toHaveCount(titles.length);
}

/** `Add <title> to playlist`, then the playlist's name in the choice it opens. */
async function addToPlaylist(page: Page, title: string, playlist: string): Promise<void> {
  await page.getByRole('button', { name: `Add ${title} to playlist`, exact: true }).click();
  await choice(page, title).getByRole('button', { name: playlist, exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: `Added “${title}” to “${playlist}”.` })).toBeVisible();
  await expect(choice(page, title)).toBeHidden();
}

function choice(page: Page, title: string) {
  return page.getByRole('dialog', { name: `Add “${title}” to playlist` });
}

test('Add to playlist from Songs, an album page and search results, choosing which playlist; the other tab shows each', async ({
  context,
}) => {
  const [a, b] = await twoTabs(context);
  await newPlaylist(a, 'Favourites');
  await newPlaylist(a, 'Workout');
  await openPlaylist(b, 'Favourites');

  await a.getByRole('link', { name: 'Songs' }).click();
  await addToPlaylist(a, 'Low Tide', 'Favourites');
  await expect(playlistTitles(b, 'Favourites')).toHaveText(['Low Tide']);

  await a.getByRole('link', { name: 'Albums' }).click();
  await a.getByRole('link', { name: 'Festival of Small Lights', exact: true }).click();
  await addToPlaylist(a, 'Kite Season', 'Favourites');
  await expect(playlistTitles(b, 'Favourites')).toHaveText(['Low Tide', 'Kite Season']);

  await a.getByRole('searchbox', { name: 'Search library' }).fill('neon');
  await addToPlaylist(a, 'Neon Avenue', 'Workout');
  await expect(playlistTitles(b, 'Favourites')).toHaveText(['Low Tide', 'Kite Season']);
  await openPlaylist(b, 'Workout');
  await expect(playlistTitles(b, 'Workout')).toHaveText(['Neon Avenue']);

  // Cancel adds nothing.
  await a.getByRole('button', { name: 'Add Neon Avenue to playlist', exact: true }).click();
  await choice(a, 'Neon Avenue').getByRole('button', { name: 'Cancel' }).click();
  await expect(choice(a, 'Neon Avenue')).toBeHidden();
  await b.reload();
  await expect(playlistTitles(b, 'Workout')).toHaveText(['Neon Avenue']);
});

test('with no playlist yet, Add to playlist offers New playlist, which makes one holding the track', async ({ context }) => {
  const [a, b] = await twoTabs(context);
  await a.getByRole('button', { name: 'Add Paper Lanterns to playlist', exact: true }).click();
  const dialog = choice(a, 'Paper Lanterns');
  await expect(dialog).toContainText('No playlists yet.');
  await dialog.getByRole('button', { name: 'New playlist' }).click();
  // A name of spaces only is refused with a message, and the choice stays open to try again.
  await dialog.getByRole('textbox', { name: 'Playlist name' }).fill('  ');
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(a.getByRole('alert')).toContainText('A playlist needs a name.');
  await dialog.getByRole('textbox', { name: 'Playlist name' }).fill('Lanterns');
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(dialog).toBeHidden();
  await openPlaylist(b, 'Lanterns');
  await expect(playlistTitles(b, 'Lanterns')).toHaveText(['Paper Lanterns']);
});

test('keyboard only: Add to playlist is reached with Tab, the playlist chosen with Tab and Enter, Escape leaves it', async ({ page }) => {
  await openPlayer(page);
  await newPlaylist(page, 'One');
  await newPlaylist(page, 'Two');
  await page.getByRole('link', { name: 'Songs' }).click();
  await page.locator('body').click({ position: { x: 1, y: 1 } });

  const add = page.getByRole('button', { name: 'Add Morning Drift to playlist', exact: true });
  await tabTo(page, add, 120);
  await page.keyboard.press('Enter');
  // The choice takes the focus (its first playlist); Tab moves to the next.
  await expect(choice(page, 'Morning Drift').getByRole('button', { name: 'One', exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Added “Morning Drift” to “Two”.' })).toBeVisible();
  // The focus is back where it was.
  await expect(add).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(choice(page, 'Morning Drift')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(choice(page, 'Morning Drift')).toBeHidden();
  await expect(add).toBeFocused();

  await openPlaylist(page, 'Two');
  await expect(playlistTitles(page, 'Two')).toHaveText(['Morning Drift']);
  await openPlaylist(page, 'One');
  await expect(playlistTitles(page, 'One')).toHaveCount(0);
});

test('keyboard only: New playlist, its name and Create, then the playlist page, with Tab and Enter', async ({ page }) => {
  await openPlayer(page);
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  await tabTo(page, page.getByRole('link', { name: 'Playlists' }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('button', { name: 'New playlist' }));
  await page.keyboard.press('Enter');
  // The name box takes the focus when it opens.
  await expect(page.getByRole('textbox', { name: 'Playlist name' })).toBeFocused();
  await page.keyboard.type('Typed');
  await page.keyboard.press('Enter');
  const link = page.getByRole('link', { name: /^Typed/ });
  await tabTo(page, link);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Typed' })).toBeVisible();
  await expect(page).toHaveURL(/#\/playlists\/.+/);
});

test('a playlist whose track left the library keeps it as unavailable, plays the rest, and shows it again when it is back', async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  // The demo catalog, served as it is and then without Neon Avenue (t2).
  const all = ((await (await fetch(new URL('library.json', baseURL))).json()) as { tracks: { id: string }[] }).tracks;
  const withTracks = async (tracks: readonly unknown[]) => {
    await page.unrouteAll();
    await page.route('**/library.json', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ tracks }) }),
    );
  };
  await withTracks(all);
  await openPlayer(page);
  await newPlaylist(page, 'Kept');
  await page.getByRole('link', { name: 'Songs' }).click();
  for (const title of ['Morning Drift', 'Neon Avenue', 'Low Tide']) await addToPlaylist(page, title, 'Kept');

  await withTracks(all.filter((track) => track.id !== 't2'));
  await page.reload();
  await openPlaylist(page, 'Kept');
  await expect(playlistTitles(page, 'Kept')).toHaveText(['Morning Drift', 'Unavailable track', 'Low Tide']);
  await expect(page.getByRole('list', { name: 'Kept', exact: true })).toContainText('No longer in your library');
  await page.getByRole('button', { name: 'Play playlist' }).click();
  await expect(nowPlaying(page)).toContainText('Morning Drift');
  await expect(queueTitles(page)).toHaveText(['Low Tide']);

  await withTracks(all);
  await page.reload();
  await expect(playlistTitles(page, 'Kept')).toHaveText(['Morning Drift', 'Neon Avenue', 'Low Tide']);
  await context.close();
});

test('a playlist of 150 entries keeps its length while its rows out of view are skipped, and its last row works', async ({ page }) => {
  await openWithQueueOf(page, 150);
  await expect(page.getByRole('heading', { name: /\(150\)/ })).toBeVisible();
  await page.getByRole('button', { name: 'Save queue as playlist' }).click();
  await page.getByRole('textbox', { name: 'Playlist name' }).fill('Long one');
  await page.getByRole('button', { name: 'Create' }).click();
  await openPlaylist(page, 'Long one');
  await expect(playlistTitles(page, 'Long one')).toHaveCount(150);

  const list = page.getByRole('list', { name: 'Long one', exact: true });
  expect(await scrollHeightChangeWheelingToEnd(page, list)).toBeLessThanOrEqual(1);
  const last = list.getByRole('listitem').filter({ hasText: 'Track 150' });
  await expect(last).toBeInViewport();
  await last.getByRole('button', { name: 'Move Track 150 up in playlist' }).click();
  await expect(playlistTitles(page, 'Long one').nth(148)).toHaveText('Track 150');
});

test('a playlist made from the queue in one tab shows in the other, in order, and plays', async ({ context }) => {
  const [a, b] = await twoTabs(context);
  await queueSomeTracks(a, 'Low Tide', 'Morning Drift', 'Kite Season');

  await a.getByRole('button', { name: 'Save queue as playlist' }).click();
  await a.getByRole('textbox', { name: 'Playlist name' }).fill('Road trip');
  await a.getByRole('button', { name: 'Create' }).click();

  await openPlaylist(b, 'Road trip');
  await expect(playlistTitles(b, 'Road trip')).toHaveText(['Low Tide', 'Morning Drift', 'Kite Season']);

  await b.getByRole('button', { name: 'Clear queue' }).click();
  await b.getByRole('button', { name: 'Play playlist' }).click();
  for (const page of [a, b]) {
    await expect(nowPlaying(page)).toContainText('Low Tide');
    await expect(queueTitles(page)).toHaveText(['Morning Drift', 'Kite Season']);
  }
});

test('reorder, remove, rename and delete with Undo, in two tabs; Back and reload keep the view', async ({ context }) => {
  const [a, b] = await twoTabs(context);
  await queueSomeTracks(a, 'Neon Avenue', 'Paper Lanterns', 'Static Bloom');
  await a.getByRole('button', { name: 'Save queue as playlist' }).click();
  await a.getByRole('textbox', { name: 'Playlist name' }).fill('Evening');
  await a.getByRole('button', { name: 'Create' }).click();
  await openPlaylist(a, 'Evening');
  await openPlaylist(b, 'Evening');

  await a.getByRole('button', { name: 'Move Static Bloom up in playlist' }).click();
  await a.getByRole('button', { name: 'Remove Neon Avenue from playlist' }).click();
  await expect(playlistTitles(b, 'Evening')).toHaveText(['Static Bloom', 'Paper Lanterns']);

  await a.getByRole('button', { name: 'Rename playlist' }).click();
  await a.getByRole('textbox', { name: 'Playlist name' }).fill('Late evening');
  await a.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(b.getByRole('heading', { name: 'Late evening' })).toBeVisible();

  await b.reload();
  await expect(b.getByRole('heading', { name: 'Late evening' })).toBeVisible();
  await expect(playlistTitles(b, 'Late evening')).toHaveText(['Static Bloom', 'Paper Lanterns']);

  await a.getByRole('button', { name: 'Delete playlist' }).click();
  await expect(a.getByRole('link', { name: /^Late evening/ })).toHaveCount(0);
  await expect(b.getByText('This playlist does not exist')).toBeVisible();
  await a.getByRole('status').filter({ hasText: 'Deleted the playlist “Late evening”' }).getByRole('button', { name: 'Undo' }).click();
  await expect(a.getByRole('link', { name: /^Late evening/ })).toBeVisible();
  await expect(playlistTitles(b, 'Late evening')).toHaveText(['Static Bloom', 'Paper Lanterns']);

  await a.goBack();
  await expect(a.getByRole('heading', { name: 'Late evening' })).toBeVisible();
});

test('a bad name is refused with a message, and HTML in a name is shown as text', async ({ page }) => {
  await openPlayer(page);
  await newPlaylist(page, '   ');
  // The browser's own check stops an empty name; spaces only reach the engine, which says why.
  await expect(page.getByRole('alert')).toContainText('A playlist needs a name.');
  await page.getByRole('textbox', { name: 'Playlist name' }).fill('<b>bold</b> & <img src=x>');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('link', { name: /^<b>bold<\/b> & <img src=x>/ })).toBeVisible();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
});

test('an M3U8 imports as a playlist, lines that match nothing are listed, and Export writes it back', async ({ page }) => {
  await openPlayer(page);
  const folder = mkdtempSync(join(tmpdir(), 'ms-m3u-'));
  try {
    const file = join(folder, 'Mix.m3u8');
    writeFileSync(
      file,
      '\uFEFF#EXTM3U\r\n#EXTINF:168,Sine Collective - Morning Drift\r\nsomewhere/else.mp3\r\naudio/t2.mp3\r\nmissing.mp3\r\n',
    );
    await page.getByRole('link', { name: 'Playlists' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import playlist' }).click();
    await (await chooser).setFiles(file);

    await expect(page.getByRole('status').filter({ hasText: 'Imported “Mix” with 2 tracks.' })).toContainText(
      'Line 5 (missing.mp3) matches no track',
    );
    await openPlaylist(page, 'Mix');
    await expect(playlistTitles(page, 'Mix')).toHaveText(['Morning Drift', 'Neon Avenue']);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export playlist' }).click();
    const saved = await (await download).path();
    const text = (await import('node:fs')).readFileSync(saved!, 'utf8');
    expect(text).toMatch(
      /^#EXTM3U\n#PLAYLIST:Mix\n#EXTINF:\d+,Sine Collective - Morning Drift\nhttp:\/\/127\.0\.0\.1:\d+\/audio\/t1\.mp3\n/,
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('playlists survive a restart', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await openPlayer(page);
  await newPlaylist(page, 'Kept');
  await expect(page.getByRole('link', { name: /^Kept/ })).toBeVisible();
  const state = await context.storageState({ indexedDB: true });
  await context.close();

  const again = await browser.newContext({ storageState: state });
  const reopened = await again.newPage();
  await reopened.goto('./#/playlists');
  await expect(reopened.getByRole('link', { name: /^Kept/ })).toBeVisible();
  await again.close();
});

for (const colorScheme of ['light', 'dark'] as const) {
  for (const [size, viewport] of [
    ['phone', { width: 390, height: 844 }],
    ['desktop', { width: 1280, height: 800 }],
  ] as const) {
    test(`the Playlists view, a playlist page and the Add to playlist choice have no accessibility violations (${colorScheme}, ${size})`, async ({
      page,
    }) => {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme });
      const violationsOf = async (view: string) =>
        (await new AxeBuilder({ page }).analyze()).violations.map((violation) => ({
          view,
          id: violation.id,
          nodes: violation.nodes.map((node) => node.target.join(' ')),
        }));
      await page.goto('./#/playlists');
      await expect(page.getByText(/^No playlists yet\./)).toBeVisible();
      expect(await violationsOf('no playlists')).toEqual([]);
      await newPlaylist(page, 'Checked');
      await expect(page.getByRole('link', { name: /^Checked/ })).toBeVisible();
      expect(await violationsOf('Playlists')).toEqual([]);
      await page.getByRole('link', { name: 'Songs' }).click();
      await addToPlaylist(page, 'Low Tide', 'Checked');
      await page.getByRole('button', { name: 'Add Morning Drift to playlist', exact: true }).click();
      await expect(choice(page, 'Morning Drift')).toBeVisible();
      expect(await violationsOf('Add to playlist')).toEqual([]);
      await page.keyboard.press('Escape');
      await openPlaylist(page, 'Checked');
      expect(await violationsOf('a playlist')).toEqual([]);
    });
  }
}
