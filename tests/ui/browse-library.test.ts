import { describe, expect, it } from 'vitest';
import type { BrowseTrack } from '../../src/browse/browse-track';
import { search } from '../../src/browse/search';
import { appearsOn, artistTrackOrder, BrowseLibrary, browseLibraryOf } from '../../src/ui/browse-library';

const TRACKS: BrowseTrack[] = [
  { id: 'b2', title: 'Two', artist: 'Duo', album: 'Sides', discNumber: 2, trackNumber: 1, year: 2001 },
  { id: 'b1', title: 'One', artist: 'Duo', album: 'Sides', discNumber: 1, trackNumber: 1, year: 2001 },
  { id: 'e1', title: 'Early', artist: 'Duo', album: 'Demo', year: 1999 },
  { id: 'c1', title: 'Guest', artist: 'Duo', album: 'Hits', albumArtist: 'Various Artists' },
  { id: 'c2', title: 'Mi Korasón', artist: 'Los Ejemplos', album: 'Hits', albumArtist: 'Various Artists', genre: 'Cumbia' },
];

describe('BrowseLibrary', () => {
  it('groups nothing until a view asks, then once per tracks array', () => {
    let reads = 0;
    const watched = TRACKS.map(
      (track) =>
        new Proxy(track, {
          get: (target, key) => {
            reads++;
            return Reflect.get(target, key);
          },
        }),
    );
    const library = browseLibraryOf(watched);
    expect(reads).toBe(0);
    const albums = library.albums;
    expect(reads).toBeGreaterThan(0);
    expect(browseLibraryOf(watched)).toBe(library);
    expect(browseLibraryOf(watched).albums).toBe(albums);
    expect(browseLibraryOf([...watched])).not.toBe(library);
  });

  it('finds albums and artists by id, and searches folded', () => {
    const library = new BrowseLibrary(TRACKS);
    const sides = library.albums.find((album) => album.title === 'Sides')!;
    expect(library.album(sides.id)).toBe(sides);
    expect(library.album('nope')).toBeUndefined();
    const duo = library.artists.find((artist) => artist.name === 'Duo')!;
    expect(library.artist(duo.id)).toBe(duo);
    expect(search(library.index, 'korason').songs.map((track) => track.id)).toEqual(['c2']);
    expect(search(library.index, 'cumbia').songs.map((track) => track.id)).toEqual(['c2']);
  });

  it('an artist plays their albums by year, each in disc order, then the tracks they guest on', () => {
    const library = new BrowseLibrary(TRACKS);
    const duo = library.artists.find((artist) => artist.name === 'Duo')!;
    expect(artistTrackOrder(duo)).toEqual(['e1', 'b1', 'b2', 'c1']);
    expect(appearsOn(duo, library).map((album) => album.title)).toEqual(['Hits']);
    const various = library.artists.find((artist) => artist.name === 'Various Artists')!;
    expect(appearsOn(various, library)).toEqual([]);
  });
});
