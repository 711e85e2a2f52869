/**
 * The library's records in IndexedDB: sources, tracks and thumbnails. Each write is one transaction, so a
 * tab closed mid-import leaves whole batches only; the source's `scanComplete` says whether the scan
 * finished. Works on any connection to `mediastream` (the page's, or the import worker's own).
 */

import { type IDBPDatabase, unwrap } from 'idb';
import type { ArtworkRecord, LibrarySource, LibraryTrackRecord } from './library-records';
import { LIBRARY_ARTWORK, LIBRARY_SOURCES, LIBRARY_TRACKS, type LibraryDatabase, META_STORE, SHELF_KEYS_PENDING } from './library-schema';
import { isShelved, withShelfKey } from './shelf-key';

/** The first records on the shelf (see firstOnShelf); `all` when they are the whole library. */
export interface ShelfStart {
  readonly records: LibraryTrackRecord[];
  readonly all: boolean;
}

export class LibraryStore {
  private readonly db: LibraryDatabase;

  /** `db`: any idb connection to `mediastream` (its schema type names the playback stores only). */
  constructor(db: IDBPDatabase<never> | object) {
    // The playback schema and the library's share one database; each side types only its own stores.
    this.db = db as unknown as LibraryDatabase;
  }

  sources(): Promise<LibrarySource[]> {
    return this.db.getAll(LIBRARY_SOURCES);
  }

  source(id: string): Promise<LibrarySource | undefined> {
    return this.db.get(LIBRARY_SOURCES, id);
  }

  putSource(source: LibrarySource): Promise<unknown> {
    return this.db.put(LIBRARY_SOURCES, source);
  }

  tracks(): Promise<LibraryTrackRecord[]> {
    return this.db.getAll(LIBRARY_TRACKS);
  }

  /** Up to `count` tracks by id, those after `afterId` (all from the first when undefined): the library a slice at a time. */
  tracksAfter(afterId: string | undefined, count: number): Promise<LibraryTrackRecord[]> {
    return this.db.getAll(LIBRARY_TRACKS, afterId === undefined ? undefined : IDBKeyRange.lowerBound(afterId, true), count);
  }

  /**
   * The first whole albums on the shelf, in the views' album order, until there are `albums` of them or
   * `tracks` tracks: enough for a first screen. Null where the index cannot promise that order for the
   * whole library: records without a key (stored before version 6), or one whose names it cannot key.
   * (Counting the store against the index would say so too, but a count reads every record: 50,000 here.)
   */
  async firstOnShelf(albums: number, tracks: number): Promise<ShelfStart | null> {
    const tx = this.db.transaction([LIBRARY_TRACKS, META_STORE]);
    const index = tx.objectStore(LIBRARY_TRACKS).index('by_shelf');
    const pending = tx.objectStore(META_STORE).get(SHELF_KEYS_PENDING);
    const records: LibraryTrackRecord[] = [];
    let albumsRead = 0;
    let lastKey: IDBValidKey | undefined;
    let cursor = await index.openCursor();
    // Unkeyed names sort first: where the first key is one, the index cannot promise the order.
    const orderable = cursor === null || isShelved(cursor.key);
    for (; orderable && cursor; cursor = await cursor.continue()) {
      // Only at an album's end: an album on the first screen shows all its tracks.
      if (lastKey === undefined || indexedDB.cmp(cursor.key, lastKey) !== 0) {
        if (albumsRead >= albums || records.length >= tracks) break;
        albumsRead++;
        lastKey = cursor.key;
      }
      records.push(cursor.value);
    }
    const unkeyed = (await pending) !== undefined;
    await tx.done;
    if (unkeyed || !orderable) return null;
    return { records, all: cursor === null };
  }

  /** Gives the records of these ids that lack their shelf key (stored before version 6) one, each as it is now. */
  async addShelfKeys(ids: readonly string[]): Promise<void> {
    const tx = this.db.transaction(LIBRARY_TRACKS, 'readwrite');
    const found = await Promise.all(ids.map((id) => tx.store.get(id)));
    await Promise.all([...found.filter((r) => r && r.shelf === undefined).map((record) => tx.store.put(withShelfKey(record!))), tx.done]);
  }

  /** Every record has its shelf key now: the next start may read the first albums first. */
  shelfKeysDone(): Promise<unknown> {
    return this.db.delete(META_STORE, SHELF_KEYS_PENDING);
  }

  tracksOf(sourceId: string): Promise<LibraryTrackRecord[]> {
    return this.db.getAllFromIndex(LIBRARY_TRACKS, 'by_source', sourceId);
  }

  /** The tracks with these ids that exist (a hint from another tab may name ones since removed). */
  async tracksById(ids: readonly string[]): Promise<LibraryTrackRecord[]> {
    const tx = this.db.transaction(LIBRARY_TRACKS);
    const found = await Promise.all(ids.map((id) => tx.store.get(id)));
    await tx.done;
    return found.filter((track): track is LibraryTrackRecord => track !== undefined);
  }

  artwork(key: string): Promise<ArtworkRecord | undefined> {
    return this.db.get(LIBRARY_ARTWORK, key);
  }

  hasArtwork(key: string): Promise<boolean> {
    return this.db.getKey(LIBRARY_ARTWORK, key).then((found) => found !== undefined);
  }

  /** One batch of an import: its new thumbnails and tracks, and the tracks it found gone, in one transaction. */
  async writeBatch(
    tracks: readonly LibraryTrackRecord[],
    artwork: readonly ArtworkRecord[],
    removedIds: readonly string[] = [],
  ): Promise<void> {
    const tx = this.db.transaction([LIBRARY_TRACKS, LIBRARY_ARTWORK], 'readwrite');
    // The plain stores, not idb's: a promise and two listeners for each of an import's 250 puts a batch
    // is work the import worker does not need, since one failed put aborts the transaction and tx.done
    // rejects with its error.
    const raw = unwrap(tx);
    const trackStore = raw.objectStore(LIBRARY_TRACKS);
    const artStore = raw.objectStore(LIBRARY_ARTWORK);
    for (const art of artwork) artStore.put(art);
    for (const track of tracks) trackStore.put(withShelfKey(track));
    for (const id of removedIds) trackStore.delete(id);
    await tx.done;
  }

  /** Takes a source out with all its tracks; thumbnails no other track uses go too. */
  async removeSource(sourceId: string): Promise<string[]> {
    const tx = this.db.transaction([LIBRARY_SOURCES, LIBRARY_TRACKS], 'readwrite');
    const ids = await tx.objectStore(LIBRARY_TRACKS).index('by_source').getAllKeys(sourceId);
    await Promise.all([
      tx.objectStore(LIBRARY_SOURCES).delete(sourceId),
      ...ids.map((id) => tx.objectStore(LIBRARY_TRACKS).delete(id)),
      tx.done,
    ]);
    await this.dropUnusedArtwork();
    return ids;
  }

  async removeTracks(ids: readonly string[]): Promise<void> {
    await this.writeBatch([], [], ids);
    await this.dropUnusedArtwork();
  }

  /** Thumbnails no track points at any more. */
  async dropUnusedArtwork(): Promise<void> {
    const tx = this.db.transaction([LIBRARY_TRACKS, LIBRARY_ARTWORK], 'readwrite');
    const byArtwork = tx.objectStore(LIBRARY_TRACKS).index('by_artwork');
    const keys = await tx.objectStore(LIBRARY_ARTWORK).getAllKeys();
    const counts = await Promise.all(keys.map((key) => byArtwork.count(key)));
    await Promise.all([...keys.filter((_, i) => counts[i] === 0).map((key) => tx.objectStore(LIBRARY_ARTWORK).delete(key)), tx.done]);
  }
}
