/**
 * A track of another device's own library that this device does not have. Its queue and playlist entries
 * keep it under an id of its own, `elsewhere:` and the JSON of what identifies it, so that every tab (sync
 * loaded or not) can show its title with `Not on this device`, skip it when playing reaches it, and never
 * take it for a track that left this library (which would be dropped). Tiny and import-free: the queue's
 * row, Now playing and the session housekeeping ask it (the id is made in track-translation.ts, with sync).
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

export function isElsewhereTrackId(trackId: string): boolean {
  return trackId.startsWith(ELSEWHERE_PREFIX);
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
