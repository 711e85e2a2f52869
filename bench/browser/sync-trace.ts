/**
 * What the whole machine does while one action travels from tab A to tab B (`npm run bench --
 * --only=syncTrace`, not part of the default run). A Chromium trace of every process runs while the app's
 * plays and adds take turns with the floor's actions, paced as the sync bench paces them. For each action,
 * every thread's CPU time inside the window from the click in A to B's DOM showing it is summed, by process
 * and thread. On two cores, that sum over the window's length says how many cores the action had to share:
 * the stage timestamps of syncProfile cannot tell a stage that works from one that waits for a core.
 */

import type { Browser, Page } from '@playwright/test';
import { median, percentile, round } from '../stats';
import { CLOCK_MARK, cpuIn, readTrace, type TraceEvent } from '../trace-cpu';
import { type AppKind, appSystem, baselineSystem, runTurn, type System } from './sync';

type Log = (message: string) => void;

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
  /** Per label: whose clock its stamps are on, and each action's window (wall-clock ms). */
  const windows = new Map<string, { page: string; list: { from: number; to: number }[] }>();
  const turn = async (system: System, label: string, kind: AppKind | undefined, page: string) => {
    const taken = windows.get(label) ?? { page, list: [] };
    windows.set(label, taken);
    await runTurn(system, kind, pages, ACTIONS_PER_TURN, (sample) => {
      if (sample) taken.list.push({ from: sample.actionAt, to: sample.shownAt });
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
  const { tasks, clocks } = readTrace((JSON.parse(traced.toString()) as { traceEvents: TraceEvent[] }).traceEvents);
  const lines = [
    'Every thread’s CPU time between the click in A and B’s DOM showing it (ms per action, mean; from a Chromium trace of all processes):',
  ];
  for (const [label, { page, list }] of windows) {
    const clock = clocks.get(page);
    if (!clock) throw new Error(`sync trace: no clock mark from ${page}`);
    const byThread = new Map<string, number>();
    const byOrigin = new Map<string, number>();
    const windowMs: number[] = [];
    const cores: number[] = [];
    for (const { from, to } of list) {
      const start = from * 1000 + clock.offsetUs;
      const end = to * 1000 + clock.offsetUs;
      let total = 0;
      for (const [thread, us] of cpuIn(tasks, start, end)) {
        const name = role(thread);
        byThread.set(name, (byThread.get(name) ?? 0) + us / 1000);
        total += us;
      }
      for (const [key, us] of cpuIn(tasks, start, end, true)) byOrigin.set(role(key), (byOrigin.get(role(key)) ?? 0) + us / 1000);
      windowMs.push(to - from);
      cores.push(total / (end - start));
    }
    const perAction = (map: Map<string, number>, count: number) =>
      [...map]
        .map(([key, ms]) => [key, ms / list.length] as const)
        .sort((x, y) => y[1] - x[1])
        .filter(([, ms]) => ms >= 0.05)
        .slice(0, count);
    lines.push(
      `  ${label}: n=${list.length}, window p50 ${round(median(windowMs), 1)} ms; cores busy in the window p50 ${round(median(cores), 2)}, p90 ${round(percentile(cores, 90), 2)}`,
    );
    for (const [thread, ms] of perAction(byThread, 14)) lines.push(`      ${round(ms, 2).toFixed(2).padStart(6)}  ${thread}`);
    lines.push('    the tasks that took most, by where they were posted from:');
    for (const [task, ms] of perAction(byOrigin, 10)) lines.push(`      ${round(ms, 2).toFixed(2).padStart(6)}  ${task}`);
  }
  return lines;
}
