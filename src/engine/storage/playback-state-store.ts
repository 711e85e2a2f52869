/**
 * What a tab's engine needs from wherever its state is kept, IndexedDB (shared by every tab, see
 * indexeddb-store.ts) or memory (memory-store.ts), and what a commit answers.
 */

import type { ActionError, PlaybackAction } from '../model/actions';
import type { PlaybackEvent } from '../model/events';
import type { RepairResult } from '../model/repair';
import type { PlaybackState } from '../model/state';
import type { WriteOutcome } from './record-writes';

export interface CommitMeta {
  readonly source: string;
  readonly eventId: string;
  readonly at: number;
}

export interface RejectedAction {
  readonly action: PlaybackAction;
  readonly error: ActionError;
}

export interface CommitResult {
  /** The stored state the actions were applied to (this tab's copy, caught up). */
  readonly base: PlaybackState;
  /** The state after the commit (or as found, when nothing changed). */
  readonly state: PlaybackState;
  /** The event to broadcast, or null when the actions changed nothing. */
  readonly event: PlaybackEvent | null;
  /** Actions that could not apply, each with the reason. */
  readonly rejected: readonly RejectedAction[];
  /** The event is already on the channel (the commit worker posts what it writes). */
  readonly posted: boolean;
}

/**
 * A commit whose write is on its way: the state it leaves once written, so that the next commit can be
 * planned on it and written right behind it (see `commitAfter`) instead of waiting for its answer.
 */
export interface CommitAhead {
  readonly state: PlaybackState;
  /** The write's own outcome, as its writer answers it. */
  readonly written: Promise<WriteOutcome>;
}

export interface CommitOptions {
  /** Told as soon as the change is on its way to be written in one round trip (not when it must catch up first). */
  readonly onAhead?: (ahead: CommitAhead) => void;
}

/** Where a tab's player keeps its state: IndexedDB (shared by every tab) or, failing that, memory. */
export interface PlaybackStateStore {
  readonly topic: string;
  /** False when nothing outlives the page: tabs then catch up from each other instead. */
  readonly persistent: boolean;
  load(nowMs: number): Promise<RepairResult>;
  /**
   * The saved session's record alone, without its queue and playlist entries: what now playing shows,
   * for the first paint not to wait for a long queue to be read. Null when the record needs repair (the
   * paint then waits for `load`). A preview only: nothing is planned on it. Stores whose `load` is as
   * cheap have no such method.
   */
  loadPreview?(nowMs: number): Promise<PlaybackState | null>;
  readSince(base: PlaybackState, nowMs: number): Promise<PlaybackState>;
  readRev(): Promise<number | null>;
  /** A session saved in this browser under another device id, if any. */
  findOtherSession(nowMs: number): Promise<PlaybackState | null>;
  commit(base: PlaybackState, actions: readonly PlaybackAction[], meta: CommitMeta, options?: CommitOptions): Promise<CommitResult>;
  /**
   * Commits the actions on the state `ahead` leaves, written right behind it, without waiting for its
   * answer. Resolves null, having written nothing, when that cannot be (the earlier write was not written,
   * the store moved on, or the actions change nothing there): then commit them on what it left. Stores
   * that cannot write behind a write on its way have no such method.
   */
  commitAfter?(ahead: CommitAhead, actions: readonly PlaybackAction[], meta: CommitMeta): Promise<CommitResult | null>;
  close(): void;
}
