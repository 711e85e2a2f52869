/**
 * Import: a generated folder of tagged MP3s with covers (each its own tags; ten tracks an album, one cover
 * an album), made once in a git-ignored cache, handed to the app's folder input as a person's pick would
 * be. Measured in one run: the scan rate, the first local tracks painted, the longest main-thread task
 * during the scan, a click on a just-imported track → sound, the rescan of the unchanged folder (the same
 * folder picked again), the tab's memory growth and IndexedDB bytes per track and per album.
 * rawParse: music-metadata with the same prefetching reader, in Node, one file at a time per reader, four
 * in flight — the parser alone, without the worker, the copies and the store.
 */

import { existsSync, mkdirSync, openAsBlob, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { readTrack } from '../../src/library/tag-reader';
import { pngCover, taggedMp3 } from '../../tests/support/audio-fixtures';
import type { ImportFigures } from '../results';
import { openApp } from './app-page';
import { ROOT } from './build';
import { newDeviceId } from './fixtures';
import { useDeviceFromQuery } from './page-scripts';
import { usedHeapBytes } from './queue-scale';

const TRACKS_PER_ALBUM = 10;

function folderFor(tracks: number, seconds: number): string {
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

async function rawParseRate(dir: string): Promise<number> {
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

function resultText(page: Page): Promise<string> {
  return page
    .getByRole('status')
    .filter({ hasText: /^\s*Added / })
    .first()
    .textContent({ timeout: 600_000 })
    .then((text) => text ?? '');
}

export async function measureImport(
  browser: Browser,
  origin: string,
  options: { tracks: number; seconds: number; log: (line: string) => void },
): Promise<ImportFigures> {
  const dir = folderFor(options.tracks, options.seconds);
  options.log(`import: folder of ${options.tracks} tracks ready`);
  const context = await browser.newContext();
  await context.addInitScript(useDeviceFromQuery);
  await context.addInitScript(() => {
    const w = window as unknown as { longestTask: number };
    w.longestTask = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longestTask = Math.max(w.longestTask, entry.duration);
    }).observe({ type: 'longtask' });
  });
  try {
    const page = await openApp(context, origin, newDeviceId(), { title: 'Nothing playing' });
    await page.getByRole('button', { name: 'Add music' }).waitFor();
    const heapBefore = await usedHeapBytes(page);
    const idbBefore = await page.evaluate(
      async () => ((await navigator.storage.estimate()) as { usageDetails?: { indexedDB?: number } }).usageDetails?.indexedDB ?? 0,
    );
    await page.evaluate(() => ((window as unknown as { longestTask: number }).longestTask = 0));
    // The catalog's 10,000 tracks come first in the list: the filter shows the imported ones only.
    await page.getByRole('searchbox', { name: 'Filter library' }).fill('Benchartist');
    const input = page.locator('ms-add-music input[webkitdirectory]');
    await input.setInputFiles(dir);
    const picked = performance.now();
    // The first local tracks painted: the Library list shows rows of the imported artists.
    const localRows = page
      .getByRole('list', { name: 'Library' })
      .getByRole('listitem')
      .filter({ hasText: /Benchartist \d+ · Album \d+/ });
    await localRows.first().waitFor({ timeout: 600_000 });
    const firstTracksPaintedMs = performance.now() - picked;
    const summary = await resultText(page);
    const scanSeconds = (performance.now() - picked) / 1000;
    const tracks = Number(summary.match(/Added ([\d,]+)/)?.[1]?.replace(/,/g, '') ?? 0);
    const longestMainThreadTaskMs = await page.evaluate(() => (window as unknown as { longestTask: number }).longestTask);
    const heapAfter = await usedHeapBytes(page);
    const idbAfter = await page.evaluate(
      async () => ((await navigator.storage.estimate()) as { usageDetails?: { indexedDB?: number } }).usageDetails?.indexedDB ?? 0,
    );

    const clicked = performance.now();
    await localRows
      .first()
      .getByRole('button', { name: /^Play Track \d+$/ })
      .click();
    await page.waitForFunction(() => {
      const audio = document.querySelector('mediastream-app')?.shadowRoot?.querySelector('audio');
      return Boolean(audio && !audio.paused && audio.currentTime > 0);
    });
    const firstSoundMs = performance.now() - clicked;

    // The same folder picked again: nothing changed, so nothing is parsed again.
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await input.setInputFiles(dir);
    const again = performance.now();
    await resultText(page);
    const rescanUnchangedMs = performance.now() - again;

    const rawParseTracksPerSecond = await rawParseRate(dir);
    const tracksPerSecond = tracks / scanSeconds;
    const albums = Math.ceil(tracks / TRACKS_PER_ALBUM);
    const idbBytes = Math.max(0, idbAfter - idbBefore);
    return {
      tracks,
      tracksPerSecond,
      rawParseTracksPerSecond,
      ratioToRawParse: tracksPerSecond / rawParseTracksPerSecond,
      firstTracksPaintedMs,
      firstSoundMs,
      longestMainThreadTaskMs,
      rescanUnchangedMs,
      memoryGrowthMB: Math.max(0, heapAfter - heapBefore) / 1024 ** 2,
      // IndexedDB does not say which store holds what: each figure is the whole growth over its count.
      idbBytesPerTrack: idbBytes / Math.max(1, tracks),
      idbBytesPerAlbum: idbBytes / Math.max(1, albums),
      secondsPerTrack: options.seconds,
    };
  } finally {
    await context.close();
  }
}
