/**
 * Where the sync time goes, the app beside the floor (`npm run bench -- --only=syncProfile`, not part of
 * the default run). Every action is cut into stages with timestamps taken in tab A's page, in the worker
 * that writes (the app's commit worker, the floor's), and in tab B, all on one clock:
 *   click → A asks its worker → the worker has the message → its handler returned → the transaction
 *   committed → posted → B has the message → B's handler returned → B's DOM shows it;
 * plus, for a floor that writes on the page's main thread, when its transaction's `complete` arrived
 * against the first frame after the click. CPU profiles of the app's two tabs (100 µs sampling) are
 * summed per kind of action and named through the build's source maps.
 */

import type { Browser, Page } from '@playwright/test';
import { median, percentile, round } from '../stats';
import { aggregateProfiles, type Profile, profiler } from './investigate';
import { installStamps, installUpdateTimers, installWorkerStamps, type Span, type Stamp, takeSpans } from './page-scripts';
import { APP_KINDS, type AppKind, appSystem, baselineSystem, measureOne, type System, settle } from './sync';

type Log = (message: string) => void;

const STAGES = [
  ['click→ask', 'click', 'worker-request'],
  ['hop to worker', 'worker-request', 'w-message'],
  ['worker handler', 'w-message', 'w-handled'],
  ['→ committed', 'w-handled', 'w-complete'],
  ['→ posted', 'w-complete', 'w-post'],
  ['channel to B', 'w-post', 'message'],
  ['B handler', 'message', 'handled'],
  ['→ B DOM', 'handled', 'dom'],
] as const;

const MAIN_STAGES = [
  ['click→tx', 'click', 'tx-start'],
  ['tx (to complete event)', 'tx-start', 'tx-complete'],
  ['→ posted', 'tx-complete', 'post'],
  ['channel to B', 'post', 'message'],
  ['B handler', 'message', 'handled'],
  ['→ B DOM', 'handled', 'dom'],
] as const;

function workersOf(page: Page) {
  return page.workers().filter((worker) => /commit-worker|floor-worker/.test(worker.url()));
}

async function stampWorkers(page: Page): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (workersOf(page).length === 0 && Date.now() < deadline) await page.waitForTimeout(50);
  for (const worker of workersOf(page)) await worker.evaluate(installWorkerStamps);
}

/** The worker's timed calls since last asked: summed by what was called. */
async function takeWorkerSpans(page: Page): Promise<Map<string, number>> {
  const sums = new Map<string, number>();
  for (const worker of workersOf(page)) {
    const spans = await worker.evaluate(() => {
      const all = (globalThis as unknown as { __benchSpans?: { what: string; ms: number }[] }).__benchSpans ?? [];
      return all.splice(0, all.length);
    });
    for (const span of spans) sums.set(span.what, (sums.get(span.what) ?? 0) + span.ms);
  }
  return sums;
}

async function takeStamps(page: Page): Promise<Stamp[]> {
  const own = await page.evaluate(() => {
    const stamps = (globalThis as unknown as { __benchStamps: Stamp[] }).__benchStamps;
    return stamps.splice(0, stamps.length);
  });
  for (const worker of workersOf(page)) {
    own.push(
      ...(await worker.evaluate(() => {
        const stamps = (globalThis as unknown as { __benchStamps?: Stamp[] }).__benchStamps ?? [];
        return stamps.splice(0, stamps.length);
      })),
    );
  }
  return own.sort((x, y) => x.t - y.t);
}

interface Timed {
  readonly actionAt: number;
  readonly shownAt: number;
}

/** Each stage's duration for one action: the first stamp of each kind after the one before. */
function cut(stages: readonly (readonly [string, string, string])[], stamps: readonly Stamp[], sample: Timed): Map<string, number> | null {
  const times = new Map<string, number>([
    ['click', sample.actionAt],
    ['dom', sample.shownAt],
  ]);
  let t = sample.actionAt;
  for (const [, , to] of stages) {
    if (to === 'dom') break;
    const found = stamps.find((stamp) => stamp.what === to && stamp.t >= t - 0.05);
    if (!found || found.t > sample.shownAt + 0.05) return null;
    times.set(to, found.t);
    t = found.t;
  }
  const out = new Map<string, number>();
  for (const [name, from, to] of stages) out.set(name, times.get(to)! - times.get(from)!);
  return out;
}

export async function investigateSyncProfile(
  browser: Browser,
  origin: string,
  appDir: string,
  projectRoot: string,
  log: Log,
  turns = 8,
): Promise<string[]> {
  const app = await appSystem(browser, origin, [installStamps]);
  const floor = await baselineSystem(browser, origin, 'floor', 'floor.html', [installStamps]);
  const mainFloor = await baselineSystem(browser, origin, 'old floor (main thread)', 'floor.html?writer=main&read=0&view=lit', [
    installStamps,
  ]);
  await stampWorkers(app.a);
  await stampWorkers(floor.a);
  const [profileA, profileB] = [await profiler(app.a), await profiler(app.b)];
  await app.b.evaluate(installUpdateTimers);
  const stages = new Map<string, Map<string, number[]>>();
  /** Per label: each sample's stages, to look at the slowest tenth. */
  const samplesByLabel = new Map<string, { total: number; stages: Map<string, number> }[]>();
  /** Per label: ms per action in each worker call; per app kind: ms per action in each of B's updates. */
  const workerCalls = new Map<string, { sums: Map<string, number>; actions: number }>();
  const updates = new Map<string, { sums: Map<string, number>; actions: number }>();
  const addSums = (
    into: Map<string, { sums: Map<string, number>; actions: number }>,
    label: string,
    sums: Map<string, number>,
    actions: number,
  ) => {
    const entry = into.get(label) ?? { sums: new Map<string, number>(), actions: 0 };
    into.set(label, entry);
    entry.actions += actions;
    for (const [what, ms] of sums) entry.sums.set(what, (entry.sums.get(what) ?? 0) + ms);
  };
  const totals = new Map<string, number[]>();
  const frames: { completeAfterFrame: number[]; clickToFrame: number[]; clickToComplete: number[] } = {
    completeAfterFrame: [],
    clickToFrame: [],
    clickToComplete: [],
  };
  const profiles = new Map<AppKind, { a: Profile[]; b: Profile[]; actions: number }>(
    APP_KINDS.map((kind) => [kind, { a: [], b: [], actions: 0 }]),
  );
  const add = (label: string, cutStages: Map<string, number> | null, total: number) => {
    if (!cutStages) return;
    const byStage = stages.get(label) ?? new Map<string, number[]>();
    stages.set(label, byStage);
    for (const [name, ms] of cutStages) byStage.set(name, [...(byStage.get(name) ?? []), ms]);
    totals.set(label, [...(totals.get(label) ?? []), total]);
    samplesByLabel.set(label, [...(samplesByLabel.get(label) ?? []), { total, stages: cutStages }]);
  };
  const pages = [app, floor, mainFloor].flatMap((system) => [system.a, system.b]);
  const turn = async (system: System, kind: AppKind | undefined, warm: boolean) => {
    await settle(pages);
    await system.b.bringToFront();
    await system.a.bringToFront();
    await system.startTurn?.();
    await Promise.all([takeStamps(system.a), takeStamps(system.b), takeWorkerSpans(system.a)]);
    if (system === app) await app.b.evaluate(takeSpans);
    const profiled = system === app && !warm && kind !== undefined;
    if (profiled) await Promise.all([profileA.start(), profileB.start()]);
    const samples = [];
    for (let j = 0; j < 10; j++) samples.push(await measureOne(system, kind));
    if (profiled) {
      const [a, b] = await Promise.all([profileA.stop(), profileB.stop()]);
      const entry = profiles.get(kind)!;
      entry.a.push(a);
      entry.b.push(b);
      entry.actions += samples.filter(Boolean).length;
    }
    await system.endTurn?.();
    if (warm) return;
    const stampsA = await takeStamps(system.a);
    const stampsB = await takeStamps(system.b);
    // A's page hears the worker's post too: B's arrival and handler are B's own stamps.
    const inB = new Set<Stamp['what']>(['message', 'handled']);
    const all = [...stampsA.filter((stamp) => !inB.has(stamp.what)), ...stampsB.filter((stamp) => inB.has(stamp.what))].sort(
      (x, y) => x.t - y.t,
    );
    const label = kind ? `app ${kind}` : system.name;
    const measured = samples.filter(Boolean).length;
    addSums(workerCalls, label, await takeWorkerSpans(system.a), measured);
    if (system === app) {
      const spans: Span[] = await app.b.evaluate(takeSpans);
      const sums = new Map<string, number>();
      for (const span of spans) sums.set(span.what, (sums.get(span.what) ?? 0) + (span.t1 - span.t0));
      addSums(updates, label, sums, measured);
    }
    for (const sample of samples) {
      if (!sample) continue;
      const total = sample.shownAt - sample.actionAt;
      if (system === mainFloor) {
        add(label, cut(MAIN_STAGES, all, sample), total);
        const frame = stampsA.find((stamp) => stamp.what === 'frame' && stamp.t >= sample.actionAt)?.t;
        const complete = stampsA.find((stamp) => stamp.what === 'tx-complete' && stamp.t >= sample.actionAt)?.t;
        if (frame !== undefined && complete !== undefined) {
          frames.completeAfterFrame.push(complete - frame);
          frames.clickToFrame.push(frame - sample.actionAt);
          frames.clickToComplete.push(complete - sample.actionAt);
        }
      } else {
        add(label, cut(STAGES, all, sample), total);
      }
    }
  };
  for (let round = 0; round < turns + 1; round++) {
    const warm = round === 0;
    for (const kind of APP_KINDS) {
      await turn(app, kind, warm);
      await turn(floor, undefined, warm);
    }
    await turn(mainFloor, undefined, warm);
    log(`sync profile: round ${round + 1} of ${turns + 1}`);
  }
  await Promise.all([profileA.detach(), profileB.detach()]);
  for (const system of [app, floor, mainFloor]) await system.context.close();

  const m = (values: readonly number[]) => round(median(values), 2);
  const lines = ['Sync stages (median ms; the stages of one action need not add up to its median total):'];
  for (const [label, byStage] of stages) {
    const cells = [...byStage.entries()].map(([name, values]) => `${name} ${m(values)}`).join(' | ');
    const total = totals.get(label)!;
    lines.push(`  ${label.padEnd(26)} n=${total.length}  ${cells}  = total p50 ${m(total)}, p99 ${round(percentile(total, 99), 1)}`);
  }
  lines.push('The slowest tenth of each (median ms per stage):');
  for (const [label, list] of samplesByLabel) {
    const sorted = [...list].sort((x, y) => y.total - x.total).slice(0, Math.max(1, Math.ceil(list.length / 10)));
    const names = [...sorted[0]!.stages.keys()];
    const cells = names.map((name) => `${name} ${m(sorted.map((sample) => sample.stages.get(name)!))}`).join(' | ');
    lines.push(`  ${label.padEnd(26)} n=${sorted.length}  ${cells}  = total ${m(sorted.map((sample) => sample.total))}`);
  }
  const perAction = (label: string, entry: { sums: Map<string, number>; actions: number }) =>
    `  ${label.padEnd(26)} ${[...entry.sums.entries()]
      .sort((x, y) => y[1] - x[1])
      .map(([what, ms]) => `${what} ${round(ms / Math.max(1, entry.actions), 3)}`)
      .join(' | ')}`;
  lines.push('Worker: ms per action in each call (synchronous part; the put()s include serializing the value):');
  for (const [label, entry] of workerCalls) lines.push(perAction(label, entry));
  lines.push('App tab B: ms per action in each component’s Lit update (and getBoundingClientRect):');
  for (const [label, entry] of updates) lines.push(perAction(label, entry));
  lines.push(
    `Old floor (main thread): click → first frame ${m(frames.clickToFrame)}; click → transaction complete ${m(frames.clickToComplete)}; complete − frame: median ${m(frames.completeAfterFrame)}, ${frames.completeAfterFrame.filter((ms) => ms >= 0).length} of ${frames.completeAfterFrame.length} after the frame`,
  );
  for (const [kind, { a, b, actions }] of profiles) {
    const profile = (list: Profile[]) => aggregateProfiles(list, appDir, projectRoot, 14);
    lines.push(
      `App tab A (acts), ${kind}: ${actions} actions in ${a.length} turns; the profile's "per action" is per turn of 10:`,
      ...profile(a),
    );
    lines.push(`App tab B (shows), ${kind}, per turn of 10:`, ...profile(b));
  }
  return lines;
}
