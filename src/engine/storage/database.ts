/**
 * The IndexedDB database `mediastream`: its schema, its upgrades, and what happens when another version
 * of the app opens it. Versions only go up; each upgrade step is kept so any old database can be brought
 * forward.
 */

import { type DBSchema, type IDBPDatabase, openDB, unwrap } from 'idb';
import { createLibraryCopiesStore, createLibraryShelfIndex, createLibraryStores } from '../../library/library-schema';
import type { PlaybackEvent } from '../model/events';
import type { PlaybackState, QueueEntry } from '../model/state';

export const DATABASE_NAME = 'mediastream';
/**
 * 1: playback states, queue entries, events. 2: playlist entries. 3: `meta` (the device id). 4: the person's
 * own music. 5: copies of files where the browser has no origin-private file system (WebKitGTK). 6: the
 * tracks' shelf index (the first albums read before the rest).
 */
export const DATABASE_VERSION = 6;

export const PLAYBACK_STATES = 'playback_states';
export const QUEUE_ENTRIES = 'queue_entries';
export const EVENTS = 'events';
/** Since version 2: the entries of saved playlists, one row each, like the queue's. */
export const PLAYLIST_ENTRIES = 'playlist_entries';
/** Small values of the browser as a whole, by name (out-of-line keys): `deviceId`. */
export const META = 'meta';

/** Every store a committed change may write: one transaction covers them all. */
export const COMMIT_STORES = [PLAYBACK_STATES, QUEUE_ENTRIES, PLAYLIST_ENTRIES, EVENTS] as const;

/**
 * The stored record: the state less its queue, which lives in `queue_entries` and is summarised here, and
 * less the playlists' entries, which live in `playlist_entries`.
 */
export interface StoredPlaybackRecord extends Omit<PlaybackState, 'queue' | 'queueRev' | 'playlistEntries'> {
  readonly queue: { readonly length: number; readonly rev: number };
}

export interface StoredQueueEntry extends QueueEntry {
  readonly deviceId: string;
}

export interface StoredPlaylistEntry extends QueueEntry {
  readonly deviceId: string;
  readonly playlistId: string;
}

export interface MediaStreamSchema extends DBSchema {
  [PLAYBACK_STATES]: { key: string; value: StoredPlaybackRecord };
  [QUEUE_ENTRIES]: {
    key: [string, string];
    value: StoredQueueEntry;
    indexes: { by_order: [string, string] };
  };
  [EVENTS]: { key: [string, number]; value: PlaybackEvent };
  [PLAYLIST_ENTRIES]: {
    key: [string, string, string];
    value: StoredPlaylistEntry;
    indexes: { by_order: [string, string, string] };
  };
  [META]: { key: string; value: unknown };
}

export type MediaStreamDatabase = IDBPDatabase<MediaStreamSchema>;

export interface DatabaseCallbacks {
  /** Our upgrade waits for other tabs that keep an older connection open. */
  onBlocked(): void;
  /** A newer version of the app wants to upgrade: our connection is already closed; reload to continue. */
  onVersionChange(): void;
  /** The browser closed the connection (storage cleared, disk trouble). */
  onTerminated(): void;
}

/** A database newer than this code: a newer version of the app has run in this browser. */
export class NewerDatabaseError extends Error {
  override name = 'NewerDatabaseError';
}

export async function openPlaybackDatabase(callbacks: DatabaseCallbacks): Promise<MediaStreamDatabase> {
  try {
    return await openDB<MediaStreamSchema>(DATABASE_NAME, DATABASE_VERSION, {
      upgrade(db, oldVersion, _newVersion, transaction) {
        if (oldVersion < 1) {
          db.createObjectStore(PLAYBACK_STATES, { keyPath: 'deviceId' });
          const entries = db.createObjectStore(QUEUE_ENTRIES, { keyPath: ['deviceId', 'entryId'] });
          entries.createIndex('by_order', ['deviceId', 'order'], { unique: false });
          db.createObjectStore(EVENTS, { keyPath: ['topic', 'rev'] });
        }
        if (oldVersion < 2) {
          const entries = db.createObjectStore(PLAYLIST_ENTRIES, { keyPath: ['deviceId', 'playlistId', 'entryId'] });
          entries.createIndex('by_order', ['deviceId', 'playlistId', 'order'], { unique: false });
        }
        // Each step only adds: what older versions stored is left as it is.
        if (oldVersion < 3) db.createObjectStore(META);
        // The person's own music (src/library): new stores only, so today's data upgrades untouched.
        if (oldVersion < 4) createLibraryStores(db as unknown as IDBDatabase);
        if (oldVersion < 5) createLibraryCopiesStore(db as unknown as IDBDatabase);
        if (oldVersion < 6) createLibraryShelfIndex(unwrap(transaction) as IDBTransaction, oldVersion >= 4);
      },
      blocked: () => callbacks.onBlocked(),
      blocking: (_current, _blocked, event) => {
        // Close at once so the newer tab's upgrade is never blocked by us.
        (event.target as IDBDatabase).close();
        callbacks.onVersionChange();
      },
      terminated: () => callbacks.onTerminated(),
    });
  } catch (error) {
    if (error instanceof Error && error.name === 'VersionError') {
      throw new NewerDatabaseError('A newer version of MediaStream has updated this browser’s storage. Reload to use it.');
    }
    throw error;
  }
}
