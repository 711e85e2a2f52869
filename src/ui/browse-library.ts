/**
 * Albums, artists and the search index of one tracks array, each made the first time a view asks for it
 * and kept while that array lives: the Songs view at first paint does no whole-library work, and a
 * re-render or a second visit to Albums does none again. A new array (tracks imported) starts afresh.
 */

import { type Album, type Artist, albumIdOf, groupAlbums, groupArtists } from '../browse/albums';
import type { BrowseTrack } from '../browse/browse-track';
import { buildSearchIndex, type SearchIndex } from '../browse/search';

export class BrowseLibrary<T extends BrowseTrack = BrowseTrack> {
  private albumList: Album[] | null = null;
  private artistList: Artist[] | null = null;
  private albumIndex: Map<string, Album> | null = null;
  private artistIndex: Map<string, Artist> | null = null;
  private searchIndex: SearchIndex<T> | null = null;

  constructor(readonly tracks: readonly T[]) {}

  get albums(): readonly Album[] {
    return (this.albumList ??= groupAlbums(this.tracks));
  }

  get artists(): readonly Artist[] {
    return (this.artistList ??= groupArtists(this.albums));
  }

  album(id: string): Album | undefined {
    this.albumIndex ??= new Map(this.albums.map((album) => [album.id, album]));
    return this.albumIndex.get(id);
  }

  artist(id: string): Artist | undefined {
    this.artistIndex ??= new Map(this.artists.map((artist) => [artist.id, artist]));
    return this.artistIndex.get(id);
  }

  get index(): SearchIndex<T> {
    return (this.searchIndex ??= buildSearchIndex(this.tracks, this.albums, this.artists));
  }
}

const libraries = new WeakMap<readonly BrowseTrack[], BrowseLibrary>();

/** The one BrowseLibrary of this tracks array. */
export function browseLibraryOf<T extends BrowseTrack>(tracks: readonly T[]): BrowseLibrary<T> {
  let library = libraries.get(tracks) as BrowseLibrary<T> | undefined;
  if (!library) libraries.set(tracks, (library = new BrowseLibrary(tracks)));
  return library;
}

/** An artist's tracks in the order their page shows them: their own albums, then where they appear on others'. */
export function artistTrackOrder(artist: Artist): string[] {
  const ids = artist.albums.flatMap((album) => album.tracks.map((track) => track.id));
  const own = new Set(ids);
  for (const track of artist.tracks) if (!own.has(track.id)) ids.push(track.id);
  return ids;
}

/** Albums of other album artists that this artist plays on (compilations, guest spots). */
export function appearsOn(artist: Artist, library: BrowseLibrary): Album[] {
  const own = new Set(artist.albums.map((album) => album.id));
  const found = new Map<string, Album>();
  for (const track of artist.tracks) {
    const id = albumIdOf(track);
    const album = own.has(id) || found.has(id) ? undefined : library.album(id);
    if (album) found.set(id, album);
  }
  return [...found.values()];
}
