import { describe, expect, it } from 'vitest';
import { BROWSE_KEYS } from '../../bench/browse-results';
import { decodeMappings, groupOf } from '../../bench/browser/bundle';
import {
  assembleResult,
  formatReport,
  formatRunsSummary,
  IMPORT_KEYS,
  type LatencyRun,
  type RawResults,
  summarizeRuns,
} from '../../bench/results';
import {
  floorIsValid,
  median,
  pairedRatios,
  percentile,
  perSecond,
  ratio,
  ratioSpread,
  round,
  roundSummary,
  summarize,
} from '../../bench/stats';
import { browseRaw } from './browse-raw';

const oneTo100 = Array.from({ length: 100 }, (_, i) => i + 1);

describe('benchmark arithmetic', () => {
  it('takes percentiles by nearest rank, on a sorted copy', () => {
    const shuffled = [...oneTo100].reverse();
    expect(percentile(shuffled, 50)).toBe(50);
    expect(percentile(shuffled, 95)).toBe(95);
    expect(percentile(shuffled, 99)).toBe(99);
    expect(percentile(shuffled, 100)).toBe(100);
    expect(percentile(shuffled, 0)).toBe(1);
    expect(shuffled[0]).toBe(100); // not sorted in place
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([], 50)).toBeNaN();
    expect(median([3, 1, 2])).toBe(2);
  });

  it('summarizes with the spread', () => {
    expect(summarize([5, 1, 4, 2, 3])).toEqual({ n: 5, p50: 3, p95: 5, p99: 5, min: 1, max: 5, p25: 2, p75: 4 });
    const empty = summarize([]);
    expect(empty.n).toBe(0);
    expect(empty.p50).toBeNaN();
    expect(empty.min).toBeNaN();
    expect(roundSummary(summarize([1.23456, 2.34567]), 2)).toMatchObject({ p50: 1.23, max: 2.35 });
  });

  it('divides safely and rounds', () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(1, Number.NaN)).toBeNaN();
    expect(perSecond(10, 5000)).toBe(2);
    expect(perSecond(3, 0)).toBeNaN();
    expect(round(1.23456)).toBe(1.235);
    expect(round(1.25, 1)).toBe(1.3);
  });

  it('pairs the turns of one cycle and takes app ÷ floor of their medians', () => {
    const app = [
      { cycle: 0, samples: [4, 6, 5] },
      { cycle: 1, samples: [9] },
      { cycle: 3, samples: [2] }, // no floor turn in cycle 3: not paired
    ];
    const floor = [
      { cycle: 0, samples: [2, 2, 3] },
      { cycle: 1, samples: [3, 6] },
      { cycle: 2, samples: [1] },
    ];
    // Nearest-rank medians: app 5 and 9, floor 2 and 3.
    expect(pairedRatios(app, floor)).toEqual([2.5, 3]);
    expect(pairedRatios([{ cycle: 0, samples: [] }], floor)).toEqual([]);
    expect(ratioSpread([1, 2, 3, 4])).toEqual({ pairs: 4, min: 1, p25: 1, median: 2, p75: 3, max: 4 });
    expect(ratioSpread([]).pairs).toBe(0);
  });

  it('declares the floor invalid only when the app beats it beyond the spread at p50', () => {
    const spread = (p25: number, p75: number) => ({ pairs: 10, min: p25 - 0.1, p25, median: (p25 + p75) / 2, p75, max: p75 + 0.1 });
    // The app well ahead in three turns of four and overall: no floor.
    expect(floorIsValid(0.66, spread(0.5, 0.8))).toBe(false);
    // Ahead overall, but within the spread (a quarter or more of the pairs had the floor ahead): it stands.
    expect(floorIsValid(0.97, spread(0.85, 1.1))).toBe(true);
    expect(floorIsValid(0.9, spread(0.8, 1))).toBe(true);
    // Behind the floor, as an app must be.
    expect(floorIsValid(1.4, spread(1.2, 1.6))).toBe(true);
    // The upper quartile below 1 but the overall p50 ratio not: the two disagree, and it stands.
    expect(floorIsValid(1, spread(0.7, 0.95))).toBe(true);
    // Nothing to judge by.
    expect(floorIsValid(0.5, ratioSpread([]))).toBe(true);
    expect(floorIsValid(Number.NaN, spread(0.5, 0.8))).toBe(true);
  });

  it('decodes source map segments and names where code came from', () => {
    // "AAAA,CAAC" → columns 0 and 1 of source 0; ";CCAA" → next line (columns restart), column 1, source 1.
    expect(decodeMappings('AAAA,CAAC;CCAA')).toEqual([
      [
        { line: 0, column: 0, source: 0, originalLine: 0, originalColumn: 0 },
        { line: 0, column: 1, source: 0, originalLine: 0, originalColumn: 1 },
      ],
      [{ line: 1, column: 1, source: 1, originalLine: 0, originalColumn: 1 }],
    ]);
    // A negative delta ("D" is -1) and a multi-digit value ("gB" is 16); a segment of one field has no source.
    expect(decodeMappings('gBAAA,C;')[0]).toEqual([
      { line: 0, column: 16, source: 0, originalLine: 0, originalColumn: 0 },
      { line: 0, column: 17, source: -1, originalLine: -1, originalColumn: -1 },
    ]);
    expect(decodeMappings('AAAC,CAAD')[0]![1]).toMatchObject({ originalColumn: 0 });
    expect(groupOf('node_modules/@lit/reactive-element/reactive-element.js')).toBe('@lit/reactive-element');
    expect(groupOf('node_modules/lit-html/lit-html.js')).toBe('lit-html');
    expect(groupOf('src/engine/patch.ts')).toBe('src/engine');
  });
});

function run(dom: number[], frameOffset: number, byKind?: Record<string, number[]>): LatencyRun {
  return {
    dom,
    frame: dom.map((ms) => ms + frameOffset),
    blocks: [dom.slice(0, dom.length / 2), dom.slice(dom.length / 2)],
    ...(byKind ? { byKind } : {}),
  };
}

/** Samples in turns of `size`, the turns numbered as cycles 0, 1, 2… */
function paired(dom: number[], size: number) {
  const blocks = [];
  for (let i = 0; i < dom.length; i += size) blocks.push({ cycle: i / size, samples: dom.slice(i, i + size) });
  return { dom, frame: dom.map((ms) => ms + 10), blocks };
}

function window(tabs: number, ms: number, writes: number, broadcasts: number) {
  return { tabs, ms, writeTransactions: writes, writeRequests: writes * 2, broadcasts };
}

const raw: RawResults = {
  when: '2026-01-01T00:00:00.000Z',
  browser: 'Chromium 156.0.0.0 (headless)',
  machine: { cores: 2, memoryBytes: 8 * 1024 ** 3, cpu: 'test' },
  runSeconds: 600,
  notes: [],
  sync: {
    // app p50 3, p99 100 (nearest rank over 100 samples); floor p50 2, p99 50.
    app: run([...Array.from({ length: 98 }, () => 3), 100, 100], 10, { add: [3, 3], seek: [3, 100] }),
    floor: run([...Array.from({ length: 98 }, () => 2), 50, 50], 5),
    storageEvent: run(
      Array.from({ length: 100 }, () => 4),
      5,
    ),
    dexie: run(
      Array.from({ length: 100 }, () => 8),
      5,
    ),
    byKind: {
      // add: the app at 1.5 × the floor in every turn; seek: the app ahead of the floor in every turn.
      add: { app: paired([3, 3, 3, 3, 3, 3, 30, 3], 2), floor: paired([2, 2, 2, 2, 2, 2, 10, 2], 2) },
      seek: { app: paired([1, 1, 1, 1, 1, 1, 1, 1], 2), floor: paired([2, 2, 2, 2, 2, 2, 2, 2], 2) },
    },
    warmUp: 40,
  },
  restore: { library: 10_000, queue: 1000, restored: [110, 100, 120], fresh: [100, 90, 95], restoredFcp: [50], freshFcp: [40], warmUp: 2 },
  queueScale: [10, 10_000, 100_000].map((queue, i) => ({
    queue,
    latencies: [10 + i, 20 + i, 30 + i],
    byKind: { add: [10 + i], move: [20 + i], remove: [30 + i] },
    bytesByKind: { add: [300], move: [280], remove: [250] },
    heapBytes: 5 * 1024 * 1024,
  })),
  writes: { playingOneTab: window(1, 10_000, 10, 10), playingThreeTabs: window(3, 10_000, 10, 10), paused: window(3, 10_000, 0, 0) },
  bundle: {
    files: [
      { path: 'assets/index.js', kind: 'js', bytes: 1000, gzipBytes: 400, entry: true, beforePaint: true },
      { path: 'assets/browse.js', kind: 'js', bytes: 700, gzipBytes: 250, entry: false, beforePaint: true },
      { path: 'assets/flow.js', kind: 'js', bytes: 500, gzipBytes: 200, entry: false, beforePaint: false },
      { path: 'assets/index.css', kind: 'css', bytes: 100, gzipBytes: 90, entry: true },
    ],
    loads: {
      fresh: {
        firstPaintMs: 120,
        libraryRowMs: 160,
        queueRowMs: null,
        beforePaint: ['index.html', 'assets/index.js', 'assets/index.css'],
        layoutShift: 0,
        shifts: [],
      },
      restored: {
        firstPaintMs: 150,
        libraryRowMs: 200,
        queueRowMs: 210,
        beforePaint: ['index.html', 'assets/index.js', 'assets/index.css', 'assets/browse.js'],
        layoutShift: 0.02,
        shifts: [{ value: 0.02, at: 300, sources: ['ms-library'] }],
      },
    },
    serviceWorker: { bytes: 900, gzipBytes: 300 },
    byPackage: [{ source: 'lit-html', bytes: 700, gzipBytes: 300 }],
  },
  memory: { heapBytesLibrary10k: 12.5 * 1024 * 1024, library: 10_000 },
  scroll: { library: 10_000, queue: 1000, libraryFrames: [16, 17, 16, 60], queueFrames: [16, 16], filterMs: [30, 40, 50] },
};

/** The agreed shape of bench/results/latest.json: every key, with the type of its value. */
const SHAPE = {
  when: 'string',
  browser: 'string',
  machine: 'string',
  sync: {
    n: 'number',
    app: { p50: 'number', p95: 'number', p99: 'number' },
    floor: { p50: 'number', p95: 'number', p99: 'number' },
    storageEvent: { p50: 'number', p95: 'number', p99: 'number' },
    dexie: { p50: 'number', p95: 'number', p99: 'number' },
    ratioP50: 'number',
    ratioP99: 'number',
    floorValid: 'boolean',
    byKind: {
      add: {
        app: { p50: 'number', p99: 'number' },
        floor: { p50: 'number', p99: 'number' },
        ratioP50: 'number',
        ratioP99: 'number',
        floorValid: 'boolean',
      },
    },
  },
  restore: { library: 'number', queue: 'number', restoredMs: 'number', freshMs: 'number', ratio: 'number' },
  queueScale: [
    { queue: 'number', p50: 'number', bytesPerEdit: 'number' },
    { queue: 'number', p50: 'number', bytesPerEdit: 'number' },
    { queue: 'number', p50: 'number', bytesPerEdit: 'number' },
  ],
  writes: { playingOneTab: 'number', playingThreeTabs: 'number', paused: 'number', broadcastsPerSecondPlaying: 'number' },
  bundle: {
    initialJsGzipBytes: 'number',
    beforePaintJsGzipBytes: 'number',
    beforePaintJsGzipBytesNewVisitor: 'number',
    beforePaintJsGzipBytesRestored: 'number',
    layoutShift: 'number',
    initialCssGzipBytes: 'number',
    serviceWorkerGzipBytes: 'number',
  },
  memory: { heapMBLibrary10k: 'number' },
} as const;

type Shape = string | readonly Shape[] | { readonly [key: string]: Shape };

function missingKeys(value: unknown, shape: Shape, path = ''): string[] {
  if (typeof shape === 'string') return typeof value === shape ? [] : [`${path || '(root)'}: ${typeof value}, not ${shape}`];
  if (Array.isArray(shape)) {
    if (!Array.isArray(value) || value.length !== shape.length) return [`${path}: not an array of ${shape.length}`];
    return shape.flatMap((item, i) => missingKeys(value[i], item, `${path}[${i}]`));
  }
  if (typeof value !== 'object' || value === null) return [`${path}: not an object`];
  return Object.entries(shape).flatMap(([key, inner]) =>
    key in value
      ? missingKeys((value as Record<string, unknown>)[key], inner, path ? `${path}.${key}` : key)
      : [`${path ? `${path}.` : ''}${key}: missing`],
  );
}

describe('the result JSON', () => {
  const result = assembleResult(raw);

  it('has every agreed key, with values of the right type', () => {
    expect(missingKeys(result, SHAPE)).toEqual([]);
    expect(missingKeys(JSON.parse(JSON.stringify(result)), SHAPE)).toEqual([]);
    expect(result.queueScale.map((row) => row.queue)).toEqual([10, 10_000, 100_000]);
  });

  it('writes the import figures under `import`, every key a number', () => {
    const figures = Object.fromEntries([...IMPORT_KEYS, 'secondsPerTrack'].map((key, i) => [key, i + 0.123456]));
    const withImport = JSON.parse(JSON.stringify(assembleResult({ ...raw, import: figures as never }))) as {
      import: Record<string, unknown>;
    };
    for (const key of IMPORT_KEYS) expect(typeof withImport.import[key], key).toBe('number');
    expect(withImport.import.ratioToRawParse).toBe(3.12);
    // Both ratios keep two decimals (the wheeled one is the 14th key).
    expect(withImport.import.wheeledRatioToRawParse).toBe(13.12);
    expect(withImport.import.tracks).toBe(0.1);
    expect(formatReport(assembleResult({ ...raw, import: figures as never }))).toContain('Import of');
  });

  it('writes the browse figures under `browse`, with every agreed key', () => {
    const withBrowse = JSON.parse(JSON.stringify(assembleResult({ ...raw, browse: browseRaw }))) as { browse: Record<string, unknown> };
    for (const key of BROWSE_KEYS) expect(withBrowse.browse[key], key).toBeDefined();
    expect(withBrowse.browse.firstPaintRatio).toBe(1.33);
    expect(formatReport(assembleResult({ ...raw, browse: browseRaw }))).toContain('Browse, 50000 tracks');
    expect('browse' in assembleResult(raw)).toBe(false);
  });

  it('computes the sync percentiles and the app ÷ floor ratios', () => {
    expect(result.sync.n).toBe(100);
    expect(result.sync.app).toMatchObject({ p50: 3, p95: 3, p99: 100 });
    expect(result.sync.floor).toMatchObject({ p50: 2, p99: 50 });
    expect(result.sync.ratioP50).toBe(1.5);
    expect(result.sync.ratioP99).toBe(2);
    expect(result.sync.appFrame.p50).toBe(13);
    expect(result.sync.ratioFrameP50).toBe(round(13 / 7, 2));
    const { add, seek } = result.sync.byKind;
    expect(add).toMatchObject({ app: { n: 8, p50: 3, p99: 30 }, floor: { p50: 2, p99: 10 }, ratioP50: 1.5, ratioP99: 3, floorValid: true });
    expect(add!.pairedRatioP50).toMatchObject({ pairs: 4, p25: 1.5, p75: 1.5 });
    expect(seek).toMatchObject({ ratioP50: 0.5, floorValid: false, pairedRatioP50: { pairs: 4, median: 0.5, p75: 0.5 } });
    // One kind beats the floor beyond the spread: the floor is invalid, and the table says so.
    expect(result.sync.floorValid).toBe(false);
    expect(result.sync.pairedRatioP50.pairs).toBe(8);
  });

  it('computes restore, queue scale, writes, bundle and memory', () => {
    expect(result.restore).toMatchObject({ restoredMs: 110, freshMs: 95, ratio: round(110 / 95, 2), loads: 3 });
    expect(result.queueScale[0]).toMatchObject({ queue: 10, p50: 20, bytesPerEdit: round(830 / 3, 1) });
    expect(result.queueScale[2]).toMatchObject({ p50: 22, p50ByKind: { add: 12, move: 22, remove: 32 } });
    expect(result.writes).toMatchObject({ playingOneTab: 1, playingThreeTabs: 1, paused: 0, broadcastsPerSecondPlaying: 1 });
    expect(result.bundle).toMatchObject({
      initialJsGzipBytes: 400,
      initialCssGzipBytes: 90,
      serviceWorkerGzipBytes: 300,
      // The larger of the two loads: the restored one asked for browse.js before its paint.
      beforePaintJsGzipBytes: 650,
      beforePaintJsGzipBytesNewVisitor: 400,
      beforePaintJsGzipBytesRestored: 650,
      layoutShift: 0.02,
      afterFirstPaintJsGzipBytes: 200,
    });
    expect(result.memory.heapMBLibrary10k).toBe(12.5);
    expect(result.scroll.libraryFrames).toMatchObject({ frames: 4, max: 60, longFrames: 1 });
    expect(result.scroll.queueFrames).toMatchObject({ frames: 2, longFrames: 0 });
    expect(result.scroll.filter.p50).toBe(40);
    expect(result.machine).toBe('2 cores, 8 GiB');
  });

  it('judges the goals and prints them', () => {
    const judged = Object.fromEntries(result.goals.map((goal) => [goal.goal, goal.met]));
    expect(judged['sync p50 app ÷ floor ≤ 1.25, every kind']).toBe(false);
    expect(judged['sync p99 app ÷ floor ≤ 1.5, every kind']).toBe(false);
    expect(judged['the floor is the floor (the app not ahead of it beyond the spread)']).toBe(false);
    expect(judged['sync p99 < 20 ms, every kind']).toBe(false);
    expect(judged['restore ÷ fresh ≤ 1.1']).toBe(false);
    expect(judged['queue 100000 edit ≤ 1.5 × queue 10']).toBe(true);
    expect(judged['0 writes/s paused']).toBe(true);
    expect(judged['JS asked for before the first paint ≤ 30 KB gzip (30,720 B), new visitor and restored session']).toBe(true);
    expect(judged['no layout shift while the app starts (cumulative < 0.01)']).toBe(false);
    const report = formatReport(result);
    expect(report).toContain('app ÷ floor: p50 1.5×, p99 2×');
    expect(report).toContain('FLOOR INVALID');
    expect(report).toMatch(/seek +8 +1 +2 +0\.5×/);
    expect(report).toContain('restored ÷ fresh: 1.16×');
    // Rounds side by side: 110/100, 100/90, 120/95 → median 1.11.
    expect(result.restore.pairedRatio).toBe(1.11);
  });
});

describe('a run of some sections (--only=…)', () => {
  it('prints and judges only the sections that ran: no table of zeros and NaN for the rest', () => {
    const empty = { dom: [], frame: [], blocks: [] };
    const noWindow = { tabs: 0, ms: 0, writeTransactions: 0, writeRequests: 0, broadcasts: 0 };
    const restoreOnly = assembleResult({
      ...raw,
      sync: { app: empty, floor: empty, storageEvent: empty, dexie: empty, byKind: {}, warmUp: 0 },
      queueScale: [],
      writes: { playingOneTab: noWindow, playingThreeTabs: noWindow, paused: noWindow },
      bundle: { files: [], serviceWorker: { bytes: 0, gzipBytes: 0 }, byPackage: [] },
      memory: { heapBytesLibrary10k: 0, library: 0 },
      scroll: { library: 0, queue: 0, libraryFrames: [], queueFrames: [], filterMs: [] },
    });
    const report = formatReport(restoreOnly);
    expect(report).toContain('restored ÷ fresh: 1.16×');
    for (const title of ['Tab-to-tab sync', 'Queue scale', 'IndexedDB writes', 'First load', 'Scrolling', 'Memory:']) {
      expect(report, title).not.toContain(title);
    }
    expect(report).not.toContain('NaN');
    expect(restoreOnly.goals.map((goal) => goal.goal)).toEqual(['restore ÷ fresh ≤ 1.1']);
    // The JSON keeps the sync section's agreed keys, however few sections ran.
    expect(Object.keys(restoreOnly.sync)).toEqual(
      expect.arrayContaining(['app', 'floor', 'storageEvent', 'dexie', 'ratioP50', 'ratioP99', 'byKind', 'floorValid']),
    );
  });
});

describe('several runs', () => {
  it('gives each figure per run, its median and range, and says whether restore met its goal every time', () => {
    const one = assembleResult(raw);
    const faster = assembleResult({ ...raw, restore: { ...raw.restore, restored: [100, 95, 100], fresh: [100, 100, 100] } });
    const summary = summarizeRuns([one, faster, one]);
    expect(summary.runs).toBe(3);
    expect(summary.sync?.byKind.add?.ratioP50).toMatchObject({ runs: [1.5, 1.5, 1.5], median: 1.5, min: 1.5, max: 1.5 });
    expect(summary.sync?.floorValid).toEqual([false, false, false]);
    expect(summary.restore?.ratio.runs).toEqual([1.16, 1, 1.16]);
    expect(summary.restore).toMatchObject({ everyRunWithinGoal: false, ratio: { median: 1.16, min: 1, max: 1.16 } });
    const text = formatRunsSummary([one, faster, one]);
    expect(text).toContain('Across 3 runs');
    expect(text).toMatch(/add +3 \(3–3\) +2 \(2–2\) +1\.5× \(1\.5–1\.5\)/);
    expect(text).toContain('≤ 1.1 in every run: NO');
  });
});
