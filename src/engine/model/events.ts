/**
 * The structured events tabs send each other on `playback:<deviceId>` and keep in the event log.
 * Fields are only ever added: a reader ignores what it does not know. A higher major `v` means a newer
 * version of the app is running next to this one. What a received one must pass is event-validation.ts.
 */

import type { ActionType } from './actions';
import { applyPatch, type Patch, touchesQueue } from './patch';
import type { PlaybackState } from './state';

/** The protocol's major version. Raise it only for a change old tabs cannot read. */
export const PROTOCOL_VERSION = 1;
export const STATE_UPDATED = 'playback_state_updated';
/** Without shared storage, a tab that is behind asks its peers for their state… */
export const STATE_REQUESTED = 'playback_state_requested';
/** …and a peer answers with all of it. */
export const STATE_SNAPSHOT = 'playback_state_snapshot';

export function topicFor(deviceId: string): string {
  return `playback:${deviceId}`;
}

export interface StateUpdatedData {
  /** The rev this change was applied to: a receiver at exactly this rev can apply the patch. */
  readonly baseRev: number;
  /** Wall-clock milliseconds of the commit (the record's `updatedAt`). */
  readonly at: number;
  /** The kinds of action committed together, so a tab can tell, say, that the queue was edited. */
  readonly actions: readonly ActionType[];
  readonly patch: Patch;
}

interface Envelope<Type extends string, Data> {
  readonly v: number;
  readonly id: string;
  readonly type: Type;
  readonly topic: string;
  /** The tab that sent it. */
  readonly source: string;
  /** The rev it produced (a change), or the sender's rev (a request or a snapshot). */
  readonly rev: number;
  readonly data: Data;
}

/** A committed change: what the event log keeps and what every tab applies. */
export type PlaybackEvent = Envelope<typeof STATE_UPDATED, StateUpdatedData>;
export type StateRequestedEvent = Envelope<typeof STATE_REQUESTED, Record<string, never>>;
export type StateSnapshotEvent = Envelope<typeof STATE_SNAPSHOT, { readonly state: PlaybackState }>;
export type ChannelEvent = PlaybackEvent | StateRequestedEvent | StateSnapshotEvent;

/** The state after a committed event, stamped with its rev. */
export function applyEvent(state: PlaybackState, event: PlaybackEvent): PlaybackState {
  return stampEvent(state, applyPatch(state, event.data.patch), event);
}

/** `patched` (`before` with the event's patch applied) stamped with the event's rev and time. */
export function stampEvent(before: PlaybackState, patched: PlaybackState, event: PlaybackEvent): PlaybackState {
  const time = new Date(event.data.at).toISOString();
  return {
    ...patched,
    rev: event.rev,
    queueRev: touchesQueue(event.data.patch) ? event.rev : before.queueRev,
    insertedAt: before.rev === 0 ? time : before.insertedAt,
    updatedAt: time,
  };
}
