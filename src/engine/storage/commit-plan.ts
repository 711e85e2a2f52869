/**
 * What committing actions means, wherever the state is kept: apply them in turn to the current state
 * (an action that cannot apply is set aside with its reason), merge what they did into one patch, and
 * describe it as the one event that raises `rev` by one. Stores decide only where the result is written.
 */

import { ActionError, type PlaybackAction } from '../model/actions';
import { applyEvent, type PlaybackEvent, PROTOCOL_VERSION, STATE_UPDATED, stampEvent } from '../model/events';
import { applyPatch, EMPTY_PATCH, isEmptyPatch, mergePatches, type Patch, queueLengthAfter } from '../model/patch';
import type { StoredPlaybackRecord } from './database';
import type { CommitMeta, RejectedAction } from './playback-state-store';
import { recordOf, toRecord } from './record-writes';

// For the sync bridge (src/remote/), which loads after it: one chunk of order-key code, not two.
export { keysBetween } from '../model/order-key';
// The undo history is needed only once something has been committed: it loads with the planning code.
export { UndoRecorder } from '../undo-recorder';

import { planAction } from '../model/reducer';
import type { PlaybackState } from '../model/state';

export interface PlannedCommit {
  readonly patch: Patch;
  readonly event: PlaybackEvent | null;
  readonly rejected: readonly RejectedAction[];
  /** The stored record after the commit, its queue summarised: made without building the new queue. */
  readonly record: StoredPlaybackRecord;
  /**
   * The state after the commit, made when first asked for: building a long queue's new array can then
   * wait until the write is on its way.
   */
  committed(): PlaybackState;
}

export function planCommit(current: PlaybackState, actions: readonly PlaybackAction[], meta: CommitMeta, topic: string): PlannedCommit {
  let patch: Patch = EMPTY_PATCH;
  // The state the next action is planned on, and the last step, applied only if another action follows.
  let planned = current;
  let lastStep: Patch | null = null;
  let steps = 0;
  const rejected: RejectedAction[] = [];
  for (const action of actions) {
    try {
      const base: PlaybackState = lastStep ? applyPatch(planned, lastStep) : planned;
      const step = planAction(base, action);
      [planned, lastStep] = [base, step];
      patch = mergePatches(patch, step);
      steps++;
    } catch (error) {
      if (!(error instanceof ActionError)) throw error;
      rejected.push({ action, error });
    }
  }
  if (isEmptyPatch(patch)) return { patch, event: null, rejected, record: toRecord(current), committed: () => current };
  const event: PlaybackEvent = {
    v: PROTOCOL_VERSION,
    id: meta.eventId,
    type: STATE_UPDATED,
    topic,
    source: meta.source,
    rev: current.rev + 1,
    data: { baseRev: current.rev, at: meta.at, actions: actions.map((action) => action.type), patch },
  };
  let committed: PlaybackState | undefined;
  // One step: applying it to `current` is exactly what every other tab does with the event. Several:
  // apply the merged patch as they will, so that this tab can never differ from them.
  const build = () => (committed ??= steps === 1 ? stampEvent(current, applyPatch(current, patch), event) : applyEvent(current, event));
  const record =
    steps === 1
      ? recordOf(stampEvent(current, { ...current, ...patch.set }, event), queueLengthAfter(current.queue, patch))
      : toRecord(build());
  return { patch, event, rejected, record, committed: build };
}
