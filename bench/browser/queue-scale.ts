/**
 * Queue scale: one queue edit (add, move, remove) by a person in tab A until tab B shows it, and the bytes
 * A posts on the channel for it, with queues of 10, 10,000 and 100,000 entries. The three queue lengths
 * are three devices (three contexts) open side by side; blocks of edits take turns between them.
 */

import type { Browser, BrowserContext, CDPSession, Page } from '@playwright/test';
import type { QueueScaleRun } from '../results';
import { centreOf, FIRST_QUEUE_ROW, openApp, type Point } from './app-page';
import { countInCommitWorker, tabCounters } from './counters';
import { newDeviceId, seedSession, titleOf } from './fixtures';
import {
  installActionLog,
  installCounters,
  installWatch,
  lastAction,
  type Spec,
  settledView,
  twoFrames,
  useDeviceFromQuery,
  waitForChange,
} from './page-scripts';

export interface QueueScaleOptions {
  readonly lengths: readonly number[];
  /** Edits per kind measured at each length. */
  readonly editsPerKind: number;
  readonly warmUpBlocks: number;
  readonly log: (message: string) => void;
}

export const KINDS = ['add', 'move', 'remove'] as const;
const CURRENT_TRACK = 9;

export interface Device {
  readonly queue: number;
  readonly context: BrowserContext;
  readonly a: Page;
  readonly b: Page;
  actions: number;
  from: number;
  readonly latencies: number[];
  readonly byKind: Record<string, number[]>;
  readonly bytesByKind: Record<string, number[]>;
  failed: number;
}

export async function usedHeapBytes(page: Page): Promise<number> {
  const session: CDPSession = await page.context().newCDPSession(page);
  try {
    await session.send('HeapProfiler.collectGarbage');
    const { usedSize } = await session.send('Runtime.getHeapUsage');
    return usedSize;
  } finally {
    await session.detach();
  }
}

export async function openDevice(
  browser: Browser,
  origin: string,
  queue: number,
  log: (message: string) => void,
  init: readonly (() => void)[] = [],
): Promise<Device> {
  const context = await browser.newContext();
  await context.addInitScript(useDeviceFromQuery);
  await context.addInitScript(installCounters);
  for (const script of init) await context.addInitScript(script);
  const deviceId = newDeviceId();
  log(`queue scale: seeding a queue of ${queue}…`);
  await seedSession(context, origin, { deviceId, queueLength: queue, currentTrack: CURRENT_TRACK, positionSeconds: 0 });
  const expect = { title: titleOf(CURRENT_TRACK), count: queue };
  const a = await openApp(context, origin, deviceId, expect);
  const b = await openApp(context, origin, deviceId, expect);
  await countInCommitWorker(a);
  await a.evaluate(installActionLog);
  await b.evaluate(installWatch, 'app' as const);
  return { queue, context, a, b, actions: 0, from: 0, latencies: [], byKind: {}, bytesByKind: {}, failed: 0 };
}

export async function editOnce(
  device: Device,
  kind: (typeof KINDS)[number],
): Promise<{ ms: number; bytes: number; actionAt: number; shownAt: number } | null> {
  const { a, b } = device;
  // Both tabs have rendered the previous edit; B's view says what the next one must show.
  const [settled, before] = await Promise.all([b.evaluate(settledView), tabCounters(a), a.evaluate(twoFrames)]);
  device.from = Math.max(device.from, settled.logged);
  const count = Number(settled.s.count);
  let target: Point;
  let spec: Spec;
  if (kind === 'add') {
    target = await centreOf(a, `button[aria-label="Add ${titleOf(3)} to queue"]`);
    spec = { key: 'count', eq: count + 1 };
  } else if (kind === 'move') {
    target = await centreOf(a, `${FIRST_QUEUE_ROW} button.down`);
    spec = { key: 'first', eq: settled.s.second ?? null };
  } else {
    target = await centreOf(a, `${FIRST_QUEUE_ROW} button.remove`);
    spec = { key: 'count', eq: count - 1 };
  }
  await a.mouse.click(target.x, target.y);
  const { count: actions, last } = await a.evaluate(lastAction);
  const expected = device.actions + 1;
  device.actions = actions;
  if (actions !== expected || !last) return null;
  const match = await b.evaluate(waitForChange, { spec, from: device.from, timeoutMs: 30_000 });
  if (!match) return null;
  device.from = match.index + 1;
  const after = await tabCounters(a);
  const posted = after.broadcastBytes.slice(before.broadcastBytes.length);
  if (posted.length !== 1) return null;
  return { ms: match.t - last.t, bytes: posted[0]!, actionAt: last.t, shownAt: match.t };
}

export async function measureQueueScale(browser: Browser, origin: string, options: QueueScaleOptions): Promise<QueueScaleRun[]> {
  const devices: Device[] = [];
  for (const length of options.lengths) devices.push(await openDevice(browser, origin, length, options.log));
  const blocks = options.warmUpBlocks + options.editsPerKind;
  for (let block = 0; block < blocks; block++) {
    for (let k = 0; k < devices.length; k++) {
      const device = devices[(block + k) % devices.length]!;
      // The tab a person clicks in is the one in front. Input to a page that is not in front waits:
      // Chromium defers its other tasks after the input until its next frame, which does not come (~50 ms).
      await device.b.bringToFront();
      await device.a.bringToFront();
      for (const kind of KINDS) {
        let edit = await editOnce(device, kind);
        while (!edit) {
          if (++device.failed > 15) throw new Error(`queue scale: too many edits went astray at ${device.queue}`);
          edit = await editOnce(device, kind);
        }
        if (block < options.warmUpBlocks) continue;
        device.latencies.push(edit.ms);
        (device.byKind[kind] ??= []).push(edit.ms);
        (device.bytesByKind[kind] ??= []).push(edit.bytes);
      }
    }
    if (block % 10 === 9) options.log(`queue scale: block ${block + 1} of ${blocks}`);
  }
  const runs: QueueScaleRun[] = [];
  for (const device of devices) {
    if (device.failed) options.log(`queue scale: ${device.failed} edit(s) at ${device.queue} went astray and were repeated`);
    runs.push({
      queue: device.queue,
      latencies: device.latencies,
      byKind: device.byKind,
      bytesByKind: device.bytesByKind,
      heapBytes: await usedHeapBytes(device.b),
    });
    await device.context.close();
  }
  return runs;
}
