/**
 * Ways to make real faults happen in Chromium, and to look at what MediaStream left in storage.
 * Each way was checked on Debian Chromium: CDP `Page.crash` kills one renderer, CDP
 * `Storage.overrideQuotaForOrigin` shrinks the quota, and a browser launched by hand can be SIGKILLed.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, expect, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from './chromium';

/** What `mediastream` holds for this browser's device, read straight from IndexedDB. */
export interface StoredSession {
  readonly deviceId: string | null;
  /** False when the database does not exist (nothing was ever opened or saved). */
  readonly exists: boolean;
  readonly record: Record<string, unknown> | null;
  /** `queue_entries` of this device, in order. */
  readonly entries: readonly { readonly entryId: string; readonly trackId: string; readonly order: string }[];
  /** The newest rev in `events` for this device's topic; 0 when the log is empty. */
  readonly newestEventRev: number;
}

/**
 * Reads the device id and the stored session of the page's origin. Opens the database without ever
 * creating it (an upgrade is aborted), so looking never changes what the app will find. The device id is
 * the app's: localStorage's, or else the one kept in IndexedDB (`meta`), which is all a browser killed in
 * its first seconds may have written.
 */
export function readStoredSession(page: Page): Promise<StoredSession> {
  return page.evaluate(async () => {
    let deviceId = localStorage.getItem('mediastream.deviceId');
    const db = await new Promise<IDBDatabase | null>((resolve, reject) => {
      const request = indexedDB.open('mediastream');
      let creating = false;
      request.onupgradeneeded = () => {
        creating = true;
        request.transaction?.abort();
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => (creating ? resolve(null) : reject(request.error));
    });
    if (db && deviceId === null && db.objectStoreNames.contains('meta')) {
      const kept = await new Promise<unknown>((resolve, reject) => {
        const request = db.transaction('meta', 'readonly').objectStore('meta').get('deviceId');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      if (typeof kept === 'string') deviceId = kept;
    }
    if (!db || deviceId === null) {
      db?.close();
      return { deviceId, exists: db !== null, record: null, entries: [], newestEventRev: 0 };
    }
    const tx = db.transaction(['playback_states', 'queue_entries', 'events'], 'readonly');
    const ask = <T>(request: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const topic = `playback:${deviceId}`;
    const [record, entries, newest] = await Promise.all([
      ask(tx.objectStore('playback_states').get(deviceId)),
      ask(
        tx
          .objectStore('queue_entries')
          .index('by_order')
          .getAll(IDBKeyRange.bound([deviceId, ''], [deviceId, '\uffff'])),
      ),
      ask(tx.objectStore('events').openKeyCursor(IDBKeyRange.bound([topic, 0], [topic, Infinity]), 'prev')),
    ]);
    db.close();
    return {
      deviceId,
      exists: true,
      record: (record ?? null) as Record<string, unknown> | null,
      entries: (entries as { entryId: string; trackId: string; order: string }[]).map(({ entryId, trackId, order }) => ({
        entryId,
        trackId,
        order,
      })),
      newestEventRev: newest ? ((newest.key as [string, number])[1] ?? 0) : 0,
    };
  });
}

/** One committed change, as the event log `events` keeps it. */
export interface LoggedEvent {
  readonly rev: number;
  /** The kinds of action committed together (`play`, `enqueue`, `checkpoint`…). */
  readonly actions: readonly string[];
  /** The tab that made it. */
  readonly source: string;
}

/** This device's event log, oldest first; empty when there is none. Never creates the database. */
export function readEventLog(page: Page): Promise<LoggedEvent[]> {
  return page.evaluate(async () => {
    const deviceId = localStorage.getItem('mediastream.deviceId');
    const db = await new Promise<IDBDatabase | null>((resolve, reject) => {
      const request = indexedDB.open('mediastream');
      let creating = false;
      request.onupgradeneeded = () => {
        creating = true;
        request.transaction?.abort();
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => (creating ? resolve(null) : reject(request.error));
    });
    if (!db || deviceId === null) {
      db?.close();
      return [];
    }
    const topic = `playback:${deviceId}`;
    const request = db
      .transaction('events', 'readonly')
      .objectStore('events')
      .getAll(IDBKeyRange.bound([topic, 0], [topic, Infinity]));
    const events = await new Promise<{ rev: number; source: string; data: { actions: string[] } }[]>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return events.map(({ rev, source, data }) => ({ rev, source, actions: data.actions }));
  });
}

/**
 * Waits until the sound's tab has saved a position (a checkpoint) of at least `seconds`: the music has
 * played that far, and the store knows it. Returns the saved position.
 */
export async function waitForSavedPosition(page: Page, seconds: number): Promise<number> {
  let saved = 0;
  await expect
    .poll(
      async () => {
        saved = Number((await readStoredSession(page)).record?.positionSeconds);
        return saved;
      },
      { message: `a saved position of at least ${seconds} s`, timeout: 30_000 },
    )
    .toBeGreaterThanOrEqual(seconds);
  return saved;
}

/**
 * Puts a `playback_states` record straight into IndexedDB, as another version of the app, a disk
 * fault or a hand edit would: no event is logged and nothing is broadcast. Fields given replace those
 * of the stored record (or are the whole record, when `replace` is set).
 */
export function writePlaybackRecord(page: Page, fields: Record<string, unknown>, replace = false): Promise<Record<string, unknown>> {
  return page.evaluate(
    async ({ fields, replace }) => {
      const deviceId = localStorage.getItem('mediastream.deviceId');
      if (deviceId === null) throw new Error('no device id in localStorage');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('mediastream');
        request.onupgradeneeded = () => request.transaction?.abort();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('the mediastream database does not exist'));
      });
      const tx = db.transaction('playback_states', 'readwrite');
      const store = tx.objectStore('playback_states');
      const current = await new Promise<Record<string, unknown> | undefined>((resolve, reject) => {
        const request = store.get(deviceId);
        request.onsuccess = () => resolve(request.result as Record<string, unknown> | undefined);
        request.onerror = () => reject(request.error);
      });
      const record = { ...(replace ? {} : current), ...fields, deviceId };
      store.put(record);
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onabort = () => reject(tx.error);
      });
      db.close();
      return record;
    },
    { fields, replace },
  );
}

/**
 * A storage quota for an origin, set through the DevTools protocol. Chromium keeps the override only as
 * long as the DevTools session that set it stays attached, so the session is kept until `clear`.
 */
export interface QuotaOverride {
  /** Sets the origin's quota, in bytes. */
  set(quotaBytes: number): Promise<void>;
  /** Gives the origin its normal quota back. */
  clear(): Promise<void>;
}

export async function overrideQuota(context: BrowserContext, page: Page, origin: string, quotaBytes: number): Promise<QuotaOverride> {
  const session = await context.newCDPSession(page);
  const set = async (quotaSize: number) => void (await session.send('Storage.overrideQuotaForOrigin', { origin, quotaSize }));
  await set(quotaBytes);
  return {
    set,
    clear: async () => {
      await session.send('Storage.overrideQuotaForOrigin', { origin });
      await session.detach().catch(() => {});
    },
  };
}

/** What the page's origin uses, in bytes, as the browser counts it (`navigator.storage.estimate()`). */
export function storageUsage(page: Page): Promise<number> {
  return page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
}

/** Kills the page's renderer process, as a crash would. Only that tab dies. */
export async function crashRenderer(context: BrowserContext, page: Page): Promise<void> {
  const session = await context.newCDPSession(page);
  // The call may never answer, or reject, as the page dies under it.
  await Promise.race([session.send('Page.crash').catch(() => {}), new Promise((resolve) => setTimeout(resolve, 2000))]);
}

/** A Chromium the test started itself, so it can be killed outright, with a profile on disk. */
interface KillableChromium {
  readonly wsEndpoint: string;
  readonly pid: number;
  /** SIGKILL the browser process: no shutdown, no flush, no `pagehide`. */
  kill(): Promise<void>;
}

function newProfileDir(): { readonly path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'mediastream-killed-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Launches /usr/bin/chromium (or CHROMIUM_PATH) headless with remote debugging on a free port. */
async function launchKillableChromium(userDataDir: string): Promise<KillableChromium> {
  const executable = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const child: ChildProcess = spawn(
    executable,
    ['--headless=new', '--remote-debugging-port=0', `--user-data-dir=${userDataDir}`, ...CHROMIUM_ARGS, 'about:blank'],
    // Its own process group, so that the renderers and helpers can be cleaned up after the kill.
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${executable}`);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const wsEndpoint = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no DevTools endpoint from ${executable}:\n${output}`)), 30_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${executable} exited (${code}) before it listened:\n${output}`));
    });
  });
  // Keep draining stderr so the browser never blocks on a full pipe.
  child.stderr?.resume();
  return {
    wsEndpoint,
    pid,
    kill: async () => {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      await exited;
      try {
        process.kill(-pid, 'SIGKILL'); // what is left of its group: renderers, utility processes
      } catch {
        // Nothing left.
      }
    },
  };
}

/**
 * A browser with a profile on disk that can be killed outright (SIGKILL: no shutdown, no flush, no
 * `pagehide`) and started again on the same profile, as a person's machine might.
 */
export interface KillableBrowser {
  /** A new tab of the running browser. */
  newPage(): Promise<Page>;
  /** Kills the browser and starts it again with the same profile. */
  killAndRestart(): Promise<void>;
  /** Kills it for good and removes its profile. */
  dispose(): Promise<void>;
}

export async function startKillableBrowser(): Promise<KillableBrowser> {
  const profile = newProfileDir();
  let chrome: KillableChromium | undefined;
  let browser: Browser | undefined;
  const start = async () => {
    chrome = await launchKillableChromium(profile.path);
    browser = await chromium.connectOverCDP(chrome.wsEndpoint);
  };
  const kill = async () => {
    await chrome?.kill();
    await browser?.close().catch(() => {});
  };
  try {
    await start();
  } catch (error) {
    await kill();
    profile.remove();
    throw error;
  }
  return {
    newPage: () => browser!.contexts()[0]!.newPage(),
    killAndRestart: async () => {
      await kill();
      await start();
    },
    dispose: async () => {
      await kill();
      profile.remove();
    },
  };
}
