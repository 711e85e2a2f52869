/**
 * The playback state of one device: what every tab of a browser shows and what a restart restores.
 * Mirrors the seed's `playback_states` table, plus what playback needs. Plain data only, so it can be
 * stored in IndexedDB and posted on a BroadcastChannel without a DataCloneError.
 */

export type RepeatMode = 'off' | 'all' | 'one';
export const REPEAT_MODES: readonly RepeatMode[] = ['off', 'all', 'one'];

/** One entry of what comes next. Its own id, so the same track can be queued twice. */
export interface QueueEntry {
  readonly entryId: string;
  readonly trackId: string;
  /** Fractional order key: entries sort by it, and a move rewrites one entry, not the whole queue. */
  readonly order: string;
}

/** Queue order: by order key, compared as JavaScript and IndexedDB both compare strings. */
export function byOrderKey(a: QueueEntry, b: QueueEntry): number {
  return a.order < b.order ? -1 : a.order > b.order ? 1 : 0;
}

/** A saved playlist's name and identity; its entries are kept apart, like the queue's. */
export interface PlaylistInfo {
  readonly playlistId: string;
  readonly name: string;
  /** Wall-clock milliseconds when it was made: playlists are listed in that order. */
  readonly createdAt: number;
}

/** The longest playlist name, in characters. */
export const PLAYLIST_NAME_LIMIT = 200;
/** More playlists than anyone keeps: a bound on what a record or an event may carry. */
export const PLAYLIST_LIMIT = 1000;

/** Where a long track was left, and at what speed (see resume-points.ts). */
export interface ResumePoint {
  readonly trackId: string;
  readonly positionSeconds: number;
  readonly rate: number;
  /** Wall-clock milliseconds when it was left. */
  readonly at: number;
}

/** How many tracks played before are kept for `Previous` and for repeat-all. */
export const HISTORY_LIMIT = 100;

export const VOLUME_RANGE = { min: 0, max: 1 } as const;
export const RATE_RANGE = { min: 0.25, max: 4 } as const;

/** The scalar fields of the state: what a patch may `set`. */
export interface PlaybackFields {
  readonly currentTrackId: string | null;
  /** Where the current track was at `positionAt`. */
  readonly positionSeconds: number;
  /** Wall-clock milliseconds at which `positionSeconds` was true; the basis of extrapolation while playing. */
  readonly positionAt: number;
  /**
   * The id of the last action that moved the position (play, seek, next…). A checkpoint measured before
   * it is stale and is refused, so a late checkpoint can never undo a seek.
   */
  readonly positionEpoch: string;
  readonly playing: boolean;
  readonly volume: number;
  readonly muted: boolean;
  readonly rate: number;
  readonly shuffle: boolean;
  readonly repeat: RepeatMode;
  /** The tab that last started playback, and so the tab the sound comes from. */
  readonly ownerTabId: string | null;
  /** Track ids played before the current one, oldest first, at most HISTORY_LIMIT. */
  readonly history: readonly string[];
  /** The saved playlists, oldest first. */
  readonly playlists: readonly PlaylistInfo[];
  /** Long tracks left before their end, most recently left first. */
  readonly resumePoints: readonly ResumePoint[];
  /** Whether the current track is long, and so keeps its own place and speed when it is left. */
  readonly currentTrackLong: boolean;
  /** The speed short tracks play at; a long track may have its own. */
  readonly baseRate: number;
}

export interface PlaybackState extends PlaybackFields {
  readonly deviceId: string;
  /** Raised by one by every committed change; never lowered, repairs included. */
  readonly rev: number;
  /** The rev of the last change that touched the queue. */
  readonly queueRev: number;
  /** What comes next, sorted by `order`. Does not contain the current track. */
  readonly queue: readonly QueueEntry[];
  /** Each playlist's entries by playlist id, sorted by `order` (entries of the queue's shape). */
  readonly playlistEntries: Readonly<Record<string, readonly QueueEntry[]>>;
  readonly insertedAt: string;
  readonly updatedAt: string;
}

/**
 * The state of a device with nothing saved yet. Every tab must compute the same one (the first commit's
 * patch is applied to it in each tab), so it depends on nothing local; `insertedAt` is stamped by that
 * first commit (see applyEvent). `nowMs` is for repairs, which write the whole state.
 */
export function initialState(deviceId: string, nowMs = 0): PlaybackState {
  const now = new Date(nowMs).toISOString();
  return {
    deviceId,
    rev: 0,
    queueRev: 0,
    currentTrackId: null,
    positionSeconds: 0,
    positionAt: nowMs,
    positionEpoch: '',
    playing: false,
    volume: 1,
    muted: false,
    rate: 1,
    shuffle: false,
    repeat: 'off',
    ownerTabId: null,
    history: [],
    playlists: [],
    resumePoints: [],
    currentTrackLong: false,
    baseRate: 1,
    queue: [],
    playlistEntries: {},
    insertedAt: now,
    updatedAt: now,
  };
}

/**
 * Where the current track is now. A paused state is where it was left; a playing one has moved on by the
 * wall-clock time since the last checkpoint. Never negative, even if the clock jumped backwards.
 */
export function positionAt(state: PlaybackFields, nowMs: number): number {
  if (!state.playing) return state.positionSeconds;
  const elapsedSeconds = Math.max(0, nowMs - state.positionAt) / 1000;
  return state.positionSeconds + elapsedSeconds * state.rate;
}
