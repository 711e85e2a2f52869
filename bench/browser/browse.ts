/**
 * Browsing a big library of the person's own music: 50,000 tracks (5,000 albums, 1,500 artists) stored in
 * IndexedDB as an import would have left them. The first paint of Albums against the same shape at 1,000
 * tracks (the least the same view can do), the longest frame while the wheel scrolls the album list and the
 * song list, a Search library keystroke until its results are painted, the used JS heap, and a playlist edit
 * in tab A until tab B shows it at 10 and 10,000 entries with the bytes posted for it.
 * The deployer's catalog is routed to an empty one: every track browsed is one of the stored ones.
 */

import type { Browser, BrowserContext, Page } from '@playwright/test';
import { topicFor } from '../../src/engine/model/events';
import { keysBetween } from '../../src/engine/model/order-key';
import { initialState, type PlaylistInfo } from '../../src/engine/model/state';
import { DATABASE_NAME, EVENTS, PLAYBACK_STATES, PLAYLIST_ENTRIES, QUEUE_ENTRIES } from '../../src/engine/storage/database';
import { toRecord } from '../../src/engine/storage/record-writes';
import type { LibrarySource, LibraryTrackRecord } from '../../src/library/library-records';
import { LIBRARY_SOURCES, LIBRARY_TRACKS } from '../../src/library/library-schema';
import { withShelfKey } from '../../src/library/shelf-key';
import type { BrowseRaw, PlaylistEditRun } from '../browse-results';
import { centreOf } from './app-page';
import { countInCommitWorker, tabCounters } from './counters';
import { newDeviceId } from './fixtures';
import { installActionLog, installCounters, lastAction, seedStorage, twoFrames, useDeviceFromQuery } from './page-scripts';
import { usedHeapBytes } from './queue-scale';
import { type ShadowPath, scrollFrames, timeUntilOnlyRow } from './scroll';

export interface BrowseOptions {
  readonly tracks: number;
  readonly baselineTracks: number;
  readonly loads: number;
  readonly wheelSteps: number;
  readonly searches: number;
  readonly playlistLengths: readonly number[];
  readonly playlistEdits: number;
  readonly warmUpEdits: number;
  readonly log: (message: string) => void;
}

const TRACKS_PER_ALBUM = 10;
/** 1,500 artists for 50,000 tracks. */
const ARTISTS_PER_TRACK = 0.03;
const GENRES = ['Ambient', 'Blues', 'Classical', 'Electronic', 'Folk', 'Hip hop', 'Jazz', 'Pop', 'Reggae', 'Rock', 'Soul', 'World'];
const SOURCE_ID = 'bench-source';
const PLAYLIST_ID = 'pl.bench';
const PLAYLIST_NAME = 'Bench playlist';
/** The library of the playlist devices: the edit is what is measured, not the library. */
const PLAYLIST_LIBRARY = 1000;

export function libraryShape(tracks: number): { albums: number; artists: number } {
  return { albums: Math.ceil(tracks / TRACKS_PER_ALBUM), artists: Math.max(1, Math.round(tracks * ARTISTS_PER_TRACK)) };
}

export function titleOf(index: number): string {
  return `Song ${index + 1}`;
}

function trackIdOf(index: number): string {
  return `bench${String(index).padStart(6, '0')}`;
}

/** The records an import of this many tracks would have written: one album artist per album, ten tracks each. */
export function libraryRecords(tracks: number, now = Date.now()): LibraryTrackRecord[] {
  const { artists } = libraryShape(tracks);
  // With the shelf key the store gives every record it writes.
  return Array.from({ length: tracks }, (_, i): LibraryTrackRecord => {
    const album = Math.floor(i / TRACKS_PER_ALBUM);
    const artist = `Artist ${album % artists}`;
    const number = (i % TRACKS_PER_ALBUM) + 1;
    return {
      id: trackIdOf(i),
      sourceId: SOURCE_ID,
      path: `${artist}/Album ${album}/${String(number).padStart(2, '0')} ${titleOf(i)}.mp3`,
      size: 3_000_000 + (i % 1000),
      lastModified: now - i * 1000,
      addedAt: now - i * 1000,
      copied: true,
      title: titleOf(i),
      artist,
      album: `Album ${album}`,
      albumArtist: artist,
      trackNumber: number,
      year: 1970 + (album % 50),
      genre: GENRES[album % GENRES.length]!,
      duration: 150 + (i % 180),
    };
  }).map(withShelfKey);
}

/** Page script: whether the app has created its database (it does so at its first start). */
async function databaseExists(name: string): Promise<boolean> {
  return (await indexedDB.databases()).some((db) => db.name === name);
}

interface Device {
  readonly context: BrowserContext;
  readonly deviceId: string;
}

/** A device (a browser context of its own) whose stored library has `tracks` tracks, and a playlist of `playlistEntries`. */
async function seedDevice(browser: Browser, origin: string, tracks: number, playlistEntries = 0): Promise<Device> {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 800 } });
  await context.addInitScript(useDeviceFromQuery);
  await context.route('**/app/library.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"tracks":[]}' }),
  );
  const deviceId = newDeviceId();
  const warm = await context.newPage();
  await warm.goto(`${origin}/app/?benchDevice=${deviceId}`);
  await warm.waitForFunction(databaseExists, DATABASE_NAME, { timeout: 60_000 });
  await warm.locator('ms-library').first().waitFor({ state: 'attached', timeout: 60_000 });
  await warm.close();

  const now = Date.now();
  const records = libraryRecords(tracks, now);
  const source: LibrarySource = { id: SOURCE_ID, kind: 'copied-folder', name: 'Bench music', addedAt: now, scanComplete: true };
  const playlists: PlaylistInfo[] = playlistEntries > 0 ? [{ playlistId: PLAYLIST_ID, name: PLAYLIST_NAME, createdAt: now }] : [];
  const orders = keysBetween(null, null, playlistEntries);
  const entries = orders.map((order, i) => ({
    playlistId: PLAYLIST_ID,
    // Shaped like the app's own entry ids (an action id and an index), so bytes per edit compare.
    entryId: `seed${String(i).padStart(17, '0')}.0`,
    trackId: trackIdOf(i % tracks),
    order,
  }));
  const record = toRecord({ ...initialState(deviceId, now), rev: 1, queueRev: 1, playlists });
  const page = await context.newPage();
  await page.goto(`${origin}/pages/seed.html`);
  await page.evaluate(seedStorage, {
    deviceId,
    topic: topicFor(deviceId),
    databaseName: DATABASE_NAME,
    stores: { states: PLAYBACK_STATES, entries: QUEUE_ENTRIES, events: EVENTS, playlistEntries: PLAYLIST_ENTRIES },
    record,
    entries: [],
    playlistEntries: entries,
    more: [
      { store: LIBRARY_SOURCES, records: [source] },
      { store: LIBRARY_TRACKS, records },
    ],
  });
  await page.close();
  return { context, deviceId };
}

/**
 * Init script: the end of the first frame that shows an album of the Albums view, ms from navigation start;
 * and, to see where that time goes, the first frame in which the app had handed the song list any track.
 * Then the frame in which the whole library was in (the Albums heading shows its count: the first albums
 * come before the rest), and the long tasks of the page meanwhile.
 */
function noteAlbumsPaint(): void {
  if (!location.pathname.includes('/app/')) return;
  const scope = window as unknown as {
    __albumsPainted?: number;
    __tracksArrived?: number;
    __libraryComplete?: number;
    __longTasks: { start: number; duration: number }[];
  };
  scope.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const task of list.getEntries()) scope.__longTasks.push({ start: task.startTime, duration: task.duration });
  }).observe({ type: 'longtask', buffered: true });
  const tick = () => {
    const app = document.querySelector('mediastream-app')?.shadowRoot;
    if (scope.__tracksArrived === undefined && (app?.querySelector('ms-library')?.tracks.length ?? 0) > 0)
      scope.__tracksArrived = performance.now();
    const view = app?.querySelector('ms-browse')?.shadowRoot?.querySelector('ms-browse-view')?.shadowRoot;
    if (scope.__albumsPainted === undefined && view?.querySelector('[role="list"][aria-label="Albums"] [role="listitem"]')) {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => (scope.__albumsPainted = performance.now());
      channel.port2.postMessage(null);
    }
    if (view?.querySelector('h2 .muted')) {
      scope.__libraryComplete = performance.now();
      return;
    }
    if (performance.now() < 180_000) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** Page script: when the whole library was in, and the longest task from the first paint of Albums until then. */
function libraryComplete(): { ms: number; longestTaskMs: number } | null {
  const scope = window as unknown as {
    __albumsPainted?: number;
    __libraryComplete?: number;
    __longTasks: { start: number; duration: number }[];
  };
  const painted = scope.__albumsPainted;
  const complete = scope.__libraryComplete;
  if (painted === undefined || complete === undefined) return null;
  const during = scope.__longTasks.filter((task) => task.start + task.duration > painted && task.start < complete);
  return { ms: complete, longestTaskMs: Math.max(0, ...during.map((task) => task.duration)) };
}

function albumsPainted(): number | undefined {
  return (window as unknown as { __albumsPainted?: number }).__albumsPainted;
}

function tracksArrived(): number | undefined {
  return (window as unknown as { __tracksArrived?: number }).__tracksArrived;
}

/**
 * Opens the app on Albums in a new tab: how long until an album was painted, and until the tracks had
 * arrived; then waits for the whole library (so what comes next measures a library that is all in).
 */
async function openAlbums(
  device: Device,
  origin: string,
): Promise<{ page: Page; ms: number; tracksMs: number; complete: { ms: number; longestTaskMs: number } }> {
  const page = await device.context.newPage();
  await page.bringToFront();
  await page.goto(`${origin}/app/?benchDevice=${device.deviceId}#/albums`);
  await page.waitForFunction(albumsPainted, undefined, { timeout: 180_000, polling: 100 });
  const complete = (await (await page.waitForFunction(libraryComplete, undefined, { timeout: 180_000, polling: 100 })).jsonValue())!;
  return { page, ms: (await page.evaluate(albumsPainted))!, tracksMs: (await page.evaluate(tracksArrived)) ?? Number.NaN, complete };
}

const BROWSE: ShadowPath = ['mediastream-app', 'ms-browse'];

/** Page script: the Songs results of the search show at least one row. */
function searchShows(title: string): boolean {
  const view = document
    .querySelector('mediastream-app')
    ?.shadowRoot?.querySelector('ms-browse')
    ?.shadowRoot?.querySelector('ms-browse-view')?.shadowRoot;
  return [...(view?.querySelectorAll('[role="list"][aria-label="Songs"] [role="listitem"] .title') ?? [])].some(
    (node) => node.textContent === title,
  );
}

async function measureLibrary(browser: Browser, origin: string, options: BrowseOptions) {
  options.log(`browse: storing ${options.tracks} and ${options.baselineTracks} tracks…`);
  const big = await seedDevice(browser, origin, options.tracks);
  const baseline = await seedDevice(browser, origin, options.baselineTracks);
  for (const device of [big, baseline]) await device.context.addInitScript(noteAlbumsPaint);

  const firstPaint: number[] = [];
  const baselineFirstPaint: number[] = [];
  const arrived: number[] = [];
  const completed: { ms: number; longestTaskMs: number }[] = [];
  // One warm-up load each (the HTTP cache and V8's code cache fill), then loads taking turns.
  for (let load = -1; load < options.loads; load++) {
    for (const [device, samples] of [
      [big, firstPaint],
      [baseline, baselineFirstPaint],
    ] as const) {
      const { page, ms, tracksMs, complete } = await openAlbums(device, origin);
      if (load >= 0) samples.push(ms);
      if (load >= 0 && device === big) arrived.push(tracksMs);
      if (load >= 0 && device === big) completed.push(complete);
      await page.close();
    }
  }
  options.log(
    `browse: first paint of Albums ${firstPaint.map(Math.round).join(', ')} ms (the tracks had arrived at ${arrived.map(Math.round).join(', ')}); ` +
      `baseline ${baselineFirstPaint.map(Math.round).join(', ')} ms; the whole library in at ` +
      `${completed.map((c) => Math.round(c.ms)).join(', ')} ms, the longest task until then ${completed.map((c) => Math.round(c.longestTaskMs)).join(', ')} ms`,
  );
  // The same scrolls over the 1,000-track library, right before: what this machine's load does to frames.
  const baselineFrames = await scrollBothLists(await openAlbums(baseline, origin), options.wheelSteps);
  await baseline.context.close();

  const opened = await openAlbums(big, origin);
  const { page } = opened;
  const { albumFrames, songFrames } = await scrollBothLists(opened, options.wheelSteps);

  // The first search builds the index (once per library); the keystrokes timed come after it.
  const box = page.getByRole('searchbox', { name: 'Search library' });
  await box.fill('song 1');
  await page.waitForFunction(searchShows, 'Song 1', { timeout: 60_000 });
  const searchKeystrokes: number[] = [];
  for (let i = 0; i < options.searches; i++) {
    const title = titleOf(Math.floor(options.tracks * 0.4) + i * 997);
    await box.fill(title.slice(0, -1).toLowerCase());
    await page.waitForFunction(searchShows, title.slice(0, -1), { timeout: 30_000 });
    await page.evaluate(twoFrames);
    const timed = page.evaluate(timeUntilOnlyRow, {
      input: [...BROWSE, 'input[type="search"]'],
      rows: [...BROWSE, 'ms-browse-view', '[role="list"][aria-label="Songs"] [role="listitem"] .title'],
      expected: title,
    });
    await box.press(title.slice(-1));
    searchKeystrokes.push(await timed);
  }
  const heapBytes = await usedHeapBytes(page);
  await big.context.close();
  return {
    firstPaint,
    baselineFirstPaint,
    albumFrames,
    songFrames,
    baselineAlbumFrames: baselineFrames.albumFrames,
    baselineSongFrames: baselineFrames.songFrames,
    searchKeystrokes,
    heapBytes,
  };
}

/** The wheel over the album list, then over the song list; the frame intervals of each. */
async function scrollBothLists({ page }: { page: Page }, steps: number): Promise<{ albumFrames: number[]; songFrames: number[] }> {
  await page.waitForTimeout(1000);
  const albumFrames = await scrollFrames(page, 'Albums', steps);
  await page.getByRole('link', { name: 'Songs', exact: true }).click();
  await page.getByRole('list', { name: 'Library' }).getByRole('listitem').first().waitFor();
  await page.waitForTimeout(500);
  const songFrames = await scrollFrames(page, 'Library', steps);
  return { albumFrames, songFrames };
}

/** Tab B: logs each change of the playlist's track count on the Playlists view, stamped when the DOM changed. */
function watchPlaylistCount(name: string): void {
  const view = document.querySelector('mediastream-app')!.shadowRoot!.querySelector('ms-browse')!.shadowRoot!.querySelector('ms-playlists')!
    .shadowRoot!;
  const countOf = () => {
    const link = [...view.querySelectorAll('a')].find((a) => a.querySelector('.name')?.textContent === name);
    return Number(/(\d+) tracks?/.exec(link?.textContent ?? '')?.[1] ?? -1);
  };
  const log: { t: number; count: number }[] = [{ t: 0, count: countOf() }];
  new MutationObserver(() => {
    const count = countOf();
    if (count !== log[log.length - 1]!.count) log.push({ t: performance.timeOrigin + performance.now(), count });
  }).observe(view, { subtree: true, childList: true, characterData: true });
  (window as unknown as { __playlistCounts: typeof log }).__playlistCounts = log;
}

function playlistCount(): number {
  const log = (window as unknown as { __playlistCounts: { count: number }[] }).__playlistCounts;
  return log[log.length - 1]!.count;
}

/** Tab B: when the count first reached `count`; null after the timeout. */
function whenCount(args: { count: number; timeoutMs: number }): Promise<number | null> {
  const log = (window as unknown as { __playlistCounts: { t: number; count: number }[] }).__playlistCounts;
  const started = performance.now();
  return new Promise((resolve) => {
    const check = () => {
      const hit = log.find((entry) => entry.count === args.count);
      if (hit) resolve(hit.t);
      else if (performance.now() - started > args.timeoutMs) resolve(null);
      else setTimeout(check, 5);
    };
    check();
  });
}

async function measurePlaylistEdits(browser: Browser, origin: string, entries: number, options: BrowseOptions): Promise<PlaylistEditRun> {
  options.log(`browse: a playlist of ${entries}…`);
  const device = await seedDevice(browser, origin, PLAYLIST_LIBRARY, entries);
  await device.context.addInitScript(installCounters);
  const b = await device.context.newPage();
  await b.goto(`${origin}/app/?benchDevice=${device.deviceId}#/playlists`);
  await b.getByRole('link', { name: new RegExp(`^${PLAYLIST_NAME}`) }).waitFor({ timeout: 120_000 });
  await b.evaluate(watchPlaylistCount, PLAYLIST_NAME);
  const a = await device.context.newPage();
  await a.goto(`${origin}/app/?benchDevice=${device.deviceId}#/songs`);
  await a.getByRole('list', { name: 'Library' }).getByRole('listitem').first().waitFor({ timeout: 120_000 });
  // The rows the edits click, shown once the whole library is read (the first screen may be the shelf's first albums).
  const waitedFrom = Date.now();
  for (let i = 0; i < 3; i++)
    await a
      .locator(`button[aria-label="Add ${titleOf(i)} to playlist"]`)
      .first()
      .waitFor({ timeout: 120_000 });
  options.log(`browse: tab A's rows to click were there ${Date.now() - waitedFrom} ms after its first row`);
  await countInCommitWorker(a);
  await a.evaluate(installActionLog);

  const latencies: number[] = [];
  const bytes: number[] = [];
  let clicks = 0;
  for (let edit = 0; edit < options.warmUpEdits + options.playlistEdits; edit++) {
    await b.bringToFront();
    await a.bringToFront();
    const count = await b.evaluate(playlistCount);
    const opener = await centreOf(a, `button[aria-label="Add ${titleOf(edit % 3)} to playlist"]`);
    await a.mouse.click(opener.x, opener.y);
    const choose = await centreOf(a, 'ms-add-to-playlist li button');
    await a.evaluate(twoFrames);
    const before = await tabCounters(a);
    await a.mouse.click(choose.x, choose.y);
    const { count: actions, last } = await a.evaluate(lastAction);
    clicks += 2;
    if (actions !== clicks || !last) throw new Error(`browse: tab A logged ${actions} clicks, expected ${clicks}`);
    const shownAt = await b.evaluate(whenCount, { count: count + 1, timeoutMs: 30_000 });
    if (shownAt === null) throw new Error(`browse: tab B never showed the playlist at ${count + 1} entries`);
    const after = await tabCounters(a);
    if (edit < options.warmUpEdits) continue;
    latencies.push(shownAt - last.t);
    bytes.push(after.broadcastBytes.slice(before.broadcastBytes.length).reduce((sum, n) => sum + n, 0));
  }
  await device.context.close();
  return { entries, latencies, bytes };
}

export async function measureBrowse(browser: Browser, origin: string, options: BrowseOptions): Promise<BrowseRaw> {
  const library = await measureLibrary(browser, origin, options);
  const playlistEdit: PlaylistEditRun[] = [];
  for (const entries of options.playlistLengths) playlistEdit.push(await measurePlaylistEdits(browser, origin, entries, options));
  const { albums, artists } = libraryShape(options.tracks);
  return { tracks: options.tracks, albums, artists, baselineTracks: options.baselineTracks, ...library, playlistEdit };
}
