/**
 * The actions a tab has dispatched but not yet committed. While one commit is in flight, later actions
 * wait here and go out together in the next transaction, as one event. A newer seek, volume, rate or
 * checkpoint replaces the pending one of its kind only when that one is the newest: replacing one further
 * back would move the newer action ahead of those made after it (a Next between two seeks). Discrete edits
 * are never merged or dropped.
 *
 * A commit is quicker than a person's drag: each of a volume slider's `input` events would find nothing
 * pending to replace and be committed on its own (a hundred a second). So a seek, volume or rate that
 * follows one of its kind committed less than PACE_MS before, with nothing else committed in between, waits
 * for that interval to end, and the newer ones made meanwhile replace it: a drag costs one commit per
 * interval, and its first and last values are always committed. Any other action ends the wait at once,
 * going out after what waited, in the order made. (Checkpoints are paced by the engine, and one made at
 * once, on pause or the page going away, must not wait.)
 *
 * A person's action never waits for a checkpoint's answer: while a batch of nothing but checkpoints is on
 * its way, any other action goes out at once, to be written right behind it (`commitBatch` is given the
 * commit still on its way, and plans on what it will leave).
 */

import { type ActionType, type PlaybackAction, replacesPrevious } from './model/actions';
import type { CommitResult } from './storage/playback-state-store';

/**
 * Why an action was dispatched: a change by the person, an undo or redo of one, a change that came from
 * another device's queue or playlists (sync across devices), which is not this tab's to undo, or the sync
 * bridge carrying out playback of another device (`mirror`: following what the active device plays, or a
 * remote's command): nobody here asked for it, so it is never sent back as a command.
 */
export type ActionRole = 'change' | 'undo' | 'redo' | 'remote' | 'mirror';

/** At most one commit of a seek, volume or rate per this many milliseconds while they keep coming. */
export const PACE_MS = 100;

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

function isPaced(action: PlaybackAction): boolean {
  return replacesPrevious(action) && action.type !== 'checkpoint';
}

export class ActionQueue {
  private pending: PendingAction[] = [];
  private flushing: Promise<void> | null = null;
  /** When each paced kind of action was last sent to be committed (a monotonic clock). */
  private readonly lastPaced = new Map<ActionType, number>();
  /** Ends the current wait for a paced batch early; null when not waiting. */
  private endWait: (() => void) | null = null;
  /** Lets the next batch go while a checkpoint is on its way; set only then. */
  private overtake: (() => void) | null = null;

  constructor(
    /**
     * Commits one batch; never rejects (a failure settles the batch's actions itself). `behind` is the
     * commit of the batch before, when that one is still on its way.
     */
    private readonly commitBatch: (batch: readonly PendingAction[], behind: Promise<void> | null) => Promise<void>,
    private readonly isClosed: () => boolean,
    private readonly monotonicNow: () => number = () => performance.now(),
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
      if (!isPaced(action)) this.endWait?.();
      if (action.type !== 'checkpoint') this.overtake?.();
      this.flushing ??= this.flush();
    });
  }

  /** Resolves when every action queued so far is committed. */
  async settled(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flush(): Promise<void> {
    /** A checkpoint's commit still on its way, which the next batch goes behind. */
    let behind: Promise<void> | null = null;
    try {
      while (this.pending.length > 0 && !this.isClosed()) {
        const wait = this.paceFor(this.pending);
        if (wait > 0) await this.waitUpTo(wait);
        if (this.isClosed()) break;
        const batch = this.pending;
        this.pending = [];
        this.notePaced(batch);
        const committing = this.commitBatch(batch, behind);
        behind = null;
        if (batch.every(({ action }) => action.type === 'checkpoint')) {
          const overtaken = new Promise<boolean>((resolve) => (this.overtake = () => resolve(true)));
          if (await Promise.race([committing.then(() => false), overtaken])) behind = committing;
          this.overtake = null;
        } else {
          await committing;
        }
      }
      // Only when closed meanwhile (an overtaken batch is followed by the one that overtook it). Never await
      // anything else here: an action added after the loop's last look would wait for a flush that is over.
      if (behind) await behind;
    } finally {
      this.flushing = null;
    }
  }

  /**
   * Remembers when each paced kind was last committed. A batch with any other action in it (a Next, an add)
   * ends the run: a seek after it is not part of a drag, and goes out at once. (Checkpoints change neither.)
   */
  private notePaced(batch: readonly PendingAction[]): void {
    if (batch.some(({ action }) => !replacesPrevious(action))) {
      this.lastPaced.clear();
      return;
    }
    const now = this.monotonicNow();
    for (const { action } of batch) if (isPaced(action)) this.lastPaced.set(action.type, now);
  }

  /** How long the batch should wait: only a batch of nothing but paced actions waits, for the longest of them. */
  private paceFor(batch: readonly PendingAction[]): number {
    const now = this.monotonicNow();
    let wait = 0;
    for (const { action } of batch) {
      if (!isPaced(action)) return 0;
      const last = this.lastPaced.get(action.type);
      if (last !== undefined) wait = Math.max(wait, last + PACE_MS - now);
    }
    return wait;
  }

  private waitUpTo(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.endWait = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.endWait = done;
    });
  }
}

/** The actions of a batch that were committed: all but those the commit refused. */
export function committedItems(batch: readonly PendingAction[], result: CommitResult): PendingAction[] {
  return batch.filter((item) => !result.rejected.some((rejected) => rejected.action === item.action));
}

/** Why the actions of a batch that were committed were dispatched, each role once. */
export function committedRoles(batch: readonly PendingAction[], result: CommitResult): ActionRole[] {
  return [...new Set(committedItems(batch, result).map((item) => item.role))];
}
