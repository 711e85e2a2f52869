/**
 * `npm run bench`: builds the production app and the baseline pages, serves them on one origin, drives
 * them with Playwright in real Chromium, prints a table and writes bench/results/latest.json.
 * See bench/results.ts for what each number means and README.md for how to run it.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../../e2e/support/chromium';
import { assembleResult, type BenchResult, formatReport, formatRunsSummary, type RawResults, summarizeRuns } from '../results';
import { measureBrowse } from './browse';
import { APP_DIR, buildAll, ROOT } from './build';
import { measureBundle } from './bundle';
import { serveAppBuild } from './fixtures';
import { investigateFloorVariants } from './floor-variants';
import { measureImport } from './import';
import { investigateImport } from './import-profile';
import { investigateQueue, investigateSync } from './investigate';
import { measureMemory } from './memory';
import { measureQueueScale } from './queue-scale';
import { measureRemote } from './remote';
import { measureRestore } from './restore';
import { investigateRestore } from './restore-profile';
import { measureScroll } from './scroll';
import { measureSync } from './sync';
import { investigateSyncProfile } from './sync-profile';
import { investigateSyncTrace } from './sync-trace';
import { measureWrites } from './writes';

const SECTIONS = ['bundle', 'memory', 'scroll', 'sync', 'restore', 'queueScale', 'writes', 'import', 'remote', 'browse'] as const;
/** Investigations, run only when named with --only: they print where the time goes. */
const INVESTIGATIONS = [
  'breakdown',
  'queueProfile',
  'floorVariants',
  'syncProfile',
  'syncTrace',
  'restoreProfile',
  'importProfile',
] as const;
type Section = (typeof SECTIONS)[number] | (typeof INVESTIGATIONS)[number];

interface Settings {
  /** Per kind of action for the app and the floor, and for each peer. */
  readonly syncSamples: number;
  /** Whole cycles of turns run first and not kept. */
  readonly syncWarmUpCycles: number;
  readonly syncBlock: number;
  readonly restoreLoads: number;
  readonly restoreWarmUp: number;
  readonly queueLengths: readonly number[];
  readonly queueEditsPerKind: number;
  readonly queueWarmUpBlocks: number;
  readonly writeWindowMs: number;
  readonly wheelSteps: number;
  readonly filters: number;
  readonly remoteHandoffs: number;
  readonly remoteEdits: number;
  readonly rawYjsUpdates: number;
  readonly browseLoads: number;
  readonly browseSearches: number;
  readonly playlistEdits: number;
}

const FULL: Settings = {
  syncSamples: 500,
  syncWarmUpCycles: 1,
  // Each turn costs about 0.3 s besides its actions (every tab settles, the app's music starts and stops):
  // 20 actions a turn instead of 10 took the sync section from 562 to 486 s, and keep 25 paired turns per
  // kind for the spread.
  syncBlock: 20,
  // 20 loads of each gave restore ÷ fresh from 0.96 to 1.19 over five runs on a quiet machine: each
  // load's time spreads over ±30 ms around a 200 ms median, so the median of 20 moves run to run by
  // about as much as the goal's margin. 60 narrow that by √3.
  restoreLoads: 60,
  restoreWarmUp: 2,
  queueLengths: [10, 10_000, 100_000],
  queueEditsPerKind: 30,
  queueWarmUpBlocks: 3,
  writeWindowMs: 10_000,
  wheelSteps: 150,
  filters: 10,
  remoteHandoffs: 40,
  remoteEdits: 60,
  rawYjsUpdates: 200,
  browseLoads: 7,
  browseSearches: 30,
  playlistEdits: 30,
};

const QUICK: Settings = {
  syncSamples: 24,
  syncWarmUpCycles: 1,
  syncBlock: 4,
  restoreLoads: 3,
  restoreWarmUp: 1,
  queueLengths: [10, 10_000, 100_000],
  queueEditsPerKind: 4,
  queueWarmUpBlocks: 1,
  writeWindowMs: 4_000,
  wheelSteps: 40,
  filters: 3,
  remoteHandoffs: 6,
  remoteEdits: 10,
  rawYjsUpdates: 40,
  browseLoads: 2,
  browseSearches: 5,
  playlistEdits: 5,
};

function log(message: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

export async function runBrowserBench(argv: readonly string[]): Promise<void> {
  // --runs=N: the chosen sections N times over, each run in a browser of its own, and a summary across them.
  const repeat = Math.max(1, Number(argv.find((arg) => arg.startsWith('--runs='))?.slice('--runs='.length) ?? 1) || 1);
  if (repeat === 1) {
    await runOnce(argv);
    return;
  }
  const results: BenchResult[] = [];
  for (let run = 1; run <= repeat; run++) {
    log(`run ${run} of ${repeat}`);
    const result = await runOnce(argv, run);
    if (result) results.push(result);
  }
  if (results.length === 0) return;
  console.log(`\n${formatRunsSummary(results)}\n`);
  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'runs.json');
  writeFileSync(file, `${JSON.stringify({ summary: summarizeRuns(results), runs: results }, null, 2)}\n`);
  log(`wrote ${file}`);
}

/** One run of the chosen sections (the `run`th of several, built once); null when only investigations ran. */
async function runOnce(argv: readonly string[], run?: number): Promise<BenchResult | null> {
  const started = performance.now();
  const quick = argv.includes('--quick');
  const only = argv
    .find((arg) => arg.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',') as Section[] | undefined;
  const known: readonly string[] = [...SECTIONS, ...INVESTIGATIONS];
  const unknown = only?.filter((section) => !known.includes(section));
  if (unknown?.length) throw new Error(`Unknown section(s) ${unknown.join(', ')}; known: ${known.join(', ')}`);
  const runs = (section: Section) => (only ? only.includes(section) : (SECTIONS as readonly string[]).includes(section));
  const settings = quick ? QUICK : FULL;

  if ((run ?? 1) === 1) await buildAll(log);
  const server = await serveAppBuild(APP_DIR);
  // Diagnostics only: BENCH_CHROMIUM_ARGS="--disable-features=X" adds switches (and says so in the notes).
  const extraArgs = process.env.BENCH_CHROMIUM_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: [...CHROMIUM_ARGS, ...extraArgs] });
  const notes: string[] = [];
  if (extraArgs.length) notes.push(`Chromium ran with extra switches: ${extraArgs.join(' ')}`);
  if (quick) notes.push('--quick: too few samples to be read as results');
  try {
    const origin = server.origin;
    log(`serving ${origin}; ${browser.version()}`);
    const empty = { dom: [], frame: [], blocks: [] };
    const section = async <T>(name: Section, run: () => Promise<T>, skipped: T): Promise<T> => {
      if (!runs(name)) return skipped;
      const sectionStart = performance.now();
      log(`${name}…`);
      const value = await run();
      log(`${name} done in ${Math.round((performance.now() - sectionStart) / 1000)} s`);
      return value;
    };
    const bundle = await section('bundle', () => measureBundle(browser, origin, APP_DIR, ROOT), {
      files: [],
      serviceWorker: { bytes: 0, gzipBytes: 0 },
      byPackage: [],
    });
    const memory = await section('memory', () => measureMemory(browser, origin), { heapBytesLibrary10k: 0, library: 0 });
    const scroll = await section(
      'scroll',
      () => measureScroll(browser, origin, { wheelSteps: settings.wheelSteps, filters: settings.filters, log }),
      {
        library: 0,
        queue: 0,
        libraryFrames: [],
        queueFrames: [],
        filterMs: [],
      },
    );
    const sync = await section(
      'sync',
      async () => ({
        ...(await measureSync(browser, origin, {
          samples: settings.syncSamples,
          warmUpCycles: settings.syncWarmUpCycles,
          blockSize: settings.syncBlock,
          log,
        })),
        warmUp: settings.syncWarmUpCycles * settings.syncBlock,
      }),
      { app: empty, floor: empty, storageEvent: empty, dexie: empty, byKind: {}, warmUp: 0 },
    );
    const restore = await section(
      'restore',
      () => measureRestore(browser, origin, { loads: settings.restoreLoads, warmUp: settings.restoreWarmUp, log }),
      {
        library: 0,
        queue: 0,
        restored: [],
        fresh: [],
        restoredFcp: [],
        freshFcp: [],
        warmUp: 0,
      },
    );
    const queueScale = await section(
      'queueScale',
      () =>
        measureQueueScale(browser, origin, {
          lengths: settings.queueLengths,
          editsPerKind: settings.queueEditsPerKind,
          warmUpBlocks: settings.queueWarmUpBlocks,
          log,
        }),
      [],
    );
    const noWindow = { tabs: 0, ms: 0, writeTransactions: 0, writeRequests: 0, broadcasts: 0 };
    const writes = await section('writes', () => measureWrites(browser, origin, { windowMs: settings.writeWindowMs, log }), {
      playingOneTab: noWindow,
      playingThreeTabs: noWindow,
      paused: noWindow,
    });

    const tracksArg = argv.find((arg) => arg.startsWith('--tracks='));
    const importTracks = tracksArg ? Number(tracksArg.slice('--tracks='.length)) : quick ? 200 : 2000;
    // --seconds=N: shorter tracks for --tracks=20000, whose folder must fit twice in a headless profile's quota.
    const secondsArg = argv.find((arg) => arg.startsWith('--seconds='));
    const importSeconds = secondsArg ? Number(secondsArg.slice('--seconds='.length)) : 20;
    const imported = await section(
      'import',
      () => measureImport(browser, origin, { tracks: importTracks, seconds: importSeconds, log }),
      undefined,
    );
    const remote = await section(
      'remote',
      () =>
        measureRemote(browser, origin, {
          handoffs: settings.remoteHandoffs,
          edits: settings.remoteEdits,
          rawUpdates: settings.rawYjsUpdates,
          log,
        }),
      undefined,
    );
    if (remote) notes.push('remote.rawYjs: two Hocuspocus providers in Node through the same server, not two browser contexts');
    const browseTracks = Number(argv.find((arg) => arg.startsWith('--browse-tracks='))?.slice('--browse-tracks='.length) ?? 50_000);
    const browse = await section(
      'browse',
      () =>
        measureBrowse(browser, origin, {
          tracks: browseTracks,
          baselineTracks: 1000,
          loads: settings.browseLoads,
          wheelSteps: settings.wheelSteps,
          searches: settings.browseSearches,
          playlistLengths: [10, 10_000],
          playlistEdits: settings.playlistEdits,
          warmUpEdits: 3,
          log,
        }),
      undefined,
    );

    const investigation = [
      ...(await section('breakdown', () => investigateSync(browser, origin, APP_DIR, ROOT, log), [])),
      ...(await section('queueProfile', () => investigateQueue(browser, origin, APP_DIR, ROOT, log), [])),
      ...(await section(
        'floorVariants',
        () => investigateFloorVariants(browser, origin, log, Number(process.env.BENCH_FLOOR_SAMPLES ?? 150)),
        [],
      )),
      ...(await section('syncProfile', () => investigateSyncProfile(browser, origin, APP_DIR, ROOT, log), [])),
      ...(await section('syncTrace', () => investigateSyncTrace(browser, origin, log), [])),
      ...(await section('restoreProfile', () => investigateRestore(browser, origin, APP_DIR, ROOT, log), [])),
      ...(await section(
        'importProfile',
        () => investigateImport(browser, origin, APP_DIR, ROOT, log, { tracks: importTracks, seconds: importSeconds }),
        [],
      )),
    ];
    if (investigation.length) {
      console.log(`\n${investigation.join('\n')}\n`);
      if (only?.every((name) => (INVESTIGATIONS as readonly string[]).includes(name))) return null;
    }

    const raw: RawResults = {
      when: new Date().toISOString(),
      browser: `Chromium ${browser.version()} (headless)`,
      machine: { cores: cpus().length, memoryBytes: totalmem(), cpu: cpus()[0]?.model ?? 'unknown' },
      runSeconds: (performance.now() - started) / 1000,
      notes,
      sync,
      restore,
      queueScale,
      writes,
      bundle,
      memory,
      scroll,
      ...(imported ? { import: imported } : {}),
      ...(remote ? { remote } : {}),
      ...(browse ? { browse } : {}),
    };
    const result = assembleResult(raw);
    const report = formatReport(result);
    console.log(`\n${report}\n`);
    const dir = join(ROOT, 'bench/results');
    mkdirSync(dir, { recursive: true });
    const name = quick ? 'quick' : only ? 'partial' : 'latest';
    const file = join(dir, run ? `${name}-run${run}.json` : `${name}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    log(`wrote ${file}`);
    return result;
  } finally {
    await browser.close();
    await server.stop();
  }
}
