/**
 * The shared Yjs document's maps, by name, and the one place that writes SharedOps into them. Loaded only
 * with sync (it imports yjs).
 */

import type * as Y from 'yjs';
import { type DeviceState, type KeysBetween, queueFromShared, type SharedEntry, type SharedOp, type SharedQueue } from './mapping';

export interface SharedMaps {
  readonly queue: Y.Map<SharedEntry>;
  readonly removed: Y.Map<true>;
  readonly devices: Y.Map<DeviceState>;
  readonly commands: Y.Map<unknown>;
}

export function sharedMaps(doc: Y.Doc): SharedMaps {
  return {
    queue: doc.getMap<SharedEntry>('queue'),
    removed: doc.getMap<true>('removed'),
    devices: doc.getMap<DeviceState>('devices'),
    commands: doc.getMap<unknown>('commands'),
  };
}

/** Writes the ops in one transaction, tagged with `origin` so the bridge knows its own writes. */
export function applySharedOps(doc: Y.Doc, ops: readonly SharedOp[], origin: unknown): void {
  if (ops.length === 0) return;
  const maps = sharedMaps(doc);
  doc.transact(() => {
    for (const op of ops) {
      const map = op.map === 'queue' ? maps.queue : maps.removed;
      if ('delete' in op) map.delete(op.key);
      else (map as Y.Map<unknown>).set(op.key, op.value);
    }
  }, origin);
}

/** The queue the document describes, in the shared order. */
export function readSharedQueue(doc: Y.Doc, keysBetween: KeysBetween): SharedQueue {
  const { queue, removed } = sharedMaps(doc);
  return queueFromShared(queue.entries(), (entryId) => removed.has(entryId), keysBetween);
}
