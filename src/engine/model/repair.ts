/**
 * Turns whatever is stored into a sane state: keeps every valid field, replaces the rest with defaults,
 * and lists what it changed so the user can be told once. Never lowers `rev`.
 */

import { FIELD_NAMES, FIELD_VALIDATORS, isPlainObject, isQueueEntry, isRev, LATER_FIELDS } from './fields';
import { appendedKeys } from './order-key-format';
import { byOrderKey, initialState, type PlaybackFields, type PlaybackState, type QueueEntry } from './state';

export interface RepairResult {
  readonly state: PlaybackState;
  /** One sentence per problem found; empty when the record was sound. */
  readonly problems: readonly string[];
}

function isIsoTime(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

/**
 * @param record what `playback_states` holds for this device (undefined when nothing is saved yet)
 * @param storedEntries what `queue_entries` holds for this device, in order
 * @param minRev the highest rev known elsewhere (the event log): the repaired rev is never below it
 * @param storedPlaylistEntries what `playlist_entries` holds for this device: entries with their `playlistId`
 */
export function repairRecord(
  record: unknown,
  storedEntries: readonly unknown[],
  deviceId: string,
  nowMs: number,
  minRev = 0,
  storedPlaylistEntries: readonly unknown[] = [],
): RepairResult {
  if (record === undefined) {
    // Nothing saved yet: the state every tab computes alike. With events logged, the record itself was
    // lost, and the next write starts it again now.
    return { state: { ...initialState(deviceId, minRev > 0 ? nowMs : 0), rev: minRev }, problems: [] };
  }
  const defaults = initialState(deviceId, nowMs);
  if (!isPlainObject(record)) {
    // The record is lost, but the queue lives in its own store: keep what of it is readable.
    const problems = ['The saved session was unreadable and has been reset.'];
    return { state: { ...defaults, rev: minRev, queueRev: minRev, queue: repairQueue(storedEntries, problems) }, problems };
  }
  const problems: string[] = [];
  const fields: Record<string, unknown> = {};
  for (const name of FIELD_NAMES) {
    if (FIELD_VALIDATORS[name](record[name])) fields[name] = record[name];
    else if (record[name] === undefined && LATER_FIELDS.has(name)) continue;
    else problems.push(`The saved ${describeField(name)} was invalid (${describeValue(record[name])}) and was reset.`);
  }
  // Saved before short and long tracks had speeds of their own: the speed then is the one short tracks keep.
  if (record.baseRate === undefined && fields.rate !== undefined) fields.baseRate = fields.rate;
  const rev = isRev(record.rev) ? Math.max(record.rev, minRev) : minRev;
  if (!isRev(record.rev)) problems.push(`The saved revision was invalid (${describeValue(record.rev)}).`);
  const queue = repairQueue([...storedEntries, ...legacyInlineQueue(record.queue)], problems);
  const summary = isPlainObject(record.queue) ? record.queue : {};
  return {
    state: {
      ...defaults,
      ...(fields as Partial<PlaybackFields>),
      deviceId,
      rev,
      queueRev: isRev(summary.rev) ? Math.min(summary.rev, rev) : rev,
      queue,
      playlistEntries: repairPlaylistEntries(
        storedPlaylistEntries,
        (fields.playlists as PlaybackFields['playlists'] | undefined) ?? [],
        problems,
      ),
      insertedAt: isIsoTime(record.insertedAt) ? record.insertedAt : defaults.insertedAt,
      updatedAt: isIsoTime(record.updatedAt) ? record.updatedAt : defaults.updatedAt,
    },
    problems,
  };
}

/**
 * A record whose `queue` is an array (track ids, or entries) keeps its tracks: they become entries in
 * their own store. Guards against a hand-edited or older record.
 */
function legacyInlineQueue(queue: unknown): unknown[] {
  if (!Array.isArray(queue)) return [];
  const orders = appendedKeys(queue.length);
  return queue.map((item, i) => (typeof item === 'string' ? { entryId: `restored.${i}`, trackId: item, order: orders[i] } : item));
}

/**
 * Each playlist's readable entries, in order. Entries of a playlist the record does not list (it was
 * deleted, or the record was reset) are not shown; they are not damage, so nobody is told.
 */
function repairPlaylistEntries(
  candidates: readonly unknown[],
  playlists: PlaybackFields['playlists'],
  problems: string[],
): PlaybackState['playlistEntries'] {
  const byPlaylist: Record<string, QueueEntry[]> = {};
  for (const { playlistId } of playlists) byPlaylist[playlistId] = [];
  const seen = new Set<string>();
  let dropped = 0;
  for (const candidate of candidates) {
    const playlistId = isPlainObject(candidate) ? candidate.playlistId : undefined;
    if (typeof playlistId !== 'string' || !(playlistId in byPlaylist)) continue;
    const key = `${playlistId}\n${isQueueEntry(candidate) ? candidate.entryId : ''}`;
    if (!isQueueEntry(candidate) || seen.has(key)) {
      dropped++;
      continue;
    }
    seen.add(key);
    byPlaylist[playlistId]!.push({ entryId: candidate.entryId, trackId: candidate.trackId, order: candidate.order });
  }
  if (dropped > 0) problems.push(`${dropped} unreadable playlist ${dropped === 1 ? 'entry was' : 'entries were'} dropped.`);
  for (const entries of Object.values(byPlaylist)) entries.sort(byOrderKey);
  return byPlaylist;
}

function repairQueue(candidates: readonly unknown[], problems: string[]): QueueEntry[] {
  const seen = new Set<string>();
  const queue: QueueEntry[] = [];
  let dropped = 0;
  for (const candidate of candidates) {
    if (!isQueueEntry(candidate) || seen.has(candidate.entryId)) {
      dropped++;
      continue;
    }
    seen.add(candidate.entryId);
    queue.push({ entryId: candidate.entryId, trackId: candidate.trackId, order: candidate.order });
  }
  if (dropped > 0) problems.push(`${dropped} unreadable queue ${dropped === 1 ? 'entry was' : 'entries were'} dropped.`);
  return queue.sort(byOrderKey);
}

const FIELD_DESCRIPTIONS: Record<keyof PlaybackFields, string> = {
  currentTrackId: 'current track',
  positionSeconds: 'position',
  positionAt: 'position time',
  positionEpoch: 'position epoch',
  playing: 'play state',
  volume: 'volume',
  muted: 'mute setting',
  rate: 'playback rate',
  shuffle: 'shuffle setting',
  repeat: 'repeat mode',
  ownerTabId: 'playing tab',
  history: 'history',
  playlists: 'playlists',
  resumePoints: 'places in long tracks',
  currentTrackLong: 'long-track setting',
  baseRate: 'playback speed',
};

function describeField(name: keyof PlaybackFields): string {
  return FIELD_DESCRIPTIONS[name];
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
