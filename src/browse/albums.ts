/**
 * Albums and artists made from tracks' tags. An album is its album artist (the track artist where the tag
 * is missing) and its title: a two-disc album is one album, and a compilation (tracks by many artists
 * under one album artist, or "Various Artists") stays one album. Keys are folded, so "The Album" and
 * "the album" by the same artist are one. Tracks sort by disc, then track number, then title.
 */

import type { BrowseTrack } from './browse-track';
import { fold } from './fold';

export interface Album {
  /** Stable for the same album artist and title: used in the album's URL. */
  readonly id: string;
  readonly title: string;
  readonly artist: string;
  readonly year?: number;
  /** A cover from one of its tracks. */
  readonly artwork?: string;
  readonly tracks: readonly BrowseTrack[];
}

export interface Artist {
  readonly id: string;
  readonly name: string;
  /** Albums that are theirs (as album artist), by year then title. */
  readonly albums: readonly Album[];
  /** Every track they play on, also on other artists' albums (compilations). */
  readonly tracks: readonly BrowseTrack[];
}

export const UNKNOWN_ALBUM = 'Unknown album';

export function albumArtistOf(track: BrowseTrack): string {
  return track.albumArtist?.trim() || track.artist;
}

/** A URL-safe id for a name or pair of names: the folded text, percent-encoded where it must be. */
export function idOf(...parts: readonly string[]): string {
  return parts.map((part) => encodeURIComponent(fold(part.trim()))).join('~');
}

export function albumIdOf(track: BrowseTrack): string {
  return idOf(albumArtistOf(track), track.album?.trim() || UNKNOWN_ALBUM);
}

export function byDiscAndTrack(a: BrowseTrack, b: BrowseTrack): number {
  return (
    (a.discNumber ?? 1) - (b.discNumber ?? 1) ||
    (a.trackNumber ?? Number.MAX_SAFE_INTEGER) - (b.trackNumber ?? Number.MAX_SAFE_INTEGER) ||
    collator.compare(a.title, b.title)
  );
}

export const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export function groupAlbums(tracks: readonly BrowseTrack[]): Album[] {
  const groups = new Map<string, BrowseTrack[]>();
  // An album's tracks spell its artist and title alike: fold each spelling once, not once per track
  // (folding is most of the cost of grouping 50,000 tracks).
  const ids = new Map<string, string>();
  for (const track of tracks) {
    const spelling = `${albumArtistOf(track)}\u0000${track.album ?? ''}`;
    let id = ids.get(spelling);
    if (id === undefined) ids.set(spelling, (id = albumIdOf(track)));
    let group = groups.get(id);
    if (!group) groups.set(id, (group = []));
    group.push(track);
  }
  const albums: Album[] = [];
  for (const [id, group] of groups) {
    group.sort(byDiscAndTrack);
    const first = group[0]!;
    const year = group.find((track) => track.year !== undefined)?.year;
    const artwork = group.find((track) => track.artwork)?.artwork;
    albums.push({
      id,
      title: first.album?.trim() || UNKNOWN_ALBUM,
      artist: albumArtistOf(first),
      ...(year !== undefined ? { year } : {}),
      ...(artwork ? { artwork } : {}),
      tracks: group,
    });
  }
  return albums.sort((a, b) => collator.compare(a.artist, b.artist) || collator.compare(a.title, b.title));
}

export function groupArtists(albums: readonly Album[]): Artist[] {
  const artists = new Map<string, { name: string; albums: Album[]; tracks: BrowseTrack[] }>();
  const ids = new Map<string, string>();
  const entryFor = (name: string) => {
    let id = ids.get(name);
    if (id === undefined) ids.set(name, (id = idOf(name)));
    let entry = artists.get(id);
    if (!entry) artists.set(id, (entry = { name, albums: [], tracks: [] }));
    return entry;
  };
  for (const album of albums) {
    entryFor(album.artist).albums.push(album);
    for (const track of album.tracks) entryFor(track.artist).tracks.push(track);
  }
  return [...artists]
    .map(([id, { name, albums: own, tracks }]) => ({
      id,
      name,
      albums: own.sort((a, b) => (a.year ?? 0) - (b.year ?? 0) || collator.compare(a.title, b.title)),
      tracks,
    }))
    .sort((a, b) => collator.compare(a.name, b.name));
}
