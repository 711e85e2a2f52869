/**
 * What the person's own library keeps in IndexedDB: where the music comes from (sources), one record per
 * track (tags and where its file is), and one small thumbnail per cover. Never audio bytes and never a
 * full-size cover: those stay in the person's folder or in the Origin Private File System.
 */

import type { ShelfKey } from './shelf-key';

/**
 * - `folder`: a folder picked with showDirectoryPicker; its handle is kept, nothing is copied, it can be
 *   rescanned (and may need its permission asked again after a restart).
 * - `copied-folder`: a folder that came without a handle (the folder input); its files are copied to OPFS.
 * - `files`: files added one by one (the file chooser, a drop without handles); copied to OPFS.
 */
export type SourceKind = 'folder' | 'copied-folder' | 'files';

export interface LibrarySource {
  readonly id: string;
  readonly kind: SourceKind;
  /** The folder's name as the person knows it (`files` for loose files). */
  readonly name: string;
  /** Only for `folder`. A FileSystemDirectoryHandle is structured-cloneable and survives a restart. */
  readonly handle?: FileSystemDirectoryHandle;
  readonly addedAt: number;
  /** False while a scan is under way: a tab closed mid-import leaves this false, and a rescan finishes. */
  readonly scanComplete: boolean;
}

/** The tags the library shows and browsing will sort by. Missing tags have their fallbacks already. */
export interface TrackTags {
  readonly title: string;
  readonly artist: string;
  readonly album: string;
  readonly albumArtist: string;
  readonly trackNumber?: number;
  readonly discNumber?: number;
  readonly year?: number;
  readonly genre?: string;
  /** Seconds, when the file says. */
  readonly duration?: number;
  /** The MusicBrainz recording id, when the file is tagged with one (sync matches tracks by it). */
  readonly musicBrainzId?: string;
}

export interface LibraryTrackRecord extends TrackTags {
  /** Stable: derived from the source id and the relative path (see track-id.ts). */
  readonly id: string;
  readonly sourceId: string;
  /** Inside the source, `/`-separated, e.g. `Album/01 Song.mp3`. */
  readonly path: string;
  readonly size: number;
  readonly lastModified: number;
  readonly addedAt: number;
  /** The thumbnail's key in `library_artwork` (a hash of the cover bytes, so an album's tracks share one). */
  readonly artworkKey?: string;
  /** The file is a copy in the Origin Private File System (see copies.ts). */
  readonly copied: boolean;
  /**
   * Since schema version 6: where the track sits on the shelf, as an index key (see shelf-key.ts). Made
   * from the tags by the store at every write, so no one else sets it; records written before lack it.
   */
  readonly shelf?: ShelfKey;
}

export interface ArtworkRecord {
  readonly key: string;
  readonly type: string;
  /** The thumbnail, a few KB. Bytes rather than a Blob: every IndexedDB (and fake-indexeddb) clones them. */
  readonly bytes: ArrayBuffer;
}

/** Why a file was not added, as the result notice names it. */
export type SkipReason = 'not audio' | 'unreadable' | 'empty' | 'too large' | 'no permission';

export interface SkippedFile {
  readonly path: string;
  readonly reason: SkipReason;
}
