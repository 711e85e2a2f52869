import { describe, expect, it } from 'vitest';
import { groupAlbums, groupArtists } from '../../src/browse/albums';
import type { BrowseTrack } from '../../src/browse/browse-track';
import { buildSearchIndex, search } from '../../src/browse/search';

const tracks: BrowseTrack[] = [
  { id: '1', title: 'Mi Korasón', artist: 'Los Tres', album: 'Canciones', genre: 'Bolero' },
  { id: '2', title: 'Night Drive', artist: 'Neon Avenue', album: 'City Lights', genre: 'Synthwave' },
  { id: '3', title: 'Morning', artist: 'Korason Band', album: 'Daybreak', genre: 'Folk' },
];
const albums = groupAlbums(tracks);
const index = buildSearchIndex(tracks, albums, groupArtists(albums));

describe('search', () => {
  it('finds across title and artist with case and diacritics folded, grouped', () => {
    const results = search(index, 'korason');
    expect(results.songs.map((track) => track.id)).toEqual(['1', '3']);
    expect(results.artists.map((artist) => artist.name)).toEqual(['Korason Band']);
    expect(results.albums.map((album) => album.title)).toEqual(['Daybreak']);
  });

  it('searches albums and genres too', () => {
    expect(search(index, 'city').songs.map((track) => track.id)).toEqual(['2']);
    expect(search(index, 'synthwave').songs.map((track) => track.id)).toEqual(['2']);
  });

  it('needs every word', () => {
    expect(search(index, 'night neon').songs).toHaveLength(1);
    expect(search(index, 'night folk').songs).toHaveLength(0);
  });

  it('finds nothing for an empty query, and stops at the limit', () => {
    expect(search(index, '  ').songs).toEqual([]);
    expect(search(index, 'o', 1).songs).toHaveLength(1);
  });
});
