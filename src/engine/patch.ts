/**
 * A patch is what one committed change did: the fields it set and the queue entries it wrote or removed.
 * It is what the store writes, what the channel carries and what the event log keeps, so one queue edit
 * costs the same bytes and writes whatever the queue's length (the seed's "differential updates").
 */

import type { PlaybackFields, PlaybackState, QueueEntry } from './state';

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
    !patch.clearQueue &&
    !patch.removeEntries?.length &&
    !patch.putEntries?.length &&
    (!patch.set || Object.keys(patch.set).length === 0)
  );
}

export function touchesQueue(patch: Patch): boolean {
  return Boolean(patch.clearQueue || patch.removeEntries?.length || patch.putEntries?.length);
}

/** Below this many entry changes, splice them in; above, rebuild and sort once (a shuffle writes them all). */
const SPLICE_LIMIT = 16;

function compareOrder(a: QueueEntry, b: QueueEntry): number {
  return a.order < b.order ? -1 : a.order > b.order ? 1 : 0;
}

/** Index of the first entry that sorts after `order` (binary search). */
function insertionIndex(queue: readonly QueueEntry[], order: string): number {
  let low = 0;
  let high = queue.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (queue[middle]!.order <= order) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function applyQueuePatch(queue: readonly QueueEntry[], patch: Patch): readonly QueueEntry[] {
  if (!touchesQueue(patch)) return queue;
  const base = patch.clearQueue ? [] : queue;
  const removed = patch.removeEntries ?? [];
  const put = patch.putEntries ?? [];
  if (removed.length + put.length > SPLICE_LIMIT) {
    const byId = new Map(base.map((entry) => [entry.entryId, entry]));
    for (const entryId of removed) byId.delete(entryId);
    for (const entry of put) byId.set(entry.entryId, entry);
    return [...byId.values()].sort(compareOrder);
  }
  const next = base.slice();
  for (const entryId of [...removed, ...put.map((entry) => entry.entryId)]) {
    const index = next.findIndex((entry) => entry.entryId === entryId);
    if (index !== -1) next.splice(index, 1);
  }
  for (const entry of put) next.splice(insertionIndex(next, entry.order), 0, entry);
  return next;
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
