/**
 * Simulated tabs of one browser in one Node process: each tab is an engine with its own BroadcastChannel
 * (Node's, which delivers between instances), the shared fake IndexedDB and the shared fake Web Locks.
 */

import { IDBFactory } from 'fake-indexeddb';
import { nanoid } from 'nanoid';
import { type EnginePlatform, PlaybackEngine } from '../../src/engine/playback-engine';
import { openPlaybackDatabase } from '../../src/engine/storage/database';
import { PlaybackStore } from '../../src/engine/storage/indexeddb-store';
import { FakeBrowserLocks } from './fake-locks';

export interface Browser {
  readonly deviceId: string;
  readonly locks: FakeBrowserLocks;
  readonly tabs: PlaybackEngine[];
  openTab(overrides?: Partial<EnginePlatform>): Promise<PlaybackEngine>;
  /** Opens a store on the same database, as a tab would, to look at what is saved. */
  openStore(forDevice?: string): Promise<PlaybackStore>;
  close(): void;
}

/** A fresh, empty browser profile: a new IndexedDB and no locks held. */
export function newBrowser(deviceId = 'A1B2C3D4E5F6A7B8'): Browser {
  globalThis.indexedDB = new IDBFactory();
  const locks = new FakeBrowserLocks();
  const tabs: PlaybackEngine[] = [];
  const stores: PlaybackStore[] = [];
  const noDatabaseTrouble = { onBlocked() {}, onVersionChange() {}, onTerminated() {} };
  const openStore = async (forDevice = deviceId) => {
    const store = new PlaybackStore(await openPlaybackDatabase(noDatabaseTrouble), forDevice);
    stores.push(store);
    return store;
  };
  return {
    deviceId,
    locks,
    tabs,
    openStore,
    async openTab(overrides = {}) {
      const tabId = overrides.tabId ?? `tab-${nanoid(6)}`;
      const tabDevice = overrides.deviceId ?? deviceId;
      const engine = await PlaybackEngine.start({
        deviceId: tabDevice,
        tabId,
        store: await openStore(tabDevice),
        openChannel: (name) => new BroadcastChannel(name),
        locks: locks.forTab(tabId),
        now: () => Date.now(),
        newId: () => nanoid(),
        staleCheckMs: 0,
        ...overrides,
      });
      tabs.push(engine);
      return engine;
    },
    close() {
      for (const tab of tabs) tab.close();
      for (const store of stores) store.close();
    },
  };
}

/** Waits until `condition` holds, polling; fails with `what` after `timeoutMs`. */
export async function eventually(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
