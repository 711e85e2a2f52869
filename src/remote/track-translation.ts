/**
 * Track ids between this device and the shared document. Catalog tracks have the same id everywhere. A
 * track of a device's own library goes into the document with what identifies it; another device finds
 * its own copy by MusicBrainz recording id, else by folded artist, album and title with durations within
 * 2 s (matchTrack), and keeps an unmatched one as an `elsewhere:` id (track-elsewhere.ts): shown as
 * `Not on this device`, skipped there, never deleted.
 */

import type { Catalog, Track } from '../catalog/catalog';
import { MAX_ID_LENGTH } from '../engine/model/fields';
import { ELSEWHERE_PREFIX, elsewhereTrack, type TrackIdentity } from './track-elsewhere';

/** A track as the document names it: its id on the device that wrote it, and how to find it elsewhere. */
export interface SharedTrackRef {
  readonly trackId: string;
  readonly track?: TrackIdentity;
}

export interface TrackTranslation {
  /** This device's id for a track the document names. */
  local(ref: SharedTrackRef): string;
  /** How the document names this device's track. */
  shared(trackId: string): SharedTrackRef;
}

/** Every id means the same track on every device (no own libraries): what tests of plain queues use. */
export const SAME_TRACKS: TrackTranslation = {
  local: (ref) => ref.trackId,
  shared: (trackId) => ({ trackId }),
};

export function identityOf(track: TrackIdentity): TrackIdentity {
  return {
    ...(track.musicBrainzId ? { musicBrainzId: track.musicBrainzId } : {}),
    artist: track.artist,
    ...(track.album ? { album: track.album } : {}),
    title: track.title,
    ...(track.duration !== undefined ? { duration: track.duration } : {}),
  };
}

export function isTrackIdentity(value: unknown): value is TrackIdentity {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.artist === 'string' &&
    typeof v.title === 'string' &&
    (v.album === undefined || typeof v.album === 'string') &&
    (v.duration === undefined || typeof v.duration === 'number') &&
    (v.musicBrainzId === undefined || typeof v.musicBrainzId === 'string')
  );
}

/** The id this device gives another device's track `originalId`. Long tags are shortened to fit an id. */
export function elsewhereTrackId(originalId: string, identity: TrackIdentity): string {
  let { title, artist, album = '' } = identity;
  for (;;) {
    const id =
      ELSEWHERE_PREFIX + JSON.stringify([originalId, title, artist, album, identity.duration ?? null, identity.musicBrainzId ?? null]);
    if (id.length <= MAX_ID_LENGTH || (title.length <= 1 && artist.length <= 1 && album.length === 0)) return id.slice(0, MAX_ID_LENGTH);
    // Shorten the longest text by a fifth: the title usually keeps the most.
    if (album.length >= title.length && album.length >= artist.length) album = album.slice(0, Math.floor(album.length * 0.8));
    else if (artist.length > title.length) artist = artist.slice(0, Math.max(1, Math.floor(artist.length * 0.8)));
    else title = title.slice(0, Math.max(1, Math.floor(title.length * 0.8)));
  }
}

/** The translation for this device's catalog (the deployer's tracks and the person's own). */
export function trackTranslation(catalog: Catalog | null): TrackTranslation {
  const own = new OwnTracks(catalog?.tracks.filter((track) => track.local) ?? []);
  return {
    local(ref) {
      if (catalog?.byId.has(ref.trackId) || !isTrackIdentity(ref.track)) return ref.trackId;
      return own.match(ref.track)?.id ?? elsewhereTrackId(ref.trackId, ref.track);
    },
    shared(trackId) {
      const elsewhere = elsewhereTrack(trackId);
      if (elsewhere) return { trackId: elsewhere.originalId, track: identityOf(elsewhere) };
      const track = catalog?.byId.get(trackId);
      return track?.local ? { trackId, track: identityOf(track) } : { trackId };
    },
  };
}

/** This device's own tracks, indexed so that matching a long queue does not read the library per entry. */
class OwnTracks {
  private readonly byMusicBrainzId = new Map<string, Track[]>();
  private readonly byTags = new Map<string, Track[]>();

  constructor(tracks: readonly Track[]) {
    for (const track of tracks) {
      if (track.musicBrainzId) push(this.byMusicBrainzId, track.musicBrainzId, track);
      push(this.byTags, tagsKey(track), track);
    }
  }

  match(wanted: TrackIdentity): Track | null {
    const candidates = [
      ...((wanted.musicBrainzId && this.byMusicBrainzId.get(wanted.musicBrainzId)) || []),
      ...(this.byTags.get(tagsKey(wanted)) ?? []),
    ];
    return matchTrack(wanted, candidates);
  }
}

function tagsKey(track: TrackIdentity): string {
  return `${foldText(track.artist)}\u0000${foldText(track.album ?? '')}\u0000${foldText(track.title)}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

// ── Matching ─────────────────────────────────────────────────────────────────────────────────────

/** Lower case, accents and punctuation gone, spaces collapsed: "Beyoncé – Halo!" → "beyonce halo". */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Two durations this close are the same recording (encoders and tags differ by a little). */
export const DURATION_TOLERANCE_SECONDS = 2;

/**
 * This device's copy of a track from another device: by MusicBrainz recording id where both are tagged,
 * else by folded artist, album and title with durations within 2 s (where both are known). Null: the
 * track is `Not on this device`.
 */
export function matchTrack<T extends TrackIdentity>(wanted: TrackIdentity, candidates: readonly T[]): T | null {
  if (wanted.musicBrainzId) {
    const byId = candidates.find((track) => track.musicBrainzId === wanted.musicBrainzId);
    if (byId) return byId;
  }
  const artist = foldText(wanted.artist);
  const album = foldText(wanted.album ?? '');
  const title = foldText(wanted.title);
  for (const track of candidates) {
    if (wanted.musicBrainzId && track.musicBrainzId && track.musicBrainzId !== wanted.musicBrainzId) continue;
    if (foldText(track.artist) !== artist || foldText(track.album ?? '') !== album || foldText(track.title) !== title) continue;
    if (
      wanted.duration !== undefined &&
      track.duration !== undefined &&
      Math.abs(wanted.duration - track.duration) > DURATION_TOLERANCE_SECONDS
    ) {
      continue;
    }
    return track;
  }
  return null;
}
