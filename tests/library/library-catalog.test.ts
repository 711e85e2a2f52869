import { describe, expect, it } from 'vitest';
import { groupAlbums } from '../../src/browse/albums';
import { exportPlaylist } from '../../src/browse/playlist-files';
import type { Track } from '../../src/catalog/catalog';
import { toCatalogTrack, withLibrary } from '../../src/library/library-catalog';
import type { LibraryTrackRecord } from '../../src/library/library-records';

const record = (id: string, fields: Partial<LibraryTrackRecord>): LibraryTrackRecord => ({
  id,
  sourceId: 'src',
  path: `${id}.mp3`,
  size: 1000,
  lastModified: 0,
  addedAt: 1_700_000_000_000,
  copied: false,
  title: `Title ${id}`,
  artist: 'Artist',
  album: 'Album',
  albumArtist: 'Artist',
  ...fields,
});

const asTrack = (r: LibraryTrackRecord) => toCatalogTrack(r, true, undefined, false, () => Promise.resolve(new Blob()));

describe('toCatalogTrack', () => {
  it('keeps the tags browsing groups and sorts by', () => {
    const track = asTrack(record('a', { albumArtist: 'Various Artists', genre: 'Jazz', trackNumber: 3, discNumber: 2, year: 1999 }));
    expect(track).toMatchObject({
      albumArtist: 'Various Artists',
      genre: 'Jazz',
      trackNumber: 3,
      discNumber: 2,
      year: 1999,
      addedAt: 1_700_000_000_000,
    });
  });

  it('keeps the path inside its folder, so a playlist file names the track by it', () => {
    const track = asTrack(record('a', { path: 'Jazz/Blue Hour.mp3', title: 'Blue Hour', artist: 'Ana', duration: 200 }));
    expect(track.relativePath).toBe('Jazz/Blue Hour.mp3');
    expect(exportPlaylist('Mine', ['a'], new Map([['a', track]]))).toContain('#EXTINF:200,Ana - Blue Hour\nJazz/Blue Hour.mp3\n');
  });

  it('lets an imported two-disc compilation be one album in disc and track order', () => {
    const tracks = [
      record('d2t1', { artist: 'Bo', albumArtist: 'Various Artists', discNumber: 2, trackNumber: 1 }),
      record('d1t2', { artist: 'Ana', albumArtist: 'Various Artists', discNumber: 1, trackNumber: 2 }),
      record('d1t1', { artist: 'Cy', albumArtist: 'Various Artists', discNumber: 1, trackNumber: 1 }),
    ].map(asTrack);
    const albums = groupAlbums(tracks);
    expect(albums).toHaveLength(1);
    expect(albums[0]!.artist).toBe('Various Artists');
    expect(albums[0]!.tracks.map((t) => t.id)).toEqual(['d1t1', 'd1t2', 'd2t1']);
  });
});

describe('withLibrary', () => {
  const track = (id: string, title = id): Track => ({ id, title, artist: 'Artist', url: `${id}.mp3` });
  const deployed = { tracks: [track('t1'), track('t2')], byId: new Map([track('t1'), track('t2')].map((t) => [t.id, t])) };

  it('puts the person’s tracks after the deployer’s, and finds both by id without changing the deployer’s map', () => {
    const local = [track('local-a'), track('local-b')];
    const catalog = withLibrary(deployed, local);
    expect(catalog.tracks.map((t) => t.id)).toEqual(['t1', 't2', 'local-a', 'local-b']);
    expect(catalog.byId.get('t2')?.id).toBe('t2');
    expect(catalog.byId.get('local-b')).toBe(local[1]);
    expect(catalog.byId.has('local-a')).toBe(true);
    expect(catalog.byId.has('missing')).toBe(false);
    expect(catalog.byId.size).toBe(4);
    expect([...catalog.byId.keys()]).toEqual(['t1', 't2', 'local-a', 'local-b']);
    expect(deployed.byId.size).toBe(2);
  });

  it('lets a track of the person’s stand for a deployer’s track of the same id, counted once', () => {
    const mine = track('t1', 'Mine');
    const catalog = withLibrary(deployed, [mine]);
    expect(catalog.byId.get('t1')).toBe(mine);
    expect(catalog.byId.size).toBe(2);
    expect([...catalog.byId.values()].map((t) => t.title)).toEqual(['t2', 'Mine']);
  });

  it('without a deployer’s catalog, is the person’s tracks alone', () => {
    const catalog = withLibrary(null, [track('local-a')]);
    expect([...catalog.byId.keys()]).toEqual(['local-a']);
  });
});
