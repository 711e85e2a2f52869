/**
 * The shared Yjs document's maps, by name, and the one place that writes SharedOps into them. Loaded only
 * with sync (it imports yjs).
 */

import type * as Y from 'yjs';
import type { DeviceState, KeysBetween, SharedEntry, SharedOp, SharedQueue } from './mapping';
import { queueFromShared } from './mapping';
import type { SharedPlaylist } from './playlist-mapping';
import type { TrackTranslation } from './track-translation';

export interface SharedMaps {
  readonly queue: Y.Map<SharedEntry>;
  readonly removed: Y.Map<true>;
  readonly playlists: Y.Map<SharedPlaylist>;
  readonly playlistsRemoved: Y.Map<true>;
  readonly playlistEntries: Y.Map<SharedEntry>;
  readonly playlistEntriesRemoved: Y.Map<true>;
  readonly devices: Y.Map<DeviceState>;
  readonly commands: Y.Map<unknown>;
}

export function sharedMaps(doc: Y.Doc): SharedMaps {
  return {
    queue: doc.getMap<SharedEntry>('queue'),
    removed: doc.getMap<true>('removed'),
    playlists: doc.getMap<SharedPlaylist>('playlists'),
    playlistsRemoved: doc.getMap<true>('playlistsRemoved'),
    playlistEntries: doc.getMap<SharedEntry>('playlistEntries'),
    playlistEntriesRemoved: doc.getMap<true>('playlistEntriesRemoved'),
    devices: doc.getMap<DeviceState>('devices'),
    commands: doc.getMap<unknown>('commands'),
  };
}

/** Writes the ops in one transaction, tagged with `origin` so the bridge knows its own writes. */
export function applySharedOps(doc: Y.Doc, ops: readonly SharedOp[], origin: unknown): void {
  if (ops.length === 0) return;
  doc.transact(() => {
    for (const op of ops) {
      const map = doc.getMap<unknown>(op.map);
      if ('delete' in op) map.delete(op.key);
      else map.set(op.key, op.value);
    }
  }, origin);
}

/** The queue the document describes, in the shared order, with this device's track ids. */
export function readSharedQueue(doc: Y.Doc, keysBetween: KeysBetween, tracks?: TrackTranslation): SharedQueue {
  const { queue, removed } = sharedMaps(doc);
  return queueFromShared(queue.entries(), (entryId) => removed.has(entryId), keysBetween, tracks);
}
