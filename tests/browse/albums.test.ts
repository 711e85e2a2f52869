import { describe, expect, it } from 'vitest';
import { albumIdOf, groupAlbums, groupArtists, UNKNOWN_ALBUM } from '../../src/browse/albums';
import type { BrowseTrack } from '../../src/browse/browse-track';

const track = (id: string, fields: Partial<BrowseTrack> = {}): BrowseTrack => ({ id, title: `Title ${id}`, artist: 'Artist', ...fields });

describe('groupAlbums', () => {
  it('makes a two-disc album one album, its tracks in disc then track order', () => {
    const albums = groupAlbums([
      track('d2t1', { album: 'Double', discNumber: 2, trackNumber: 1 }),
      track('d1t2', { album: 'Double', discNumber: 1, trackNumber: 2 }),
      track('d1t1', { album: 'Double', discNumber: 1, trackNumber: 1 }),
      track('d2t2', { album: 'Double', discNumber: 2, trackNumber: 2 }),
    ]);
    expect(albums).toHaveLength(1);
    expect(albums[0]!.tracks.map((t) => t.id)).toEqual(['d1t1', 'd1t2', 'd2t1', 'd2t2']);
  });

  it('keeps a compilation (many track artists, one album artist) as one album under its album artist', () => {
    const albums = groupAlbums([
      track('1', { album: 'Hits 2026', artist: 'Ana', albumArtist: 'Various Artists', trackNumber: 1 }),
      track('2', { album: 'Hits 2026', artist: 'Bo', albumArtist: 'Various Artists', trackNumber: 2 }),
      track('3', { album: 'Hits 2026', artist: 'Cy', albumArtist: 'Various Artists', trackNumber: 3 }),
    ]);
    expect(albums).toHaveLength(1);
    expect(albums[0]).toMatchObject({ title: 'Hits 2026', artist: 'Various Artists' });
  });

  it('keeps two artists’ albums of the same name apart', () => {
    const albums = groupAlbums([
      track('1', { album: 'Greatest Hits', artist: 'Ana' }),
      track('2', { album: 'Greatest Hits', artist: 'Bo' }),
    ]);
    expect(albums.map((album) => album.artist)).toEqual(['Ana', 'Bo']);
  });

  it('treats names that differ only in case or accents as one album', () => {
    const albums = groupAlbums([track('1', { album: 'Café Tacvba' }), track('2', { album: 'cafe tacvba' })]);
    expect(albums).toHaveLength(1);
  });

  it('puts tracks without an album tag in their artist’s "Unknown album"', () => {
    const [album] = groupAlbums([track('1'), track('2')]);
    expect(album).toMatchObject({ title: UNKNOWN_ALBUM, artist: 'Artist' });
  });

  it('gives an album an id that is stable and the same for every track of it', () => {
    const a = track('1', { album: 'Hits', albumArtist: 'Various Artists', artist: 'Ana' });
    const b = track('2', { album: 'HITS', albumArtist: 'various artists', artist: 'Bo' });
    expect(albumIdOf(a)).toBe(albumIdOf(b));
    expect(groupAlbums([a, b])[0]!.id).toBe(albumIdOf(a));
  });

  it('takes the year and the cover from its tracks', () => {
    const [album] = groupAlbums([track('1', { album: 'A' }), track('2', { album: 'A', year: 1999, artwork: 'art.webp' })]);
    expect(album).toMatchObject({ year: 1999, artwork: 'art.webp' });
  });
});

describe('groupArtists', () => {
  it('lists an artist’s own albums by year and every track they play on, compilations included', () => {
    const albums = groupAlbums([
      track('1', { album: 'Later', artist: 'Ana', year: 2020 }),
      track('2', { album: 'Earlier', artist: 'Ana', year: 2010 }),
      track('3', { album: 'Hits', artist: 'Ana', albumArtist: 'Various Artists' }),
      track('4', { album: 'Hits', artist: 'Bo', albumArtist: 'Various Artists' }),
    ]);
    const artists = groupArtists(albums);
    const ana = artists.find((artist) => artist.name === 'Ana')!;
    expect(ana.albums.map((album) => album.title)).toEqual(['Earlier', 'Later']);
    expect(ana.tracks.map((t) => t.id).sort()).toEqual(['1', '2', '3']);
    expect(artists.map((artist) => artist.name)).toEqual(['Ana', 'Bo', 'Various Artists']);
  });
});
