/**
 * The structured events tabs send each other on `playback:<deviceId>` and keep in the event log.
 * Fields are only ever added: a reader ignores what it does not know. A higher major `v` means a newer
 * version of the app is running next to this one.
 */

import type { ActionType } from './actions';
import { FIELD_NAMES, FIELD_VALIDATORS, isId, isPlainObject, isQueueEntry, isRev } from './fields';
import { applyPatch, type Patch, type PlaylistEdit, touchesQueue } from './patch';
import { repairRecord } from './repair';
import type { PlaybackFields, PlaybackState, QueueEntry } from './state';

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

export type RejectReason = 'not-an-object' | 'bad-envelope' | 'wrong-topic' | 'unknown-type' | 'bad-data' | 'newer-version';

export type ParsedMessage =
  | { readonly ok: true; readonly event: ChannelEvent }
  | { readonly ok: false; readonly reason: RejectReason; readonly version?: number };

/** Never throws, whatever arrives: a message from an older, newer or hostile sender is just rejected. */
export function parseEvent(message: unknown, topic: string): ParsedMessage {
  if (!isPlainObject(message)) return { ok: false, reason: 'not-an-object' };
  const { v, id, type, source, rev, data } = message;
  if (!isRev(v) || v < 1 || !isId(id) || typeof type !== 'string' || !isId(source) || !isRev(rev) || !isPlainObject(data)) {
    return { ok: false, reason: 'bad-envelope' };
  }
  if (message.topic !== topic) return { ok: false, reason: 'wrong-topic' };
  if (v > PROTOCOL_VERSION) return { ok: false, reason: 'newer-version', version: v };
  const envelope = { v, id, topic, source, rev };
  switch (type) {
    case STATE_UPDATED: {
      const parsed = parseStateUpdated(data, rev);
      return parsed ? { ok: true, event: { ...envelope, type, data: parsed } } : { ok: false, reason: 'bad-data' };
    }
    case STATE_REQUESTED:
      return { ok: true, event: { ...envelope, type, data: {} } };
    case STATE_SNAPSHOT: {
      const state = parseSnapshot(data.state, topic, rev);
      return state ? { ok: true, event: { ...envelope, type, data: { state } } } : { ok: false, reason: 'bad-data' };
    }
    default:
      return { ok: false, reason: 'unknown-type' };
  }
}

/** A whole state from a peer: accepted only if it needs no repair and is at the rev it claims. */
function parseSnapshot(value: unknown, topic: string, rev: number): PlaybackState | null {
  if (!isPlainObject(value) || !Array.isArray(value.queue)) return null;
  const deviceId = topic.slice(topic.indexOf(':') + 1);
  const playlistEntries = isPlainObject(value.playlistEntries)
    ? Object.entries(value.playlistEntries).flatMap(([playlistId, entries]) =>
        Array.isArray(entries) ? entries.map((entry: unknown) => (isPlainObject(entry) ? { ...entry, playlistId } : entry)) : [],
      )
    : [];
  const { state, problems } = repairRecord(
    { ...value, queue: undefined, playlistEntries: undefined },
    value.queue,
    deviceId,
    0,
    0,
    playlistEntries,
  );
  return problems.length === 0 && state.rev === rev && isRev(value.queueRev) ? { ...state, queueRev: value.queueRev } : null;
}

const MAX_ACTIONS_PER_EVENT = 10_000;

function parseStateUpdated(data: Record<string, unknown>, rev: number): StateUpdatedData | null {
  const { baseRev, at, actions, patch } = data;
  // Every commit raises rev by exactly one; an event that claims more would carry a tab past revisions
  // nobody wrote, and then it would ignore the real ones.
  if (!isRev(baseRev) || rev !== baseRev + 1 || typeof at !== 'number' || !Number.isFinite(at)) return null;
  if (!Array.isArray(actions) || actions.length > MAX_ACTIONS_PER_EVENT || !actions.every((a) => typeof a === 'string')) {
    return null;
  }
  const parsedPatch = parsePatch(patch);
  return parsedPatch ? { baseRev, at, actions: actions as ActionType[], patch: parsedPatch } : null;
}

function hasUniqueIds(entries: readonly QueueEntry[]): boolean {
  return new Set(entries.map((entry) => entry.entryId)).size === entries.length;
}

/** A patch from outside, keeping only known fields; any invalid value rejects the whole patch. */
export function parsePatch(value: unknown): Patch | null {
  if (!isPlainObject(value)) return null;
  const { set, clearQueue, removeEntries, putEntries, playlistEdits } = value;
  if (set !== undefined && !isPlainObject(set)) return null;
  if (clearQueue !== undefined && clearQueue !== true) return null;
  if (removeEntries !== undefined && !(Array.isArray(removeEntries) && removeEntries.every(isId))) return null;
  if (putEntries !== undefined && !(Array.isArray(putEntries) && putEntries.every(isQueueEntry) && hasUniqueIds(putEntries))) {
    return null;
  }
  const edits = playlistEdits === undefined ? [] : parsePlaylistEdits(playlistEdits);
  if (edits === null) return null;
  const fields: Partial<Record<keyof PlaybackFields, unknown>> = {};
  for (const name of FIELD_NAMES) {
    if (set && name in set) {
      if (!FIELD_VALIDATORS[name](set[name])) return null;
      fields[name] = set[name];
    }
  }
  return {
    set: fields as Partial<PlaybackFields>,
    ...(clearQueue ? { clearQueue: true as const } : {}),
    ...(removeEntries ? { removeEntries: removeEntries as string[] } : {}),
    ...(putEntries ? { putEntries: (putEntries as QueueEntry[]).map(copyEntry) } : {}),
    ...(edits.length ? { playlistEdits: edits } : {}),
  };
}

function copyEntry({ entryId, trackId, order }: QueueEntry): QueueEntry {
  return { entryId, trackId, order };
}

/** At most this many playlist edits in one event (one per playlist and action; a batch stays well below). */
const MAX_PLAYLIST_EDITS = 10_000;

function parsePlaylistEdits(value: unknown): PlaylistEdit[] | null {
  if (!Array.isArray(value) || value.length > MAX_PLAYLIST_EDITS) return null;
  const edits: PlaylistEdit[] = [];
  for (const edit of value) {
    if (!isPlainObject(edit) || !isId(edit.playlistId)) return null;
    const { playlistId, clear, removeEntries, putEntries } = edit;
    if (clear !== undefined && clear !== true) return null;
    if (removeEntries !== undefined && !(Array.isArray(removeEntries) && removeEntries.every(isId))) return null;
    if (putEntries !== undefined && !(Array.isArray(putEntries) && putEntries.every(isQueueEntry) && hasUniqueIds(putEntries))) return null;
    edits.push({
      playlistId,
      ...(clear ? { clear: true as const } : {}),
      ...(removeEntries ? { removeEntries: removeEntries as string[] } : {}),
      ...(putEntries ? { putEntries: (putEntries as QueueEntry[]).map(copyEntry) } : {}),
    });
  }
  return edits;
}
