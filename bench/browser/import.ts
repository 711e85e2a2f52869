/**
 * Import: a generated folder of tagged MP3s with covers (each its own tags; ten tracks an album, one cover
 * an album), made once in a git-ignored cache. Measured in one run, each way a person adds a folder:
 * - `Add folder` as Chromium does it (a folder handle; nothing copied): the folder is put in the Origin
 *   Private File System first (not timed) and showDirectoryPicker made to return it, as the end-to-end
 *   tests do. The scan rate, the first 100 tracks painted, the longest main-thread task during the scan,
 *   a click on a just-imported track → sound, `Rescan` of the unchanged folder, the tab's memory growth,
 *   IndexedDB bytes per track and per album.
 * - the folder input (Firefox, Safari; every file copied into OPFS), in a fresh profile: the same scan
 *   figures, and the same folder picked again unchanged.
 * rawParse, the baseline: music-metadata alone in the same Chromium, in a module worker, over the same
 * folder handle, with the same prefetching reader and as many files in flight as the app
 * (bench/pages/raw-parse-worker.ts) — no thumbnails, no IndexedDB, no copies, no page. Run before and
 * after the app's scan; the faster of the two is the baseline. nodeParse: the same parser and reader in
 * Node (files from the disk), for reference only.
 */

import { existsSync, mkdirSync, openAsBlob, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { readTrack } from '../../src/library/tag-reader';
import { pngCover, taggedMp3 } from '../../tests/support/audio-fixtures';
import type { ImportFigures } from '../results';
import { percentile } from '../stats';
import { openApp } from './app-page';
import { ROOT } from './build';
import { newDeviceId } from './fixtures';
import { useDeviceFromQuery } from './page-scripts';
import { usedHeapBytes } from './queue-scale';
import { recordFrames, stopRecording } from './scroll';

const TRACKS_PER_ALBUM = 10;

export function folderFor(tracks: number, seconds: number): string {
  const dir = join(ROOT, `node_modules/.cache/mediastream-bench-import/v2-${tracks}x${seconds}s/Bench Library`);
  const done = join(dir, '..', 'complete');
  if (existsSync(done)) return dir;
  for (let i = 0; i < tracks; i++) {
    const album = Math.floor(i / TRACKS_PER_ALBUM);
    const albumDir = join(dir, `Benchartist ${album % 50}`, `Album ${album}`);
    mkdirSync(albumDir, { recursive: true });
    const cover = pngCover([(album * 37) % 256, (album * 91) % 256, (album * 53) % 256]);
    const bytes = taggedMp3(
      {
        title: `Track ${i}`,
        artist: `Benchartist ${album % 50}`,
        album: `Album ${album}`,
        track: String((i % TRACKS_PER_ALBUM) + 1),
        year: 1990 + (album % 30),
        cover,
      },
      seconds,
    );
    writeFileSync(join(albumDir, `${String((i % TRACKS_PER_ALBUM) + 1).padStart(2, '0')} Track ${i}.mp3`), bytes);
  }
  writeFileSync(done, '');
  return dir;
}

function* filesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}

async function nodeParseRate(dir: string): Promise<number> {
  const files = [...filesUnder(dir)];
  const started = performance.now();
  let next = 0;
  const reader = async () => {
    while (next < files.length) {
      const file = files[next++]!;
      await readTrack(await openAsBlob(file), file);
    }
  };
  await Promise.all([reader(), reader(), reader(), reader()]);
  return files.length / ((performance.now() - started) / 1000);
}

/** music-metadata alone over the picked folder, in a worker of a baseline page of the same origin (tracks/s). */
export async function rawParseRate(context: BrowserContext, origin: string): Promise<number> {
  const page = await context.newPage();
  try {
    await page.goto(`${origin}/pages/raw-parse.html`);
    await page.waitForFunction(() => 'rawParse' in window);
    const run = await page.evaluate(
      ({ root, folder }) =>
        (window as unknown as { rawParse(root: string, folder: string): Promise<{ tracks: number; seconds: number }> }).rawParse(
          root,
          folder,
        ),
      { root: PICKED_ROOT, folder: FOLDER_NAME },
    );
    return run.tracks / run.seconds;
  } finally {
    await page.close();
  }
}

/**
 * The import's result notice (`Added 2,000 tracks…`) once it shows. Polled with the element found once and
 * kept: a role query over the whole page at every poll was main-thread work of the harness's own during
 * the scan (long tasks of its own, counted against the app).
 */
export async function resultText(page: Page): Promise<string> {
  const handle = await page.waitForFunction(
    () => {
      const w = window as unknown as { benchImportStatus?: Element };
      const find = (root: ParentNode): Element | null => {
        const found = root.querySelector('ms-import-status');
        if (found) return found;
        for (const element of root.querySelectorAll('*')) {
          const inner = element.shadowRoot && find(element.shadowRoot);
          if (inner) return inner;
        }
        return null;
      };
      if (!w.benchImportStatus?.isConnected) w.benchImportStatus = find(document) ?? undefined;
      const text = w.benchImportStatus?.shadowRoot?.querySelector('[role="status"]')?.textContent ?? '';
      return /^\s*Added /.test(text) ? text : false;
    },
    undefined,
    { polling: 100, timeout: 600_000 },
  );
  return (await handle.jsonValue()) as string;
}

/** The OPFS folder the fake picker returns the benchmark's folder from. */
export const PICKED_ROOT = 'bench-picked';
const FOLDER_NAME = 'Bench Library';
const FIRST_TRACKS = 100;

interface Scan {
  readonly tracks: number;
  readonly seconds: number;
  readonly firstTracksPaintedMs: number;
  readonly longestMainThreadTaskMs: number;
  /** Animation frame intervals while the library was wheeled up and down during the scan (ms). */
  readonly scrollFrames: readonly number[];
}

/**
 * Long tasks are kept in the page; the scan starts when `startedAt` is set (the folder input's change
 * event, or the click on Add folder). A task that began before that is counted from there on: with the
 * folder input, Chromium spends a long task building the FileList of 2,000 files before the app hears of
 * them, which is the browser's work, not the app's.
 */
async function watchLongTasks(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { longTasks: { start: number; end: number }[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longTasks.push({ start: entry.startTime, end: entry.startTime + entry.duration });
    }).observe({ type: 'longtask' });
  });
}

function longestTaskSince(page: Page, since: number): Promise<number> {
  return page.evaluate(
    (from) =>
      Math.max(
        0,
        ...(window as unknown as { longTasks: { start: number; end: number }[] }).longTasks.map(
          (task) => task.end - Math.max(task.start, from),
        ),
      ),
    since,
  );
}

/** How many tracks the library holds, as its filter box says (`Filter 10100 tracks`). */
async function libraryCount(page: Page): Promise<number> {
  const placeholder = await page.getByRole('searchbox', { name: 'Filter library' }).getAttribute('placeholder');
  return Number(placeholder?.match(/[\d,]+/)?.[0]?.replace(/,/g, '') ?? 0);
}

/** The page's clock when its filter box first says the library holds `count` tracks (checked every frame). */
async function paintedWhenHolding(page: Page, count: number): Promise<number> {
  const handle = await page.waitForFunction(
    (want) => {
      const find = (root: ParentNode): HTMLInputElement | null => {
        const found = root.querySelector<HTMLInputElement>('input[aria-label="Filter library"]');
        if (found) return found;
        for (const element of root.querySelectorAll('*')) {
          const inner = element.shadowRoot && find(element.shadowRoot);
          if (inner) return inner;
        }
        return null;
      };
      // Found once and kept (a walk of the whole page every frame would be the harness's own long task).
      const w = window as unknown as { benchFilterInput?: HTMLInputElement };
      if (!w.benchFilterInput?.isConnected) w.benchFilterInput = find(document) ?? undefined;
      const held = Number(w.benchFilterInput?.placeholder.match(/[\d,]+/)?.[0]?.replace(/,/g, '') ?? 0);
      return held >= want ? performance.now() : false;
    },
    count,
    { polling: 'raf', timeout: 600_000 },
  );
  return (await handle.jsonValue()) as number;
}

function localRows(page: Page) {
  return page
    .getByRole('list', { name: 'Library' })
    .getByRole('listitem')
    .filter({ hasText: /Benchartist \d+ · Album \d+/ });
}

/** Wheels over the Library list, 300 px a frame, down and back, until `done` is true; returns the frame intervals. */
export async function scrollUntil(page: Page, done: (step: number) => boolean): Promise<number[]> {
  const box = await page.getByRole('list', { name: 'Library' }).boundingBox();
  if (!box) throw new Error('import: the Library list has no box');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.evaluate(recordFrames);
  for (let step = 0; !done(step); step++) {
    await page.mouse.wheel(0, step % 40 < 20 ? 300 : -300);
    await page.evaluate(() => new Promise(requestAnimationFrame));
  }
  const frames = await page.evaluate(stopRecording);
  return frames.slice(1).map((time, i) => time - frames[i]!);
}

/**
 * Runs one import that `start` begins (returning the page's clock at the start), to its result notice;
 * once the first tracks are painted, the library is scrolled meanwhile.
 */
export async function scan(page: Page, start: () => Promise<number>, wheel = true): Promise<Scan> {
  const before = await libraryCount(page);
  const startedAt = await start();
  // The first 100 tracks painted: a row of them is on the screen and the library holds 100 more.
  await localRows(page).first().waitFor({ timeout: 600_000 });
  const firstTracksPaintedMs = (await paintedWhenHolding(page, before + FIRST_TRACKS)) - startedAt;
  let finished = false;
  const summary = resultText(page).finally(() => (finished = true));
  const scrollFrames = wheel ? await scrollUntil(page, () => finished) : [];
  await summary;
  const seconds = ((await page.evaluate(() => performance.now())) - startedAt) / 1000;
  const tracks = Number((await summary).match(/Added ([\d,]+)/)?.[1]?.replace(/,/g, '') ?? 0);
  return { tracks, seconds, firstTracksPaintedMs, longestMainThreadTaskMs: await longestTaskSince(page, startedAt), scrollFrames };
}

/** Picks `dir` in the app's folder input; the scan starts at the input's change event. */
async function pickWithFolderInput(page: Page, dir: string): Promise<number> {
  const input = page.locator('ms-add-music input[webkitdirectory]');
  await input.evaluate((element) =>
    element.addEventListener('change', () => ((window as unknown as { changedAt: number }).changedAt = performance.now()), {
      capture: true,
      once: true,
    }),
  );
  await input.setInputFiles(dir);
  return page
    .waitForFunction(() => (window as unknown as { changedAt?: number }).changedAt)
    .then((handle) => handle.jsonValue() as Promise<number>);
}

/** Add music, then Add folder (the fake picker returns the folder at once); the scan starts at that click. */
export async function clickAddFolder(page: Page): Promise<number> {
  await page.getByRole('button', { name: 'Add music' }).click();
  await page.evaluate(() =>
    window.addEventListener('click', () => ((window as unknown as { clickedAt: number }).clickedAt = performance.now()), {
      capture: true,
      once: true,
    }),
  );
  await page.getByRole('button', { name: 'Add folder' }).click();
  return page.evaluate(() => (window as unknown as { clickedAt: number }).clickedAt);
}

/** Copies `dir` into OPFS (through a file input of the test's own), for the fake picker to return. */
export async function putInOpfs(page: Page, dir: string): Promise<void> {
  await page.evaluate(() => {
    const input = Object.assign(document.createElement('input'), { type: 'file', id: 'bench-opfs-input' });
    input.webkitdirectory = true;
    document.body.append(input);
  });
  await page.locator('#bench-opfs-input').setInputFiles(dir);
  await page.evaluate(
    async ({ root }) => {
      const input = document.querySelector<HTMLInputElement>('#bench-opfs-input')!;
      const base = await (await navigator.storage.getDirectory()).getDirectoryHandle(root, { create: true });
      const folders = new Map<string, FileSystemDirectoryHandle>();
      const folderOf = async (path: string): Promise<FileSystemDirectoryHandle> => {
        let dir = base;
        let at = '';
        for (const part of path.split('/')) {
          at += `/${part}`;
          const known = folders.get(at);
          dir = known ?? (await dir.getDirectoryHandle(part, { create: true }));
          folders.set(at, dir);
        }
        return dir;
      };
      for (const file of [...(input.files ?? [])]) {
        const path = file.webkitRelativePath;
        const folder = await folderOf(path.slice(0, path.lastIndexOf('/')));
        const writable = await (await folder.getFileHandle(file.name, { create: true })).createWritable();
        await writable.write(file);
        await writable.close();
      }
      input.remove();
    },
    { root: PICKED_ROOT },
  );
}

export async function newBenchContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addInitScript(useDeviceFromQuery);
  await watchLongTasks(context);
  await context.addInitScript(
    ({ root, folder }) => {
      (window as unknown as { showDirectoryPicker: () => Promise<FileSystemDirectoryHandle> }).showDirectoryPicker = async () =>
        (await (await navigator.storage.getDirectory()).getDirectoryHandle(root)).getDirectoryHandle(folder);
    },
    { root: PICKED_ROOT, folder: FOLDER_NAME },
  );
  return context;
}

function idbBytes(page: Page): Promise<number> {
  return page.evaluate(
    async () => ((await navigator.storage.estimate()) as { usageDetails?: { indexedDB?: number } }).usageDetails?.indexedDB ?? 0,
  );
}

export async function openBenchApp(context: BrowserContext, origin: string): Promise<Page> {
  const page = await openApp(context, origin, newDeviceId(), { title: 'Nothing playing' });
  await page.getByRole('button', { name: 'Add music' }).waitFor();
  // The catalog's 10,000 tracks come first in the list: the filter shows the imported ones only.
  await page.getByRole('searchbox', { name: 'Filter library' }).fill('Benchartist');
  return page;
}

/** Add folder with a folder handle (Chromium): scan, click → sound, Rescan unchanged, memory, IndexedDB. */
async function measureFolderHandle(browser: Browser, origin: string, dir: string, log: (line: string) => void) {
  const context = await newBenchContext(browser);
  try {
    const page = await openBenchApp(context, origin);
    await putInOpfs(page, dir);
    log('import: the folder is in OPFS for the folder-handle run');
    const rawBefore = await rawParseRate(context, origin);
    log(`import: music-metadata alone in Chromium, before the app's scan: ${rawBefore.toFixed(1)} tracks/s`);
    const heapBefore = await usedHeapBytes(page);
    const idbBefore = await idbBytes(page);
    const scanned = await scan(page, () => clickAddFolder(page));
    const heapAfter = await usedHeapBytes(page);
    const idbAfter = await idbBytes(page);

    const clicked = performance.now();
    await localRows(page)
      .first()
      .getByRole('button', { name: /^Play Track \d+$/ })
      .click();
    await page.waitForFunction(() => {
      const audio = document.querySelector('mediastream-app')?.shadowRoot?.querySelector('audio');
      return Boolean(audio && !audio.paused && audio.currentTime > 0);
    });
    const firstSoundMs = performance.now() - clicked;

    await page.getByRole('button', { name: 'Dismiss' }).click();
    const again = performance.now();
    await page.getByRole('button', { name: `Rescan ${FOLDER_NAME}` }).click();
    await resultText(page);
    const rescanUnchangedMs = performance.now() - again;
    // The scan rate against the parser alone: the same import again, the list left still, since the
    // baseline has no list to wheel and on two cores the wheeled page takes CPU the import worker would use.
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.getByRole('button', { name: `Remove ${FOLDER_NAME} from library` }).click();
    await localRows(page).first().waitFor({ state: 'detached' });
    const still = await scan(page, () => clickAddFolder(page), false);
    await page.close();
    const rawAfter = await rawParseRate(context, origin);
    log(`import: music-metadata alone in Chromium, after the app's scan: ${rawAfter.toFixed(1)} tracks/s`);
    return {
      scanned,
      still,
      rawParseTracksPerSecond: Math.max(rawBefore, rawAfter),
      firstSoundMs,
      rescanUnchangedMs,
      heapGrowth: heapAfter - heapBefore,
      idbGrowth: idbAfter - idbBefore,
    };
  } finally {
    await context.close();
  }
}

/** The folder input (every file copied), in a profile of its own: scan, and the same folder picked again. */
async function measureFolderInput(browser: Browser, origin: string, dir: string) {
  const context = await newBenchContext(browser);
  try {
    const page = await openBenchApp(context, origin);
    const scanned = await scan(page, () => pickWithFolderInput(page, dir));
    await page.getByRole('button', { name: 'Dismiss' }).click();
    const again = performance.now();
    await pickWithFolderInput(page, dir);
    await resultText(page);
    return { scanned, pickedAgainMs: performance.now() - again };
  } finally {
    await context.close();
  }
}

export async function measureImport(
  browser: Browser,
  origin: string,
  options: { tracks: number; seconds: number; log: (line: string) => void },
): Promise<ImportFigures> {
  const dir = folderFor(options.tracks, options.seconds);
  options.log(`import: folder of ${options.tracks} tracks ready`);
  const handle = await measureFolderHandle(browser, origin, dir, options.log);
  options.log('import: folder handle done; now the folder input (copies)');
  const copied = await measureFolderInput(browser, origin, dir);
  const { rawParseTracksPerSecond } = handle;
  const nodeParseTracksPerSecond = await nodeParseRate(dir);
  const { tracks } = handle.scanned;
  const tracksPerSecond = tracks / handle.scanned.seconds;
  const stillTracksPerSecond = handle.still.tracks / handle.still.seconds;
  const albums = Math.ceil(tracks / TRACKS_PER_ALBUM);
  const idbBytes = Math.max(0, handle.idbGrowth);
  return {
    tracks,
    tracksPerSecond,
    rawParseTracksPerSecond,
    stillTracksPerSecond,
    ratioToRawParse: stillTracksPerSecond / rawParseTracksPerSecond,
    wheeledRatioToRawParse: tracksPerSecond / rawParseTracksPerSecond,
    nodeParseTracksPerSecond,
    firstTracksPaintedMs: handle.scanned.firstTracksPaintedMs,
    firstSoundMs: handle.firstSoundMs,
    longestMainThreadTaskMs: handle.scanned.longestMainThreadTaskMs,
    rescanUnchangedMs: handle.rescanUnchangedMs,
    memoryGrowthMB: Math.max(0, handle.heapGrowth) / 1024 ** 2,
    // IndexedDB does not say which store holds what: each figure is the whole growth over its count.
    idbBytesPerTrack: idbBytes / Math.max(1, tracks),
    idbBytesPerAlbum: idbBytes / Math.max(1, albums),
    scrollFrameP95Ms: percentile(handle.scanned.scrollFrames, 95),
    scrollFrameLongestMs: Math.max(0, ...handle.scanned.scrollFrames),
    copiedTracksPerSecond: copied.scanned.tracks / copied.scanned.seconds,
    copiedFirstTracksPaintedMs: copied.scanned.firstTracksPaintedMs,
    copiedLongestMainThreadTaskMs: copied.scanned.longestMainThreadTaskMs,
    copiedPickedAgainMs: copied.pickedAgainMs,
    secondsPerTrack: options.seconds,
  };
}
