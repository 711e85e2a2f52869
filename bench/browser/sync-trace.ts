/**
 * What the whole machine does while one action travels from tab A to tab B (`npm run bench --
 * --only=syncTrace`, not part of the default run). A Chromium trace of every process runs while the app's
 * plays and adds take turns with the floor's actions, paced as the sync bench paces them. For each action,
 * every thread's CPU time inside the window from the click in A to B's DOM showing it is summed, by process
 * and thread. On two cores, that sum over the window's length says how many cores the action had to share:
 * the stage timestamps of syncProfile cannot tell a stage that works from one that waits for a core.
 * The same sums follow for the window after it, from B's DOM showing the change to B's next frame having
 * rendered (what a person sees): whether that wait is B's own rendering, the compositor's, or idle time.
 * TRACE_OUT=file.json also writes the trace and every action's times, for a closer look at one thread's
 * events (B's Paint, Layout, Layerize… within its frame) than these sums give.
 */

import { writeFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { median, percentile, round } from '../stats';
import { CLOCK_MARK, cpuIn, readTrace, type TraceEvent } from '../trace-cpu';
import { type AppKind, appSystem, baselineSystem, runTurn, type System } from './sync';

type Log = (message: string) => void;
type Tasks = ReturnType<typeof readTrace>['tasks'];

const CATEGORIES = ['toplevel', 'devtools.timeline', '__metadata'];
const ACTIONS_PER_TURN = 10;

/** Stamps the page's clock into the trace: a TimeStamp event carrying the page's wall-clock time in ms. */
function markClock(page: Page, label: string): Promise<void> {
  return page.evaluate(([mark, name]) => console.timeStamp(`${mark}${name}:${performance.timeOrigin + performance.now()}`), [
    CLOCK_MARK,
    label,
  ] as const);
}

/** Threads named by role rather than by page, so the app's two tabs and the floor's read alike. */
function role(thread: string): string {
  return thread.replace(/^pid \d+/, 'other renderer');
}

export async function investigateSyncTrace(browser: Browser, origin: string, log: Log, turns = 6): Promise<string[]> {
  const app = await appSystem(browser, origin);
  const floor = await baselineSystem(browser, origin, 'floor', 'floor.html');
  const pages = [app, floor].flatMap((system) => [system.a, system.b]);
  /** Per label: whose clock its stamps are on, and each action's times (wall-clock ms). */
  const windows = new Map<string, { page: string; list: { from: number; to: number; frame: number }[] }>();
  const turn = async (system: System, label: string, kind: AppKind | undefined, page: string) => {
    const taken = windows.get(label) ?? { page, list: [] };
    windows.set(label, taken);
    await runTurn(system, kind, pages, ACTIONS_PER_TURN, (sample) => {
      if (sample) taken.list.push({ from: sample.actionAt, to: sample.shownAt, frame: sample.frameAt });
    });
  };
  await turn(app, 'warm-up', 'play', 'app A');
  windows.clear();
  await browser.startTracing(undefined, { categories: CATEGORIES });
  let traced: Buffer;
  try {
    await markClock(app.a, 'app A');
    await markClock(app.b, 'app B');
    await markClock(floor.a, 'floor A');
    await markClock(floor.b, 'floor B');
    for (let pass = 0; pass < turns; pass++) {
      log(`sync trace: round ${pass + 1} of ${turns}`);
      const order: [System, string, AppKind | undefined, string][] = [
        [app, 'app play', 'play', 'app A'],
        [floor, 'floor', undefined, 'floor A'],
        [app, 'app add', 'add', 'app A'],
        [floor, 'floor', undefined, 'floor A'],
      ];
      for (const args of pass % 2 === 0 ? order : [...order].reverse()) await turn(...args);
    }
  } finally {
    traced = await browser.stopTracing();
    for (const system of [app, floor]) await system.context.close();
  }
  const trace = JSON.parse(traced.toString()) as { traceEvents: TraceEvent[] };
  if (process.env.TRACE_OUT) writeFileSync(process.env.TRACE_OUT, JSON.stringify({ trace, windows: [...windows] }));
  const { tasks, clocks } = readTrace(trace.traceEvents);
  const timed = [...windows].map(([label, { page, list }]) => {
    const clock = clocks.get(page);
    if (!clock) throw new Error(`sync trace: no clock mark from ${page}`);
    return { label, list, offsetUs: clock.offsetUs };
  });
  return [
    'Every thread’s CPU time between the click in A and B’s DOM showing it (ms per action, mean; from a Chromium trace of all processes):',
    ...timed.flatMap(({ label, list, offsetUs }) => cpuReport(tasks, label, list, offsetUs)),
    'And between B’s DOM showing it and B’s next frame having rendered (rAF, then a task):',
    ...timed.flatMap(({ label, list, offsetUs }) =>
      cpuReport(
        tasks,
        label,
        list.map(({ to, frame }) => ({ from: to, to: frame })),
        offsetUs,
      ),
    ),
  ];
}

/** Each thread's CPU time within the windows (page wall-clock ms), per window, and the cores they kept busy. */
function cpuReport(tasks: Tasks, label: string, list: readonly { from: number; to: number }[], offsetUs: number): string[] {
  const byThread = new Map<string, number>();
  const byOrigin = new Map<string, number>();
  const windowMs: number[] = [];
  const cores: number[] = [];
  for (const { from, to } of list) {
    const start = from * 1000 + offsetUs;
    const end = to * 1000 + offsetUs;
    let total = 0;
    for (const [thread, us] of cpuIn(tasks, start, end)) {
      const name = role(thread);
      byThread.set(name, (byThread.get(name) ?? 0) + us / 1000);
      total += us;
    }
    for (const [key, us] of cpuIn(tasks, start, end, true)) byOrigin.set(role(key), (byOrigin.get(role(key)) ?? 0) + us / 1000);
    windowMs.push(to - from);
    cores.push(end > start ? total / (end - start) : 0);
  }
  const perAction = (map: Map<string, number>, count: number) =>
    [...map]
      .map(([key, ms]) => [key, ms / list.length] as const)
      .sort((x, y) => y[1] - x[1])
      .filter(([, ms]) => ms >= 0.05)
      .slice(0, count);
  const lines = [
    `  ${label}: n=${list.length}, window p50 ${round(median(windowMs), 1)} ms; cores busy in the window p50 ${round(median(cores), 2)}, p90 ${round(percentile(cores, 90), 2)}`,
  ];
  for (const [thread, ms] of perAction(byThread, 14)) lines.push(`      ${round(ms, 2).toFixed(2).padStart(6)}  ${thread}`);
  lines.push('    the tasks that took most, by where they were posted from:');
  for (const [task, ms] of perAction(byOrigin, 10)) lines.push(`      ${round(ms, 2).toFixed(2).padStart(6)}  ${task}`);
  return lines;
}
