/**
 * One search box across title, artist, album and genre, folded (case and diacritics), every word
 * required, results grouped into songs, albums and artists. The folded text is built once per library,
 * so a keystroke costs one pass of `includes` over prepared strings.
 */

import type { Album, Artist } from './albums';
import type { BrowseTrack } from './browse-track';
import { fold, queryWords } from './fold';

export interface SearchIndex<T extends BrowseTrack> {
  readonly tracks: readonly { readonly track: T; readonly text: string }[];
  readonly albums: readonly { readonly album: Album; readonly text: string }[];
  readonly artists: readonly { readonly artist: Artist; readonly text: string }[];
}

export interface SearchResults<T extends BrowseTrack> {
  readonly songs: readonly T[];
  readonly albums: readonly Album[];
  readonly artists: readonly Artist[];
}

export function buildSearchIndex<T extends BrowseTrack>(
  tracks: readonly T[],
  albums: readonly Album[],
  artists: readonly Artist[],
): SearchIndex<T> {
  return {
    tracks: tracks.map((track) => ({ track, text: fold(`${track.title}\n${track.artist}\n${track.album ?? ''}\n${track.genre ?? ''}`) })),
    albums: albums.map((album) => ({ album, text: fold(`${album.title}\n${album.artist}`) })),
    artists: artists.map((artist) => ({ artist, text: fold(artist.name) })),
  };
}

export function search<T extends BrowseTrack>(index: SearchIndex<T>, query: string, limit = Number.POSITIVE_INFINITY): SearchResults<T> {
  const words = queryWords(query);
  if (words.length === 0) return { songs: [], albums: [], artists: [] };
  const matches = (text: string) => words.every((word) => text.includes(word));
  return {
    songs: pick(index.tracks, matches, limit).map((entry) => entry.track),
    albums: pick(index.albums, matches, limit).map((entry) => entry.album),
    artists: pick(index.artists, matches, limit).map((entry) => entry.artist),
  };
}

function pick<E extends { readonly text: string }>(entries: readonly E[], matches: (text: string) => boolean, limit: number): E[] {
  const found: E[] = [];
  for (const entry of entries) {
    if (found.length >= limit) break;
    if (matches(entry.text)) found.push(entry);
  }
  return found;
}
