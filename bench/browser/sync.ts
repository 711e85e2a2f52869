/**
 * Tab-to-tab sync: a person's action in tab A until tab B's screen shows it, for the app and for three
 * other ways of doing the same job, run interleaved in one browser: blocks of actions take turns, in a
 * rotating order, after a warm-up.
 *
 * - app: two tabs of the production app, one device; actions rotate play (a library row's Play), add (a
 *   library row's Add to queue), seek (a click on the seek slider) and remove (a queue row's Remove).
 * - floor: one IndexedDB put, one BroadcastChannel post, one Lit property update (bench/pages/floor.ts).
 * - storageEvent: localStorage.setItem and the other tab's `storage` event (bench/pages/storage.ts).
 * - dexie: Dexie's put and a liveQuery in the other tab (bench/pages/dexie.ts).
 * Every system gets the same input (a real mouse click through Chromium's input pipeline), stamped when
 * A dispatches the event and when B's MutationObserver sees the change, on both pages' timeOrigin + now().
 */

import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { LatencyRun } from '../results';
import { boxOf, centreOf, openApp, openAppWindow, openWindow, type Point } from './app-page';
import { newDeviceId, seedSession, titleOf } from './fixtures';
import {
  type ActionRecord,
  installActionLog,
  installWatch,
  lastAction,
  type Spec,
  settledView,
  useDeviceFromQuery,
  waitForChange,
} from './page-scripts';

export type SystemName = 'app' | 'floor' | 'storageEvent' | 'dexie' | 'floorReadWrite';

interface Planned {
  readonly kind: string;
  readonly event: ActionRecord['kind'];
  readonly spec: Spec | ((action: ActionRecord) => Spec);
}

export interface System {
  readonly name: SystemName;
  readonly context: BrowserContext;
  readonly a: Page;
  readonly b: Page;
  /** Actions A has logged so far. */
  actions: number;
  /** The next entry of B's change log to look at. */
  from: number;
  act(): Promise<Planned>;
  /** After an action that went astray: look again at what the tabs show and where things are. */
  recover(): Promise<void>;
}

export interface SyncOptions {
  readonly samples: number;
  readonly warmUp: number;
  readonly blockSize: number;
  readonly log: (message: string) => void;
}

const TIMEOUT_MS = 10_000;
const SYNC_QUEUE = 20;
const CURRENT_TRACK = 9;

/** Extra code for every page of a system's context (the breakdown's timestamps). */
export type InitScript = () => void;

export async function appSystem(browser: Browser, origin: string, init: readonly InitScript[] = []): Promise<System> {
  const context = await browser.newContext();
  await context.addInitScript(useDeviceFromQuery);
  for (const script of init) await context.addInitScript(script);
  const deviceId = newDeviceId();
  await seedSession(context, origin, { deviceId, queueLength: SYNC_QUEUE, currentTrack: CURRENT_TRACK, positionSeconds: 0 });
  const expect = { title: titleOf(CURRENT_TRACK), count: SYNC_QUEUE };
  const a = await openApp(context, origin, deviceId, expect);
  const b = await openAppWindow(a, origin, deviceId, expect);
  await a.evaluate(installActionLog);
  await b.evaluate(installWatch, 'app' as const);

  let play: Point[] = [];
  let add: Point = { x: 0, y: 0 };
  let remove: Point = { x: 0, y: 0 };
  let seek = { x: 0, y: 0, width: 0, height: 0 };
  const locate = async () => {
    play = [];
    for (let k = 0; k < 3; k++) play.push(await centreOf(a, `button[aria-label="Play ${titleOf(k)}"]`));
    add = await centreOf(a, `button[aria-label="Add ${titleOf(3)} to queue"]`);
    remove = await centreOf(a, 'ms-queue [data-index="0"] button.remove');
    seek = await boxOf(a, 'input[aria-label="Seek"]');
  };
  await locate();

  const kinds = ['play', 'add', 'seek', 'remove'] as const;
  let step = 0;
  let plays = 0;
  let seeks = 0;
  let count = SYNC_QUEUE;
  const system: System = {
    name: 'app',
    context,
    a,
    b,
    actions: 0,
    from: 0,
    async act() {
      const kind = kinds[step++ % kinds.length]!;
      switch (kind) {
        case 'play': {
          const k = plays++ % play.length;
          await a.mouse.click(play[k]!.x, play[k]!.y);
          return { kind, event: 'click', spec: { key: 'title', eq: titleOf(k) } };
        }
        case 'add':
          await a.mouse.click(add.x, add.y);
          return { kind, event: 'click', spec: { key: 'count', eq: ++count } };
        case 'remove':
          await a.mouse.click(remove.x, remove.y);
          return { kind, event: 'click', spec: { key: 'count', eq: --count } };
        case 'seek': {
          // Alternately early and late in the track, never near where it is.
          const fraction = (seeks++ % 2 === 0 ? 0.2 : 0.65) + ((seeks * 7) % 10) / 100;
          await a.mouse.click(seek.x + 10 + (seek.width - 20) * fraction, seek.y + seek.height / 2);
          return { kind, event: 'seek', spec: (action) => ({ key: 'seek', near: action.value ?? -1, tol: 1 }) };
        }
      }
    },
    async recover() {
      const settled = await b.evaluate(settledView);
      system.from = settled.logged;
      count = Number(settled.s.count);
      await locate();
    },
  };
  return system;
}

export async function baselineSystem(
  browser: Browser,
  origin: string,
  name: Exclude<SystemName, 'app'>,
  page: string,
  init: readonly InitScript[] = [],
): Promise<System> {
  const context = await browser.newContext();
  for (const script of init) await context.addInitScript(script);
  const a = await context.newPage();
  await a.bringToFront();
  await a.goto(`${origin}/pages/${page}?role=a`);
  await a.locator('body[data-ready="true"]').waitFor({ state: 'attached' });
  const b = await openWindow(a, `${origin}/pages/${page}?role=b`);
  await b.locator('body[data-ready="true"]').waitFor({ state: 'attached' });
  await a.evaluate(installActionLog);
  await b.evaluate(installWatch, 'view' as const);
  let button = await centreOf(a, '#act');
  let value = 0;
  const system: System = {
    name,
    context,
    a,
    b,
    actions: 0,
    from: 0,
    async act() {
      await a.mouse.click(button.x, button.y);
      return { kind: 'act', event: 'click', spec: { key: 'value', eq: ++value } };
    },
    async recover() {
      const settled = await b.evaluate(settledView);
      system.from = settled.logged;
      value = Number(settled.s.value);
      button = await centreOf(a, '#act');
    },
  };
  return system;
}

export interface Sample {
  readonly kind: string;
  readonly dom: number;
  readonly frame: number;
}

export async function measureOne(
  system: System,
): Promise<(Sample & { readonly actionAt: number; readonly shownAt: number; readonly frameAt: number }) | null> {
  const planned = await system.act();
  const { count, last } = await system.a.evaluate(lastAction);
  const expected = system.actions + 1;
  system.actions = count;
  if (count !== expected || !last || last.kind !== planned.event) {
    await system.recover();
    return null;
  }
  const spec = typeof planned.spec === 'function' ? planned.spec(last) : planned.spec;
  const match = await system.b.evaluate(waitForChange, { spec, from: system.from, timeoutMs: TIMEOUT_MS });
  if (!match) {
    await system.recover();
    return null;
  }
  system.from = match.index + 1;
  return {
    kind: planned.kind,
    dom: match.t - last.t,
    frame: match.frame - last.t,
    actionAt: last.t,
    shownAt: match.t,
    frameAt: match.frame,
  };
}

export async function measureSync(
  browser: Browser,
  origin: string,
  options: SyncOptions,
): Promise<Record<'app' | 'floor' | 'storageEvent' | 'dexie', LatencyRun>> {
  const { log } = options;
  log('sync: opening two tabs of each system…');
  const systems = [
    await appSystem(browser, origin),
    await baselineSystem(browser, origin, 'floor', 'floor.html'),
    await baselineSystem(browser, origin, 'storageEvent', 'storage.html'),
    await baselineSystem(browser, origin, 'dexie', 'dexie.html'),
  ];
  const runs = new Map<
    SystemName,
    { dom: number[]; frame: number[]; byKind: Record<string, number[]>; blocks: number[][]; warm: number; failed: number }
  >();
  for (const system of systems) runs.set(system.name, { dom: [], frame: [], byKind: {}, blocks: [], warm: 0, failed: 0 });
  const started = Date.now();
  for (let block = 0; ; block++) {
    const pending = systems.filter((system) => runs.get(system.name)!.dom.length < options.samples);
    if (pending.length === 0) break;
    for (let k = 0; k < pending.length; k++) {
      const system = pending[(block + k) % pending.length]!;
      const run = runs.get(system.name)!;
      // The tab a person clicks in is the one in front. Input to a page that is not in front waits:
      // Chromium defers its other tasks after the input until its next frame, which does not come (~50 ms).
      await system.b.bringToFront();
      await system.a.bringToFront();
      const blockSamples: number[] = [];
      for (let j = 0; j < options.blockSize; j++) {
        const sample = await measureOne(system);
        if (!sample) {
          if (++run.failed > 25) throw new Error(`sync: too many ${system.name} actions went astray`);
          continue;
        }
        if (run.warm < options.warmUp) {
          run.warm++;
          continue;
        }
        if (run.dom.length >= options.samples) continue;
        run.dom.push(sample.dom);
        run.frame.push(sample.frame);
        (run.byKind[sample.kind] ??= []).push(sample.dom);
        blockSamples.push(sample.dom);
      }
      if (blockSamples.length) run.blocks.push(blockSamples);
    }
    if (block % 10 === 9) {
      const progress = systems.map((system) => `${system.name} ${runs.get(system.name)!.dom.length}`).join(', ');
      log(`sync: ${progress} (${Math.round((Date.now() - started) / 1000)} s)`);
    }
  }
  for (const system of systems) {
    const failed = runs.get(system.name)!.failed;
    if (failed) log(`sync: ${failed} ${system.name} action(s) went astray and were repeated`);
    await system.context.close();
  }
  const result = (name: SystemName): LatencyRun => {
    const run = runs.get(name)!;
    return { dom: run.dom, frame: run.frame, byKind: name === 'app' ? run.byKind : undefined, blocks: run.blocks };
  };
  return { app: result('app'), floor: result('floor'), storageEvent: result('storageEvent'), dexie: result('dexie') };
}
