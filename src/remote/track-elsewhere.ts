/**
 * A track of another device's own library that this device does not have. Its queue and playlist entries
 * keep it under an id of its own, `elsewhere:` and the JSON of what identifies it, so that every tab (sync
 * loaded or not) can show its title with `Not on this device`, skip it when playing reaches it, and never
 * take it for a track that left this library (which would be dropped). Tiny and import-free: the queue's
 * row and the session housekeeping ask it.
 */

/** What identifies a track on another device, for tracks that are not in the shared catalog. */
export interface TrackIdentity {
  readonly musicBrainzId?: string;
  readonly artist: string;
  readonly album?: string;
  readonly title: string;
  /** Seconds. */
  readonly duration?: number;
}

export interface ElsewhereTrack extends TrackIdentity {
  /** The track's id on the device whose library has it. */
  readonly originalId: string;
}

export const ELSEWHERE_PREFIX = 'elsewhere:';

/** Track ids are at most this long (the engine's MAX_ID_LENGTH, not imported: this file stays import-free). */
const ID_LIMIT = 200;

export function isElsewhereTrackId(trackId: string): boolean {
  return trackId.startsWith(ELSEWHERE_PREFIX);
}

/** The id this device gives another device's track `originalId`. Long tags are shortened to fit an id. */
export function elsewhereTrackId(originalId: string, identity: TrackIdentity): string {
  let { title, artist, album = '' } = identity;
  for (;;) {
    const id =
      ELSEWHERE_PREFIX + JSON.stringify([originalId, title, artist, album, identity.duration ?? null, identity.musicBrainzId ?? null]);
    if (id.length <= ID_LIMIT || (title.length <= 1 && artist.length <= 1 && album.length === 0)) return id.slice(0, ID_LIMIT);
    // Shorten the longest text by a fifth: the title usually keeps the most.
    if (album.length >= title.length && album.length >= artist.length) album = album.slice(0, Math.floor(album.length * 0.8));
    else if (artist.length > title.length) artist = artist.slice(0, Math.max(1, Math.floor(artist.length * 0.8)));
    else title = title.slice(0, Math.max(1, Math.floor(title.length * 0.8)));
  }
}

/** What an `elsewhere:` id says, or null for any other id (or one that is not well formed). */
export function elsewhereTrack(trackId: string): ElsewhereTrack | null {
  if (!isElsewhereTrackId(trackId)) return null;
  try {
    const parts = JSON.parse(trackId.slice(ELSEWHERE_PREFIX.length)) as unknown;
    if (!Array.isArray(parts)) return null;
    const [originalId, title, artist, album, duration, musicBrainzId] = parts as unknown[];
    if (typeof originalId !== 'string' || typeof title !== 'string' || typeof artist !== 'string') return null;
    return {
      originalId,
      title,
      artist,
      ...(typeof album === 'string' && album ? { album } : {}),
      ...(typeof duration === 'number' ? { duration } : {}),
      ...(typeof musicBrainzId === 'string' ? { musicBrainzId } : {}),
    };
  } catch {
    return null;
  }
}
