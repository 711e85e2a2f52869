/**
 * Tab-to-tab sync: a person's action in tab A until tab B's screen shows it, for the app and for three
 * other ways of doing the same job, run interleaved in one browser (see `interleave`).
 *
 * - app: two tabs of the production app, one device: play (a library row's Play), add (a library row's
 *   Add to queue, until B's queue has the new row), seek (a click on the seek slider), remove (a queue
 *   row's Remove) and a playlist edit (the first entry's Move down on a playlist's page, both tabs on that
 *   page for the turn), each kind in turns of its own. Two seeks are at least the app's pace for repeated
 *   seeks apart (PACE_MS, as a person's clicks are): closer, the second waits for the pace by design.
 * - floor: the least the job needs, with every advantage the app takes (bench/pages/floor.ts): a worker
 *   writes one record in one readwrite transaction (a get that checks the stored rev and a put, sent
 *   together, the app's default durability) and posts one message when it commits; B replaces one text
 *   node's data. Each turn of the app is beside a turn of the floor.
 * - storageEvent: localStorage.setItem and the other tab's `storage` event (bench/pages/storage.ts).
 * - dexie: Dexie's put and a liveQuery in the other tab (bench/pages/dexie.ts).
 * Every system gets the same input (a real mouse click through Chromium's input pipeline), stamped when
 * A dispatches the event and when B's MutationObserver sees the change, on both pages' timeOrigin + now().
 * The app's music plays during its own turns only, and every tab settles before each turn.
 */

import type { Browser, BrowserContext, CDPSession, Page } from '@playwright/test';
import { formatRoute } from '../../src/browse/routes';
import { PACE_MS } from '../../src/engine/action-queue';
import type { LatencyRun, PairedRun, SyncRun } from '../results';
import { boxOf, centreOf, FIRST_QUEUE_ROW, openApp, openAppWindow, openWindow, type Point } from './app-page';
import { BENCH_PLAYLIST, newDeviceId, PLAYLIST_FIRST_TRACK, seedSession, titleOf } from './fixtures';
import {
  type ActionRecord,
  installActionLog,
  installWatch,
  lastAction,
  quietFor,
  type Spec,
  settledView,
  stopWaiting,
  toggleState,
  useDeviceFromQuery,
  waitForChange,
  watchPlaylist,
} from './page-scripts';

export type SystemName = 'app' | 'floor' | 'storageEvent' | 'dexie';

interface Planned {
  readonly kind: string;
  /** Where to click. */
  readonly at: Point;
  readonly event: ActionRecord['kind'];
  readonly spec: Spec | ((action: ActionRecord) => Spec);
}

export const APP_KINDS = ['play', 'add', 'seek', 'remove', 'playlist'] as const;
export type AppKind = (typeof APP_KINDS)[number];

export interface System {
  /** A SystemName, or a variant's name in an investigation. */
  readonly name: string;
  readonly context: BrowserContext;
  readonly a: Page;
  readonly b: Page;
  /** Actions A has logged so far. */
  actions: number;
  /** The next entry of B's change log to look at. */
  from: number;
  /** The next action (of the kind named, for the app's kinds): where to click, and what B will show. */
  plan(kind?: AppKind): Planned;
  /** Waits until an action of this kind may come (the app: a person's pace between two seeks). */
  readyFor?(kind: AppKind | undefined): Promise<void>;
  /** After a measured action of this kind. */
  done?(kind: AppKind | undefined): void;
  /** After an action that went astray: look again at what the tabs show and where things are. */
  recover(): Promise<void>;
  /**
   * The app only: start its music before its turn and stop it after (unmeasured clicks on its own Play and
   * Pause), so that the baselines never run beside its playing and loading audio, and it always does; a
   * playlist turn also opens the playlist's page in both tabs, and goes back to Songs after.
   */
  startTurn?(kind: AppKind | undefined): Promise<void>;
  endTurn?(kind: AppKind | undefined): Promise<void>;
}

export interface SyncOptions {
  /** Samples per kind of action for the app and for the floor beside it, and for each peer. */
  readonly samples: number;
  readonly warmUpCycles: number;
  readonly blockSize: number;
  readonly log: (message: string) => void;
}

/** The floor the app is held to (bench/pages/floor.ts, with its defaults: see the README). */
export const FLOOR_PAGE = 'floor.html';

const TIMEOUT_MS = 10_000;
/** How long every tab of every system must go without a long task before a turn starts… */
const SETTLE_MS = 150;
/** …and the acting system's two tabs before each action. */
const ACTION_SETTLE_MS = 20;
const SYNC_QUEUE = 20;
const SYNC_PLAYLIST = 20;
const CURRENT_TRACK = 9;

/** Extra code for every page of a system's context (the breakdown's timestamps). */
export type InitScript = () => void;

export async function appSystem(
  browser: Browser,
  origin: string,
  init: readonly InitScript[] = [],
  queueLength = SYNC_QUEUE,
): Promise<System> {
  const context = await browser.newContext();
  await context.addInitScript(useDeviceFromQuery);
  for (const script of init) await context.addInitScript(script);
  const deviceId = newDeviceId();
  await seedSession(context, origin, {
    deviceId,
    queueLength,
    currentTrack: CURRENT_TRACK,
    positionSeconds: 0,
    playlistLength: SYNC_PLAYLIST,
  });
  const expect = { title: titleOf(CURRENT_TRACK), count: queueLength };
  const a = await openApp(context, origin, deviceId, expect);
  const b = await openAppWindow(a, origin, deviceId, expect);
  await a.evaluate(installActionLog);
  await b.evaluate(installWatch, 'app' as const);

  let play: Point[] = [];
  let add: Point = { x: 0, y: 0 };
  let remove: Point = { x: 0, y: 0 };
  let seek = { x: 0, y: 0, width: 0, height: 0 };
  let moveDown: Point = { x: 0, y: 0 };
  const locate = async () => {
    play = [];
    for (let k = 0; k < 3; k++) play.push(await centreOf(a, `button[aria-label="Play ${titleOf(k)}"]`));
    add = await centreOf(a, `button[aria-label="Add ${titleOf(3)} to queue"]`);
    remove = await centreOf(a, `${FIRST_QUEUE_ROW} button.remove`);
    seek = await boxOf(a, 'input[aria-label="Seek"]');
  };
  await locate();

  const locatePlaylist = async () => {
    moveDown = await centreOf(a, 'ms-playlist [role="listitem"]:first-child button[aria-label$=" down in playlist"]');
  };
  /** Both tabs on `route`, each showing it; B watches a playlist's page. */
  const show = async (route: string, ready: string) => {
    for (const page of [a, b]) {
      await page.evaluate((hash) => {
        location.hash = hash;
      }, route);
      await page.locator(ready).first().waitFor({ state: 'visible', timeout: TIMEOUT_MS });
    }
  };
  const playlistRoute = formatRoute({ view: 'playlist', id: BENCH_PLAYLIST.playlistId });
  const playlistRow = 'ms-playlist [role="listitem"]';

  let step = 0;
  let plays = 0;
  let seeks = 0;
  let lastSeekDone = 0;
  let count = queueLength;
  // The playlist's first two entries trade places at each Move down of the first.
  let playlistFirst = 0;
  let onPlaylist = false;
  const system: System = {
    name: 'app',
    context,
    a,
    b,
    actions: 0,
    from: 0,
    plan(chosen?: AppKind): Planned {
      const kind = chosen ?? APP_KINDS[step++ % APP_KINDS.length]!;
      switch (kind) {
        case 'play': {
          const k = plays++ % play.length;
          return { kind, at: play[k]!, event: 'click', spec: { key: 'title', eq: titleOf(k) } };
        }
        case 'add':
          // Until B's queue has the new row (its last), not only the new count.
          return { kind, at: add, event: 'click', spec: { key: 'last', eq: ++count } };
        case 'remove':
          return { kind, at: remove, event: 'click', spec: { key: 'count', eq: --count } };
        case 'seek': {
          // Alternately early and late in the track, never near where it is.
          const fraction = (seeks++ % 2 === 0 ? 0.2 : 0.65) + ((seeks * 7) % 10) / 100;
          const at = { x: seek.x + 10 + (seek.width - 20) * fraction, y: seek.y + seek.height / 2 };
          return { kind, at, event: 'seek', spec: (action) => ({ key: 'seek', near: action.value ?? -1, tol: 1 }) };
        }
        case 'playlist':
          playlistFirst = 1 - playlistFirst;
          return { kind, at: moveDown, event: 'click', spec: { key: 'playlistFirst', eq: titleOf(PLAYLIST_FIRST_TRACK + playlistFirst) } };
      }
    },
    async readyFor(kind) {
      const wait = kind === 'seek' ? lastSeekDone + PACE_MS - performance.now() : 0;
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    },
    done(kind) {
      if (kind === 'seek') lastSeekDone = performance.now();
    },
    async recover() {
      const settled = await b.evaluate(settledView);
      system.from = settled.logged;
      count = Number(settled.s.count);
      if (onPlaylist) {
        playlistFirst = settled.s.playlistFirst === titleOf(PLAYLIST_FIRST_TRACK) ? 0 : 1;
        await locatePlaylist();
      } else await locate();
    },
    async startTurn(kind) {
      if (kind === 'playlist') {
        await show(playlistRoute, playlistRow);
        onPlaylist = true;
        if (!(await b.evaluate(watchPlaylist))) throw new Error('sync: tab B shows no playlist to watch');
        await locatePlaylist();
      }
      await setPlaying(true);
    },
    async endTurn(kind) {
      await setPlaying(false);
      if (kind === 'playlist') {
        await show(formatRoute({ view: 'songs' }), `button[aria-label="Play ${titleOf(0)}"]`);
        onPlaylist = false;
        await system.recover();
      }
    },
  };
  /** Presses A's Play or Pause unless it already is so, and waits until both tabs have settled. */
  const setPlaying = async (playing: boolean) => {
    const now = await a.evaluate(toggleState);
    if (now && now.playing !== playing) {
      await a.mouse.click(now.x, now.y);
      await b
        .locator(`ms-transport button.toggle[aria-label="${playing ? 'Pause' : 'Play'}"]`)
        .waitFor({ state: 'attached', timeout: TIMEOUT_MS })
        .catch(() => {});
    }
    await settle([a, b]);
    system.actions = (await a.evaluate(lastAction)).count;
    const settled = await b.evaluate(settledView);
    system.from = settled.logged;
    count = Number(settled.s.count);
  };
  return system;
}

const inputSessions = new WeakMap<Page, Promise<CDPSession>>();

function inputOf(page: Page): Promise<CDPSession> {
  let session = inputSessions.get(page);
  if (!session) inputSessions.set(page, (session = page.context().newCDPSession(page)));
  return session;
}

/** The pointer moved onto `at`, as a person's hand brings it there before pressing (the hover repaints then). */
async function pointAt(page: Page, at: Point): Promise<void> {
  await (await inputOf(page)).send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: at.x, y: at.y, buttons: 0 });
}

/**
 * A left click at `at` through Chromium's input pipeline, as Playwright's mouse.click sends it (press,
 * release), both sent at once: one round trip to the browser instead of three.
 */
async function click(page: Page, at: Point): Promise<void> {
  const input = await inputOf(page);
  const event = { x: at.x, y: at.y, button: 'left' as const, clickCount: 1 };
  await Promise.all([
    input.send('Input.dispatchMouseEvent', { type: 'mousePressed', buttons: 1, ...event }),
    input.send('Input.dispatchMouseEvent', { type: 'mouseReleased', buttons: 0, ...event }),
  ]);
}

/** Lets what an action set going (audio loading, artwork, renders) finish: a quiet moment in every tab. */
export async function settle(pages: readonly Page[], ms = SETTLE_MS): Promise<void> {
  await Promise.all(pages.map((page) => page.evaluate(quietFor, ms)));
}

export async function baselineSystem(
  browser: Browser,
  origin: string,
  name: string,
  /** A page of bench/pages, with a query string of its own if it takes one. */
  page: string,
  init: readonly InitScript[] = [],
): Promise<System> {
  const context = await browser.newContext();
  for (const script of init) await context.addInitScript(script);
  const a = await context.newPage();
  await a.bringToFront();
  const url = (role: 'a' | 'b') => `${origin}/pages/${page}${page.includes('?') ? '&' : '?'}role=${role}`;
  await a.goto(url('a'));
  await a.locator('body[data-ready="true"]').waitFor({ state: 'attached' });
  const b = await openWindow(a, url('b'));
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
    plan() {
      return { kind: 'act', at: button, event: 'click', spec: { key: 'value', eq: ++value } };
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
  kind?: AppKind,
): Promise<(Sample & { readonly actionAt: number; readonly shownAt: number; readonly frameAt: number }) | null> {
  await system.readyFor?.(kind);
  const planned = system.plan(kind);
  // The pointer comes to the control first, and the press once both tabs are quiet again (20 ms without a
  // long task): a person points, then clicks. Pressed the moment it arrived, the hover's repaint of the
  // acting tab would run inside every measured action, which no person's click has.
  await pointAt(system.a, planned.at);
  await settle([system.a, system.b], ACTION_SETTLE_MS);
  // B starts waiting before the click, so that its answer costs no round trip after it (unless what to wait
  // for depends on what A logged: a seek's value).
  const early =
    typeof planned.spec === 'function'
      ? null
      : system.b.evaluate(waitForChange, { spec: planned.spec, from: system.from, timeoutMs: TIMEOUT_MS });
  await click(system.a, planned.at);
  const { count, last } = await system.a.evaluate(lastAction);
  const expected = system.actions + 1;
  system.actions = count;
  if (count !== expected || !last || last.kind !== planned.event) {
    if (early) await system.b.evaluate(stopWaiting);
    await early;
    await system.recover();
    return null;
  }
  const spec = typeof planned.spec === 'function' ? planned.spec(last) : planned.spec;
  const match =
    (await early) ?? (early ? null : await system.b.evaluate(waitForChange, { spec, from: system.from, timeoutMs: TIMEOUT_MS }));
  if (!match) {
    await system.recover();
    return null;
  }
  system.from = match.index + 1;
  system.done?.(kind);
  return {
    kind: planned.kind,
    dom: match.t - last.t,
    frame: match.frame - last.t,
    actionAt: last.t,
    shownAt: match.t,
    frameAt: match.frame,
  };
}

/** One turn of one system: `blockSize` actions in a row (of one kind, for the app). */
export interface Turn {
  /** Where its samples go: `app:add`, `floor:add`, `dexie`… */
  readonly label: string;
  readonly system: System;
  readonly kind?: AppKind;
}

export interface TurnSamples {
  readonly dom: number[];
  readonly frame: number[];
  /** Per measured turn: its cycle, and its samples (`dom`). */
  readonly blocks: { readonly cycle: number; readonly samples: number[] }[];
  failed: number;
}

export interface InterleaveOptions {
  /** Measured samples per label. */
  readonly samples: number;
  /** Whole cycles run first and not kept. */
  readonly warmUpCycles: number;
  readonly blockSize: number;
  readonly log: (message: string) => void;
}

/**
 * One turn of one system: every tab of `pages` settles, A comes to the front, the system's turn starts,
 * `actions` actions are measured one by one (each handed to `onSample`, null when it went astray), and the
 * turn ends.
 */
export async function runTurn(
  system: System,
  kind: AppKind | undefined,
  pages: readonly Page[],
  actions: number,
  onSample: (sample: Awaited<ReturnType<typeof measureOne>>) => void,
): Promise<void> {
  await settle(pages);
  // The tab a person clicks in is the one in front. Input to a page that is not in front waits:
  // Chromium defers its other tasks after the input until its next frame, which does not come (~50 ms).
  await system.b.bringToFront();
  await system.a.bringToFront();
  await system.startTurn?.(kind);
  // A person's next action comes once the last one's aftermath is over on both tabs' main threads (20 ms
  // without a long task, waited for in measureOne after the pointer has come to the next control); what the
  // media pipeline does on its own threads and processes is not waited for.
  for (let j = 0; j < actions; j++) onSample(await measureOne(system, kind));
  await system.endTurn?.(kind);
}

/**
 * Runs turns in cycles until every label has its samples. A cycle is a list of units (a unit is turns that
 * belong together, the app's turn of a kind and the floor's turn beside it); each cycle starts at another
 * unit and reverses the order inside each unit, so that neither order nor drift favours anyone. Before
 * every turn each tab of every system is left to settle, and before each action the system's own two; the
 * app plays only during its own turns.
 */
export async function interleave(units: readonly (readonly Turn[])[], options: InterleaveOptions): Promise<Map<string, TurnSamples>> {
  const runs = new Map<string, TurnSamples>();
  for (const turn of units.flat()) runs.set(turn.label, { dom: [], frame: [], blocks: [], failed: 0 });
  const systems = [...new Set(units.flat().map((turn) => turn.system))];
  const pages = systems.flatMap((system) => [system.a, system.b]);
  const started = Date.now();
  const missing = () => [...runs.values()].some((run) => run.dom.length < options.samples);
  for (let cycle = 0; missing(); cycle++) {
    const warm = cycle < options.warmUpCycles;
    for (let u = 0; u < units.length; u++) {
      const unit = units[(cycle + u) % units.length]!;
      for (const turn of cycle % 2 === 0 ? unit : [...unit].reverse()) {
        const run = runs.get(turn.label)!;
        if (!warm && run.dom.length >= options.samples) continue;
        const samples: number[] = [];
        await runTurn(turn.system, turn.kind, pages, options.blockSize, (sample) => {
          if (!sample) {
            if (++run.failed > 25) throw new Error(`sync: too many ${turn.label} actions went astray`);
            return;
          }
          if (warm || run.dom.length >= options.samples) return;
          run.dom.push(sample.dom);
          run.frame.push(sample.frame);
          samples.push(sample.dom);
        });
        if (samples.length) run.blocks.push({ cycle, samples });
      }
    }
    if (cycle % 5 === 4) {
      const least = Math.min(...[...runs.values()].map((run) => run.dom.length));
      options.log(
        `sync: cycle ${cycle + 1}, at least ${least} of ${options.samples} samples each (${Math.round((Date.now() - started) / 1000)} s)`,
      );
    }
  }
  for (const [label, run] of runs) if (run.failed) options.log(`sync: ${run.failed} ${label} action(s) went astray and were repeated`);
  return runs;
}

/**
 * The app, each kind of action in turns of its own, each beside a turn of the floor; the two peers in
 * turns of their own. Every label gets `samples` samples.
 */
export async function measureSync(browser: Browser, origin: string, options: SyncOptions): Promise<SyncRun> {
  const { log } = options;
  log('sync: opening two tabs of each system…');
  // A turn of removes takes a whole block of rows, and the turns' order changes from cycle to cycle: the
  // queue holds two blocks, so that it never runs out of rows to remove.
  const app = await appSystem(browser, origin, [], Math.max(SYNC_QUEUE, 2 * options.blockSize));
  const floor = await baselineSystem(browser, origin, 'floor', FLOOR_PAGE);
  const storageEvent = await baselineSystem(browser, origin, 'storageEvent', 'storage.html');
  const dexie = await baselineSystem(browser, origin, 'dexie', 'dexie.html');
  const systems = [app, floor, storageEvent, dexie];
  try {
    const units: Turn[][] = [
      ...APP_KINDS.map((kind) => [
        { label: `app:${kind}`, system: app, kind },
        { label: `floor:${kind}`, system: floor },
      ]),
      [{ label: 'storageEvent', system: storageEvent }],
      [{ label: 'dexie', system: dexie }],
    ];
    const runs = await interleave(units, {
      samples: options.samples,
      warmUpCycles: options.warmUpCycles,
      blockSize: options.blockSize,
      log,
    });
    const joined = (labels: readonly string[]): LatencyRun => {
      const parts = labels.map((label) => runs.get(label)!);
      return {
        dom: parts.flatMap((part) => part.dom),
        frame: parts.flatMap((part) => part.frame),
        blocks: parts.flatMap((part) => part.blocks.map((block) => block.samples)),
      };
    };
    const byKind = Object.fromEntries(
      APP_KINDS.map((kind) => [kind, { app: pairedRun(runs.get(`app:${kind}`)!), floor: pairedRun(runs.get(`floor:${kind}`)!) }]),
    );
    return {
      app: { ...joined(APP_KINDS.map((kind) => `app:${kind}`)), byKind: mapKinds((kind) => runs.get(`app:${kind}`)!.dom) },
      floor: joined(APP_KINDS.map((kind) => `floor:${kind}`)),
      storageEvent: joined(['storageEvent']),
      dexie: joined(['dexie']),
      byKind,
    };
  } finally {
    for (const system of systems) await system.context.close();
  }
}

function mapKinds<T>(map: (kind: AppKind) => T): Record<AppKind, T> {
  return Object.fromEntries(APP_KINDS.map((kind) => [kind, map(kind)])) as Record<AppKind, T>;
}

function pairedRun(run: TurnSamples): PairedRun {
  return { dom: run.dom, frame: run.frame, blocks: run.blocks };
}
