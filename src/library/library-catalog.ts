/**
 * The person's tracks as the rest of the app sees tracks (catalog Track), beside the deployer's catalog:
 * the same list, the same buttons, the same engine. Sorted as a shelf is: album artist, album, disc, track.
 */

import type { Catalog, Track } from '../catalog/catalog';
import type { LibraryTrackRecord } from './library-records';

export function toCatalogTrack(
  record: LibraryTrackRecord,
  available: boolean,
  artworkUrl: string | undefined,
  loose: boolean,
  open: () => Promise<Blob>,
): Track {
  return {
    id: record.id,
    title: record.title,
    artist: record.artist,
    ...(record.album ? { album: record.album } : {}),
    // The tags browsing groups and sorts by: album artist (compilations), disc and track order, date added.
    ...(record.albumArtist ? { albumArtist: record.albumArtist } : {}),
    ...(record.genre ? { genre: record.genre } : {}),
    ...(record.trackNumber !== undefined ? { trackNumber: record.trackNumber } : {}),
    ...(record.discNumber !== undefined ? { discNumber: record.discNumber } : {}),
    ...(record.year !== undefined ? { year: record.year } : {}),
    addedAt: record.addedAt,
    relativePath: record.path,
    ...(record.duration ? { duration: record.duration } : {}),
    ...(record.musicBrainzId ? { musicBrainzId: record.musicBrainzId } : {}),
    url: '',
    ...(artworkUrl ? { artwork: artworkUrl } : {}),
    local: { copied: record.copied, available, loose, open },
  };
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function compareShelf(a: LibraryTrackRecord, b: LibraryTrackRecord): number {
  return (
    collator.compare(a.albumArtist, b.albumArtist) ||
    collator.compare(a.album, b.album) ||
    (a.discNumber ?? 0) - (b.discNumber ?? 0) ||
    (a.trackNumber ?? 0) - (b.trackNumber ?? 0) ||
    collator.compare(a.title, b.title) ||
    collator.compare(a.path, b.path)
  );
}

/** The deployer's tracks first, then the person's; a local id never collides with a catalog id (prefix). */
export function withLibrary(catalog: Catalog | null, local: readonly Track[]): Catalog {
  const tracks = [...(catalog?.tracks ?? []), ...local];
  const own = new Map(local.map((track) => [track.id, track]));
  return { tracks, byId: catalog ? new JoinedMap(own, catalog.byId) : own };
}

/**
 * The person's tracks by id in front of the deployer's, without copying the deployer's: an import makes
 * a new catalog at every batch, and copying a 10,000-track map each time was a few ms of the page's time
 * (and garbage) per batch in a trace of the import.
 */
class JoinedMap<K, V> implements ReadonlyMap<K, V> {
  constructor(
    private readonly front: ReadonlyMap<K, V>,
    private readonly back: ReadonlyMap<K, V>,
  ) {}

  get size(): number {
    let size = this.back.size;
    for (const key of this.front.keys()) if (!this.back.has(key)) size++;
    return size;
  }

  get(key: K): V | undefined {
    return this.front.get(key) ?? this.back.get(key);
  }

  has(key: K): boolean {
    return this.front.has(key) || this.back.has(key);
  }

  *entries(): MapIterator<[K, V]> {
    for (const [key, value] of this.back) if (!this.front.has(key)) yield [key, value];
    yield* this.front;
  }

  *keys(): MapIterator<K> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }
}
