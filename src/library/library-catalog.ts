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
  const byId = new Map(catalog?.byId ?? []);
  for (const track of local) byId.set(track.id, track);
  return { tracks, byId };
}
