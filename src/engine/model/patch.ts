/**
 * A patch is what one committed change did: the fields it set, the queue entries it wrote or removed, and
 * the same for the entries of any playlist.
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
  /** Playlists' entries, edited in this order. */
  readonly playlistEdits?: readonly PlaylistEdit[];
}

/** What a change did to one playlist's entries: what a patch does to the queue, for that playlist. */
export interface PlaylistEdit {
  readonly playlistId: string;
  /** Remove every entry before the ones below are applied (the playlist was deleted or replaced). */
  readonly clear?: true;
  readonly removeEntries?: readonly string[];
  readonly putEntries?: readonly QueueEntry[];
}

export const EMPTY_PATCH: Patch = {};

export function isEmptyPatch(patch: Patch): boolean {
  return (
    !patch.clearQueue &&
    !patch.removeEntries?.length &&
    !patch.putEntries?.length &&
    !patch.playlistEdits?.length &&
    (!patch.set || Object.keys(patch.set).length === 0)
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
  const next = { ...state, ...patch.set, queue: applyQueuePatch(state.queue, patch) };
  if (!patch.playlistEdits?.length && !patch.set?.playlists) return next;
  return { ...next, playlistEntries: applyPlaylistEdits(state.playlistEntries, patch.playlistEdits ?? [], next.playlists) };
}

/**
 * Each playlist's entries after the edits, as the queue's after a patch: an edit costs one copy of that
 * playlist's array, whatever its length. Entries of playlists that no longer exist are let go.
 */
function applyPlaylistEdits(
  entries: PlaybackState['playlistEntries'],
  edits: readonly PlaylistEdit[],
  playlists: PlaybackState['playlists'],
): PlaybackState['playlistEntries'] {
  const next: Record<string, readonly QueueEntry[]> = {};
  for (const { playlistId } of playlists) next[playlistId] = entries[playlistId] ?? [];
  for (const edit of edits) {
    const before = next[edit.playlistId];
    if (!before) continue;
    next[edit.playlistId] = applyQueuePatch(before, {
      ...(edit.clear ? { clearQueue: true as const } : {}),
      ...(edit.removeEntries ? { removeEntries: edit.removeEntries } : {}),
      ...(edit.putEntries ? { putEntries: edit.putEntries } : {}),
    });
  }
  return next;
}

/** One patch that does what `first` then `second` do: several actions committed together send one event. */
export function mergePatches(first: Patch, second: Patch): Patch {
  if (isEmptyPatch(first)) return second;
  if (isEmptyPatch(second)) return first;
  const set = { ...first.set, ...second.set };
  if (second.clearQueue) return { set, clearQueue: true, ...queuePart(second), ...playlistPart(first, second) };
  const secondIds = new Set([...(second.removeEntries ?? []), ...(second.putEntries ?? []).map((e) => e.entryId)]);
  const removeEntries = [...(first.removeEntries ?? []).filter((id) => !secondIds.has(id)), ...(second.removeEntries ?? [])];
  const putEntries = [...(first.putEntries ?? []).filter((e) => !secondIds.has(e.entryId)), ...(second.putEntries ?? [])];
  return {
    ...playlistPart(first, second),
    set,
    ...(first.clearQueue ? { clearQueue: true as const } : {}),
    ...(removeEntries.length ? { removeEntries } : {}),
    ...(putEntries.length ? { putEntries } : {}),
  };
}

/** Playlist edits apply in order, so two patches' edits are the first's, then the second's. */
function playlistPart(first: Patch, second: Patch): Pick<Patch, 'playlistEdits'> {
  const edits = [...(first.playlistEdits ?? []), ...(second.playlistEdits ?? [])];
  return edits.length ? { playlistEdits: edits } : {};
}

function queuePart(patch: Patch): Pick<Patch, 'removeEntries' | 'putEntries'> {
  return {
    ...(patch.removeEntries?.length ? { removeEntries: patch.removeEntries } : {}),
    ...(patch.putEntries?.length ? { putEntries: patch.putEntries } : {}),
  };
}
