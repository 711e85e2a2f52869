import { describe, expect, it } from 'vitest';
import type { BrowseTrack } from '../../src/browse/browse-track';
import { isSongOrder, sortSongs } from '../../src/browse/song-order';

const songs: BrowseTrack[] = [
  { id: 'a', title: 'Zebra', artist: 'Bo', album: 'Two', duration: 300, addedAt: 1 },
  { id: 'b', title: 'apple', artist: 'Ana', album: 'One', duration: 100, addedAt: 3 },
  { id: 'c', title: 'Éclair', artist: 'Ana', album: 'Two', duration: 200, addedAt: 2 },
];
const ids = (tracks: readonly BrowseTrack[]) => tracks.map((track) => track.id);

describe('sortSongs', () => {
  it('sorts by title ignoring case and accents', () => expect(ids(sortSongs(songs, 'title'))).toEqual(['b', 'c', 'a']));
  it('sorts by artist, then album', () => expect(ids(sortSongs(songs, 'artist'))).toEqual(['b', 'c', 'a']));
  it('sorts by artist, then album in disc and track order', () => {
    const album: BrowseTrack[] = [
      { id: 'd2', title: 'A', artist: 'Ana', album: 'One', discNumber: 2, trackNumber: 1 },
      { id: 'd1', title: 'B', artist: 'Ana', album: 'One', discNumber: 1, trackNumber: 2 },
    ];
    expect(ids(sortSongs([...album, ...songs], 'artist'))).toEqual(['b', 'd1', 'd2', 'c', 'a']);
  });
  it('sorts by album', () => expect(ids(sortSongs(songs, 'album'))).toEqual(['b', 'c', 'a']));
  it('sorts by date added, newest first', () => expect(ids(sortSongs(songs, 'dateAdded'))).toEqual(['b', 'c', 'a']));
  it('sorts by duration, shortest first', () => expect(ids(sortSongs(songs, 'duration'))).toEqual(['b', 'c', 'a']));
  it('leaves its input as it was', () => {
    sortSongs(songs, 'title');
    expect(ids(songs)).toEqual(['a', 'b', 'c']);
  });
  it('knows its orders', () => {
    expect(isSongOrder('duration')).toBe(true);
    expect(isSongOrder('colour')).toBe(false);
  });
});
