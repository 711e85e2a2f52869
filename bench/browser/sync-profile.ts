/**
 * Where the sync time goes, the app beside the floor (`npm run bench -- --only=syncProfile`, not part of
 * the default run). Every action is cut into stages with timestamps taken in tab A's page, in the worker
 * that writes (the app's commit worker, the floor's), and in tab B, all on one clock:
 *   click → A asks its worker → the worker has the message → its handler returned → the transaction
 *   committed → posted → B has the message → B's handler returned → B's DOM shows it;
 * plus, for a floor that writes on the page's main thread, when its transaction's `complete` arrived
 * against the first frame after the click. CPU profiles of the app's two tabs (100 µs sampling) are
 * summed per kind of action and named through the build's source maps. PROFILE_KINDS=play,add profiles
 * only those kinds of the app's actions (and leaves out the virtualized queue), for a quicker look.
 */

import type { Browser, Page } from '@playwright/test';
import { median, percentile, round } from '../stats';
import { aggregateProfiles, type Profile, profiler } from './investigate';
import {
  installStamps,
  installUpdateTimers,
  installWorkerStamps,
  type Span,
  type Stamp,
  settledView,
  takeSpans,
  waitForChange,
} from './page-scripts';
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

/**
 * CPU profiles of a worker (Playwright gives CDP sessions to pages only): the browser's session attaches
 * to the worker's target and talks to it through Target.sendMessageToTarget.
 */
async function workerProfiler(browser: Browser, urlPart: string) {
  const session = await browser.newBrowserCDPSession();
  const { targetInfos } = (await session.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
  const target = targetInfos.find((info) => info.type === 'worker' && info.url.includes(urlPart));
  if (!target) throw new Error(`no worker whose URL has ${urlPart}`);
  const { sessionId } = (await session.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as {
    sessionId: string;
  };
  let nextId = 1;
  const waiting = new Map<number, (result: unknown) => void>();
  session.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message) as { id?: number; result?: unknown };
    if (message.id !== undefined) waiting.get(message.id)?.(message.result);
  });
  const send = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      void session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    });
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: 50 });
  return {
    start: async () => void (await send('Profiler.start')),
    stop: async () => ((await send('Profiler.stop')) as { profile: Profile }).profile,
    detach: () => session.detach(),
  };
}

function workersOf(page: Page) {
  return page.workers().filter((worker) => /commit-worker|floor-worker/.test(worker.url()));
}

async function stampWorkers(page: Page): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (workersOf(page).length === 0 && Date.now() < deadline) await page.waitForTimeout(50);
  for (const worker of workersOf(page)) await worker.evaluate(installWorkerStamps);
}

/** The worker's timed calls since last asked, by what was called. */
async function takeWorkerSpans(page: Page): Promise<Map<string, number[]>> {
  const byCall = new Map<string, number[]>();
  for (const worker of workersOf(page)) {
    const spans = await worker.evaluate(() => {
      const all = (globalThis as unknown as { __benchSpans?: { what: string; ms: number }[] }).__benchSpans ?? [];
      return all.splice(0, all.length);
    });
    for (const span of spans) byCall.set(span.what, [...(byCall.get(span.what) ?? []), span.ms]);
  }
  return byCall;
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
  // The app's stores, writes and message sizes with none of its code (bench/pages/floor-worker.ts).
  const appShaped = await baselineSystem(browser, origin, 'floor, the app’s writes', 'floor.html?shape=app', [installStamps]);
  await stampWorkers(app.a);
  await stampWorkers(floor.a);
  await stampWorkers(appShaped.a);
  const [profileA, profileB] = [await profiler(app.a), await profiler(app.b)];
  const profileWorker = await workerProfiler(browser, 'commit-worker');
  await app.b.evaluate(installUpdateTimers);
  const stages = new Map<string, Map<string, number[]>>();
  /** Per label: each sample's stages, to look at the slowest tenth. */
  const samplesByLabel = new Map<string, { total: number; stages: Map<string, number>; behind: boolean }[]>();
  /** Per label, each worker call's durations; per app kind, ms per action in each of B's updates. */
  const workerCalls = new Map<string, Map<string, number[]>>();
  /** Per app kind, per component: its Lit update time within each action (message to DOM), ms. */
  const updates = new Map<string, Map<string, number[]>>();
  const totals = new Map<string, number[]>();
  const frames: { completeAfterFrame: number[]; clickToFrame: number[]; clickToComplete: number[] } = {
    completeAfterFrame: [],
    clickToFrame: [],
    clickToComplete: [],
  };
  const profiles = new Map<AppKind, { a: Profile[]; b: Profile[]; w: Profile[]; actions: number }>(
    APP_KINDS.map((kind) => [kind, { a: [], b: [], w: [], actions: 0 }]),
  );
  const add = (label: string, cutStages: Map<string, number> | null, total: number, behind = false) => {
    if (!cutStages) return;
    const byStage = stages.get(label) ?? new Map<string, number[]>();
    stages.set(label, byStage);
    for (const [name, ms] of cutStages) byStage.set(name, [...(byStage.get(name) ?? []), ms]);
    totals.set(label, [...(totals.get(label) ?? []), total]);
    samplesByLabel.set(label, [...(samplesByLabel.get(label) ?? []), { total, stages: cutStages, behind }]);
  };
  const lines0: string[] = [];
  const pages = [app, floor, appShaped, mainFloor].flatMap((system) => [system.a, system.b]);
  const turn = async (system: System, kind: AppKind | undefined, warm: boolean) => {
    await settle(pages);
    await system.b.bringToFront();
    await system.a.bringToFront();
    await system.startTurn?.(kind);
    await Promise.all([takeStamps(system.a), takeStamps(system.b), takeWorkerSpans(system.a)]);
    if (system === app) await app.b.evaluate(takeSpans);
    const profiled = system === app && !warm && kind !== undefined;
    if (profiled) await Promise.all([profileA.start(), profileB.start(), profileWorker.start()]);
    const samples = [];
    // Paced as the sync bench paces a person's actions (measureOne waits for the last one's aftermath).
    for (let j = 0; j < 10; j++) samples.push(await measureOne(system, kind));
    if (profiled) {
      const [a, b, w] = await Promise.all([profileA.stop(), profileB.stop(), profileWorker.stop()]);
      const entry = profiles.get(kind)!;
      entry.a.push(a);
      entry.b.push(b);
      entry.w.push(w);
      entry.actions += samples.filter(Boolean).length;
    }
    await system.endTurn?.(kind);
    if (warm) return;
    const stampsA = await takeStamps(system.a);
    const stampsB = await takeStamps(system.b);
    // A's page hears the worker's post too: B's arrival and handler are B's own stamps.
    const inB = new Set<Stamp['what']>(['message', 'handled']);
    const all = [...stampsA.filter((stamp) => !inB.has(stamp.what)), ...stampsB.filter((stamp) => inB.has(stamp.what))].sort(
      (x, y) => x.t - y.t,
    );
    const label = kind ? `app ${kind}` : system.name;
    const calls = workerCalls.get(label) ?? new Map<string, number[]>();
    workerCalls.set(label, calls);
    for (const [what, values] of await takeWorkerSpans(system.a)) calls.set(what, [...(calls.get(what) ?? []), ...values]);
    if (system === app) {
      const spans: Span[] = await app.b.evaluate(takeSpans);
      const byComponent = updates.get(label) ?? new Map<string, number[]>();
      updates.set(label, byComponent);
      const names = new Set(spans.map((span) => span.what));
      for (const sample of samples) {
        if (!sample) continue;
        let all = 0;
        for (const name of names) {
          const ms = spans
            .filter((span) => span.what === name && span.t0 >= sample.actionAt && span.t1 <= sample.shownAt)
            .reduce((sum, span) => sum + span.t1 - span.t0, 0);
          all += ms;
          byComponent.set(name, [...(byComponent.get(name) ?? []), ms]);
        }
        byComponent.set('(all)', [...(byComponent.get('(all)') ?? []), all]);
      }
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
        // Was another write of this tab (a checkpoint) still on its way when the person acted?
        const asked = stampsA.filter((stamp) => stamp.what === 'worker-request' && stamp.t < sample.actionAt).at(-1);
        const answered = asked && stampsA.some((stamp) => stamp.what === 'worker-reply' && stamp.t > asked.t && stamp.t < sample.actionAt);
        add(label, cut(STAGES, all, sample), total, Boolean(asked && !answered));
      }
    }
  };
  for (let round = 0; round < turns + 1; round++) {
    const warm = round === 0;
    for (const kind of APP_KINDS.filter((k) => (process.env.PROFILE_KINDS ?? k).split(',').includes(k))) {
      await turn(app, kind, warm);
      await turn(floor, undefined, warm);
    }
    await turn(mainFloor, undefined, warm);
    await turn(appShaped, undefined, warm);
    log(`sync profile: round ${round + 1} of ${turns + 1}`);
  }
  await Promise.all([profileA.detach(), profileB.detach(), profileWorker.detach()]);
  for (const system of [app, floor, appShaped, mainFloor]) await system.context.close();

  if (!process.env.PROFILE_KINDS) lines0.push(...(await virtualizedRemoval(browser, origin, log)));
  const m = (values: readonly number[]) => round(median(values), 2);
  const lines = [...lines0, 'Sync stages (median ms; the stages of one action need not add up to its median total):'];
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
    const behind = (from: typeof list) => from.filter((sample) => sample.behind).length;
    lines.push(
      `  ${label.padEnd(26)} n=${sorted.length}  ${cells}  = total ${m(sorted.map((sample) => sample.total))}; acted while another write of A was on its way: ${behind(sorted)} of these, ${behind(list)} of all ${list.length}`,
    );
  }
  lines.push('Worker: each call, median and p90 ms (its synchronous part; put() includes serializing the value; 0.1 ms ticks):');
  for (const [label, calls] of workerCalls) {
    const cells = [...calls.entries()].map(([what, values]) => `${what} ${m(values)}/${round(percentile(values, 90), 2)}`).join(' | ');
    lines.push(`  ${label.padEnd(26)} ${cells}`);
  }
  lines.push(
    'App tab B: each component’s Lit update within an action (message to DOM), mean/median/p90 ms (the page’s clock ticks in 0.1 ms):',
  );
  for (const [label, byComponent] of updates) {
    const cells = [...byComponent.entries()]
      .sort((x, y) => y[1].reduce((a, b) => a + b, 0) - x[1].reduce((a, b) => a + b, 0))
      .map(
        ([what, values]) =>
          `${what} ${round(values.reduce((a, b) => a + b, 0) / values.length, 2)}/${m(values)}/${round(percentile(values, 90), 2)}`,
      )
      .join(' | ');
    lines.push(`  ${label.padEnd(26)} ${cells}`);
  }
  lines.push(
    `Old floor (main thread): click → first frame ${m(frames.clickToFrame)}; click → transaction complete ${m(frames.clickToComplete)}; complete − frame: median ${m(frames.completeAfterFrame)}, ${frames.completeAfterFrame.filter((ms) => ms >= 0).length} of ${frames.completeAfterFrame.length} after the frame`,
  );
  for (const [kind, { a, b, w, actions }] of profiles) {
    const profile = (list: Profile[]) => aggregateProfiles(list, appDir, projectRoot, 14);
    lines.push(
      `App tab A (acts), ${kind}: ${actions} actions in ${a.length} turns; the profile's "per action" is per turn of 10:`,
      ...profile(a),
    );
    lines.push(`App tab B (shows), ${kind}, per turn of 10:`, ...profile(b));
    lines.push(`App tab A's commit worker, ${kind}, per turn of 10:`, ...profile(w));
  }
  return lines;
}

/**
 * Whether a changed row of a virtualized list waits for the virtualizer's layout pass: a queue of 300
 * entries (virtualized above 200), the first row removed in A, until B's first row is the entry that was
 * second; B also notes the first animation frame after the message arrived.
 */
async function virtualizedRemoval(browser: Browser, origin: string, log: Log, actions = 40): Promise<string[]> {
  log('sync profile: a virtualized queue…');
  const app = await appSystem(browser, origin, [installStamps], 300);
  const frameAfterMessage = () => {
    const stamps = (globalThis as unknown as { __benchStamps: Stamp[] }).__benchStamps;
    // The channel's message stamp is already taken by installStamps: after each, ask for the next frame.
    const push = stamps.push.bind(stamps);
    stamps.push = (...items: Stamp[]) => {
      for (const item of items) {
        if (item.what === 'message') requestAnimationFrame(() => push({ t: performance.timeOrigin + performance.now(), what: 'frame' }));
      }
      return push(...items);
    };
  };
  await app.b.evaluate(frameAfterMessage);
  await app.b.bringToFront();
  await app.a.bringToFront();
  const messageToDom: number[] = [];
  let beforeFrame = 0;
  let measured = 0;
  for (let i = 0; i < actions; i++) {
    await settle([app.a, app.b], 50);
    const before = await app.b.evaluate(settledView);
    const second = before.s.second;
    await app.a.evaluate(() => {
      const stamps = (globalThis as unknown as { __benchStamps: Stamp[] }).__benchStamps;
      stamps.length = 0;
    });
    await app.b.evaluate(() => {
      const stamps = (globalThis as unknown as { __benchStamps: Stamp[] }).__benchStamps;
      stamps.length = 0;
    });
    const box = await app.a.locator('ms-queue [data-index="0"] button.remove').boundingBox();
    if (!box) break;
    await app.a.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const match = await app.b.evaluate(waitForChange, {
      spec: { key: 'first', eq: second ?? null },
      from: before.logged,
      timeoutMs: 10_000,
    });
    if (!match || i < 5) continue;
    const stamps: Stamp[] = await app.b.evaluate(() => (globalThis as unknown as { __benchStamps: Stamp[] }).__benchStamps);
    const message = stamps.find((stamp) => stamp.what === 'message');
    const frame = stamps.find((stamp) => stamp.what === 'frame');
    if (!message) continue;
    measured++;
    messageToDom.push(match.t - message.t);
    if (!frame || match.t <= frame.t) beforeFrame++;
  }
  await app.context.close();
  return [
    `Virtualized queue (300 entries), first row removed: B's message → its first row replaced, median ${round(median(messageToDom), 2)} ms (p90 ${round(percentile(messageToDom, 90), 2)}); in ${beforeFrame} of ${measured} before B's next frame`,
  ];
}
