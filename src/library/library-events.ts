/**
 * The library's structured events on `playback:<deviceId>`, next to the playback events and in the same
 * envelope (v, id, type, topic, source, rev, data). They are hints, not the truth: a tab that receives one
 * re-reads the named tracks from IndexedDB, so an event can be late, repeated or out of order and the
 * library still ends up as stored. That is why they stay out of the playback `rev` sequence: their `rev` is
 * the sender's own count of library events, which only tells a receiver that it missed one (then it
 * re-reads everything). Anything malformed is rejected and changes nothing.
 */

import { isId, isPlainObject, isRev } from '../engine/model/fields';

export const LIBRARY_CHANGED = 'library_changed';
export const LIBRARY_EVENT_VERSION = 1;
/** A batch names at most this many tracks; a larger claim is junk. */
const MAX_IDS = 10_000;

export interface LibraryChange {
  /** Tracks written (added or re-read): re-read them. */
  readonly changed: readonly string[];
  /** Tracks taken out. */
  readonly removed: readonly string[];
  /** A source was added, changed or removed: re-read the sources. */
  readonly sources: boolean;
  /** An import running in the sending tab: files done of files found; null once it has finished. */
  readonly progress: { readonly done: number; readonly found: number } | null;
}

export interface LibraryEvent {
  readonly v: number;
  readonly id: string;
  readonly type: typeof LIBRARY_CHANGED;
  readonly topic: string;
  readonly source: string;
  readonly rev: number;
  readonly data: LibraryChange;
}

export function libraryEvent(topic: string, sender: string, rev: number, id: string, data: LibraryChange): LibraryEvent {
  return { v: LIBRARY_EVENT_VERSION, id, type: LIBRARY_CHANGED, topic, source: sender, rev, data };
}

/** The event if `message` is a valid library event on `topic`, else null. Never throws. */
export function parseLibraryEvent(message: unknown, topic: string): LibraryEvent | null {
  if (!isPlainObject(message) || message.type !== LIBRARY_CHANGED || message.topic !== topic) return null;
  const { v, id, source, rev, data } = message;
  if (!isRev(v) || v < 1 || v > LIBRARY_EVENT_VERSION || !isId(id) || !isId(source) || !isRev(rev) || !isPlainObject(data)) return null;
  const { changed, removed, sources, progress } = data;
  if (!isIdList(changed) || !isIdList(removed) || typeof sources !== 'boolean') return null;
  let parsedProgress: LibraryChange['progress'] = null;
  if (progress !== null) {
    if (!isPlainObject(progress) || !isRev(progress.done) || !isRev(progress.found) || progress.done > progress.found) return null;
    parsedProgress = { done: progress.done, found: progress.found };
  }
  return libraryEvent(topic, source, rev, id, { changed: [...changed], removed: [...removed], sources, progress: parsedProgress });
}

function isIdList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length <= MAX_IDS && value.every(isId);
}
