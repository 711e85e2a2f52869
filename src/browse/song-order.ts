/** The ways the song list sorts, each with a stable tie-break so equal rows keep one order. */

import { collator } from './albums';
import type { BrowseTrack } from './browse-track';

export const SONG_ORDERS = ['title', 'artist', 'album', 'dateAdded', 'duration'] as const;
export type SongOrder = (typeof SONG_ORDERS)[number];

/** Album, then disc and track: an album's songs stay in their order. */
const byAlbum = (a: BrowseTrack, b: BrowseTrack) =>
  collator.compare(a.album ?? '', b.album ?? '') ||
  (a.discNumber ?? 1) - (b.discNumber ?? 1) ||
  (a.trackNumber ?? 0) - (b.trackNumber ?? 0);

const COMPARE: Record<SongOrder, (a: BrowseTrack, b: BrowseTrack) => number> = {
  title: (a, b) => collator.compare(a.title, b.title),
  artist: (a, b) => collator.compare(a.artist, b.artist) || byAlbum(a, b),
  album: byAlbum,
  // Newest first: what a person just added is what they look for.
  dateAdded: (a, b) => (b.addedAt ?? 0) - (a.addedAt ?? 0),
  duration: (a, b) => (a.duration ?? 0) - (b.duration ?? 0),
};

export function sortSongs<T extends BrowseTrack>(tracks: readonly T[], order: SongOrder): T[] {
  const compare = COMPARE[order];
  return [...tracks].sort((a, b) => compare(a, b) || collator.compare(a.title, b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function isSongOrder(value: unknown): value is SongOrder {
  return typeof value === 'string' && (SONG_ORDERS as readonly string[]).includes(value);
}
