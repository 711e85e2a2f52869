/**
 * A tab that is behind the store, brought up to the stored rev (from the event log when it covers the gap,
 * else read whole), the commit that must catch up first, and the search for a session saved under another
 * device id. Loaded with the first that needs it, never on the way to the first paint.
 *
 * Transaction hygiene: nothing but the transaction's own requests is awaited inside a transaction.
 */

import type { IDBPTransaction, StoreNames } from 'idb';
import type { PlaybackAction } from '../model/actions';
import { parseEvent } from '../model/event-validation';
import { applyEvent, STATE_UPDATED } from '../model/events';
import type { RepairResult } from '../model/repair';
import type { PlaybackState } from '../model/state';
import { planCommit } from './commit-plan';
import { COMMIT_STORES, EVENTS, type MediaStreamDatabase, type MediaStreamSchema, PLAYBACK_STATES } from './database';
import type { CommitMeta, CommitResult } from './playback-state-store';
import { logEvent, toRecord, writePatch, writeWhole } from './record-writes';

export type AnyTransaction = IDBPTransaction<MediaStreamSchema, StoreNames<MediaStreamSchema>[], 'readonly' | 'readwrite'>;

/** What of the store the catching up reads. */
export interface StoreAccess {
  readonly db: MediaStreamDatabase;
  readonly deviceId: string;
  readonly topic: string;
  /** A device's whole state as stored (this device's unless told), repaired if need be. */
  readSnapshot(tx: AnyTransaction, nowMs: number, deviceId?: string): Promise<RepairResult>;
}

interface CaughtUp {
  readonly state: PlaybackState;
  /** The record as stored, to keep the fields a newer version of the app added and this one does not know. */
  readonly stored: unknown;
  /** The store lacks what memory has (storage was cleared under us): write the whole state back. */
  readonly storeBehind: boolean;
  readonly problems: readonly string[];
}

/** `base` brought up to the stored rev. */
export async function readSince(store: StoreAccess, base: PlaybackState, nowMs: number): Promise<PlaybackState> {
  const tx = store.db.transaction(COMMIT_STORES, 'readonly');
  const { state } = await catchUp(store, tx, base, nowMs);
  await tx.done;
  return state;
}

/** Catches up inside one readwrite transaction, then plans and writes the actions on what is stored. */
export async function catchUpAndCommit(
  store: StoreAccess,
  base: PlaybackState,
  actions: readonly PlaybackAction[],
  meta: CommitMeta,
): Promise<CommitResult> {
  const tx = store.db.transaction(COMMIT_STORES, 'readwrite');
  const { state: current, storeBehind, stored } = await catchUp(store, tx, base, meta.at);
  const plan = planCommit(current, actions, meta, store.topic);
  const { patch, event, rejected } = plan;
  if (!event && !storeBehind) {
    await tx.done;
    return { base: current, state: current, event: null, rejected, posted: false };
  }
  const committed = plan.committed();
  const record = toRecord(committed, stored);
  if (storeBehind) writeWhole(tx, committed, record);
  else writePatch(tx, store.deviceId, record, patch);
  if (event) logEvent(tx, event);
  await tx.done;
  return { base: current, state: committed, event, rejected, posted: false };
}

async function catchUp(store: StoreAccess, tx: AnyTransaction, base: PlaybackState, nowMs: number): Promise<CaughtUp> {
  const record = await tx.objectStore(PLAYBACK_STATES).get(store.deviceId);
  const storedRev = record?.rev;
  const caughtUp = { stored: record, storeBehind: false, problems: [] };
  if (storedRev === base.rev) return { ...caughtUp, state: base };
  if (typeof storedRev !== 'number' || storedRev < base.rev) return { ...caughtUp, state: base, storeBehind: true };
  const fromLog = await replayLog(store.topic, tx, base, storedRev);
  if (fromLog) return { ...caughtUp, state: fromLog };
  const snapshot = await store.readSnapshot(tx, nowMs);
  return { ...caughtUp, ...snapshot };
}

/** Applies the logged events after `base.rev`; null when the log no longer covers the gap. */
async function replayLog(topic: string, tx: AnyTransaction, base: PlaybackState, toRev: number): Promise<PlaybackState | null> {
  const logged = await tx.objectStore(EVENTS).getAll(IDBKeyRange.bound([topic, base.rev + 1], [topic, toRev]));
  if (logged.length !== toRev - base.rev) return null;
  let state = base;
  for (const raw of logged) {
    const parsed = parseEvent(raw, topic);
    if (!parsed.ok || parsed.event.type !== STATE_UPDATED || parsed.event.data.baseRev !== state.rev) return null;
    state = applyEvent(state, parsed.event);
  }
  return state;
}

/**
 * The newest session saved in this browser under another device id (localStorage was cleared, say),
 * so the person can take it back; null when there is none.
 */
export async function findOtherSession(store: StoreAccess, nowMs: number): Promise<PlaybackState | null> {
  const tx = store.db.transaction(COMMIT_STORES, 'readonly');
  const others = (await tx.objectStore(PLAYBACK_STATES).getAll())
    .filter((record) => typeof record?.deviceId === 'string' && record.deviceId !== store.deviceId)
    .sort((a, b) => String(b.updatedAt).localeCompare(String(a.updatedAt)));
  for (const record of others) {
    const { state } = await store.readSnapshot(tx, nowMs, record.deviceId);
    if (state.currentTrackId !== null || state.queue.length > 0) {
      await tx.done;
      return state;
    }
  }
  await tx.done;
  return null;
}
