/**
 * The actions a tab has dispatched but not yet committed. While one commit is in flight, later actions
 * wait here and go out together in the next transaction, as one event. A newer seek, volume, rate or
 * checkpoint replaces the pending one of its kind only when that one is the newest: replacing one further
 * back would move the newer action ahead of those made after it (a Next between two seeks). Discrete edits
 * are never merged or dropped.
 */

import { type PlaybackAction, replacesPrevious } from './model/actions';
import type { CommitResult } from './storage/playback-state-store';

/** Why an action was dispatched, for the undo history: a change by the person, or an undo or redo of one. */
export type ActionRole = 'change' | 'undo' | 'redo';

export interface Settlement {
  resolve(result: CommitResult): void;
  reject(error: unknown): void;
}

export interface PendingAction {
  action: PlaybackAction;
  readonly role: ActionRole;
  /** Everyone waiting on this action: more than one when a newer action of its kind replaced it. */
  readonly settle: Settlement[];
}

export class ActionQueue {
  private pending: PendingAction[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    /** Commits one batch; never rejects (a failure settles the batch's actions itself). */
    private readonly commitBatch: (batch: readonly PendingAction[]) => Promise<void>,
    private readonly isClosed: () => boolean,
  ) {}

  /** Queues the action and starts committing if nothing is in flight; settles once it is committed. */
  add(action: PlaybackAction, role: ActionRole): Promise<CommitResult> {
    return new Promise((resolve, reject) => {
      const last = this.pending[this.pending.length - 1];
      const replaceable = replacesPrevious(action) && last?.action.type === action.type ? last : undefined;
      if (replaceable) {
        replaceable.action = action;
        replaceable.settle.push({ resolve, reject });
      } else {
        this.pending.push({ action, role, settle: [{ resolve, reject }] });
      }
      this.flushing ??= this.flush();
    });
  }

  /** Resolves when every action queued so far is committed. */
  async settled(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flush(): Promise<void> {
    try {
      while (this.pending.length > 0 && !this.isClosed()) {
        const batch = this.pending;
        this.pending = [];
        await this.commitBatch(batch);
      }
    } finally {
      this.flushing = null;
    }
  }
}
