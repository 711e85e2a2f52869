/**
 * The engine benchmark, in Node with fake-indexeddb: for queues of 10, 1,000 and 100,000 entries, how many
 * actions a tab commits per second, how long an action in tab A takes to be applied in tab B, and how many
 * bytes each kind of queue edit broadcasts. fake-indexeddb is slower than a browser's IndexedDB; the point
 * is the shape across queue lengths (flat), measured in one run.
 */

import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { nanoid } from 'nanoid';
import type { ActionInput } from '../../src/engine/model/actions';
import { PlaybackEngine } from '../../src/engine/playback-engine';
import { openPlaybackDatabase } from '../../src/engine/storage/database';
import { PlaybackStore } from '../../src/engine/storage/indexeddb-store';
import { round, summarize } from '../stats';

const QUEUE_LENGTHS = [10, 1_000, 100_000];
const ACTIONS = 300;
const WARM_UP = 30;

async function openTab(deviceId: string): Promise<PlaybackEngine> {
  const quiet = { onBlocked() {}, onVersionChange() {}, onTerminated() {} };
  return PlaybackEngine.start({
    deviceId,
    tabId: nanoid(),
    store: new PlaybackStore(await openPlaybackDatabase(quiet), deviceId),
    openChannel: (name) => new BroadcastChannel(name),
    locks: null,
    now: () => Date.now(),
    newId: () => nanoid(),
    staleCheckMs: 0,
  });
}

/** A mixed queue edit that keeps the queue's length steady: add, then move, then remove. */
function editFor(i: number, tab: PlaybackEngine): ActionInput {
  const queue = tab.state.queue;
  const entry = queue[Math.floor(queue.length / 2)]!;
  switch (i % 3) {
    case 0:
      return { type: 'enqueue', trackIds: [`extra-${i}`] };
    case 1:
      return { type: 'move', entryId: entry.entryId, toIndex: Math.floor(queue.length / 3) };
    default:
      return { type: 'remove', entryId: queue[queue.length - 1]!.entryId };
  }
}

async function measure(queueLength: number) {
  globalThis.indexedDB = new IDBFactory();
  const deviceId = 'BE0C4B3E0C4B3E00';
  const [a, b] = [await openTab(deviceId), await openTab(deviceId)];
  await a.dispatch({ type: 'enqueue', trackIds: Array.from({ length: queueLength }, (_, i) => `t${i}`) });
  while (b.state.rev !== a.state.rev) await new Promise((resolve) => setTimeout(resolve, 5));

  const latencies: number[] = [];
  const bytes: Record<string, number[]> = { enqueue: [], move: [], remove: [] };
  let started = 0;
  let resolveApplied: () => void = () => {};
  b.on('state', ({ cause }) => {
    if (cause.kind !== 'remote') return;
    latencies.push(performance.now() - started);
    resolveApplied();
  });
  const runStart = performance.now();
  for (let i = 0; i < WARM_UP + ACTIONS; i++) {
    if (i === WARM_UP) latencies.length = 0;
    const action = editFor(i, a);
    const applied = new Promise<void>((resolve) => (resolveApplied = resolve));
    const sentBefore = a.channelStats.bytesSent;
    started = performance.now();
    await a.dispatch(action);
    await applied;
    if (i >= WARM_UP) bytes[action.type]!.push(a.channelStats.bytesSent - sentBefore);
  }
  const seconds = (performance.now() - runStart) / 1000;
  a.close();
  b.close();
  const latency = summarize(latencies);
  const median = (values: number[]) => summarize(values).p50;
  return {
    queue: queueLength,
    actionsPerSecond: round((WARM_UP + ACTIONS) / seconds, 0),
    p50: round(latency.p50),
    p99: round(latency.p99),
    n: latency.n,
    bytesAdd: median(bytes.enqueue!),
    bytesRemove: median(bytes.remove!),
    bytesMove: median(bytes.move!),
  };
}

export async function runEngineBench(): Promise<void> {
  const rows = [];
  for (const length of QUEUE_LENGTHS) rows.push(await measure(length));
  console.log(
    `engine benchmark: Node ${process.version}, fake-indexeddb, ${ACTIONS} mixed queue edits per queue length (after ${WARM_UP} warm-up)`,
  );
  console.table(rows);
}
