/**
 * Where an import's time goes (`npm run bench -- --only=importProfile`, not part of the default run): the
 * import section's folder-handle scan, with the library wheeled meanwhile, under a Chromium trace (the
 * timeline and the V8 sampling profiler of every thread), then the baseline (music-metadata alone,
 * bench/pages/raw-parse-worker.ts) under a trace of its own. Printed: the page's long tasks, each split
 * into what the browser did in it (script, style, layout, paint, GC) and the functions sampled in it;
 * the CPU time of every kind of thread (what ran beside the import worker on the machine's cores); the
 * same list wheeled as long again once the import is over; and, for the import worker and the
 * baseline's worker, their time and where it went. Tasks' CPU time (the trace's tdur) is given beside
 * their length, which on a loaded machine is mostly waiting for a core.
 */

import type { Browser, Page } from '@playwright/test';
import { percentile, round } from '../stats';
import { clickAddFolder, folderFor, newBenchContext, openBenchApp, putInOpfs, rawParseRate, scan, scrollUntil } from './import';
import { type SourceMapIndex, sourceMaps } from './investigate';

/** The trace's categories: tasks and what is inside them, GC, and every thread's JS samples. */
const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'toplevel',
  'v8',
  'v8.execute',
  'disabled-by-default-v8.cpu_profiler',
  'blink.user_timing',
];
/** Tasks longer than this are listed one by one. */
const LONG_TASK_MS = 40;
/** Of those, the longest this many are shown in detail. */
const LONGEST_LISTED = 12;

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  /** The thread's CPU time in the event (µs): what the machine's load does not stretch. */
  readonly tdur?: number;
  readonly id?: string;
  readonly args?: Record<string, unknown>;
}

interface ChunkNode {
  readonly id: number;
  readonly parent?: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number; readonly columnNumber: number };
}

/** A thread's JS samples, each its time (µs, trace clock) and its stack's leaf node. */
interface Samples {
  readonly nodes: Map<number, ChunkNode>;
  readonly times: number[];
  readonly leaves: number[];
}

async function traced(browser: Browser, page: Page, run: () => Promise<void>): Promise<TraceEvent[]> {
  await browser.startTracing(page, { categories: CATEGORIES });
  await run();
  const buffer = await browser.stopTracing();
  return (JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
}

const threadKey = (event: { pid: number; tid: number }) => `${event.pid}:${event.tid}`;

function threadNames(events: readonly TraceEvent[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const event of events) if (event.ph === 'M' && event.name === 'thread_name') names.set(threadKey(event), String(event.args?.name));
  return names;
}

/** The thread's top-level tasks (RunTask) and every complete event, sorted by start. */
function threadEvents(events: readonly TraceEvent[], key: string): TraceEvent[] {
  return events.filter((event) => event.ph === 'X' && event.dur !== undefined && threadKey(event) === key).sort((a, b) => a.ts - b.ts);
}

/** The thread's tasks: Chromium nests a RunTask in a ThreadControllerImpl::RunTask; the outer one is the task. */
function tasksOf(events: readonly TraceEvent[]): TraceEvent[] {
  const outer = events.filter((event) => event.name === 'ThreadControllerImpl::RunTask');
  return outer.length > 0 ? outer : events.filter((event) => event.name === 'RunTask');
}

function busyMs(events: readonly TraceEvent[]): number {
  return tasksOf(events).reduce((sum, e) => sum + e.dur!, 0) / 1000;
}

/** The thread's CPU time: its outermost events' (a worker's microtasks run outside any RunTask). */
function cpuMs(events: readonly TraceEvent[]): number {
  let end = Number.NEGATIVE_INFINITY;
  let sum = 0;
  for (const event of [...events].sort((a, b) => a.ts - b.ts)) {
    if (event.ts < end) continue;
    end = event.ts + event.dur!;
    sum += event.tdur ?? 0;
  }
  return sum / 1000;
}

/** What the browser does to show a frame, as the trace names it. */
const RENDERING = new Set([
  'Paint',
  'PaintImage',
  'Layout',
  'PrePaint',
  'Layerize',
  'UpdateLayoutTree',
  'Commit',
  'UpdateLayer',
  'HitTest',
]);
const isGc = (name: string) => /GC|garbage/i.test(name);

/** A task's self time as rendering, garbage collection and the rest (script, mostly). */
function kinds(self: Map<string, number>): { rendering: number; gc: number; other: number } {
  let rendering = 0;
  let gc = 0;
  let other = 0;
  for (const [name, ms] of self) {
    if (RENDERING.has(name)) rendering += ms;
    else if (isGc(name)) gc += ms;
    else other += ms;
  }
  return { rendering, gc, other };
}

/** Self time per event name inside [from, to) (nested events subtract from their parent). */
function selfTimes(events: readonly TraceEvent[], from: number, to: number): Map<string, number> {
  const inside = events.filter((event) => event.ts >= from && event.ts + event.dur! <= to);
  const self = new Map<string, number>();
  const stack: { event: TraceEvent; children: number }[] = [];
  const close = (until: number) => {
    while (stack.length > 0 && stack[stack.length - 1]!.event.ts + stack[stack.length - 1]!.event.dur! <= until) {
      const { event, children } = stack.pop()!;
      self.set(event.name, (self.get(event.name) ?? 0) + (event.dur! - children) / 1000);
      if (stack.length > 0) stack[stack.length - 1]!.children += event.dur!;
    }
  };
  for (const event of inside) {
    close(event.ts);
    stack.push({ event, children: 0 });
  }
  close(Number.POSITIVE_INFINITY);
  return self;
}

/** Each thread's samples, from the profiler's chunks (one Profile per thread, its chunks by id). */
function samplesByThread(events: readonly TraceEvent[]): Map<string, Samples> {
  const threadOfProfile = new Map<string, string>();
  const time = new Map<string, number>();
  const byThread = new Map<string, Samples>();
  for (const event of events) {
    const data = event.args?.data as
      | { startTime?: number; cpuProfile?: { nodes?: ChunkNode[]; samples?: number[] }; timeDeltas?: number[] }
      | undefined;
    if (event.name === 'Profile') {
      const key = `${event.pid}:${event.id}`;
      threadOfProfile.set(key, threadKey(event));
      time.set(key, data?.startTime ?? event.ts);
    } else if (event.name === 'ProfileChunk') {
      const key = `${event.pid}:${event.id}`;
      const thread = threadOfProfile.get(key) ?? threadKey(event);
      let samples = byThread.get(thread);
      if (!samples) byThread.set(thread, (samples = { nodes: new Map(), times: [], leaves: [] }));
      for (const node of data?.cpuProfile?.nodes ?? []) samples.nodes.set(node.id, node);
      const leaves = data?.cpuProfile?.samples ?? [];
      let t = time.get(key) ?? event.ts;
      for (let i = 0; i < leaves.length; i++) {
        t += data?.timeDeltas?.[i] ?? 0;
        samples.times.push(t);
        samples.leaves.push(leaves[i]!);
      }
      time.set(key, t);
    }
  }
  return byThread;
}

/** The samples in [from, to), each its stack's leaf and the milliseconds since the sample before. */
function* sampled(samples: Samples, from: number, to: number): Generator<{ node: ChunkNode; ms: number }> {
  let last: number | null = null;
  for (let i = 0; i < samples.times.length; i++) {
    const t = samples.times[i]!;
    if (t < from || t >= to) continue;
    const ms = last === null ? 0 : Math.min(t - last, 10_000) / 1000;
    last = t;
    const node = samples.nodes.get(samples.leaves[i]!);
    if (node) yield { node, ms };
  }
}

/** Self milliseconds per function among the samples in [from, to), the functions named through the source maps. */
function functionsIn(samples: Samples | undefined, from: number, to: number, maps: SourceMapIndex, top: number): string[] {
  if (!samples) return [];
  const self = new Map<string, number>();
  for (const { node, ms } of sampled(samples, from, to)) {
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    const where = url ? maps.locate(url, lineNumber, columnNumber) : '';
    const label = `${functionName || '(anonymous)'}${where ? `  @ ${where}` : ''}`;
    self.set(label, (self.get(label) ?? 0) + ms);
  }
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([label, ms]) => `${round(ms, 1).toString().padStart(8)}  ${label}`);
}

/**
 * The samples in [from, to): all that were not idle, and per source file the time with that file's code
 * anywhere on the stack (a parse called from tag-reader.ts counts for both), app files and idb only.
 */
function filesIn(samples: Samples | undefined, from: number, to: number, maps: SourceMapIndex): string[] {
  if (!samples) return [];
  const byFile = new Map<string, number>();
  const fileOf = new Map<number, string | null>();
  const file = (node: ChunkNode): string | null => {
    let known = fileOf.get(node.id);
    if (known === undefined) {
      const { url, lineNumber, columnNumber } = node.callFrame;
      const where = url ? maps.locate(url, lineNumber, columnNumber) : '';
      const match = where.match(/(src\/[\w/-]+\.ts|node_modules\/idb\/|node_modules\/music-metadata\/)/);
      known = match ? match[1]! : null;
      fileOf.set(node.id, known);
    }
    return known;
  };
  let busy = 0;
  for (const { node: leaf, ms } of sampled(samples, from, to)) {
    if (leaf.callFrame.functionName === '(idle)') continue;
    busy += ms;
    const files = new Set<string>();
    for (let node: ChunkNode | undefined = leaf; node; node = node.parent === undefined ? undefined : samples.nodes.get(node.parent)) {
      const name = file(node);
      if (name) files.add(name);
    }
    for (const name of files) byFile.set(name, (byFile.get(name) ?? 0) + ms);
  }
  return [
    `sampled, not idle: ${round(busy, 0)} ms; with this code on the stack (ms):`,
    ...[...byFile.entries()].sort((a, b) => b[1] - a[1]).map(([name, ms]) => `  ${round(ms, 1).toString().padStart(8)}  ${name}`),
  ];
}

function topTimes(self: Map<string, number>, top: number): string {
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, ms]) => `${name} ${round(ms, 1)}`)
    .join(', ');
}

/** The thread of that name with the most busy time (several pages and workers run; the busiest is the one measured). */
function busiest(events: readonly TraceEvent[], names: Map<string, string>, name: RegExp): { key: string; events: TraceEvent[] } | null {
  let best: { key: string; events: TraceEvent[]; busy: number } | null = null;
  for (const [key, threadName] of names) {
    if (!name.test(threadName)) continue;
    const own = threadEvents(events, key);
    const busy = busyMs(own);
    if (!best || busy > best.busy) best = { key, events: own, busy };
  }
  return best;
}

/**
 * CPU time per kind of thread over the whole trace (every process): what ran beside the import worker on
 * this machine's cores, the page's rendering and raster, the browser process's file and IndexedDB work.
 */
function cpuByThread(events: readonly TraceEvent[]): string {
  const names = threadNames(events);
  const byName = new Map<string, number>();
  const byThread = new Map<string, TraceEvent[]>();
  for (const event of events) {
    if (event.ph !== 'X' || event.dur === undefined) continue;
    const key = threadKey(event);
    let list = byThread.get(key);
    if (!list) byThread.set(key, (list = []));
    list.push(event);
  }
  for (const [key, list] of byThread) {
    const name = (names.get(key) ?? 'unnamed').replace(/\d+$/, '');
    byName.set(name, (byName.get(name) ?? 0) + cpuMs(list));
  }
  return [...byName.entries()]
    .filter(([, ms]) => ms >= 20)
    .sort((a, b) => b[1] - a[1])
    .map(([name, ms]) => `${name} ${round(ms, 0)}`)
    .join(', ');
}

function describeWorker(label: string, events: readonly TraceEvent[], maps: SourceMapIndex): string[] {
  const names = threadNames(events);
  const worker = busiest(events, names, /DedicatedWorker/);
  if (!worker) return [`${label}: no worker thread in the trace`];
  const from = worker.events[0]?.ts ?? 0;
  const to = Math.max(...worker.events.map((event) => event.ts + event.dur!));
  return [
    `${label}: busy ${round(busyMs(worker.events), 0)} ms (CPU ${round(cpuMs(worker.events), 0)} ms) of ${round((to - from) / 1000, 0)} ms; by trace event (self ms): ${topTimes(selfTimes(worker.events, from, to), 10)}`,
    ...filesIn(samplesByThread(events).get(worker.key), from, to, maps).map((line) => `  ${line}`),
    '  functions (self ms):',
    ...functionsIn(samplesByThread(events).get(worker.key), from, to, maps, 30).map((line) => `  ${line}`),
  ];
}

export async function investigateImport(
  browser: Browser,
  origin: string,
  appDir: string,
  projectRoot: string,
  log: (message: string) => void,
  options: { tracks: number; seconds: number } = { tracks: 2000, seconds: 20 },
): Promise<string[]> {
  const dir = folderFor(options.tracks, options.seconds);
  const maps = sourceMaps(appDir, projectRoot);
  const context = await newBenchContext(browser);
  try {
    const page = await openBenchApp(context, origin);
    await putInOpfs(page, dir);
    log('import profile: the folder is in OPFS; tracing the scan');
    let scanned: Awaited<ReturnType<typeof scan>> | null = null;
    const events = await traced(browser, page, async () => {
      scanned = await scan(page, () => clickAddFolder(page));
    });
    const lines = [
      `Import profile: ${scanned!.tracks} tracks in ${round(scanned!.seconds, 2)} s (${round(scanned!.tracks / scanned!.seconds, 1)} tracks/s), longest long task ${round(scanned!.longestMainThreadTaskMs, 1)} ms; ${scanned!.scrollFrames.length} frames wheeled`,
    ];
    const names = threadNames(events);
    const main = busiest(events, names, /CrRendererMain/);
    if (main) {
      const samples = samplesByThread(events).get(main.key);
      const tasks = tasksOf(main.events);
      const from = tasks[0]?.ts ?? 0;
      const to = Math.max(...tasks.map((task) => task.ts + task.dur!));
      lines.push(
        `The page's main thread: busy ${round(busyMs(main.events), 0)} ms (CPU ${round(cpuMs(main.events), 0)} ms, ${round(cpuMs(main.events) / Math.max(1, scanned!.scrollFrames.length), 2)} ms a frame wheeled) of ${round((to - from) / 1000, 0)} ms; by trace event (self ms): ${topTimes(selfTimes(main.events, from, to), 12)}`,
        '  functions (self ms):',
        ...functionsIn(samples, from, to, maps, 25).map((line) => `  ${line}`),
      );
      const cpuLong = tasks.filter((task) => (task.tdur ?? 0) / 1000 > LONG_TASK_MS);
      lines.push(
        `  tasks whose CPU time was over ${LONG_TASK_MS} ms: ${cpuLong.length}; the longest CPU times: ${[...tasks]
          .map((task) => round((task.tdur ?? 0) / 1000, 1))
          .sort((a, b) => b - a)
          .slice(0, 10)
          .join(', ')} ms`,
      );
      const long = tasks.filter((task) => task.dur! / 1000 > LONG_TASK_MS);
      const split = long.map((task) => kinds(selfTimes(main.events, task.ts, task.ts + task.dur!)));
      const sum = (key: 'rendering' | 'gc' | 'other') =>
        round(
          split.reduce((total, kind) => total + kind[key], 0),
          0,
        );
      const mostly = (key: 'rendering' | 'gc' | 'other') =>
        split.filter((kind) => kind[key] >= Math.max(...Object.values(kind).filter((_, i) => Object.keys(kind)[i] !== key))).length;
      lines.push(
        `  tasks over ${LONG_TASK_MS} ms: ${long.length}, ${round(long.reduce((total, task) => total + task.dur!, 0) / 1000, 0)} ms in all; rendering ${sum('rendering')} ms (mostly rendering: ${mostly('rendering')} tasks), GC ${sum('gc')} ms, script and the rest ${sum('other')} ms (mostly: ${mostly('other')} tasks)`,
        `  the ${Math.min(LONGEST_LISTED, long.length)} longest:`,
      );
      for (const task of [...long].sort((a, b) => b.dur! - a.dur!).slice(0, LONGEST_LISTED)) {
        lines.push(
          `  - at ${round((task.ts - from) / 1e6, 2)} s, ${round(task.dur! / 1000, 1)} ms (CPU ${round((task.tdur ?? 0) / 1000, 1)}): ${topTimes(selfTimes(main.events, task.ts, task.ts + task.dur!), 8)}`,
          ...functionsIn(samples, task.ts, task.ts + task.dur!, maps, 8).map((line) => `    ${line}`),
        );
      }
    }
    lines.push(`CPU ms by thread during the scan: ${cpuByThread(events)}`, ...describeWorker('The import worker', events, maps));
    // The list wheeled as many steps again once the import is over: what it costs without an import beside it.
    let frames: number[] = [];
    const after = await traced(browser, page, async () => {
      frames = await scrollUntil(page, (step) => step >= scanned!.scrollFrames.length);
    });
    const afterMain = busiest(after, threadNames(after), /CrRendererMain/);
    lines.push(
      `The list wheeled as many steps after the import, ${frames.length} frames: p95 ${round(percentile(frames, 95), 1)} ms, longest ${round(Math.max(...frames), 1)} ms; the page's main thread CPU ${round(cpuMs(afterMain?.events ?? []), 0)} ms (${round(cpuMs(afterMain?.events ?? []) / Math.max(1, frames.length), 2)} ms a frame); CPU ms by thread: ${cpuByThread(after)}`,
    );
    await page.close();
    log('import profile: tracing the baseline (music-metadata alone)');
    const helper = await context.newPage();
    let rate = 0;
    const baseline = await traced(browser, helper, async () => {
      rate = await rawParseRate(context, origin);
    });
    await helper.close();
    lines.push(
      `The baseline: ${round(rate, 1)} tracks/s`,
      `CPU ms by thread: ${cpuByThread(baseline)}`,
      ...describeWorker("The baseline's worker", baseline, maps),
    );
    return lines;
  } finally {
    await context.close();
  }
}
