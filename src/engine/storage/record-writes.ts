/**
 * How a committed change is written to IndexedDB: the record, its queue entries, the event log. Shared by
 * the store (src/engine/state-store.ts) and the commit worker (src/worker/commit-worker.ts), which writes
 * a tab's changes off its main thread.
 *
 * Transaction hygiene: nothing but the transaction's own requests is awaited inside a transaction.
 */

import { type IDBPTransaction, type StoreNames, unwrap } from 'idb';
import type { PlaybackEvent } from '../model/events';
import { isPlainObject } from '../model/fields';
import type { Patch } from '../model/patch';
import type { PlaybackState } from '../model/state';
import {
  COMMIT_STORES,
  EVENTS,
  type MediaStreamDatabase,
  type MediaStreamSchema,
  PLAYBACK_STATES,
  PLAYLIST_ENTRIES,
  QUEUE_ENTRIES,
  type StoredPlaybackRecord,
} from './database';
import { allPlaylistEntriesRange, entryRange, playlistEntryRange } from './entry-ranges';

/** How many events the log keeps per device: enough for any tab to catch up from a burst of changes. */
export const EVENT_LOG_LIMIT = 1000;

export type WriteTransaction = IDBPTransaction<MediaStreamSchema, StoreNames<MediaStreamSchema>[], 'readwrite'>;

/** A change planned on a tab's copy of the state, to be written only if the store is still at `baseRev`. */
export interface PlannedWrite {
  readonly deviceId: string;
  readonly baseRev: number;
  readonly record: StoredPlaybackRecord;
  readonly patch: Patch;
  readonly event: PlaybackEvent;
}

/** `written`: committed. `stale`: the store had moved on, and nothing was written. */
export type WriteOutcome = 'written' | 'stale';

/** Where planned writes are made: in this thread, or in a worker that also announces them on the channel. */
export interface ConditionalWriter {
  /** Whether a written change has also been posted on the channel, so the tab must not post it again. */
  readonly announces: boolean;
  /**
   * With `after`, an earlier write of this writer still on its way whose result `planned` was planned on:
   * written once that one is, and `stale` without writing anything if it was not written.
   */
  write(planned: PlannedWrite, after?: Promise<WriteOutcome>): Promise<WriteOutcome>;
}

/**
 * Writes a planned change in one round trip: the writes go out with the read that checks the stored rev,
 * and the transaction is aborted, changing nothing, if the check fails. IndexedDB runs readwrite
 * transactions on the same stores one at a time, so what the read sees cannot change before the writes
 * land. Resolves only once the transaction has committed (or was aborted by the check); any other failure
 * rejects, with nothing written.
 *
 * Plain requests, not idb's promises: on this path every request's success would otherwise be a task of
 * promise work in the writing thread before the transaction's `complete` is handled.
 */
export function writeIfCurrent(db: MediaStreamDatabase, planned: PlannedWrite): Promise<WriteOutcome> {
  const tx = unwrap(db).transaction(COMMIT_STORES, 'readwrite');
  const records = tx.objectStore(PLAYBACK_STATES);
  let stale = false;
  const read = records.get(planned.deviceId);
  read.onsuccess = () => {
    const stored: unknown = read.result;
    if ((stored as { rev?: unknown } | undefined)?.rev !== planned.baseRev) {
      stale = true;
      tx.abort();
      return;
    }
    // A newer version of the app added fields to the record: write it again, keeping them.
    if (isPlainObject(stored) && Object.keys(stored).some((key) => !(key in planned.record))) {
      records.put(withUnknownFields(planned.record, stored));
    }
  };
  requestPatch(tx, planned.deviceId, planned.record, planned.patch);
  requestEvent(tx, planned.event);
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve('written');
    // A failed write fails the transaction, which is what is reported.
    tx.onabort = () => (stale ? resolve('stale') : reject(tx.error ?? new DOMException('The write was aborted.', 'AbortError')));
  });
}

/**
 * Appends the event to the log and drops the oldest beyond its limit. A failed write fails the
 * transaction: await `tx.done`.
 */
export function logEvent(tx: WriteTransaction, event: PlaybackEvent): void {
  requestEvent(unwrap(tx), event);
}

/** The record and the queue and playlist entries a patch changes, in the patch's order (await `tx.done`). */
export function writePatch(tx: WriteTransaction, deviceId: string, record: StoredPlaybackRecord, patch: Patch): void {
  requestPatch(unwrap(tx), deviceId, record, patch);
}

/** The record, every queue entry and every playlist's entries, replacing whatever was stored (await `tx.done`). */
export function writeWhole(tx: WriteTransaction, state: PlaybackState, record: StoredPlaybackRecord): void {
  // Requests run in the order they are made: every playlist entry goes first (those of playlists that no
  // longer exist with them), then the state's are written.
  unwrap(tx).objectStore(PLAYLIST_ENTRIES).delete(allPlaylistEntriesRange(state.deviceId));
  writePatch(tx, state.deviceId, record, {
    clearQueue: true,
    putEntries: state.queue,
    playlistEdits: Object.entries(state.playlistEntries).map(([playlistId, putEntries]) => ({ playlistId, putEntries })),
  });
}

function requestEvent(tx: IDBTransaction, event: PlaybackEvent): void {
  const log = tx.objectStore(EVENTS);
  log.put(event);
  if (event.rev > EVENT_LOG_LIMIT) log.delete(IDBKeyRange.bound([event.topic, 0], [event.topic, event.rev - EVENT_LOG_LIMIT]));
}

function requestPatch(tx: IDBTransaction, deviceId: string, record: StoredPlaybackRecord, patch: Patch): void {
  const entries = tx.objectStore(QUEUE_ENTRIES);
  tx.objectStore(PLAYBACK_STATES).put(record);
  if (patch.clearQueue) entries.delete(entryRange(deviceId));
  for (const entryId of patch.removeEntries ?? []) entries.delete([deviceId, entryId]);
  for (const entry of patch.putEntries ?? []) entries.put({ ...entry, deviceId });
  if (patch.playlistEdits?.length) {
    const playlistEntries = tx.objectStore(PLAYLIST_ENTRIES);
    for (const { playlistId, clear, removeEntries, putEntries } of patch.playlistEdits) {
      if (clear) playlistEntries.delete(playlistEntryRange(deviceId, playlistId));
      for (const entryId of removeEntries ?? []) playlistEntries.delete([deviceId, playlistId, entryId]);
      for (const entry of putEntries ?? []) playlistEntries.put({ ...entry, deviceId, playlistId });
    }
  }
}

/**
 * The record to store for `state`. Fields of the stored record that this version does not know (a newer
 * version of the app added them) are kept as they are: fields are only ever added, and an older tab must
 * not erase them.
 */
export function toRecord(state: PlaybackState, stored?: unknown): StoredPlaybackRecord {
  return recordOf(state, state.queue.length, stored);
}

/** The record for a state whose queue (its `queue` field is ignored) has `queueLength` entries. */
export function recordOf(state: PlaybackState, queueLength: number, stored?: unknown): StoredPlaybackRecord {
  const { queue: _queue, queueRev, playlistEntries: _entries, ...fields } = state;
  return withUnknownFields({ ...fields, queue: { length: queueLength, rev: queueRev } }, stored);
}

function withUnknownFields(record: StoredPlaybackRecord, stored: unknown): StoredPlaybackRecord {
  return isPlainObject(stored) ? { ...stored, ...record } : record;
}
