/**
 * Which of this tab's commits can be undone, and how: each undoable queue or playlist change is remembered
 * as the action that reverts it (see model/queue-history.ts and model/playlist-history.ts). A batch that
 * also moved through the queue (Next, a track ending) or mixed undos with changes is not recorded: its
 * revert would not mean one thing. Loaded with the planning code: nothing is undoable before a commit.
 */

import { type ActionRole, committedItems, type PendingAction } from './action-queue';
import { type ActionType, PLAYLIST_ACTIONS } from './model/actions';
import { revertPlaylistOf } from './model/playlist-history';
import { QueueHistory, revertOf, type UndoStep } from './model/queue-history';
import type { CommitResult } from './storage/playback-state-store';

/** Actions whose effect on the queue can be undone… */
const UNDOABLE: ReadonlySet<ActionType> = new Set<ActionType>([
  'enqueue',
  'playNext',
  'remove',
  'move',
  'clearQueue',
  'setShuffle',
  'revertQueue',
  ...PLAYLIST_ACTIONS,
]);
/** …and the ones that move through it, which are not. */
const MOVES_THROUGH_QUEUE: ReadonlySet<ActionType> = new Set<ActionType>(['next', 'previous', 'trackEnded', 'resume', 'forgetTracks']);

export class UndoRecorder {
  /** Made with the first undoable change. */
  private history: QueueHistory | null = null;

  get canUndo(): boolean {
    return this.history?.canUndo ?? false;
  }

  get canRedo(): boolean {
    return this.history?.canRedo ?? false;
  }

  takeUndo(): UndoStep | undefined {
    return this.history?.takeUndo();
  }

  takeRedo(): UndoStep | undefined {
    return this.history?.takeRedo();
  }

  /** Records how to revert the queue changes a committed batch made, where that means one thing. */
  record(batch: readonly PendingAction[], result: CommitResult): void {
    if (!result.event) return;
    const committed = committedItems(batch, result);
    // What another device did is undone there, not here; and a commit that holds it has no revert of this tab's own.
    if (committed.some((item) => item.role === 'remote')) return;
    const queueItems = committed.filter((item) => UNDOABLE.has(item.action.type));
    if (queueItems.length === 0) return;
    const roles = new Set<ActionRole>(queueItems.map((item) => item.role));
    if (roles.size !== 1 || committed.some((item) => MOVES_THROUGH_QUEUE.has(item.action.type))) return;
    // A batch that edited both the queue and a playlist has no one revert either.
    const onPlaylists = queueItems.filter((item) => PLAYLIST_ACTIONS.has(item.action.type)).length;
    if (onPlaylists > 0 && onPlaylists < queueItems.length) return;
    const patch = result.event.data.patch;
    const revert = onPlaylists > 0 ? revertPlaylistOf(result.base, patch) : revertOf(result.base, patch);
    if (!revert) return;
    this.history ??= new QueueHistory();
    const [role] = roles;
    if (role === 'undo') this.history.recordUndone(revert);
    else if (role === 'redo') this.history.recordRedone(revert);
    else this.history.recordChange(revert);
  }
}
