/**
 * One entry moved within an ordered list (the queue, or a playlist's entries): it gets an order key between
 * its new neighbours, and nothing else changes, so a move costs one entry's bytes at any length.
 */

import { ActionError } from './actions';
import { keyBetween } from './order-key';
import { indexOfEntry } from './queue-index';
import type { QueueEntry } from './state';

/**
 * Where a moved entry goes: an index in the list (a drag drops it at a place the person sees), or a step
 * from wherever the entry is when the move is applied (Move up and Move down). A step is resolved here, not
 * in the tab that clicked, so two quick clicks move the entry two places even when the second comes before
 * the first is applied: an index computed twice from the same picture would land it in the same place twice.
 */
export type MoveTarget = { readonly toIndex: number } | { readonly by: number };

/** The entry with its order key at the new place, or null when it stays where it is. */
export function movedEntry(
  entries: readonly QueueEntry[],
  entryId: string,
  target: MoveTarget,
  list: 'queue' | 'playlist',
): QueueEntry | null {
  const from = indexOfEntry(entries, entryId);
  if (from === -1) throw new ActionError(`That entry is no longer in the ${list}: another tab removed it.`);
  const toIndex = 'by' in target ? stepFrom(from, target.by, entries.length) : target.toIndex;
  if (!Number.isInteger(toIndex) || toIndex < 0 || toIndex >= entries.length) {
    throw new ActionError(`Cannot move to position ${toIndex + 1}: the ${list} has ${entries.length} entries.`);
  }
  if (from === toIndex) return null;
  // The neighbours it lands between, as the list would be without it (no copy of the list).
  const [before, after] = toIndex > from ? [entries[toIndex], entries[toIndex + 1]] : [entries[toIndex - 1], entries[toIndex]];
  return { ...entries[from]!, order: keyBetween(before?.order ?? null, after?.order ?? null) };
}

/** A step stops at either end: Move down on the last entry (or a third quick click on the one before it) leaves it there. */
function stepFrom(from: number, by: number, length: number): number {
  if (!Number.isInteger(by)) throw new ActionError(`Cannot move by ${by} places: a move is a whole number of places.`);
  return Math.min(Math.max(from + by, 0), length - 1);
}
