/**
 * Where the time goes (not part of the default run: `npm run bench -- --only=breakdown,queueProfile`).
 *
 * - breakdown: the app and the floor side by side, each action cut into stages by timestamps taken in
 *   both pages (installStamps): click → readwrite transaction starts → commits → posted → B receives →
 *   B's handler returns → B's DOM shows it; and a CPU profile (CDP Profiler, 100 µs sampling) of the
 *   app's two tabs, mapped back to the TypeScript through the build's source maps.
 * - queueProfile: the same stages and profiles for queue edits at 10 and 100,000 entries.
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Browser, CDPSession, Page } from '@playwright/test';
import { median, round } from '../stats';
import { decodeMappings, type Segment } from './bundle';
import { installStamps, installUpdateTimers, readStamps, type Span, type Stamp, takeSpans } from './page-scripts';
import { editOnce, KINDS, openDevice } from './queue-scale';
import { appSystem, baselineSystem, measureOne, type System } from './sync';

type Log = (message: string) => void;

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number; readonly columnNumber: number };
  readonly children?: readonly number[];
}

export interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

async function startProfile(page: Page): Promise<CDPSession> {
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 100 });
  await session.send('Profiler.start');
  return session;
}

async function stopProfile(session: CDPSession): Promise<Profile> {
  const { profile } = await session.send('Profiler.stop');
  await session.detach();
  return profile as unknown as Profile;
}

export interface SourceMapIndex {
  locate(url: string, line: number, column: number): string;
}

export function sourceMaps(appDir: string, projectRoot: string): SourceMapIndex {
  const maps = new Map<string, { lines: Segment[][]; sources: string[]; contents: (string | null)[] }>();
  for (const name of readdirSync(join(appDir, 'assets')).filter((file) => file.endsWith('.js'))) {
    const file = join(appDir, 'assets', name);
    // A chunk that only re-exports another has nothing to map, and Vite writes no map for it.
    if (!existsSync(`${file}.map`)) continue;
    const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as {
      sources: string[];
      sourcesContent?: (string | null)[];
      mappings: string;
    };
    maps.set(name, {
      lines: decodeMappings(map.mappings),
      sources: map.sources.map((source) => relative(projectRoot, resolve(dirname(file), source))),
      contents: map.sourcesContent ?? [],
    });
  }
  return {
    locate(url, line, column) {
      const name = url.split('/').pop() ?? '';
      const map = maps.get(name);
      if (!map) return url ? `${name}:${line + 1}` : '';
      const segments = map.lines[line] ?? [];
      let found: Segment | undefined;
      for (const segment of segments) {
        if (segment.column > column) break;
        found = segment;
      }
      if (!found || found.source < 0) return `${name}:${line + 1}:${column + 1}`;
      const text = map.contents[found.source]?.split('\n')[found.originalLine]?.trim().slice(0, 70) ?? '';
      return `${map.sources[found.source]}:${found.originalLine + 1}  ${text}`;
    },
  };
}

/** Self and inclusive milliseconds per function, the functions named by where their code came from. */
function summarizeProfile(profile: Profile, maps: SourceMapIndex, top = 18): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const labels = new Map<number, string>();
  const label = (id: number) => {
    let text = labels.get(id);
    if (text === undefined) {
      const { functionName, url, lineNumber, columnNumber } = byId.get(id)!.callFrame;
      const where = url ? maps.locate(url, lineNumber, columnNumber) : '';
      text = `${functionName || '(anonymous)'}${where ? `  @ ${where}` : ''}`;
      labels.set(id, text);
    }
    return text;
  };
  const selfByLabel = new Map<string, number>();
  // Inclusive: each sample counts once for every function on its stack (recursion counted once).
  const inclusiveByLabel = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const leaf = profile.samples[i]!;
    selfByLabel.set(label(leaf), (selfByLabel.get(label(leaf)) ?? 0) + ms);
    const onStack = new Set<string>();
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) onStack.add(label(id));
    for (const key of onStack) inclusiveByLabel.set(key, (inclusiveByLabel.get(key) ?? 0) + ms);
  }
  const wall = (profile.endTime - profile.startTime) / 1000;
  const idle = [...selfByLabel.entries()].filter(([key]) => key.startsWith('(idle)')).reduce((acc, [, ms]) => acc + ms, 0);
  const lines = [`  profile: ${round(wall, 0)} ms wall, ${round(wall - idle, 0)} ms busy`];
  lines.push('  self time (ms):');
  for (const [key, ms] of [...selfByLabel.entries()].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`    ${round(ms, 1).toString().padStart(8)}  ${key}`);
  lines.push('  inclusive time (ms), app code only:');
  for (const [key, ms] of [...inclusiveByLabel.entries()]
    .filter(([key]) => key.includes('@ src/') || key.includes('@ node_modules/'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)) {
    lines.push(`    ${round(ms, 1).toString().padStart(8)}  ${key}`);
  }
  return lines;
}

/**
 * Mean milliseconds per profile (one profile per action) in each function, self and inclusive, app code
 * named through the source maps: what one action costs a tab, function by function.
 */
export function aggregateProfiles(profiles: readonly Profile[], appDir: string, projectRoot: string, top = 20): string[] {
  const maps = sourceMaps(appDir, projectRoot);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let busy = 0;
  // A browser built-in (setAttribute, importNode) by who called it: its self time alone does not say
  // which of the app's writes it was (an image's src, a row's mark).
  const builtInCallers = new Map<string, number>();
  for (const profile of profiles) {
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const parent = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    const labelOf = (id: number) => {
      const { functionName, url, lineNumber, columnNumber } = byId.get(id)!.callFrame;
      const where = url ? maps.locate(url, lineNumber, columnNumber) : '';
      return `${functionName || '(anonymous)'}${where ? `  @ ${where}` : ''}`;
    };
    const labels = new Map<number, string>();
    const label = (id: number) => {
      if (!labels.has(id)) labels.set(id, labelOf(id));
      return labels.get(id)!;
    };
    for (let i = 0; i < profile.samples.length; i++) {
      const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      const leaf = label(profile.samples[i]!);
      if (leaf.startsWith('(idle)')) continue;
      busy += ms;
      self.set(leaf, (self.get(leaf) ?? 0) + ms);
      if (!leaf.includes('@') && !leaf.startsWith('(')) {
        const callers: string[] = [];
        for (let id = parent.get(profile.samples[i]!); id !== undefined && callers.length < 3; id = parent.get(id)) {
          callers.push(label(id).slice(0, 60));
        }
        const key = `${leaf} ← ${callers.join(' ← ')}`;
        builtInCallers.set(key, (builtInCallers.get(key) ?? 0) + ms);
      }
      const onStack = new Set<string>();
      for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) onStack.add(label(id));
      for (const key of onStack) inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
    }
  }
  const n = profiles.length || 1;
  const perAction = (key: string, ms: number) =>
    `    ${round(ms / n, 2)
      .toString()
      .padStart(7)}  ${key}`;
  const lines = [`  busy ${round(busy / n, 2)} ms per action (${profiles.length} actions)`, '  self:'];
  for (const [key, ms] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(perAction(key, ms));
  lines.push('  built-ins, by caller:');
  for (const [key, ms] of [...builtInCallers.entries()].sort((a, b) => b[1] - a[1]).slice(0, Math.ceil(top / 2))) {
    lines.push(perAction(key, ms));
  }
  lines.push('  inclusive (app code):');
  for (const [key, ms] of [...inclusive.entries()]
    .filter(([key]) => key.includes('@ src/') || key.includes('@ node_modules/'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)) {
    lines.push(perAction(key, ms));
  }
  return lines;
}

interface Stages {
  /** Through the commit worker: click → request to the worker, and request → B receives the message. */
  toWorker: number[];
  workerToB: number[];
  toTransaction: number[];
  /** Main-thread wait of a task posted as the transaction starts. */
  ping: number[];
  get: number[];
  toWrite: number[];
  commit: number[];
  transaction: number[];
  toPost: number[];
  channel: number[];
  handler: number[];
  toDom: number[];
  total: number[];
}

function emptyStages(): Stages {
  return {
    toWorker: [],
    workerToB: [],
    toTransaction: [],
    ping: [],
    get: [],
    toWrite: [],
    commit: [],
    transaction: [],
    toPost: [],
    channel: [],
    handler: [],
    toDom: [],
    total: [],
  };
}

/** Cuts one action into stages with the stamps of both pages (the first of each kind after the one before). */
function addStages(stages: Stages, a: readonly Stamp[], b: readonly Stamp[], actionAt: number, shownAt: number): void {
  const after = (stamps: readonly Stamp[], what: Stamp['what'], t: number) =>
    stamps.find((stamp) => stamp.what === what && stamp.t >= t)?.t;
  const request = after(a, 'worker-request', actionAt);
  if (request !== undefined && request <= shownAt) {
    // Written and posted by the commit worker, whose own steps the page cannot see.
    const received = after(b, 'message', request);
    const done = received === undefined ? undefined : after(b, 'handled', received);
    if (received === undefined || done === undefined || done > shownAt + 0.001) return;
    stages.toWorker.push(request - actionAt);
    stages.workerToB.push(received - request);
    stages.handler.push(done - received);
    stages.toDom.push(shownAt - done);
    stages.total.push(shownAt - actionAt);
    return;
  }
  const txStart = after(a, 'tx-start', actionAt);
  const txDone = txStart === undefined ? undefined : after(a, 'tx-complete', txStart);
  const post = txDone === undefined ? undefined : after(a, 'post', txDone);
  const message = post === undefined ? undefined : after(b, 'message', post);
  const handled = message === undefined ? undefined : after(b, 'handled', message);
  if (txStart === undefined || txDone === undefined || post === undefined || message === undefined || handled === undefined) return;
  if (handled > shownAt + 0.001) return; // not the message that showed it
  const ping = after(a, 'ping', txStart);
  const got = after(a, 'get-done', txStart);
  const write = after(a, 'first-write', txStart);
  stages.toTransaction.push(txStart - actionAt);
  if (ping !== undefined && ping <= txDone) stages.ping.push(ping - txStart);
  if (got !== undefined && write !== undefined && got <= write && write <= txDone) {
    stages.get.push(got - txStart);
    stages.toWrite.push(write - got);
    stages.commit.push(txDone - write);
  } else if (write !== undefined && write <= txDone) {
    stages.commit.push(txDone - write);
  }
  stages.transaction.push(txDone - txStart);
  stages.toPost.push(post - txDone);
  stages.channel.push(message - post);
  stages.handler.push(handled - message);
  stages.toDom.push(shownAt - handled);
  stages.total.push(shownAt - actionAt);
}

function formatStages(name: string, stages: Stages): string {
  const m = (values: number[]) => round(median(values), 2);
  if (stages.toWorker.length > 0) {
    return (
      `  ${name.padEnd(22)} n=${String(stages.total.length).padStart(3)}  click→worker ${m(stages.toWorker)}  ` +
      `worker write+commit+post, channel ${m(stages.workerToB)}  B handler ${m(stages.handler)}  handler→DOM ${m(stages.toDom)}  = total ${m(stages.total)} (medians, ms)`
    );
  }
  return (
    `  ${name.padEnd(22)} n=${String(stages.total.length).padStart(3)}  click→tx ${m(stages.toTransaction)}  tx ${m(stages.transaction)} ` +
    `[get ${m(stages.get)}, js ${m(stages.toWrite)}, writes+commit ${m(stages.commit)}; main-thread wait ${m(stages.ping)}]  ` +
    `commit→post ${m(stages.toPost)}  channel ${m(stages.channel)}  B handler ${m(stages.handler)}  handler→DOM ${m(stages.toDom)}  = total ${m(stages.total)} (medians, ms)`
  );
}

/** Sums, per action, B's time in each component's update (and in forced layouts) after the message arrived. */
function addWork(
  work: Map<string, Map<string, { toDom: number[]; toFrame: number[] }>>,
  samples: readonly ({ kind: string; actionAt: number; shownAt: number; frameAt: number } | null)[],
  b: readonly Stamp[],
  spans: readonly Span[],
): void {
  for (const sample of samples) {
    if (!sample) continue;
    const message = b.find((stamp) => stamp.what === 'message' && stamp.t >= sample.actionAt)?.t;
    if (message === undefined || message > sample.shownAt) continue;
    const components = work.get(sample.kind) ?? new Map<string, { toDom: number[]; toFrame: number[] }>();
    work.set(sample.kind, components);
    const names = new Set([...spans.map((span) => span.what)]);
    for (const name of names) {
      const sum = (end: number) =>
        spans
          .filter((span) => span.what === name && span.t0 >= message && span.t1 <= end)
          .reduce((total, span) => total + (span.t1 - span.t0), 0);
      const entry = components.get(name) ?? { toDom: [], toFrame: [] };
      components.set(name, entry);
      entry.toDom.push(sum(sample.shownAt));
      entry.toFrame.push(sum(sample.frameAt));
    }
  }
}

async function clearStamps(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __benchStamps: unknown[] }).__benchStamps.length = 0;
  });
}

export async function investigateSync(
  browser: Browser,
  origin: string,
  appDir: string,
  projectRoot: string,
  log: Log,
  actions = 120,
): Promise<string[]> {
  const maps = sourceMaps(appDir, projectRoot);
  const app = await appSystem(browser, origin, [installStamps]);
  const floor = await baselineSystem(browser, origin, 'floor', 'floor.html', [installStamps]);
  // The floor as it was, writing on the page's main thread (see bench/pages/floor.ts).
  const floorOnMain = await baselineSystem(browser, origin, 'floorOnMain', 'floor.html?writer=main&read=0&view=lit', [installStamps]);
  const systems: System[] = [app, floor, floorOnMain];
  const stages = new Map<System, Stages>(systems.map((system) => [system, emptyStages()]));
  const byKind = new Map<string, Stages>();
  for (let i = 0; i < 20; i++) for (const system of systems) await measureOne(system); // warm-up
  await app.b.evaluate(installUpdateTimers);
  await app.b.evaluate(takeSpans);
  /** Per kind, per component: ms spent in B from the message to the DOM showing it, and on to the frame. */
  const work = new Map<string, Map<string, { toDom: number[]; toFrame: number[] }>>();
  const profiles = [await startProfile(app.a), await startProfile(app.b)];
  for (let block = 0; block < actions / 10; block++) {
    for (const system of systems) {
      // The tab a person clicks in is the one in front. Input to a page that is not in front waits:
      // Chromium defers its other tasks after the input until its next frame, which does not come (~50 ms).
      await system.b.bringToFront();
      await system.a.bringToFront();
      await Promise.all([clearStamps(system.a), clearStamps(system.b)]);
      const samples = [];
      for (let j = 0; j < 10; j++) samples.push(await measureOne(system));
      const [a, b] = await Promise.all([system.a.evaluate(readStamps), system.b.evaluate(readStamps)]);
      for (const sample of samples) {
        if (!sample) continue;
        addStages(stages.get(system)!, a, b, sample.actionAt, sample.shownAt);
        if (system === app) {
          if (!byKind.has(sample.kind)) byKind.set(sample.kind, emptyStages());
          addStages(byKind.get(sample.kind)!, a, b, sample.actionAt, sample.shownAt);
        }
      }
      if (system === app) addWork(work, samples, b, await app.b.evaluate(takeSpans));
    }
    if (block % 4 === 3) log(`breakdown: ${(block + 1) * 10} actions each`);
  }
  const [profileA, profileB] = [await stopProfile(profiles[0]!), await stopProfile(profiles[1]!)];
  const lines = ['Sync breakdown: app vs floor, stages of one action (tab A stamps, then tab B stamps)'];
  lines.push(
    formatStages('floor', stages.get(floor)!),
    formatStages('floor on the main thread', stages.get(floorOnMain)!),
    formatStages('app (all kinds)', stages.get(app)!),
  );
  for (const [kind, kindStages] of byKind) lines.push(formatStages(`app ${kind}`, kindStages));
  lines.push(
    'App tab B: median ms per action in each component’s Lit update and in getBoundingClientRect, message → DOM shows it | → next frame rendered',
  );
  for (const [kind, components] of work) {
    const cells = [...components.entries()]
      .map(([what, spans]) => `${what} ${round(median(spans.toDom), 2)} | ${round(median(spans.toFrame), 2)}`)
      .join(';  ');
    lines.push(`  ${kind.padEnd(7)} ${cells}`);
  }
  lines.push(`App tab A (acts) during ${actions} actions:`, ...summarizeProfile(profileA, maps));
  lines.push(`App tab B (shows) during ${actions} actions:`, ...summarizeProfile(profileB, maps));
  for (const system of systems) await system.context.close();
  return lines;
}

/** Starts CPU profiling a tab (100 µs sampling) until stopped; for one action at a time. */
export async function profiler(page: Page): Promise<{ start(): Promise<void>; stop(): Promise<Profile>; detach(): Promise<void> }> {
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 100 });
  return {
    start: async () => void (await session.send('Profiler.start')),
    stop: async () => (await session.send('Profiler.stop')).profile as unknown as Profile,
    detach: () => session.detach(),
  };
}

export async function investigateQueue(
  browser: Browser,
  origin: string,
  appDir: string,
  projectRoot: string,
  log: Log,
  blocks = 12,
): Promise<string[]> {
  const lines = ['Queue edits: stages at 10 and 100,000 entries; per edit, B’s component updates and both tabs’ CPU profiles'];
  for (const length of [10, 100_000]) {
    const device = await openDevice(browser, origin, length, log, [installStamps]);
    await device.b.bringToFront();
    await device.a.bringToFront();
    for (let i = 0; i < 2; i++) for (const kind of KINDS) await editOnce(device, kind);
    await device.b.evaluate(installUpdateTimers);
    const [profileA, profileB] = [await profiler(device.a), await profiler(device.b)];
    const stages = new Map<string, Stages>(KINDS.map((kind) => [kind, emptyStages()]));
    const work = new Map<string, Map<string, { toDom: number[]; toFrame: number[] }>>();
    const profiles = new Map<string, { a: Profile[]; b: Profile[] }>(KINDS.map((kind) => [kind, { a: [], b: [] }]));
    for (let block = 0; block < blocks; block++) {
      for (const kind of KINDS) {
        await Promise.all([clearStamps(device.a), clearStamps(device.b), device.b.evaluate(takeSpans)]);
        await Promise.all([profileA.start(), profileB.start()]);
        const edit = await editOnce(device, kind);
        const [a, b] = await Promise.all([profileA.stop(), profileB.stop()]);
        if (!edit) continue;
        profiles.get(kind)!.a.push(a);
        profiles.get(kind)!.b.push(b);
        const [stampsA, stampsB, spans] = await Promise.all([
          device.a.evaluate(readStamps),
          device.b.evaluate(readStamps),
          device.b.evaluate(takeSpans),
        ]);
        addStages(stages.get(kind)!, stampsA, stampsB, edit.actionAt, edit.shownAt);
        addWork(work, [{ kind, actionAt: edit.actionAt, shownAt: edit.shownAt, frameAt: edit.shownAt }], stampsB, spans);
      }
    }
    for (const [kind, kindStages] of stages) lines.push(formatStages(`queue ${length} ${kind}`, kindStages));
    lines.push(`  tab B component updates (median ms per edit, message → DOM shows it), queue ${length}:`);
    for (const [kind, components] of work) {
      lines.push(
        `    ${kind.padEnd(7)} ${[...components.entries()].map(([what, spans]) => `${what} ${round(median(spans.toDom), 2)}`).join(';  ')}`,
      );
    }
    for (const [kind, { a, b }] of profiles) {
      lines.push(`  queue ${length}, ${kind}: tab A (edits), per edit`, ...aggregateProfiles(a, appDir, projectRoot, 12));
      lines.push(`  queue ${length}, ${kind}: tab B (shows), per edit`, ...aggregateProfiles(b, appDir, projectRoot, 12));
    }
    await Promise.all([profileA.detach(), profileB.detach()]);
    await device.context.close();
  }
  return lines;
}
