import { describe, expect, it } from 'vitest';
import { assembleResult, type LatencyRun, type RawResults, type WriteWindow } from '../../bench/results';

const none: LatencyRun = { dom: [], frame: [], blocks: [] };
const noWindow: WriteWindow = { tabs: 0, ms: 0, writeTransactions: 0, writeRequests: 0, broadcasts: 0 };

/** What bench/browser/main.ts assembles when no section runs (`--only=` with nothing measured). */
const nothingRan: RawResults = {
  when: '2026-12-03T00:00:00.000Z',
  browser: 'Chromium',
  machine: { cores: 2, memoryBytes: 2 ** 34, cpu: 'test' },
  runSeconds: 1,
  notes: [],
  sync: { app: none, floor: none, storageEvent: none, dexie: none, byKind: {}, warmUp: 0 },
  restore: { library: 0, queue: 0, restored: [], fresh: [], restoredFcp: [], freshFcp: [], warmUp: 0 },
  queueScale: [],
  writes: { playingOneTab: noWindow, playingThreeTabs: noWindow, paused: noWindow },
  bundle: { files: [], serviceWorker: { bytes: 0, gzipBytes: 0 }, byPackage: [] },
  memory: { heapBytesLibrary10k: 0, library: 0 },
  scroll: { library: 0, queue: 0, libraryFrames: [], queueFrames: [], filterMs: [] },
};

const goalNames = (raw: RawResults) => assembleResult(raw).goals.map((goal) => goal.goal);

describe('the goals judged', () => {
  it('are none when no section ran: nothing reads NO, or yes, on no samples', () => {
    expect(assembleResult(nothingRan).goals).toEqual([]);
  });

  it('are the restore goal alone after `--only=restore`, judged on its loads', () => {
    const restoreOnly: RawResults = {
      ...nothingRan,
      restore: { ...nothingRan.restore, restored: [105, 106, 104], fresh: [100, 100, 100], restoredFcp: [50], freshFcp: [50] },
    };
    expect(assembleResult(restoreOnly).goals).toEqual([{ goal: 'restore ÷ fresh ≤ 1.1', value: '1.05×', met: true }]);
  });

  it('are the write goals when the write windows were counted, judged on them', () => {
    const window = (writeTransactions: number): WriteWindow => ({
      tabs: 1,
      ms: 10_000,
      writeTransactions,
      writeRequests: 0,
      broadcasts: 0,
    });
    const writesOnly: RawResults = { ...nothingRan, writes: { playingOneTab: window(9), playingThreeTabs: window(12), paused: window(0) } };
    expect(assembleResult(writesOnly).goals).toEqual([
      { goal: '≤ 1 write/s playing, any number of tabs', value: '0.9 (1 tab), 1.2 (3 tabs)', met: false },
      { goal: '0 writes/s paused', value: '0', met: true },
    ]);
  });

  it('include every sync goal once the sync section ran', () => {
    const turn = (samples: number[]) => ({ dom: samples, frame: samples, blocks: [{ cycle: 0, samples }] });
    const run = (samples: number[]): LatencyRun => ({ dom: samples, frame: samples, blocks: [samples] });
    const synced: RawResults = {
      ...nothingRan,
      sync: {
        app: run([6, 7, 8]),
        floor: run([4, 5, 6]),
        storageEvent: run([1, 2, 3]),
        dexie: run([7, 8, 9]),
        byKind: { play: { app: turn([6, 7, 8]), floor: turn([4, 5, 6]) } },
        warmUp: 0,
      },
    };
    expect(goalNames(synced)).toEqual([
      'the floor is the floor (the app not ahead of it beyond the spread)',
      'sync p50 app ÷ floor ≤ 1.25, every kind',
      'sync p99 app ÷ floor ≤ 1.5, every kind',
      'sync p99 < 20 ms, every kind',
      'app ahead of storage event at p50 and p99',
      'app ahead of Dexie liveQuery at p50 and p99',
    ]);
    expect(assembleResult(synced).goals.find((goal) => goal.goal === 'sync p99 < 20 ms, every kind')).toMatchObject({
      value: 'play 8',
      met: true,
    });
  });
});
