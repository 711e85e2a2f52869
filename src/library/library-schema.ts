/**
 * The library's object stores in the `mediastream` database, created by an upgrade step of their own so
 * that today's stores (playback_states, queue_entries, events) upgrade untouched. database.ts calls
 * `createLibraryStores` from its upgrade; the library reaches the same connection typed by this schema.
 */

import type { DBSchema, IDBPDatabase } from 'idb';
import type { ArtworkRecord, LibrarySource, LibraryTrackRecord } from './library-records';
import type { ShelfKey } from './shelf-key';

export const LIBRARY_SOURCES = 'library_sources';
export const LIBRARY_TRACKS = 'library_tracks';
export const LIBRARY_ARTWORK = 'library_artwork';
/** Since version 5: copies of files, by track id (out-of-line keys), where the browser has no OPFS to keep them in. */
export const LIBRARY_COPIES = 'library_copies';
/** The engine's `meta` store (database.ts), where small values of the browser as a whole are kept by name. */
export const META_STORE = 'meta';
/** In `meta` while tracks stored before version 6 may lack their shelf key: until then, the library is read whole first. */
export const SHELF_KEYS_PENDING = 'libraryShelfKeysPending';

export interface LibrarySchema extends DBSchema {
  [LIBRARY_SOURCES]: { key: string; value: LibrarySource };
  [LIBRARY_TRACKS]: {
    key: string;
    value: LibraryTrackRecord;
    indexes: {
      by_source: string;
      by_album: [string, string];
      by_artist: string;
      by_added: number;
      by_artwork: string;
      by_shelf: ShelfKey;
    };
  };
  [LIBRARY_ARTWORK]: { key: string; value: ArtworkRecord };
  [LIBRARY_COPIES]: { key: string; value: StoredCopy };
  [META_STORE]: { key: string; value: unknown };
}

export type LibraryDatabase = IDBPDatabase<LibrarySchema>;

/** A copy's bytes, not a Blob: WebKit refuses Blobs in IndexedDB in an ephemeral session (its automation mode). */
export interface StoredCopy {
  readonly type: string;
  readonly bytes: ArrayBuffer;
}

/** The indexes are what browsing will need: album artist + album, artist, date added; and cleaning up covers. */
export function createLibraryStores(db: IDBDatabase): void {
  db.createObjectStore(LIBRARY_SOURCES, { keyPath: 'id' });
  const tracks = db.createObjectStore(LIBRARY_TRACKS, { keyPath: 'id' });
  tracks.createIndex('by_source', 'sourceId', { unique: false });
  tracks.createIndex('by_album', ['albumArtist', 'album'], { unique: false });
  tracks.createIndex('by_artist', 'artist', { unique: false });
  tracks.createIndex('by_added', 'addedAt', { unique: false });
  tracks.createIndex('by_artwork', 'artworkKey', { unique: false });
  db.createObjectStore(LIBRARY_ARTWORK, { keyPath: 'key' });
}

/** Version 5's step: a store for copies (see copies.ts); nothing else changes. */
export function createLibraryCopiesStore(db: IDBDatabase): void {
  db.createObjectStore(LIBRARY_COPIES);
}

/**
 * Version 6's step: the tracks in the views' album order (shelf-key.ts), so the first albums can be read
 * before the rest. Records already stored are left as they are: they lack the key, so the index does not
 * hold them; `meta` says so, and the library reads them whole (and keys them) until every record has one.
 * `hadLibrary`: the library's stores existed before this upgrade (version 4 or later).
 */
export function createLibraryShelfIndex(transaction: IDBTransaction, hadLibrary: boolean): void {
  transaction.objectStore(LIBRARY_TRACKS).createIndex('by_shelf', 'shelf', { unique: false });
  if (hadLibrary) transaction.objectStore(META_STORE).put(true, SHELF_KEYS_PENDING);
}
