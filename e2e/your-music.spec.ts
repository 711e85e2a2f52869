import { truncateSync, writeFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { mp3Audio, taggedMp3, textFile } from '../tests/support/audio-fixtures';
import { addFilesThroughChooser, addFolderThroughInput, importResult, libraryRow, musicFolder, song } from './support/music-folders';
import { newProfile } from './support/persistent-browser';
import { permissionAskedAgain, pickerReturns, writePickedFolder } from './support/picked-folders';
import { audioOf, elapsedSeconds, expectSounding, nowPlaying, openPlayer, queueTitles, seekTo } from './support/player';

test('Add folder (the folder input): nested folders are read with their tags, bad files are named, and the tracks play and seek', async ({
  page,
}) => {
  const folder = musicFolder('Road Trip', {
    'Side A/01 Harbour.mp3': song({ title: 'Harbour Lights', artist: 'The Tidewaters', album: 'Salt', track: '1' }),
    'Side A/02 Ferry.mp3': song({ title: 'Ferry <b>Song</b> 🚢', artist: 'فيروز', album: 'Salt', track: '2' }),
    'Side B/Deep/untagged tune.mp3': mp3Audio(3),
    'Side B/notes.mp3': textFile(),
    'Side B/empty.mp3': new Uint8Array(),
    'cover.jpg': new Uint8Array([1, 2, 3]),
  });
  try {
    await openPlayer(page);
    await addFolderThroughInput(page, folder.path);
    await expect(importResult(page)).toContainText('Added 3 tracks; 2 files skipped');
    await expect(importResult(page)).toContainText('Side B/notes.mp3: not audio');
    await expect(importResult(page)).toContainText('Side B/empty.mp3: empty');

    // Beside the catalog's tracks, with the same buttons, artist and album as text; tags are text.
    await expect(libraryRow(page, 'Harbour Lights')).toContainText('The Tidewaters · Salt');
    await expect(libraryRow(page, 'Ferry <b>Song</b> 🚢')).toContainText('فيروز · Salt');
    await expect(page.locator('b')).toHaveCount(0);
    // No title tag: the file name; no album: the folder; no artist: Unknown artist.
    await expect(libraryRow(page, 'untagged tune')).toContainText('Unknown artist · Deep');
    await expect(libraryRow(page, 'Harbour Lights')).toContainText('copy in this browser');
    await expect(libraryRow(page, 'Harbour Lights').locator('img')).toHaveAttribute('src', /^blob:/);
    // The thumbnail's object URL is made by the import worker: the page must be able to show it.
    await expect
      .poll(
        () =>
          libraryRow(page, 'Harbour Lights')
            .locator('img')
            .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth),
        {
          message: 'the thumbnail loads',
        },
      )
      .toBeGreaterThan(0);
    await expect(page.getByRole('list', { name: 'Your music folders' })).toContainText('Road Trip');

    await page.getByRole('button', { name: 'Add Ferry <b>Song</b> 🚢 to queue' }).click();
    await page.getByRole('button', { name: 'Play Harbour Lights', exact: true }).click();
    await expect(nowPlaying(page)).toContainText('Harbour Lights');
    await expectSounding(page);
    expect((await audioOf(page)).src).toMatch(/^blob:/);
    // The lock screen (Media Session) shows the track's own cover, the thumbnail the row shows.
    const cover = await libraryRow(page, 'Harbour Lights').locator('img').getAttribute('src');
    await expect
      .poll(() => page.evaluate(() => navigator.mediaSession.metadata?.artwork[0]?.src ?? null), {
        message: 'the Media Session has the cover',
      })
      .toBe(cover);
    expect(await page.evaluate(() => navigator.mediaSession.metadata?.title)).toBe('Harbour Lights');
    await seekTo(page, 12);
    await expect.poll(async () => (await audioOf(page)).currentTime).toBeGreaterThanOrEqual(12);
    await expectSounding(page);
    await expect(queueTitles(page)).toHaveText(['Ferry <b>Song</b> 🚢']);
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect(nowPlaying(page)).toContainText('Ferry <b>Song</b> 🚢');
    await expectSounding(page);

    // The same folder picked again: no duplicates, nothing read again.
    await addFolderThroughInput(page, folder.path);
    await expect(importResult(page)).toContainText('Added 0 tracks; 2 files skipped');
    await expect(libraryRow(page, 'Harbour Lights')).toHaveCount(1);
  } finally {
    folder.remove();
  }
});

test('a second tab shows the library live while the import runs; Cancel import keeps what was imported', async ({ page, context }) => {
  const files: Record<string, Uint8Array> = {};
  // Enough files that the import is still running when Cancel is clicked: 600 could all be in before it.
  for (let i = 1; i <= 2000; i++)
    files[`Disc/${String(i).padStart(4, '0')}.mp3`] = taggedMp3({ title: `Song ${i}`, artist: 'Many', album: 'Big' }, 0.3);
  const folder = musicFolder('Big Box', files);
  try {
    await openPlayer(page);
    const other = await context.newPage();
    await openPlayer(other);
    await addFolderThroughInput(page, folder.path);

    const progress = page.getByRole('progressbar', { name: 'Importing music' });
    await expect(progress).toBeVisible();
    // The other tab sees the import run and its first tracks arrive, without a reload.
    const otherRows = other.getByRole('list', { name: 'Library' }).getByRole('listitem').filter({ hasText: 'Many · Big' });
    await expect
      .poll(async () => (await other.getByRole('progressbar', { name: 'Importing music' }).isVisible()) && (await otherRows.count()) > 0, {
        message: 'tracks appear in the other tab while the import runs',
      })
      .toBe(true);

    await expect.poll(async () => Number(await progress.getAttribute('value'))).toBeGreaterThanOrEqual(20);
    await page.getByRole('button', { name: 'Cancel import' }).click();
    await expect(importResult(page)).toContainText('the import was cancelled');
    const added = Number((await importResult(page).textContent())?.match(/Added ([\d,]+) tracks?/)?.[1]?.replace(',', ''));
    expect(added).toBeGreaterThan(0);
    expect(added).toBeLessThan(2000);
    await page.getByRole('searchbox', { name: 'Filter library' }).fill('Many');
    await expect(page.getByRole('searchbox', { name: 'Filter library' })).toHaveValue('Many');
    await expect.poll(() => page.getByRole('list', { name: 'Library' }).getByRole('listitem').count()).toBeGreaterThan(0);
    await expect(page.getByRole('list', { name: 'Your music folders' })).toContainText('Not fully imported');
    await expect(other.getByRole('progressbar', { name: 'Importing music' })).toBeHidden();
  } finally {
    folder.remove();
  }
});

test('Add files (the file chooser): copies survive a restart — library, queue, current track and position — and play offline', async ({
  baseURL,
}) => {
  const folder = musicFolder('Picked', {
    'one.mp3': song({ title: 'Lantern One', artist: 'Copyist', album: 'Copies' }, 30),
    'two.mp3': song({ title: 'Lantern Two', artist: 'Copyist', album: 'Copies' }, 30),
  });
  const profile = newProfile(baseURL!);
  try {
    let browser = await profile.launch();
    let page = browser.pages()[0] ?? (await browser.newPage());
    await openPlayer(page);
    await addFilesThroughChooser(page, [folder.file('one.mp3'), folder.file('two.mp3')]);
    await expect(importResult(page)).toHaveText(/^\s*Added 2 tracks\s*$/);
    await page.getByRole('button', { name: 'Add Lantern Two to queue' }).click();
    await page.getByRole('button', { name: 'Play Lantern One', exact: true }).click();
    await expectSounding(page);
    await seekTo(page, 17);
    await expect.poll(async () => (await audioOf(page)).currentTime).toBeGreaterThanOrEqual(17);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
    await browser.close();
    folder.remove(); // the copies are what play now

    browser = await profile.launch();
    page = browser.pages()[0] ?? (await browser.newPage());
    await openPlayer(page);
    await expect(nowPlaying(page)).toContainText('Lantern One');
    await expect(queueTitles(page)).toHaveText(['Lantern Two']);
    await expect(libraryRow(page, 'Lantern Two')).toContainText('Copyist · Copies');
    await expect.poll(() => elapsedSeconds(page)).toBe(17);

    // With no network at all, the copies play.
    await browser.setOffline(true);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expectSounding(page);
    expect((await audioOf(page)).currentTime).toBeGreaterThanOrEqual(16.5);
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect(nowPlaying(page)).toContainText('Lantern Two');
    await expectSounding(page);

    // A copied file is removed from the library by itself, with its copy.
    await page.getByRole('button', { name: 'Show added files' }).click();
    await page.getByRole('button', { name: 'Remove Lantern One from library' }).click();
    await expect(libraryRow(page, 'Lantern One')).toHaveCount(0);
    await expect(libraryRow(page, 'Lantern Two')).toHaveCount(1);
    await browser.close();
  } finally {
    folder.remove();
    profile.remove();
  }
});

test('Add folder with a folder handle: nothing copied; Rescan adds, re-reads and removes; after a restart the folder asks again and Reconnect brings it back; Remove takes it out', async ({
  baseURL,
}) => {
  const profile = newProfile(baseURL!);
  try {
    let browser = await profile.launch();
    await pickerReturns(browser, 'Jazz Shelf');
    let page = browser.pages()[0] ?? (await browser.newPage());
    await openPlayer(page);
    await writePickedFolder(page, 'Jazz Shelf', {
      'Disc 1/01.mp3': song({ title: 'Blue Hour', artist: 'Quartet', album: 'Night' }, 30),
      'Disc 1/02.mp3': song({ title: 'Old Title', artist: 'Quartet', album: 'Night' }),
      'Disc 2/03.mp3': song({ title: 'Leaving Soon', artist: 'Quartet', album: 'Night' }),
    });
    await page.getByRole('button', { name: 'Add music' }).click();
    await page.getByRole('button', { name: 'Add folder' }).click();
    await expect(importResult(page)).toHaveText(/^\s*Added 3 tracks\s*$/);
    await expect(libraryRow(page, 'Blue Hour')).toContainText('Quartet · Night');
    await expect(libraryRow(page, 'Blue Hour')).not.toContainText('copy in this browser');

    await page.getByRole('button', { name: 'Play Blue Hour', exact: true }).click();
    await page.getByRole('button', { name: 'Add Old Title to queue' }).click();
    await page.getByRole('button', { name: 'Add Leaving Soon to queue' }).click();
    await expectSounding(page);
    await seekTo(page, 9);
    await expect.poll(async () => (await audioOf(page)).currentTime).toBeGreaterThanOrEqual(9);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();

    // The folder changes on disk: one file deleted, one rewritten, one new.
    await writePickedFolder(page, 'Jazz Shelf', {
      'Disc 2/03.mp3': null,
      'Disc 1/02.mp3': song({ title: 'New Title', artist: 'Quartet', album: 'Night' }, 25),
      'Disc 2/04.mp3': song({ title: 'Fresh Take', artist: 'Quartet', album: 'Night' }),
    });
    await page.getByRole('button', { name: 'Rescan Jazz Shelf' }).click();
    await expect(importResult(page)).toHaveText(/^\s*Added 1 track; 1 track re-read; 1 track removed\s*$/);
    await expect(libraryRow(page, 'Leaving Soon')).toHaveCount(0);
    await expect(libraryRow(page, 'Fresh Take')).toHaveCount(1);
    await expect(libraryRow(page, 'Old Title')).toHaveCount(0);
    // The removed track's queue entry goes, with the notice that says so; the re-read one keeps its place.
    await expect(page.getByText('One track in your saved session is no longer in the library and was removed.')).toBeVisible();
    await expect(queueTitles(page)).toHaveText(['New Title']);
    await browser.close();

    // After a restart Chromium asks for the folder's permission again.
    browser = await profile.launch();
    await permissionAskedAgain(browser);
    page = browser.pages()[0] ?? (await browser.newPage());
    await openPlayer(page);
    await expect(nowPlaying(page)).toContainText('Blue Hour');
    await expect(queueTitles(page)).toHaveText(['New Title']);
    await expect(libraryRow(page, 'Blue Hour')).toContainText('Unavailable');
    await expect(page.getByRole('button', { name: 'Play Blue Hour', exact: true })).toBeDisabled();
    await expect.poll(() => elapsedSeconds(page)).toBe(9);

    await page.getByRole('button', { name: 'Reconnect Jazz Shelf' }).click();
    await expect(page.getByRole('button', { name: 'Reconnect Jazz Shelf' })).toHaveCount(0);
    await expect(libraryRow(page, 'Blue Hour')).not.toContainText('Unavailable');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expectSounding(page);
    expect((await audioOf(page)).currentTime).toBeGreaterThanOrEqual(8.5);

    await page.getByRole('button', { name: 'Remove Jazz Shelf from library' }).click();
    await expect(libraryRow(page, 'Blue Hour')).toHaveCount(0);
    await expect(page.getByRole('list', { name: 'Your music folders' })).toHaveCount(0);
    await expect(queueTitles(page)).toHaveCount(0);
    await expect(nowPlaying(page)).toContainText('Nothing playing');
    await browser.close();
  } finally {
    profile.remove();
  }
});

test('files dropped on the window are added like Add files', async ({ page }) => {
  await openPlayer(page);
  await expect(page.getByRole('button', { name: 'Add music' })).toBeVisible();
  const bytes = Buffer.from(song({ title: 'Dropped Gem', artist: 'Dropper', album: 'Floor' }, 3)).toString('base64');
  // A real drag from the desktop cannot be made headless; the drop event carries real File objects here.
  await page.evaluate((data) => {
    const file = new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], 'gem.mp3', { type: 'audio/mpeg' });
    const transfer = new DataTransfer();
    transfer.items.add(file);
    window.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, cancelable: true }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, cancelable: true }));
  }, bytes);
  await expect(importResult(page)).toHaveText(/^\s*Added 1 track\s*$/);
  await expect(libraryRow(page, 'Dropped Gem')).toContainText('Dropper · Floor · copy in this browser');
  await page.getByRole('button', { name: 'Play Dropped Gem', exact: true }).click();
  await expectSounding(page);
});

/** Free space as navigator.storage.estimate() will report it, set before the app's code runs. */
async function storageReports(page: Page, freeBytes: number): Promise<void> {
  await page.addInitScript((free) => {
    const quota = 100 * 1024 ** 3;
    navigator.storage.estimate = async () => ({ quota, usage: quota - free });
  }, freeBytes);
}

/**
 * A file of 2.1 GB that takes no disk (sparse): with a small song it makes a pick of more than 2 GB. Over
 * the 1 GB limit for one file, it is skipped as too large, never read.
 */
function hugeFile(folder: { file(relative: string): string }, name: string): string {
  const path = folder.file(name);
  writeFileSync(path, '');
  truncateSync(path, Math.round(2.1 * 1024 ** 3));
  return path;
}

test('Add files of more than 2 GB: the free space is checked, then the person is asked; Don’t copy copies nothing, Copy imports', async ({
  page,
}) => {
  const folder = musicFolder('Big pick', { 'small.mp3': song({ title: 'Small Song', artist: 'Big', album: 'Pick' }) });
  try {
    await storageReports(page, 50 * 1024 ** 3);
    await openPlayer(page);
    const files = [folder.file('small.mp3'), hugeFile(folder, 'huge.mp3')];
    await addFilesThroughChooser(page, files);
    const ask = page.getByRole('dialog', { name: 'Copy files?' });
    await expect(ask).toContainText('Copy 2.1 GB?');
    await ask
      .getByRole('button', { name: 'Don’t copy' })
      .or(ask.getByRole('button', { name: "Don't copy" }))
      .click();
    await expect(ask).toBeHidden();
    await expect(importResult(page)).toContainText('Added 0 tracks');
    await expect(libraryRow(page, 'Small Song')).toHaveCount(0);

    await addFilesThroughChooser(page, files);
    await ask.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect(importResult(page)).toContainText('Added 1 track; 1 file skipped');
    await expect(importResult(page)).toContainText('huge.mp3: too large');
    await expect(libraryRow(page, 'Small Song')).toContainText('Big · Pick');
  } finally {
    folder.remove();
  }
});

test('Add files of more than the browser has room for: a clear message, no question, nothing copied', async ({ page }) => {
  const folder = musicFolder('Too big', { 'small.mp3': song({ title: 'Roomless Song' }) });
  try {
    await storageReports(page, 1024 ** 3);
    await openPlayer(page);
    await addFilesThroughChooser(page, [folder.file('small.mp3'), hugeFile(folder, 'huge.mp3')]);
    await expect(page.getByRole('alert').or(page.getByRole('status')).filter({ hasText: 'need 2.1 GB' })).toContainText(
      'the browser has 1.0 GB free for MediaStream. Nothing was copied.',
    );
    await expect(page.getByRole('dialog', { name: 'Copy files?' })).toHaveCount(0);
    await expect(libraryRow(page, 'Roomless Song')).toHaveCount(0);
  } finally {
    folder.remove();
  }
});

test('the first import asks the browser to keep the library (storage.persist); music keeps playing while it runs', async ({ page }) => {
  const files: Record<string, Uint8Array> = {};
  for (let i = 1; i <= 200; i++)
    files[`${String(i).padStart(3, '0')}.mp3`] = song({ title: `Keeper ${i}`, artist: 'Kept', album: 'Safe' }, 0.5);
  const folder = musicFolder('Kept', files);
  const second = musicFolder('Second', { 'again.mp3': song({ title: 'Second Pick' }) });
  try {
    await page.addInitScript(() => {
      const calls: number[] = [];
      (window as unknown as { persistCalls: number[] }).persistCalls = calls;
      navigator.storage.persist = async () => {
        calls.push(performance.now());
        return true;
      };
    });
    await openPlayer(page);
    const persistCalls = () => page.evaluate(() => (window as unknown as { persistCalls: number[] }).persistCalls.length);
    // The app asks once at start (for offline music); the library asks again after its first import.
    await expect.poll(persistCalls).toBe(1);
    await page.getByRole('button', { name: 'Play Morning Drift', exact: true }).click();
    await expectSounding(page);

    await addFolderThroughInput(page, folder.path);
    await expect(page.getByRole('progressbar', { name: 'Importing music' })).toBeVisible();
    await expectSounding(page);
    await expect(importResult(page)).toContainText('Added 200 tracks');
    await expectSounding(page);
    await expect(nowPlaying(page)).toContainText('Morning Drift');
    await expect.poll(persistCalls).toBe(2);

    // Not the first import any more: nothing is asked again.
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await addFolderThroughInput(page, second.path);
    await expect(importResult(page)).toContainText('Added 1 track');
    expect(await persistCalls()).toBe(2);
  } finally {
    folder.remove();
    second.remove();
  }
});

test('a tab closed mid-import leaves whole tracks and a folder marked not fully imported; picking it again finishes the job', async ({
  page,
  context,
}) => {
  const files: Record<string, Uint8Array> = {};
  for (let i = 1; i <= 600; i++)
    files[`${String(i).padStart(4, '0')}.mp3`] = song({ title: `Piece ${i}`, artist: 'Half', album: 'Done' }, 0.3);
  const folder = musicFolder('Half Done', files);
  /** How many tracks the library holds, as its filter box says (NaN while the person's music is still opening). */
  const held = async (tab: Page) =>
    Number((await tab.getByRole('searchbox', { name: 'Filter library' }).getAttribute('placeholder'))?.match(/\d+/)?.[0]);
  try {
    await openPlayer(page);
    await expect.poll(() => held(page)).not.toBeNaN();
    const catalogOnly = await held(page);
    await addFolderThroughInput(page, folder.path);
    const progress = page.getByRole('progressbar', { name: 'Importing music' });
    await expect.poll(async () => Number(await progress.getAttribute('value'))).toBeGreaterThanOrEqual(100);
    await page.close();

    const again = await context.newPage();
    await openPlayer(again);
    await expect(again.getByRole('list', { name: 'Your music folders' })).toContainText('Not fully imported');
    await expect.poll(() => held(again)).toBeGreaterThan(catalogOnly);
    const kept = (await held(again)) - catalogOnly;
    expect(kept).toBeLessThan(600);
    await addFolderThroughInput(again, folder.path);
    await expect(importResult(again)).toContainText(`Added ${600 - kept} tracks`);
    await expect.poll(() => held(again)).toBe(catalogOnly + 600);
    await expect(again.getByRole('list', { name: 'Your music folders' })).not.toContainText('Not fully imported');
  } finally {
    folder.remove();
  }
});

/**
 * Init script: what every frame showed while the app opened: the titles of the person's albums on the
 * Albums view (in order), whether that view counted them yet (the whole library in), and whether the
 * queue called any entry missing from the library.
 */
function watchOpening(): void {
  const frames: { albums: string[]; counted: boolean; missing: boolean }[] = [];
  (window as unknown as { __frames: typeof frames }).__frames = frames;
  const tick = () => {
    const app = document.querySelector('mediastream-app')?.shadowRoot;
    const view = app?.querySelector('ms-browse')?.shadowRoot?.querySelector('ms-browse-view')?.shadowRoot;
    const queue = app?.querySelector('ms-queue')?.shadowRoot;
    const albums = [...(view?.querySelectorAll('[role="list"][aria-label="Albums"] .title a') ?? [])]
      .map((a) => a.textContent ?? '')
      .filter((title) => title.startsWith('Record '));
    frames.push({ albums, counted: !!view?.querySelector('h2 .muted'), missing: !!queue?.textContent?.includes('Not in the library') });
    if (!frames.at(-1)!.counted || performance.now() < 3000) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

test('at start the first albums show in their final order before the whole library is read, and a queued track not read yet is never called missing', async ({
  page,
}) => {
  const files: Record<string, Uint8Array> = {};
  for (let album = 0; album < 60; album++)
    for (let number = 1; number <= 5; number++)
      files[`${album}/${number}.mp3`] = song(
        { title: `Piece ${album}.${number}`, artist: `Band ${album % 12}`, album: `Record ${album}`, track: String(number) },
        0.3,
      );
  const folder = musicFolder('Shelf', files);
  try {
    await openPlayer(page);
    await addFolderThroughInput(page, folder.path);
    await expect(importResult(page)).toContainText('Added 300 tracks');
    // Band 11's Record 59 is the last album on the shelf: past the first albums read at start.
    await page.getByRole('searchbox', { name: 'Filter library' }).fill('Piece 59.5');
    await page.getByRole('button', { name: 'Add Piece 59.5 to queue' }).click();
    await expect(queueTitles(page)).toHaveText(['Piece 59.5']);

    await page.addInitScript(watchOpening);
    await page.goto('./#/albums');
    await page.reload(); // the hash alone is no navigation: the init script runs at a reload
    await expect(page.getByRole('heading', { name: /^Albums \(\d+\)$/ })).toBeVisible();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __frames: { counted: boolean }[] }).__frames.at(-1)?.counted))
      .toBe(true);
    const frames = await page.evaluate(
      () => (window as unknown as { __frames: { albums: string[]; counted: boolean; missing: boolean }[] }).__frames,
    );
    const final = frames.at(-1)!.albums;
    expect(final.slice(0, 3)).toEqual(['Record 0', 'Record 12', 'Record 24']);
    // No frame showed the albums in another order than the last one does (those with the first albums only
    // were 3 of 41 here), nor the queued track as missing.
    for (const frame of frames) {
      expect(frame.albums).toEqual(final.slice(0, frame.albums.length));
      expect(frame.missing).toBe(false);
    }
    await expect(queueTitles(page)).toHaveText(['Piece 59.5']);
    await expect(page.getByRole('list', { name: 'Queue' })).not.toContainText('Not in the library');
  } finally {
    folder.remove();
  }
});
