/**
 * A patch is what one committed change did: the fields it set and the queue entries it wrote or removed.
 * It is what the store writes, what the channel carries and what the event log keeps, so one queue edit
 * costs the same bytes and writes whatever the queue's length (the seed's "differential updates").
 */

import { entryById, indexOfEntry, moveEntryMap, noteAdded, noteRemoved, upperBound } from './queue-index';
import { byOrderKey, type PlaybackFields, type PlaybackState, type QueueEntry } from './state';

export interface Patch {
  readonly set?: Partial<PlaybackFields>;
  /** Empty the queue before the entries below are applied. */
  readonly clearQueue?: true;
  readonly removeEntries?: readonly string[];
  /** Entries added or moved (an existing entry id takes its new order key). */
  readonly putEntries?: readonly QueueEntry[];
}

export const EMPTY_PATCH: Patch = {};

export function isEmptyPatch(patch: Patch): boolean {
  return (
    !patch.clearQueue && !patch.removeEntries?.length && !patch.putEntries?.length && (!patch.set || Object.keys(patch.set).length === 0)
  );
}

export function touchesQueue(patch: Patch): boolean {
  return Boolean(patch.clearQueue || patch.removeEntries?.length || patch.putEntries?.length);
}

/** Below this many entry changes, splice them in; above, rebuild and sort once (a shuffle writes them all). */
const SPLICE_LIMIT = 16;

/**
 * The queue after a patch. A small patch costs one copy of the array and a binary search per entry it
 * touches, whatever the queue's length (see queue-index.ts); a large one rebuilds the queue.
 */
export function applyQueuePatch(queue: readonly QueueEntry[], patch: Patch): readonly QueueEntry[] {
  if (!touchesQueue(patch)) return queue;
  const base = patch.clearQueue ? [] : queue;
  const removed = patch.removeEntries ?? [];
  const put = patch.putEntries ?? [];
  if (removed.length + put.length > SPLICE_LIMIT) {
    const byId = new Map(base.map((entry) => [entry.entryId, entry]));
    for (const entryId of removed) byId.delete(entryId);
    for (const entry of put) byId.set(entry.entryId, entry);
    return [...byId.values()].sort(byOrderKey);
  }
  const next = base.slice();
  moveEntryMap(base, next);
  for (const entryId of [...removed, ...put.map((entry) => entry.entryId)]) {
    const index = indexOfEntry(next, entryId);
    if (index === -1) continue;
    next.splice(index, 1);
    noteRemoved(next, entryId);
  }
  for (const entry of put) {
    next.splice(upperBound(next, entry.order), 0, entry);
    noteAdded(next, entry);
  }
  return next;
}

/** How long the queue will be after a patch, without making the new queue. */
export function queueLengthAfter(queue: readonly QueueEntry[], patch: Patch): number {
  if (!touchesQueue(patch)) return queue.length;
  const base = patch.clearQueue ? [] : queue;
  const removed = new Set((patch.removeEntries ?? []).filter((entryId) => entryById(base, entryId)));
  let length = base.length - removed.size;
  for (const entryId of new Set((patch.putEntries ?? []).map((entry) => entry.entryId))) {
    if (removed.has(entryId) || !entryById(base, entryId)) length++;
  }
  return length;
}

/** The state after a patch; `rev`, `queueRev` and `updatedAt` are stamped by whoever commits it. */
export function applyPatch(state: PlaybackState, patch: Patch): PlaybackState {
  if (isEmptyPatch(patch)) return state;
  return { ...state, ...patch.set, queue: applyQueuePatch(state.queue, patch) };
}

/** One patch that does what `first` then `second` do: several actions committed together send one event. */
export function mergePatches(first: Patch, second: Patch): Patch {
  if (isEmptyPatch(first)) return second;
  if (isEmptyPatch(second)) return first;
  const set = { ...first.set, ...second.set };
  if (second.clearQueue) return { set, clearQueue: true, ...queuePart(second) };
  const secondIds = new Set([...(second.removeEntries ?? []), ...(second.putEntries ?? []).map((e) => e.entryId)]);
  const removeEntries = [...(first.removeEntries ?? []).filter((id) => !secondIds.has(id)), ...(second.removeEntries ?? [])];
  const putEntries = [...(first.putEntries ?? []).filter((e) => !secondIds.has(e.entryId)), ...(second.putEntries ?? [])];
  return {
    set,
    ...(first.clearQueue ? { clearQueue: true as const } : {}),
    ...(removeEntries.length ? { removeEntries } : {}),
    ...(putEntries.length ? { putEntries } : {}),
  };
}

function queuePart(patch: Patch): Pick<Patch, 'removeEntries' | 'putEntries'> {
  return {
    ...(patch.removeEntries?.length ? { removeEntries: patch.removeEntries } : {}),
    ...(patch.putEntries?.length ? { putEntries: patch.putEntries } : {}),
  };
}
