/**
 * Starts this tab's engine with the browser's real platform: localStorage for the device id, IndexedDB,
 * BroadcastChannel, Web Locks and the wall clock. Every problem on the way becomes a notice for the person,
 * never a blank page.
 */

import { nanoid } from 'nanoid';
import type { PlaybackState } from '../engine/model/state';
import { PlaybackEngine } from '../engine/playback-engine';
import { type MediaStreamDatabase, NewerDatabaseError, openPlaybackDatabase } from '../engine/storage/database';
import { type DeviceIdentity, keptIn, resolveDeviceId, resolveKeptDeviceId } from '../engine/storage/device-id';
import { PlaybackStore } from '../engine/storage/indexeddb-store';
import { loadPlanning } from '../engine/storage/load-commit-planning';
import type { PlaybackStateStore } from '../engine/storage/playback-state-store';
import { watchPageLifecycle } from '../engine/sync/page-lifecycle';
import { loadEventValidation } from '../engine/sync/sync-channel';
import type { NoticeAction, Notices } from './notices';
import { testOption } from './test-options-global';

export interface StartedEngine {
  readonly engine: PlaybackEngine;
  readonly identity: DeviceIdentity;
  /**
   * Starts the commit worker, which writes and announces this tab's changes off the main thread; until
   * it is ready (or where it cannot run) they are written here. Called once the page has painted.
   */
  moveCommitsOffMainThread(): Promise<void>;
}

const RELOAD: NoticeAction = { label: 'Reload', run: () => window.location.reload() };

export interface StartOptions {
  /**
   * Given the saved session's record before its queue is read (see `loadPreview`), to paint now playing
   * from; the full read starts once it resolves, so that it does not compete with that paint.
   */
  readonly showPreview?: (preview: PlaybackState) => Promise<void>;
}

export async function startEngine(notices: Notices, options: StartOptions = {}): Promise<StartedEngine> {
  // Until the engine exists, a reason to stop writing is kept for it.
  let started: PlaybackEngine | undefined;
  let stopWriting: string | null = null;
  const becomeReadOnly = (message: string) => (started ? started.becomeReadOnly(message) : (stopWriting ??= message));
  const { store, identity } = await openStore(
    {
      onBlocked: () => notices.notify('Updating MediaStream’s storage: close its other tabs to finish.', 'info'),
      // Our connection is already closed, so the newer tab's upgrade goes ahead; this tab stops writing.
      onVersionChange: () => becomeReadOnly('A newer version of MediaStream was opened in another tab. Reload this tab to use it.'),
      onTerminated: () => becomeReadOnly('The browser closed MediaStream’s storage. Reload this tab to continue.'),
    },
    notices,
    becomeReadOnly,
  );
  if (!identity.persistent) {
    notices.notify('This browser blocks storage for this site: sync across tabs and restore after a restart are off.', 'error');
  }
  if (options.showPreview && store.loadPreview) {
    // A preview that cannot be read is no loss: the full read below reports what is wrong.
    const preview = await store.loadPreview(Date.now()).catch(() => null);
    if (preview) await options.showPreview(preview);
  }
  const engine = await PlaybackEngine.start({
    deviceId: identity.deviceId,
    tabId: nanoid(),
    store,
    openChannel: (name) => new BroadcastChannel(name),
    locks: 'locks' in navigator ? navigator.locks : null,
    now: () => Date.now(),
    newId: () => nanoid(),
    isHidden: () => document.visibilityState === 'hidden',
    // Set only by end-to-end tests; otherwise the engine's default.
    staleCheckMs: await testOption('staleCheckMs'),
  });
  started = engine;
  watchPageLifecycle(engine, window);
  if (engine.repairs.length > 0) {
    notices.notify(`Your saved session had problems and was repaired: ${engine.repairs.join(' ')}`, 'info');
  }
  engine.on('notice', (notice) => notices.notify(notice.message, 'error', notice.kind === 'read-only' ? RELOAD : undefined));
  if (stopWriting !== null) engine.becomeReadOnly(stopWriting);
  const moveCommitsOffMainThread = async () => {
    // The first action needs the reducer, and the first message from another tab the validator: fetch
    // them now, after the first paint, rather than then.
    void loadPlanning();
    void loadEventValidation();
    if (!(store instanceof PlaybackStore)) return;
    const { startCommitWorker } = await import('./commit-worker-client');
    const writer = await startCommitWorker();
    if (writer) store.useWriter(writer);
  };
  return { engine, identity, moveCommitsOffMainThread };
}

/**
 * IndexedDB when the browser allows it; otherwise memory, with the person told what that means. The device
 * id is kept in IndexedDB as well as in localStorage (which a browser killed early may not have written).
 */
async function openStore(
  callbacks: Parameters<typeof openPlaybackDatabase>[0],
  notices: Notices,
  becomeReadOnly: (message: string) => void,
): Promise<{ store: PlaybackStateStore; identity: DeviceIdentity }> {
  let db: MediaStreamDatabase;
  try {
    db = await openPlaybackDatabase(callbacks);
  } catch (error) {
    const identity = resolveDeviceId(() => window.localStorage);
    if (error instanceof NewerDatabaseError) {
      // Old code must not write next to a newer version's data, not even to memory and the channel.
      becomeReadOnly(error.message);
    } else if (identity.persistent) {
      // (Where localStorage is blocked too, the person has been told already that nothing is kept.)
      notices.notify(
        'This browser will not let MediaStream save anything (storage is blocked or private). Your tabs still play together, but your place is forgotten when they close.',
        'error',
      );
    }
    // Only where storage fails: loaded then.
    const { MemoryStore } = await import('../engine/storage/memory-store');
    return { store: new MemoryStore(identity.deviceId), identity };
  }
  const identity = await resolveKeptDeviceId(() => window.localStorage, keptIn(db));
  return { store: new PlaybackStore(db, identity.deviceId), identity };
}
