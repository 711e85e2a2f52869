/**
 * Undo and redo of this tab's queue changes. Each change is remembered as the queue patch that reverts it
 * — computed from the queue before the change and what the change did — so undoing is one more ordinary,
 * synced action (`revertQueue`), and every tab sees it.
 */

import type { ActionInput } from './actions';
import type { Patch } from './patch';
import type { PlaybackState, QueueEntry } from './state';

/** How many queue changes can be undone. */
export const UNDO_LIMIT = 50;

export type QueueRevert = ActionInput<'revertQueue'>;
/** What one undo or redo dispatches: a queue's revert, or a playlist's (playlist-history.ts). */
export type UndoStep = QueueRevert | ActionInput<'revertPlaylist'>;

/**
 * The action that takes the queue back from after `patch` to `before`: what the change took away is put
 * back, what it moved goes back to its old place and what it added comes out. Whatever was played or
 * removed since stays gone: only the reducer, meeting the queue as it is then, can tell (see revertQueue).
 */
export function revertOf(before: Pick<PlaybackState, 'queue' | 'shuffle'>, patch: Patch): QueueRevert | null {
  const byId = entriesBefore(before.queue, patch);
  const restore = new Map<string, QueueEntry>();
  const moveBack = new Map<string, QueueEntry>();
  const remove: string[] = [];
  if (patch.clearQueue) for (const entry of before.queue) restore.set(entry.entryId, entry);
  for (const entryId of patch.removeEntries ?? []) {
    const entry = byId.get(entryId);
    if (entry) restore.set(entryId, entry);
  }
  for (const entry of patch.putEntries ?? []) {
    const previous = byId.get(entry.entryId);
    if (previous) {
      // Queued before and after the change: it moved.
      restore.delete(entry.entryId);
      moveBack.set(entry.entryId, previous);
    } else remove.push(entry.entryId); // added: take it out
  }
  const shuffle = patch.set?.shuffle;
  // Shuffle is a queue setting: turning it on or off is undoable even when no entry moved (an empty queue,
  // Shuffle off, or the undo of a shuffle whose order came out as it was), so that its redo exists too.
  const shuffleChanged = shuffle !== undefined && shuffle !== before.shuffle;
  if (restore.size === 0 && moveBack.size === 0 && remove.length === 0 && !shuffleChanged) return null;
  return {
    type: 'revertQueue',
    restore: [...restore.values()],
    ...(moveBack.size > 0 ? { moveBack: [...moveBack.values()] } : {}),
    remove,
    ...(shuffleChanged ? { shuffle: before.shuffle } : {}),
  };
}

/**
 * The entries of `before` that the patch touches, by id: one pass over the queue, ended once all are found.
 * (Not queue-index's map: by now it has moved on to the queue after the patch.)
 */
function entriesBefore(before: readonly QueueEntry[], patch: Patch): ReadonlyMap<string, QueueEntry> {
  const wanted = new Set([...(patch.removeEntries ?? []), ...(patch.putEntries ?? []).map((entry) => entry.entryId)]);
  const found = new Map<string, QueueEntry>();
  for (const entry of before) {
    if (found.size === wanted.size) break;
    if (wanted.has(entry.entryId)) found.set(entry.entryId, entry);
  }
  return found;
}

export class QueueHistory {
  private readonly undos: UndoStep[] = [];
  private readonly redos: UndoStep[] = [];

  get canUndo(): boolean {
    return this.undos.length > 0;
  }

  get canRedo(): boolean {
    return this.redos.length > 0;
  }

  /** A new change by this tab: it can be undone, and whatever was undone before can no longer be redone. */
  recordChange(revert: UndoStep): void {
    this.undos.push(revert);
    if (this.undos.length > UNDO_LIMIT) this.undos.shift();
    this.redos.length = 0;
  }

  takeUndo(): UndoStep | undefined {
    return this.undos.pop();
  }

  takeRedo(): UndoStep | undefined {
    return this.redos.pop();
  }

  /** An undo was committed: its own revert redoes it. */
  recordUndone(revert: UndoStep): void {
    this.redos.push(revert);
  }

  /** A redo was committed: its revert can be undone again. */
  recordRedone(revert: UndoStep): void {
    this.undos.push(revert);
  }
}
