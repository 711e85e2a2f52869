/** The messages between a tab and its commit worker, defined once for both sides. */

import type { PlannedWrite, WriteOutcome } from '../engine/storage/record-writes';

/** The first message: the worker opens the database and answers `ready`, or an error. */
export interface OpenRequest {
  readonly type: 'open';
}

export interface WriteRequest {
  readonly type: 'write';
  readonly id: number;
  readonly planned: PlannedWrite;
  /** The write just before this one, whose result this one was planned on: write only once it is written. */
  readonly after?: number;
}

export type CommitWorkerRequest = OpenRequest | WriteRequest;

export type CommitWorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'written'; readonly id: number; readonly outcome: WriteOutcome }
  /** Nothing was written; `id` is absent when opening failed. */
  | { readonly type: 'failed'; readonly id?: number; readonly name: string; readonly message: string };
