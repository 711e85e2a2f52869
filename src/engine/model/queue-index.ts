/**
 * Finding a queue entry by its id without reading the whole queue: a map from entry id to entry for the
 * newest queue array, handed on to the array each edit makes from it. With the entry's order key, a
 * binary search gives its position. A queue array without a map (an older one, or one built whole) gets
 * one the first time it is searched.
 */

import type { QueueEntry } from './state';

const entryMaps = new WeakMap<readonly QueueEntry[], Map<string, QueueEntry>>();

function entryMapOf(queue: readonly QueueEntry[]): Map<string, QueueEntry> {
  let map = entryMaps.get(queue);
  if (!map) {
    map = new Map();
    for (const entry of queue) map.set(entry.entryId, entry);
    entryMaps.set(queue, map);
  }
  return map;
}

export function entryById(queue: readonly QueueEntry[], entryId: string): QueueEntry | undefined {
  return entryMapOf(queue).get(entryId);
}

/**
 * Binary search: the index of the first entry whose order key is above `order` when `after`, else of the
 * first whose key is not below it.
 */
function boundOf(queue: readonly QueueEntry[], order: string, after: boolean): number {
  let low = 0;
  let high = queue.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const key = queue[middle]!.order;
    if (key < order || (after && key === order)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Index of the first entry that sorts after `order`: where a new entry with that key goes. */
export function upperBound(queue: readonly QueueEntry[], order: string): number {
  return boundOf(queue, order, true);
}

/** Where an entry is in a queue sorted by order key, or -1. */
export function indexOfEntry(queue: readonly QueueEntry[], entryId: string): number {
  const entry = entryById(queue, entryId);
  if (!entry) return -1;
  // Entries sharing an order key (only a hand-edited store has them) sit side by side.
  for (let i = boundOf(queue, entry.order, false); i < queue.length && queue[i]!.order === entry.order; i++) {
    if (queue[i]!.entryId === entryId) return i;
  }
  return queue.findIndex((candidate) => candidate.entryId === entryId);
}

/** Hands `from`'s map (if it has one) to `to`, a copy about to be edited; `from` builds one again if asked. */
export function moveEntryMap(from: readonly QueueEntry[], to: readonly QueueEntry[]): void {
  const map = entryMaps.get(from);
  if (!map) return;
  entryMaps.delete(from);
  entryMaps.set(to, map);
}

/** Keeps `queue`'s map (if it has one) in step with an edit made to the array in place. */
export function noteRemoved(queue: readonly QueueEntry[], entryId: string): void {
  entryMaps.get(queue)?.delete(entryId);
}

export function noteAdded(queue: readonly QueueEntry[], entry: QueueEntry): void {
  entryMaps.get(queue)?.set(entry.entryId, entry);
}
