/**
 * Sync across devices (`--only=remote`): the real sync server on 127.0.0.1, two browser contexts as two
 * devices, each through a loopback TCP proxy. Measures `Play here` on one device until the other's audio
 * is paused and its own is playing; a queue edit on A until B's screen shows it; raw Yjs updates between
 * two providers through the same server (in Node); convergence after a reconnect and after a server
 * restart; and the bytes a device sends for one queue edit at 10 and 10,000 entries.
 */

import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { type Browser, expect, type Page } from '@playwright/test';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { closeSyncDialog, connectDevice, syncStatus, TcpProxy } from '../../e2e/support/sync';
import { type SyncServerProcess, syncServerFolder } from '../../tests/support/sync-server';
import { type RemoteRun, remoteRunOf } from '../remote-result';
import { openApp } from './app-page';
import { newDeviceId, seedSession, titleOf } from './fixtures';
import { useDeviceFromQuery } from './page-scripts';

export interface RemoteOptions {
  readonly handoffs: number;
  readonly edits: number;
  readonly rawUpdates: number;
  readonly log: (message: string) => void;
}

export type { Percentiles, RemoteRun } from '../remote-result';

const TOKENS = { 'bench-main': 'bench', 'bench-10': 'queue10', 'bench-10000': 'queue10000' };

class QuietWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on('error', () => {});
  }
}

interface BenchDevice {
  readonly page: Page;
  readonly proxy: TcpProxy;
  close(): Promise<void>;
}

async function openDevice(browser: Browser, origin: string, server: SyncServerProcess, token: string, name: string, queueLength?: number) {
  const context = await browser.newContext();
  await context.addInitScript(useDeviceFromQuery);
  const deviceId = newDeviceId();
  if (queueLength !== undefined) await seedSession(context, origin, { deviceId, queueLength, currentTrack: 0, positionSeconds: 0 });
  const page = await openApp(context, origin, deviceId, {});
  const proxy = await TcpProxy.start(server.port);
  await connectDevice(page, proxy.url, token, name);
  await expect(syncStatus(page)).toHaveText('Connected', { timeout: 60_000 });
  await closeSyncDialog(page);
  const device: BenchDevice = {
    page,
    proxy,
    close: async () => {
      await context.close();
      await proxy.close();
    },
  };
  return device;
}

/** Wall-clock ms at which the page's audio element next fires `event`. */
function whenAudio(page: Page, event: 'pause' | 'playing'): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve) => {
        const audio = document.querySelector('mediastream-app')!.shadowRoot!.querySelector('audio')!;
        audio.addEventListener(name, () => resolve(Date.now()), { once: true });
      }),
    event,
  );
}

function queueCount(page: Page): Promise<number> {
  return page.evaluate(() => {
    const queue = document.querySelector('mediastream-app')?.shadowRoot?.querySelector('ms-queue')?.shadowRoot;
    return queue?.querySelectorAll('[role="listitem"]').length ?? 0;
  });
}

/** Wall-clock ms at which the page's queue first shows at least `count` entries. */
function whenQueueShows(page: Page, count: number): Promise<number> {
  return page.evaluate(
    (wanted) =>
      new Promise<number>((resolve) => {
        const queue = document.querySelector('mediastream-app')!.shadowRoot!.querySelector('ms-queue')!.shadowRoot!;
        const check = () => {
          if (queue.querySelectorAll('[role="listitem"]').length < wanted) return false;
          observer.disconnect();
          resolve(Date.now());
          return true;
        };
        const observer = new MutationObserver(check);
        observer.observe(queue, { childList: true, subtree: true });
        check();
      }),
    count,
  );
}

/** Clicks the button in the page itself and says when (wall clock), so no harness round trip is counted. */
function clickAt(page: Page, name: string): Promise<number> {
  return page.getByRole('button', { name, exact: true }).evaluate((button) => {
    const at = Date.now();
    (button as HTMLElement).click();
    return at;
  });
}

async function audioPlaying(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const audio = document.querySelector('mediastream-app')?.shadowRoot?.querySelector('audio');
    return Boolean(audio && !audio.paused && audio.readyState > 2);
  });
}

async function rawYjs(url: string, updates: number): Promise<number[]> {
  const clients = [0, 1].map(() => {
    const doc = new Y.Doc();
    const websocketProvider = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: QuietWebSocket });
    const provider = new HocuspocusProvider({ websocketProvider, name: 'mediastream/bench', document: doc, token: 'bench-main' });
    provider.attach();
    return { doc, provider, synced: new Promise<void>((resolve) => provider.on('synced', () => resolve())) };
  });
  try {
    await Promise.all(clients.map((client) => client.synced));
    const [a, b] = clients as [(typeof clients)[0], (typeof clients)[0]];
    const samples: number[] = [];
    const map = a.doc.getMap<number>('raw');
    for (let i = 0; i < updates; i++) {
      const arrived = new Promise<number>((resolve) => {
        const observe = () => {
          b.doc.getMap('raw').unobserve(observe);
          resolve(performance.now());
        };
        b.doc.getMap('raw').observe(observe);
      });
      const start = performance.now();
      map.set('k', i);
      samples.push((await arrived) - start);
    }
    return samples;
  } finally {
    for (const client of clients) {
      client.provider.destroy();
      client.provider.configuration.websocketProvider.destroy();
    }
  }
}

async function bytesForOneEdit(device: BenchDevice, title: string): Promise<number> {
  // Whatever the first connect sent (a seeded queue) has gone out once the count stops moving.
  const settle = async () => {
    let last = -1;
    await expect
      .poll(
        () => {
          const now = device.proxy.bytesUp;
          const still = now === last;
          last = now;
          return still;
        },
        { timeout: 120_000, intervals: [500] },
      )
      .toBe(true);
  };
  await settle();
  const before = device.proxy.bytesUp;
  await clickAt(device.page, `Add ${title} to queue`);
  await expect.poll(() => device.proxy.bytesUp, { timeout: 30_000 }).toBeGreaterThan(before);
  await settle();
  return device.proxy.bytesUp - before;
}

export async function measureRemote(browser: Browser, origin: string, options: RemoteOptions): Promise<RemoteRun> {
  const folder = await syncServerFolder(TOKENS);
  let server = await folder.start();
  const devices: BenchDevice[] = [];
  try {
    const a = await openDevice(browser, origin, server, 'bench-main', 'Laptop');
    const b = await openDevice(browser, origin, server, 'bench-main', 'Phone');
    devices.push(a, b);

    options.log('remote: handoffs');
    await a.page.getByRole('button', { name: `Play ${titleOf(0)}`, exact: true }).click();
    await expect.poll(() => audioPlaying(a.page), { timeout: 60_000 }).toBe(true);
    const handoffs: number[] = [];
    for (let i = 0; i < options.handoffs; i++) {
      const [from, to] = i % 2 === 0 ? [a, b] : [b, a];
      await expect(to.page.getByRole('button', { name: 'Play here' })).toBeVisible({ timeout: 30_000 });
      const paused = whenAudio(from.page, 'pause');
      const playing = whenAudio(to.page, 'playing');
      const clicked = await clickAt(to.page, 'Play here');
      handoffs.push(Math.max(await paused, await playing) - clicked);
    }

    options.log('remote: queue edits');
    const edits: number[] = [];
    for (let i = 0; i < options.edits; i++) {
      const count = (await queueCount(b.page)) + 1;
      const shown = whenQueueShows(b.page, count);
      const clicked = await clickAt(a.page, `Add ${titleOf(1 + (i % 5))} to queue`);
      edits.push((await shown) - clicked);
    }

    options.log('remote: raw Yjs');
    const raw = await rawYjs(server.url, options.rawUpdates);

    options.log('remote: reconnect');
    a.proxy.cut();
    b.proxy.cut();
    let count = (await queueCount(b.page)) + 1;
    await clickAt(a.page, `Add ${titleOf(2)} to queue`);
    let shown = whenQueueShows(b.page, count);
    let back = Date.now();
    a.proxy.restore();
    b.proxy.restore();
    const reconnectMs = (await shown) - back;

    options.log('remote: server restart');
    await server.kill('SIGKILL');
    count = (await queueCount(b.page)) + 1;
    await clickAt(a.page, `Add ${titleOf(3)} to queue`);
    shown = whenQueueShows(b.page, count);
    server = await folder.start({ port: server.port });
    back = Date.now();
    const serverRestartMs = (await shown) - back;

    options.log('remote: bytes per edit');
    const bytesPerEdit: { entries: number; bytes: number }[] = [];
    for (const [entries, token] of [
      [10, 'bench-10'],
      [10_000, 'bench-10000'],
    ] as const) {
      const device = await openDevice(browser, origin, server, token, `Queue of ${entries}`, entries);
      devices.push(device);
      bytesPerEdit.push({ entries, bytes: await bytesForOneEdit(device, titleOf(4)) });
    }

    return remoteRunOf({ handoffs, edits, rawYjs: raw, reconnectMs, serverRestartMs, bytesPerEdit });
  } finally {
    for (const device of devices) await device.close();
    await folder.dispose();
  }
}
