/**
 * Starts this tab's player with the browser's real platform: localStorage for the device id, IndexedDB,
 * BroadcastChannel, Web Locks and the wall clock. Every problem on the way becomes a notice for the person,
 * never a blank page.
 */

import { nanoid } from 'nanoid';
import type { PlaybackStateStore } from '../engine/commit';
import { NewerDatabaseError, openPlaybackDatabase } from '../engine/database';
import { resolveDeviceId, type DeviceIdentity } from '../engine/device-id';
import { watchPageLifecycle } from '../engine/page-lifecycle';
import { MemoryStore } from '../engine/memory-store';
import { PlaybackEngine } from '../engine/playback-engine';
import { PlaybackStore } from '../engine/state-store';

export interface StartedPlayer {
  readonly engine: PlaybackEngine;
  readonly identity: DeviceIdentity;
}

export interface NoticeAction {
  readonly label: string;
  readonly run: () => void;
}

export interface StartNotices {
  notify(message: string, kind: 'info' | 'error', action?: NoticeAction): void;
}

const RELOAD: NoticeAction = { label: 'Reload', run: () => window.location.reload() };

export async function startPlayer(notices: StartNotices): Promise<StartedPlayer> {
  const identity = resolveDeviceId(() => window.localStorage);
  if (!identity.persistent) {
    notices.notify('This browser blocks storage for this site: sync across tabs and restore after a restart are off.', 'error');
  }
  let started: PlaybackEngine | undefined;
  const store = await openStore(identity.deviceId, {
    onBlocked: () => notices.notify('Updating MediaStream’s storage: close its other tabs to finish.', 'info'),
    onVersionChange: () => {
      // Our connection is already closed, so the newer tab's upgrade goes ahead; this tab stops writing.
      const message = 'A newer version of MediaStream was opened in another tab. Reload this tab to use it.';
      if (started) started.becomeReadOnly(message);
      else notices.notify(message, 'error', RELOAD);
    },
    onTerminated: () => notices.notify('The browser closed MediaStream’s storage. Reload this tab to continue.', 'error', RELOAD),
  }, notices);
  const engine = await PlaybackEngine.start({
    deviceId: identity.deviceId,
    tabId: nanoid(),
    store,
    openChannel: (name) => new BroadcastChannel(name),
    locks: 'locks' in navigator ? navigator.locks : null,
    now: () => Date.now(),
    newId: () => nanoid(),
  });
  started = engine;
  watchPageLifecycle(engine, window);
  if (engine.repairs.length > 0) {
    notices.notify(`Your saved session had problems and was repaired: ${engine.repairs.join(' ')}`, 'info');
  }
  engine.on('notice', (notice) => notices.notify(notice.message, 'error', notice.kind === 'newer-version' ? RELOAD : undefined));
  return { engine, identity };
}

/** IndexedDB when the browser allows it; otherwise memory, with the person told what that means. */
async function openStore(
  deviceId: string,
  callbacks: Parameters<typeof openPlaybackDatabase>[0],
  notices: StartNotices,
): Promise<PlaybackStateStore> {
  try {
    return new PlaybackStore(await openPlaybackDatabase(callbacks), deviceId);
  } catch (error) {
    if (error instanceof NewerDatabaseError) {
      notices.notify(error.message, 'error', RELOAD);
    } else {
      notices.notify(
        'This browser will not let MediaStream save anything (storage is blocked or private). Your tabs still play together, but your place is forgotten when they close.',
        'error',
      );
    }
    return new MemoryStore(deviceId);
  }
}
