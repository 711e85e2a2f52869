/**
 * Turns what the browser benchmark measured (raw samples and counts) into `bench/results/latest.json` and
 * the table `npm run bench` prints. Pure: no browser, no files, so a unit test checks the arithmetic and
 * that every key of the agreed shape is there.
 */

import { type BrowseRaw, browseResult, formatBrowse } from './browse-results';
import type { RemoteRun } from './browser/remote';
import {
  type Block,
  floorIsValid,
  median,
  pairedRatios,
  percentile,
  perSecond,
  ratio,
  ratioSpread,
  round,
  roundSummary,
  type Summary,
  summarize,
} from './stats';

/** Tab-to-tab latencies of one way of syncing, in ms, each action timed in both pages on one clock. */
export interface LatencyRun {
  /** Action in tab A → the change is in tab B's DOM (a MutationObserver in B). */
  readonly dom: readonly number[];
  /** Action in tab A → the end of the first frame B renders with the change (rAF, then a task). */
  readonly frame: readonly number[];
  /** `dom` by kind of action (app only: add, seek, play, remove). */
  readonly byKind?: Readonly<Record<string, readonly number[]>>;
  /** `dom` per interleaved block, in run order: the spread of block medians shows the noise. */
  readonly blocks: readonly (readonly number[])[];
}

/** One label's samples with its turns, each turn numbered by its cycle, to pair with the turn beside it. */
export interface PairedRun {
  readonly dom: readonly number[];
  readonly frame: readonly number[];
  readonly blocks: readonly Block[];
}

/** What bench/browser/sync.ts measures: each system, and per kind of action the app beside the floor. */
export interface SyncRun {
  readonly app: LatencyRun;
  readonly floor: LatencyRun;
  readonly storageEvent: LatencyRun;
  readonly dexie: LatencyRun;
  readonly byKind: Readonly<Record<string, { readonly app: PairedRun; readonly floor: PairedRun }>>;
}

export interface WriteWindow {
  readonly tabs: number;
  readonly ms: number;
  /** Committed IndexedDB readwrite transactions that wrote something, summed over every tab. */
  readonly writeTransactions: number;
  /** put/add/delete/clear requests inside them. */
  readonly writeRequests: number;
  /** Messages posted on `playback:<deviceId>`, summed over every tab. */
  readonly broadcasts: number;
}

export interface BundleFile {
  readonly path: string;
  readonly kind: 'js' | 'css';
  readonly bytes: number;
  readonly gzipBytes: number;
  /** Loaded by index.html itself rather than imported by the app's code. */
  readonly entry: boolean;
  /** Requested before the first paint (now playing and the transport shown) in either measured load. */
  readonly beforePaint?: boolean;
}

/** One load of the app in the bundle section (bench/browser/bundle.ts), with the browser's cache off. */
export interface FirstLoad {
  /** From navigation until the frame that first showed the session had rendered. */
  readonly firstPaintMs: number;
  /** When the library's first row, and the queue's, first showed (null: the queue was empty). */
  readonly libraryRowMs: number | null;
  readonly queueRowMs: number | null;
  /** The files (paths under the app) the page asked for before that paint. */
  readonly beforePaint: readonly string[];
  /** Cumulative layout shift (no input) until the library and the queue had shown, and a moment more. */
  readonly layoutShift: number;
  readonly shifts: readonly { readonly value: number; readonly at: number; readonly sources: readonly string[] }[];
}

/** The first paint's JS must stay within this, gzip -9 (issue 10). */
export const FIRST_PAINT_JS_BUDGET = 30 * 1024;

export interface PackageShare {
  readonly source: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

export interface QueueScaleRun {
  readonly queue: number;
  readonly latencies: readonly number[];
  readonly byKind: Readonly<Record<string, readonly number[]>>;
  /** Bytes (UTF-8 JSON) posted on the channel per edit, by kind. */
  readonly bytesByKind: Readonly<Record<string, readonly number[]>>;
  /** Used JS heap of tab B with this queue, after a GC. */
  readonly heapBytes: number;
}

/** Scrolling long lists and filtering the library (bench/browser/scroll.ts). */
export interface ScrollRun {
  readonly library: number;
  readonly queue: number;
  /** Intervals between animation frames while the wheel scrolls each list, ms. */
  readonly libraryFrames: readonly number[];
  readonly queueFrames: readonly number[];
  /** The keystroke that completes a filter → the end of the frame that shows the one matching track, ms. */
  readonly filterMs: readonly number[];
}

/** A frame longer than this is a stutter a person sees. */
const LONG_FRAME_MS = 50;

function frameIntervals(intervals: readonly number[]) {
  const summary = roundSummary(summarize(intervals), 1);
  return {
    frames: summary.n,
    p50: summary.p50,
    p95: summary.p95,
    max: summary.max,
    longFrames: intervals.filter((ms) => ms > LONG_FRAME_MS).length,
  };
}

export interface RawResults {
  readonly when: string;
  readonly browser: string;
  readonly machine: { readonly cores: number; readonly memoryBytes: number; readonly cpu: string };
  readonly runSeconds: number;
  readonly notes: readonly string[];
  readonly sync: SyncRun & {
    /** Actions per label run first and not kept. */
    readonly warmUp: number;
  };
  readonly restore: {
    readonly library: number;
    readonly queue: number;
    /** Navigation start → the restored track and position painted, ms, one per load. */
    readonly restored: readonly number[];
    /** Navigation start → the app painted for a device with no state, ms, one per load. */
    readonly fresh: readonly number[];
    readonly restoredFcp: readonly number[];
    readonly freshFcp: readonly number[];
    readonly warmUp: number;
  };
  readonly queueScale: readonly QueueScaleRun[];
  readonly writes: {
    readonly playingOneTab: WriteWindow;
    readonly playingThreeTabs: WriteWindow;
    readonly paused: WriteWindow;
  };
  readonly bundle: {
    readonly files: readonly BundleFile[];
    /** A new visitor and a returning one (a restored 1,000-entry queue); absent when the section did not run. */
    readonly loads?: { readonly fresh: FirstLoad; readonly restored: FirstLoad };
    readonly serviceWorker: { readonly bytes: number; readonly gzipBytes: number };
    readonly byPackage: readonly PackageShare[];
  };
  readonly memory: { readonly heapBytesLibrary10k: number; readonly library: number };
  readonly scroll: ScrollRun;
  /** Absent when the import section did not run. */
  readonly import?: ImportFigures;
  /** Sync across devices (bench/browser/remote.ts); absent when the section did not run. */
  readonly remote?: RemoteRun;
  /** Browsing a big library (bench/browser/browse.ts); absent when the section did not run. */
  readonly browse?: BrowseRaw;
}

/** The import section (bench/browser/import.ts): what the issue asks to see under `import`. */
export interface ImportFigures {
  readonly tracks: number;
  readonly tracksPerSecond: number;
  /** music-metadata alone in the same Chromium, a worker, the same folder handle and reader (bench/pages/raw-parse-worker.ts). */
  readonly rawParseTracksPerSecond: number;
  /**
   * The same import again with the list left still ÷ rawParseTracksPerSecond: the baseline has no list to
   * wheel, and on two cores the wheeled page takes CPU the import worker would use.
   */
  readonly ratioToRawParse: number;
  /** tracks/s of that still import. */
  readonly stillTracksPerSecond: number;
  /** tracksPerSecond (the list wheeled meanwhile) ÷ rawParseTracksPerSecond. */
  readonly wheeledRatioToRawParse: number;
  /** The same parser and reader in Node, on the files on disk: for reference, not the baseline. */
  readonly nodeParseTracksPerSecond: number;
  readonly firstTracksPaintedMs: number;
  readonly firstSoundMs: number;
  readonly longestMainThreadTaskMs: number;
  readonly rescanUnchangedMs: number;
  readonly memoryGrowthMB: number;
  readonly idbBytesPerTrack: number;
  readonly idbBytesPerAlbum: number;
  /** Frame intervals while the library is wheeled up and down during the scan: p95 and the longest. */
  readonly scrollFrameP95Ms: number;
  readonly scrollFrameLongestMs: number;
  /** The figures above are for Add folder with a folder handle (Chromium); these for the folder input, copying every file. */
  readonly copiedTracksPerSecond: number;
  readonly copiedFirstTracksPaintedMs: number;
  readonly copiedLongestMainThreadTaskMs: number;
  /** The same folder picked again in the folder input, unchanged. */
  readonly copiedPickedAgainMs: number;
  /** The length of each generated track (its size follows: 64 kbps). */
  readonly secondsPerTrack: number;
}

export const IMPORT_KEYS = [
  'tracks',
  'tracksPerSecond',
  'rawParseTracksPerSecond',
  'ratioToRawParse',
  'firstTracksPaintedMs',
  'firstSoundMs',
  'longestMainThreadTaskMs',
  'rescanUnchangedMs',
  'memoryGrowthMB',
  'idbBytesPerTrack',
  'idbBytesPerAlbum',
  'nodeParseTracksPerSecond',
  'stillTracksPerSecond',
  'wheeledRatioToRawParse',
] as const satisfies readonly (keyof ImportFigures)[];

/** The import figures as written: every key, rounded for reading. */
export function importResult(raw: ImportFigures): ImportFigures {
  const out = { ...raw } as Record<string, number>;
  for (const key of Object.keys(out)) out[key] = round(out[key]!, key.endsWith('RatioToRawParse') || key === 'ratioToRawParse' ? 2 : 1);
  return out as unknown as ImportFigures;
}

export interface Goal {
  readonly goal: string;
  readonly value: string;
  readonly met: boolean;
}

const MB = 1024 * 1024;

function latency(run: LatencyRun) {
  return roundSummary(summarize(run.dom));
}

function frames(run: LatencyRun) {
  return roundSummary(summarize(run.frame));
}

function mapValues<T, U>(record: Readonly<Record<string, T>>, map: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}

/** The paired turns' ratios, rounded. */
function spreadOf(ratios: readonly number[]) {
  const spread = ratioSpread(ratios);
  return {
    pairs: spread.pairs,
    min: round(spread.min, 2),
    p25: round(spread.p25, 2),
    median: round(spread.median, 2),
    p75: round(spread.p75, 2),
    max: round(spread.max, 2),
  };
}

/** Per kind: the app and the floor beside it, their ratios, the spread of the paired turns, and the verdict. */
function byKind(sync: RawResults['sync']) {
  return mapValues(sync.byKind, ({ app, floor }) => {
    const appSummary = roundSummary(summarize(app.dom));
    const floorSummary = roundSummary(summarize(floor.dom));
    const ratioP50 = ratio(percentile(app.dom, 50), percentile(floor.dom, 50));
    const ratios = pairedRatios(app.blocks, floor.blocks);
    return {
      app: appSummary,
      floor: floorSummary,
      ratioP50: round(ratioP50, 2),
      ratioP99: round(ratio(percentile(app.dom, 99), percentile(floor.dom, 99)), 2),
      pairedRatioP50: spreadOf(ratios),
      floorValid: floorIsValid(ratioP50, ratioSpread(ratios)),
    };
  });
}

function writesPerSecond(window: WriteWindow): number {
  return round(perSecond(window.writeTransactions, window.ms), 2);
}

function assembleCore(raw: RawResults) {
  const { sync, restore, writes, bundle } = raw;
  const app = latency(sync.app);
  const floor = latency(sync.floor);
  const storageEvent = latency(sync.storageEvent);
  const dexie = latency(sync.dexie);
  const kinds = byKind(sync);
  const allRatios = Object.values(sync.byKind).flatMap(({ app: a, floor: f }) => pairedRatios(a.blocks, f.blocks));
  const ratioP50 = ratio(app.p50, floor.p50);
  const restoredMs = median(restore.restored);
  const freshMs = median(restore.fresh);
  const sum = (files: readonly BundleFile[], key: 'bytes' | 'gzipBytes') => files.reduce((total, file) => total + file[key], 0);
  // What index.html loads, and what each measured load asked for before its first paint (the entry and
  // any chunk requested before that frame, whether or not the paint used it): the gate is the larger.
  const initialJs = bundle.files.filter((file) => file.kind === 'js' && file.entry);
  const laterJs = bundle.files.filter((file) => file.kind === 'js' && !file.entry && !file.beforePaint);
  const jsBefore = (load: FirstLoad | undefined) =>
    load
      ? sum(
          bundle.files.filter((file) => file.kind === 'js' && load.beforePaint.includes(file.path)),
          'gzipBytes',
        )
      : 0;
  const { fresh, restored } = bundle.loads ?? {};
  const initialCss = bundle.files.filter((file) => file.kind === 'css');

  const result = {
    when: raw.when,
    browser: raw.browser,
    machine: `${raw.machine.cores} cores, ${round(raw.machine.memoryBytes / 1024 ** 3, 1)} GiB`,
    sync: {
      n: app.n,
      app,
      floor,
      storageEvent,
      dexie,
      ratioP50: round(ratioP50, 2),
      ratioP99: round(ratio(app.p99, floor.p99), 2),
      byKind: kinds,
      // False when the app beats the floor beyond the run's spread, overall or for any kind.
      floorValid: floorIsValid(ratioP50, ratioSpread(allRatios)) && Object.values(kinds).every((kind) => kind.floorValid),
      pairedRatioP50: spreadOf(allRatios),
      // To the end of B's next rendered frame, the same actions.
      appFrame: frames(sync.app),
      floorFrame: frames(sync.floor),
      storageEventFrame: frames(sync.storageEvent),
      dexieFrame: frames(sync.dexie),
      ratioFrameP50: round(ratio(percentile(sync.app.frame, 50), percentile(sync.floor.frame, 50)), 2),
      ratioFrameP99: round(ratio(percentile(sync.app.frame, 99), percentile(sync.floor.frame, 99)), 2),
      warmUp: sync.warmUp,
    },
    restore: {
      library: restore.library,
      queue: restore.queue,
      restoredMs: round(restoredMs, 1),
      freshMs: round(freshMs, 1),
      ratio: round(ratio(restoredMs, freshMs), 2),
      loads: Math.min(restore.restored.length, restore.fresh.length),
      // The two loads of each round side by side: less moved by drift across the run than the medians.
      pairedRatio: round(median(restore.restored.map((ms, i) => ratio(ms, restore.fresh[i] ?? Number.NaN)).filter(Number.isFinite)), 2),
      restoredSpread: roundSummary(summarize(restore.restored), 1),
      freshSpread: roundSummary(summarize(restore.fresh), 1),
      restoredFcpMs: round(median(restore.restoredFcp), 1),
      freshFcpMs: round(median(restore.freshFcp), 1),
      warmUp: restore.warmUp,
    },
    queueScale: raw.queueScale.map((run) => {
      const summary = roundSummary(summarize(run.latencies));
      const allBytes = Object.values(run.bytesByKind).flat();
      return {
        queue: run.queue,
        p50: summary.p50,
        // Mean over every edit measured (as many adds as moves as removes).
        bytesPerEdit: round(allBytes.reduce((total, bytes) => total + bytes, 0) / allBytes.length, 1),
        n: summary.n,
        p95: summary.p95,
        p99: summary.p99,
        min: summary.min,
        max: summary.max,
        p25: summary.p25,
        p75: summary.p75,
        p50ByKind: mapValues(run.byKind, (samples) => round(median(samples))),
        bytesByKind: mapValues(run.bytesByKind, (samples) => median(samples)),
        heapMBTabB: round(run.heapBytes / MB, 1),
      };
    }),
    writes: {
      playingOneTab: writesPerSecond(writes.playingOneTab),
      playingThreeTabs: writesPerSecond(writes.playingThreeTabs),
      paused: writesPerSecond(writes.paused),
      broadcastsPerSecondPlaying: round(perSecond(writes.playingOneTab.broadcasts, writes.playingOneTab.ms), 2),
      broadcastsPerSecondPlayingThreeTabs: round(perSecond(writes.playingThreeTabs.broadcasts, writes.playingThreeTabs.ms), 2),
      windows: { playingOneTab: writes.playingOneTab, playingThreeTabs: writes.playingThreeTabs, paused: writes.paused },
    },
    bundle: {
      initialJsGzipBytes: sum(initialJs, 'gzipBytes'),
      initialCssGzipBytes: sum(initialCss, 'gzipBytes'),
      serviceWorkerGzipBytes: bundle.serviceWorker.gzipBytes,
      initialJsBytes: sum(initialJs, 'bytes'),
      beforePaintJsGzipBytes: Math.max(jsBefore(fresh), jsBefore(restored)),
      beforePaintJsGzipBytesNewVisitor: jsBefore(fresh),
      beforePaintJsGzipBytesRestored: jsBefore(restored),
      firstPaintMsNewVisitor: round(fresh?.firstPaintMs ?? 0, 1),
      firstPaintMsRestored: round(restored?.firstPaintMs ?? 0, 1),
      libraryRowMsNewVisitor: round(fresh?.libraryRowMs ?? 0, 1),
      libraryRowMsRestored: round(restored?.libraryRowMs ?? 0, 1),
      queueRowMsRestored: round(restored?.queueRowMs ?? 0, 1),
      layoutShift: round(Math.max(fresh?.layoutShift ?? 0, restored?.layoutShift ?? 0), 4),
      layoutShifts: { newVisitor: fresh?.shifts ?? [], restored: restored?.shifts ?? [] },
      afterFirstPaintJsGzipBytes: sum(laterJs, 'gzipBytes'),
      serviceWorkerBytes: bundle.serviceWorker.bytes,
      files: bundle.files,
      initialJsByPackage: bundle.byPackage,
    },
    scroll: {
      library: raw.scroll.library,
      queue: raw.scroll.queue,
      libraryFrames: frameIntervals(raw.scroll.libraryFrames),
      queueFrames: frameIntervals(raw.scroll.queueFrames),
      filter: roundSummary(summarize(raw.scroll.filterMs), 1),
      longFrameMs: LONG_FRAME_MS,
    },
    memory: {
      heapMBLibrary10k: round(raw.memory.heapBytesLibrary10k / MB, 1),
      library: raw.memory.library,
    },
    ...(raw.import ? { import: importResult(raw.import) } : {}),
    ...(raw.remote ? { remote: raw.remote } : {}),
    ...(raw.browse ? { browse: browseResult(raw.browse) } : {}),
    runSeconds: round(raw.runSeconds, 0),
    notes: raw.notes,
  };
  return result;
}

type ResultCore = ReturnType<typeof assembleCore>;
export type BenchResult = ResultCore & { readonly goals: readonly Goal[] };

/** The JSON written to bench/results/latest.json: every agreed key, a few more, and the goals judged. */
export function assembleResult(raw: RawResults): BenchResult {
  const core = assembleCore(raw);
  return { ...core, goals: goals(core) };
}

/** app ÷ floor at p50 or p99 within `limit` for every kind; the worst kind is the value. */
function kindGoals(kinds: ResultCore['sync']['byKind'], at: 'p50' | 'p99', limit: number): Goal[] {
  const entries = Object.entries(kinds);
  if (entries.length === 0) return [];
  const key = at === 'p50' ? 'ratioP50' : 'ratioP99';
  const values = entries.map(([kind, k]) => `${kind} ${k[key]}×`).join(', ');
  return [{ goal: `sync ${at} app ÷ floor ≤ ${limit}, every kind`, value: values, met: entries.every(([, k]) => k[key] <= limit) }];
}

/**
 * Which sections ran: a section left out (`--only=…`) has no samples. Its goals are not judged (a goal
 * judged on none would read NO, or worse yes: every one of no kinds is under 20 ms) and its table is not
 * printed (it would be a table of zeros and NaN).
 */
function sectionsRan(result: ResultCore) {
  return {
    sync: result.sync.n > 0,
    restore: result.restore.loads > 0,
    queueScale: result.queueScale.length > 0,
    writes: result.writes.windows.paused.ms > 0,
    // The first loads were measured (a real first paint never takes 0 ms).
    bundle: result.bundle.firstPaintMsNewVisitor > 0,
    memory: result.memory.library > 0,
    scroll: result.scroll.libraryFrames.frames > 0,
  };
}

/** The goals of the sections that ran. */
function goals(result: ResultCore): Goal[] {
  const { sync, restore, queueScale, writes, bundle } = result;
  const ran = sectionsRan(result);
  const x = (value: number) => `${round(value, 2)}×`;
  const list: Goal[] = [];
  if (ran.sync) list.push(...syncGoals(sync));
  if (ran.restore) list.push({ goal: 'restore ÷ fresh ≤ 1.1', value: x(restore.ratio), met: restore.ratio <= 1.1 });
  const smallest = queueScale[0];
  const largest = queueScale[queueScale.length - 1];
  if (smallest && largest) {
    const scale = ratio(largest.p50, smallest.p50);
    const bytes = queueScale.map((row) => row.bytesPerEdit);
    list.push(
      { goal: `queue ${largest.queue} edit ≤ 1.5 × queue ${smallest.queue}`, value: x(scale), met: scale <= 1.5 },
      {
        // Order keys grow with the logarithm of the queue's length: a byte or two is "the same".
        goal: 'bytes per edit the same at every queue length (±1%)',
        value: bytes.join(' / '),
        met: ratio(Math.max(...bytes), Math.min(...bytes)) <= 1.01,
      },
    );
  }
  if (ran.writes) {
    list.push(
      {
        goal: '≤ 1 write/s playing, any number of tabs',
        value: `${writes.playingOneTab} (1 tab), ${writes.playingThreeTabs} (3 tabs)`,
        met: writes.playingOneTab <= 1 && writes.playingThreeTabs <= 1,
      },
      { goal: '0 writes/s paused', value: String(writes.paused), met: writes.paused === 0 },
    );
  }
  if (ran.bundle) {
    list.push(
      {
        goal: 'JS asked for before the first paint ≤ 30 KB gzip (30,720 B), new visitor and restored session',
        value: `${bundle.beforePaintJsGzipBytes} B (entry ${bundle.initialJsGzipBytes})`,
        met: bundle.beforePaintJsGzipBytes > 0 && bundle.beforePaintJsGzipBytes <= FIRST_PAINT_JS_BUDGET,
      },
      {
        goal: 'no layout shift while the app starts (cumulative < 0.01)',
        value: String(bundle.layoutShift),
        met: bundle.layoutShift < 0.01,
      },
    );
  }
  const imported = (result as { import?: ImportFigures }).import;
  if (imported) list.push(...importGoals(imported));
  return list;
}

/** The sync section's goals (issue "Sync against the true floor"). */
function syncGoals(sync: ResultCore['sync']): Goal[] {
  return [
    {
      goal: 'the floor is the floor (the app not ahead of it beyond the spread)',
      value: sync.floorValid ? 'valid' : 'INVALID',
      met: sync.floorValid,
    },
    ...kindGoals(sync.byKind, 'p50', 1.25),
    ...kindGoals(sync.byKind, 'p99', 1.5),
    {
      goal: 'sync p99 < 20 ms, every kind',
      value: Object.entries(sync.byKind)
        .map(([kind, k]) => `${kind} ${k.app.p99}`)
        .join(', '),
      met: Object.keys(sync.byKind).length > 0 && Object.values(sync.byKind).every((k) => k.app.p99 < 20),
    },
    {
      goal: 'app ahead of storage event at p50 and p99',
      value: `${sync.app.p50} / ${sync.app.p99} vs ${sync.storageEvent.p50} / ${sync.storageEvent.p99} ms`,
      met: sync.app.p50 < sync.storageEvent.p50 && sync.app.p99 < sync.storageEvent.p99,
    },
    {
      goal: 'app ahead of Dexie liveQuery at p50 and p99',
      value: `${sync.app.p50} / ${sync.app.p99} vs ${sync.dexie.p50} / ${sync.dexie.p99} ms`,
      met: sync.app.p50 < sync.dexie.p50 && sync.app.p99 < sync.dexie.p99,
    },
  ];
}

/** The import section's goals (issue "Your own music"); the rescan's bound grows with the folder: 1 s per 2,000 tracks. */
function importGoals(figures: ImportFigures): Goal[] {
  const rescanBoundMs = Math.max(1000, (figures.tracks / 2000) * 1000);
  const ms = (value: number) => `${round(value, 0)} ms`;
  const idbGrowth = figures.idbBytesPerTrack * figures.tracks;
  return [
    { goal: 'import ≥ 200 tracks/s', value: `${round(figures.tracksPerSecond, 1)}`, met: figures.tracksPerSecond >= 200 },
    { goal: 'import ÷ parser alone ≥ 0.8', value: `${round(figures.ratioToRawParse, 2)}×`, met: figures.ratioToRawParse >= 0.8 },
    { goal: 'import: first 100 tracks painted ≤ 1 s', value: ms(figures.firstTracksPaintedMs), met: figures.firstTracksPaintedMs <= 1000 },
    { goal: 'import: click → sound ≤ 1.5 s', value: ms(figures.firstSoundMs), met: figures.firstSoundMs <= 1500 },
    {
      goal: 'import: longest main-thread task ≤ 50 ms',
      value: ms(figures.longestMainThreadTaskMs),
      met: figures.longestMainThreadTaskMs <= 50,
    },
    {
      goal: `import: unchanged rescan of ${figures.tracks} ≤ ${round(rescanBoundMs / 1000, 0)} s`,
      value: ms(figures.rescanUnchangedMs),
      met: figures.rescanUnchangedMs <= rescanBoundMs,
    },
    { goal: 'import: memory growth ≤ 300 MB', value: `${round(figures.memoryGrowthMB, 1)} MB`, met: figures.memoryGrowthMB <= 300 },
    {
      goal: 'import: IndexedDB ≤ 2 KB/track + 15 KB/album',
      value: `${round(figures.idbBytesPerTrack, 0)} B/track (whole growth)`,
      // The growth holds both: it must fit in what the tracks and the albums may take together.
      met: idbGrowth <= 2048 * figures.tracks + 15 * 1024 * (idbGrowth / Math.max(1, figures.idbBytesPerAlbum)),
    },
  ];
}

// ——— the printed table ———

function pad(cells: readonly (string | number)[], widths: readonly number[]): string {
  return cells.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]!) : String(cell).padStart(widths[i]!))).join('  ');
}

function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string[] {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => String(row[i] ?? '').length)));
  return [pad(header, widths), ...rows.map((row) => pad(row, widths))];
}

function summaryRow(name: string, s: Summary): (string | number)[] {
  return [name, s.n, s.p50, s.p95, s.p99, `${s.p25}–${s.p75}`, `${s.min}–${s.max}`];
}

const SUMMARY_HEADER = ['', 'n', 'p50', 'p95', 'p99', 'p25–p75', 'min–max'];

/** The sync section's four systems, one row each: the app, the floor and the two peers, in that order. */
function systemsTable(names: readonly [string, string], rows: readonly [Summary, Summary, Summary, Summary]): string[] {
  const labels = [...names, 'localStorage + storage event', 'Dexie liveQuery'];
  return table(
    SUMMARY_HEADER,
    rows.map((summary, i) => summaryRow(labels[i]!, summary)),
  );
}

function remoteLines(remote: RemoteRun): string[] {
  const row = (name: string, run: RemoteRun['handoff']) => `  ${name.padEnd(44)} n ${run.n}, p50 ${run.p50} ms, p99 ${run.p99} ms`;
  const edit = ratio(remote.queueEdit.p50, remote.rawYjs.p50);
  return [
    'Sync across devices (real server on loopback, two browser contexts):',
    row('Play here → other silent, this one playing', remote.handoff),
    row('queue edit on A → B shows it', remote.queueEdit),
    row('raw Yjs update, provider to provider (Node)', remote.rawYjs),
    `  queue edit ÷ raw Yjs at p50: ${round(edit, 1)}×; converged ${remote.reconnectMs} ms after a reconnect, ${remote.serverRestartMs} ms after a server restart`,
    `  bytes sent per queue edit: ${remote.bytesPerEdit.map((row) => `${row.bytes} at ${row.entries} entries`).join(', ')}`,
  ];
}

export function formatReport(result: BenchResult): string {
  const { sync, restore, queueScale, writes, bundle, memory } = result;
  const ran = sectionsRan(result);
  const lines: string[] = [];
  const minutes = Math.floor(result.runSeconds / 60);
  lines.push(`MediaStream browser benchmark — ${result.when}`);
  lines.push(`${result.browser}; ${result.machine}; run took ${minutes} min ${result.runSeconds - minutes * 60} s`);
  lines.push('');
  if (result.remote) lines.push(...remoteLines(result.remote), '');
  if (ran.sync) {
    lines.push(
      `Tab-to-tab sync: a person's action in tab A → tab B's DOM shows it (ms; turns interleaved, after ${sync.warmUp} warm-up actions each)`,
    );
    lines.push(
      ...systemsTable(
        ['app (play/add/seek/remove/playlist)', 'floor (worker: get+put, post; B: text)'],
        [sync.app, sync.floor, sync.storageEvent, sync.dexie],
      ),
    );
    const paired = sync.pairedRatioP50;
    lines.push(
      `app ÷ floor: p50 ${sync.ratioP50}×, p99 ${sync.ratioP99}×; turns side by side, p50 ratio p25–p75 ${paired.p25}–${paired.p75}× (median ${paired.median}×, ${paired.pairs} pairs)`,
    );
    lines.push('By kind of action, each turn of the app beside a turn of the floor (ms):');
    lines.push(
      ...table(
        ['kind', 'n', 'app p50', 'floor p50', '÷ p50', 'app p99', 'floor p99', '÷ p99', 'pairs p25–p75', 'floor'],
        Object.entries(sync.byKind).map(([kind, k]) => [
          kind,
          k.app.n,
          k.app.p50,
          k.floor.p50,
          `${k.ratioP50}×`,
          k.app.p99,
          k.floor.p99,
          `${k.ratioP99}×`,
          `${k.pairedRatioP50.p25}–${k.pairedRatioP50.p75}×`,
          k.floorValid ? 'valid' : 'INVALID',
        ]),
      ),
    );
    if (!sync.floorValid) {
      lines.push(
        'FLOOR INVALID: the app is faster than the floor beyond the spread of this run, so the floor is not the least the job needs; its ratios mean nothing.',
      );
    }
    lines.push('To the end of B’s next frame (same actions):');
    lines.push(...systemsTable(['app', 'floor'], [sync.appFrame, sync.floorFrame, sync.storageEventFrame, sync.dexieFrame]));
    lines.push(`app ÷ floor to the frame: p50 ${sync.ratioFrameP50}×, p99 ${sync.ratioFrameP99}×`);
    lines.push('');
  }
  if (ran.restore) {
    lines.push(
      `Restore: navigation start → painted (ms), ${restore.library} tracks, queue of ${restore.queue}, median of ${restore.loads} loads each (interleaved, after ${restore.warmUp} warm-up)`,
    );
    lines.push(
      ...table(
        ['', 'median', 'p25–p75', 'min–max', 'FCP median'],
        [
          [
            'restored track + position',
            restore.restoredMs,
            `${restore.restoredSpread.p25}–${restore.restoredSpread.p75}`,
            `${restore.restoredSpread.min}–${restore.restoredSpread.max}`,
            restore.restoredFcpMs,
          ],
          [
            'fresh device (no state)',
            restore.freshMs,
            `${restore.freshSpread.p25}–${restore.freshSpread.p75}`,
            `${restore.freshSpread.min}–${restore.freshSpread.max}`,
            restore.freshFcpMs,
          ],
        ],
      ),
    );
    lines.push(`restored ÷ fresh: ${restore.ratio}× (the two loads of each round side by side: median ${restore.pairedRatio}×)`);
    lines.push('');
  }
  if (ran.queueScale) {
    lines.push('Queue scale: one edit (add, move, remove) in tab A → tab B shows it (ms), bytes posted per edit');
    lines.push(
      ...table(
        ['queue', 'n', 'p50', 'p95', 'p99', 'p25–p75', 'add/move/remove p50', 'bytes/edit', 'add/move/remove bytes', 'heap B MB'],
        queueScale.map((row) => [
          row.queue,
          row.n,
          row.p50,
          row.p95,
          row.p99,
          `${row.p25}–${row.p75}`,
          Object.values(row.p50ByKind).join(' / '),
          row.bytesPerEdit,
          Object.values(row.bytesByKind).join(' / '),
          row.heapMBTabB,
        ]),
      ),
    );
    lines.push('');
  }
  if (ran.writes) {
    lines.push('IndexedDB writes (committed readwrite transactions, all tabs) and broadcasts, counted');
    lines.push(
      ...table(
        ['', 'tabs', 'seconds', 'writes', 'writes/s', 'requests', 'broadcasts', 'broadcasts/s'],
        (
          [
            ['playing, one tab', writes.windows.playingOneTab],
            ['playing, three tabs', writes.windows.playingThreeTabs],
            ['paused, three tabs', writes.windows.paused],
          ] as const
        ).map(([name, w]) => [
          name,
          w.tabs,
          round(w.ms / 1000, 1),
          w.writeTransactions,
          round(perSecond(w.writeTransactions, w.ms), 2),
          w.writeRequests,
          w.broadcasts,
          round(perSecond(w.broadcasts, w.ms), 2),
        ]),
      ),
    );
    lines.push('');
  }
  if (ran.bundle) {
    lines.push(
      'First load (gzip -9 bytes of what the page fetched until the app was ready; initial = what index.html loads; before the paint = requested before the first frame showing now playing and the transport, in a new visitor’s load or a restored session’s)',
    );
    lines.push(
      ...table(
        ['file', 'bytes', 'gzip'],
        [
          ...bundle.files.map((file) => [
            `${file.path}${file.entry ? '' : file.beforePaint ? ' (before the first paint)' : ' (after the first paint)'}`,
            file.bytes,
            file.gzipBytes,
          ]),
          ['initial JS', bundle.initialJsBytes, bundle.initialJsGzipBytes],
          ['JS asked for before the first paint, new visitor', '', bundle.beforePaintJsGzipBytesNewVisitor],
          ['JS asked for before the first paint, restored session', '', bundle.beforePaintJsGzipBytesRestored],
          ['JS imported after the first paint', '', bundle.afterFirstPaintJsGzipBytes],
          ['initial CSS', '', bundle.initialCssGzipBytes],
          ['service worker (sw.js)', bundle.serviceWorkerBytes, bundle.serviceWorkerGzipBytes],
        ],
      ),
    );
    lines.push(
      `First paint (now playing and the transport) ${bundle.firstPaintMsNewVisitor} ms for a new visitor, ${bundle.firstPaintMsRestored} ms restored; the library's first row ${bundle.libraryRowMsNewVisitor} / ${bundle.libraryRowMsRestored} ms, the queue's ${bundle.queueRowMsRestored} ms (restored); layout shift ${bundle.layoutShift}`,
    );
    if (bundle.initialJsByPackage.length) {
      lines.push('Initial JS by source (minified bytes; gzip of each part alone):');
      lines.push(
        ...table(
          ['source', 'bytes', 'gzip'],
          bundle.initialJsByPackage.map((share) => [share.source, share.bytes, share.gzipBytes]),
        ),
      );
    }
    lines.push('');
  }
  const { scroll } = result;
  if (ran.scroll) {
    lines.push(`Scrolling with the mouse wheel: intervals between frames (ms); frames over ${scroll.longFrameMs} ms are a visible stutter`);
    lines.push(
      ...table(
        ['list', 'frames', 'p50', 'p95', 'max', `> ${scroll.longFrameMs} ms`],
        [
          [
            `library of ${scroll.library}`,
            scroll.libraryFrames.frames,
            scroll.libraryFrames.p50,
            scroll.libraryFrames.p95,
            scroll.libraryFrames.max,
            scroll.libraryFrames.longFrames,
          ],
          [
            `queue of ${scroll.queue}`,
            scroll.queueFrames.frames,
            scroll.queueFrames.p50,
            scroll.queueFrames.p95,
            scroll.queueFrames.max,
            scroll.queueFrames.longFrames,
          ],
        ],
      ),
    );
    lines.push(
      `Filtering the library of ${scroll.library}: last keystroke → that frame painted, median ${scroll.filter.p50} ms (max ${scroll.filter.max}, n = ${scroll.filter.n})`,
    );
    lines.push('');
  }
  if (ran.memory) {
    lines.push(`Memory: used JS heap of a tab showing the ${memory.library}-track library, after GC: ${memory.heapMBLibrary10k} MB`);
    lines.push('');
  }
  const imported = (result as { import?: ImportFigures }).import;
  if (imported) {
    lines.push(
      `Import of ${imported.tracks} tracks (${imported.secondsPerTrack} s each, Add folder with a folder handle): ${imported.tracksPerSecond} tracks/s ` +
        `(music-metadata alone in Chromium ${imported.rawParseTracksPerSecond}; the app with the list still ${imported.stillTracksPerSecond}, ratio ${imported.ratioToRawParse}; ` +
        `wheeled ${imported.wheeledRatioToRawParse}; in Node ${imported.nodeParseTracksPerSecond}); first 100 tracks painted ${imported.firstTracksPaintedMs} ms; ` +
        `longest main-thread task ${imported.longestMainThreadTaskMs} ms; click → sound ${imported.firstSoundMs} ms; unchanged rescan ${imported.rescanUnchangedMs} ms; ` +
        `memory +${imported.memoryGrowthMB} MB; IndexedDB ${imported.idbBytesPerTrack} B/track (${imported.idbBytesPerAlbum} B/album, whole growth each); ` +
        `scrolling meanwhile: frame p95 ${imported.scrollFrameP95Ms} ms, longest ${imported.scrollFrameLongestMs} ms`,
    );
    lines.push(
      `  folder input (every file copied into OPFS): ${imported.copiedTracksPerSecond} tracks/s; first 100 tracks painted ${imported.copiedFirstTracksPaintedMs} ms; ` +
        `longest main-thread task ${imported.copiedLongestMainThreadTaskMs} ms; the same folder picked again ${imported.copiedPickedAgainMs} ms`,
    );
    lines.push('');
  }
  const browse = (result as { browse?: ReturnType<typeof browseResult> }).browse;
  if (browse) lines.push(...formatBrowse(browse), '');
  lines.push('Goals');
  lines.push(
    ...table(
      ['', 'value', 'met'],
      result.goals.map((goal) => [goal.goal, goal.value, goal.met ? 'yes' : 'NO']),
    ),
  );
  for (const note of result.notes) lines.push(`note: ${note}`);
  return lines.join('\n');
}

// ——— several runs (`--runs=N`) ———

/** Median and range over runs of one figure. */
export interface AcrossRuns {
  readonly runs: readonly number[];
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

function across(values: readonly number[]): AcrossRuns {
  const finite = values.filter(Number.isFinite);
  return {
    runs: values,
    median: round(median(finite), 2),
    min: finite.length ? Math.min(...finite) : Number.NaN,
    max: finite.length ? Math.max(...finite) : Number.NaN,
  };
}

/** What several runs of the same sections measured: each figure's value per run, median and range. */
export function summarizeRuns(results: readonly BenchResult[]) {
  const withSync = results.filter((result) => result.sync.n > 0);
  const kinds = [...new Set(withSync.flatMap((result) => Object.keys(result.sync.byKind)))];
  const kindFigure = (kind: string, pick: (k: BenchResult['sync']['byKind'][string]) => number) =>
    across(withSync.map((result) => (result.sync.byKind[kind] ? pick(result.sync.byKind[kind]!) : Number.NaN)));
  const withRestore = results.filter((result) => result.restore.loads > 0);
  return {
    runs: results.length,
    sync: withSync.length
      ? {
          byKind: Object.fromEntries(
            kinds.map((kind) => [
              kind,
              {
                appP50: kindFigure(kind, (k) => k.app.p50),
                floorP50: kindFigure(kind, (k) => k.floor.p50),
                ratioP50: kindFigure(kind, (k) => k.ratioP50),
                appP99: kindFigure(kind, (k) => k.app.p99),
                floorP99: kindFigure(kind, (k) => k.floor.p99),
                ratioP99: kindFigure(kind, (k) => k.ratioP99),
              },
            ]),
          ),
          ratioP50: across(withSync.map((result) => result.sync.ratioP50)),
          ratioP99: across(withSync.map((result) => result.sync.ratioP99)),
          appP50: across(withSync.map((result) => result.sync.app.p50)),
          appP99: across(withSync.map((result) => result.sync.app.p99)),
          storageEventP50: across(withSync.map((result) => result.sync.storageEvent.p50)),
          storageEventP99: across(withSync.map((result) => result.sync.storageEvent.p99)),
          dexieP50: across(withSync.map((result) => result.sync.dexie.p50)),
          dexieP99: across(withSync.map((result) => result.sync.dexie.p99)),
          floorValid: withSync.map((result) => result.sync.floorValid),
        }
      : null,
    restore: withRestore.length
      ? {
          ratio: across(withRestore.map((result) => result.restore.ratio)),
          restoredMs: across(withRestore.map((result) => result.restore.restoredMs)),
          freshMs: across(withRestore.map((result) => result.restore.freshMs)),
          everyRunWithinGoal: withRestore.every((result) => result.restore.ratio <= 1.1),
        }
      : null,
  };
}

export function formatRunsSummary(results: readonly BenchResult[]): string {
  const summary = summarizeRuns(results);
  const cell = (figure: AcrossRuns, unit = '') => `${figure.median}${unit} (${figure.min}–${figure.max})`;
  const lines = [`Across ${summary.runs} runs: median (min–max over runs); each run's values in bench/results/runs.json`];
  if (summary.sync) {
    const { sync } = summary;
    lines.push('Sync by kind:');
    lines.push(
      ...table(
        ['kind', 'app p50 ms', 'floor p50 ms', 'app ÷ floor p50', 'app p99 ms', 'floor p99 ms', 'app ÷ floor p99'],
        Object.entries(sync.byKind).map(([kind, k]) => [
          kind,
          cell(k.appP50),
          cell(k.floorP50),
          cell(k.ratioP50, '×'),
          cell(k.appP99),
          cell(k.floorP99),
          cell(k.ratioP99, '×'),
        ]),
      ),
    );
    lines.push(`all kinds: app ÷ floor p50 ${cell(sync.ratioP50, '×')}, p99 ${cell(sync.ratioP99, '×')}`);
    lines.push(
      `peers, p50 / p99 ms: app ${cell(sync.appP50)} / ${cell(sync.appP99)}; localStorage + storage event ${cell(sync.storageEventP50)} / ${cell(sync.storageEventP99)}; Dexie ${cell(sync.dexieP50)} / ${cell(sync.dexieP99)}`,
    );
    lines.push(`floor valid in each run: ${sync.floorValid.map((valid) => (valid ? 'yes' : 'NO')).join(', ')}`);
  }
  if (summary.restore) {
    const { restore } = summary;
    lines.push(
      `Restore ÷ fresh: ${restore.ratio.runs.join(', ')} (median ${restore.ratio.median}); ≤ 1.1 in every run: ${restore.everyRunWithinGoal ? 'yes' : 'NO'}`,
    );
  }
  return lines.join('\n');
}
