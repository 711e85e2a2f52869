/**
 * Whether a message from another tab, or a row of the event log, is an event this app can apply: every
 * field checked, unknown ones dropped. It never throws, whatever arrives. Kept apart from events.ts because
 * nothing arrives before the first paint: the sync channel loads it beside the page, not in front of it.
 */

import type { ActionType } from './actions';
import { type ChannelEvent, PROTOCOL_VERSION, STATE_REQUESTED, STATE_SNAPSHOT, STATE_UPDATED, type StateUpdatedData } from './events';
import { FIELD_NAMES, FIELD_VALIDATORS, isId, isPlainObject, isQueueEntry, isRev } from './fields';
import type { Patch, PlaylistEdit } from './patch';
import { repairRecord } from './repair';
import type { PlaybackFields, PlaybackState, QueueEntry } from './state';

export type RejectReason = 'not-an-object' | 'bad-envelope' | 'wrong-topic' | 'unknown-type' | 'bad-data' | 'newer-version';

export type ParsedMessage =
  | { readonly ok: true; readonly event: ChannelEvent }
  | { readonly ok: false; readonly reason: RejectReason; readonly version?: number };

export type ParseEvent = typeof parseEvent;

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
