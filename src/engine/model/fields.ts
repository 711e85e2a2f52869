/**
 * What a valid value of each playback field looks like. One definition serves both the repair of a stored
 * record and the validation of an incoming event, so the two can never disagree.
 */

import { isOrderKey } from './order-key-format';
import {
  HISTORY_LIMIT,
  PLAYLIST_LIMIT,
  PLAYLIST_NAME_LIMIT,
  type PlaybackFields,
  type PlaylistInfo,
  type QueueEntry,
  RATE_RANGE,
  REPEAT_MODES,
  type ResumePoint,
  VOLUME_RANGE,
} from './state';

/** The longest id a track, entry or tab may have: one limit for the catalog, the store and the channel. */
export const MAX_ID_LENGTH = 200;

export function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;
}

function isFiniteAtLeast(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min;
}

function isInRange(value: unknown, range: { min: number; max: number }): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= range.min && value <= range.max;
}

export const FIELD_VALIDATORS: { readonly [K in keyof PlaybackFields]: (value: unknown) => boolean } = {
  currentTrackId: (value) => value === null || isId(value),
  positionSeconds: (value) => isFiniteAtLeast(value, 0),
  positionAt: (value) => isFiniteAtLeast(value, 0),
  positionEpoch: (value) => value === '' || isId(value),
  playing: (value) => typeof value === 'boolean',
  volume: (value) => isInRange(value, VOLUME_RANGE),
  muted: (value) => typeof value === 'boolean',
  rate: (value) => isInRange(value, RATE_RANGE),
  shuffle: (value) => typeof value === 'boolean',
  repeat: (value) => REPEAT_MODES.includes(value as never),
  ownerTabId: (value) => value === null || isId(value),
  history: (value) => Array.isArray(value) && value.length <= HISTORY_LIMIT && value.every(isId),
  resumePoints: (value) => Array.isArray(value) && value.length <= HISTORY_LIMIT && value.every(isResumePoint),
  currentTrackLong: (value) => typeof value === 'boolean',
  baseRate: (value) => isInRange(value, RATE_RANGE),
  playlists: (value) =>
    Array.isArray(value) &&
    value.length <= PLAYLIST_LIMIT &&
    value.every(isPlaylistInfo) &&
    new Set(value.map((playlist: PlaylistInfo) => playlist.playlistId)).size === value.length,
};

/** A name a person may give a playlist: some text, not only spaces, within the limit. */
export function isPlaylistName(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= PLAYLIST_NAME_LIMIT;
}

function isResumePoint(value: unknown): value is ResumePoint {
  if (!isPlainObject(value)) return false;
  return (
    isId(value.trackId) && isFiniteAtLeast(value.positionSeconds, 0) && isInRange(value.rate, RATE_RANGE) && isFiniteAtLeast(value.at, 0)
  );
}

function isPlaylistInfo(value: unknown): value is PlaylistInfo {
  if (!isPlainObject(value)) return false;
  return isId(value.playlistId) && isPlaylistName(value.name) && isFiniteAtLeast(value.createdAt, 0);
}

export const FIELD_NAMES = Object.keys(FIELD_VALIDATORS) as (keyof PlaybackFields)[];

/**
 * Fields added after the first release: a record saved before them simply lacks them, which is not
 * damage, so a missing one takes its default without a complaint.
 */
export const LATER_FIELDS: ReadonlySet<keyof PlaybackFields> = new Set([
  'positionEpoch',
  'playlists',
  'resumePoints',
  'currentTrackLong',
  'baseRate',
]);

export function isQueueEntry(value: unknown): value is QueueEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return isId(entry.entryId) && isId(entry.trackId) && isOrderKey(entry.order);
}

/** A non-negative safe integer: the only acceptable revision. */
export function isRev(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
