/**
 * This browser's copy of the shared document, and the queue as it stood when last written into it (the
 * shadow), in an IndexedDB database of its own (`mediastream-sync`), so that edits made offline survive a
 * reload and go out on the next connect. Updates are appended and merged into one on open.
 */

import { type IDBPDatabase, openDB } from 'idb';
import type { QueueEntry } from '../engine/model/state';
import type { Playlists } from './playlist-mapping';

const DB_NAME = 'mediastream-sync';

/** The queue and the playlists as they were when last written into the document. */
export interface Shadow {
  readonly queue: readonly QueueEntry[];
  /** Null when kept by a version that did not sync playlists: they are written as new. */
  readonly playlists: Playlists | null;
}

export interface StoredDoc {
  readonly updates: Uint8Array[];
  readonly shadow: Shadow | null;
}

export class DocStore {
  private pendingUpdates: Uint8Array[] = [];
  private pendingShadow: Shadow | null = null;
  private flushing: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  private constructor(
    private readonly db: IDBPDatabase,
    /** One copy per user's document: a different account on the same browser starts fresh. */
    private readonly key: string,
  ) {}

  static async open(key: string): Promise<DocStore> {
    const db = await openDB(DB_NAME, 1, {
      upgrade(database) {
        database.createObjectStore('updates', { autoIncrement: true });
        database.createObjectStore('shadows');
      },
    });
    return new DocStore(db, key);
  }

  /** Everything kept for this document, with the updates merged into one (written back as one). */
  async load(merge: (updates: Uint8Array[]) => Uint8Array): Promise<StoredDoc> {
    const tx = this.db.transaction(['updates', 'shadows'], 'readwrite');
    const updates = tx.objectStore('updates');
    const mine: Uint8Array[] = [];
    const keys: IDBValidKey[] = [];
    let cursor = await updates.openCursor();
    while (cursor) {
      const value = cursor.value as { key: string; update: Uint8Array };
      if (value.key === this.key) {
        mine.push(value.update);
        keys.push(cursor.primaryKey);
      }
      cursor = await cursor.continue();
    }
    if (mine.length > 1) {
      const merged = merge(mine);
      for (const key of keys) await updates.delete(key);
      await updates.add({ key: this.key, update: merged });
      mine.splice(0, mine.length, merged);
    }
    const kept = (await tx.objectStore('shadows').get(this.key)) as Shadow | QueueEntry[] | undefined;
    await tx.done;
    // An array is the queue alone, as kept before playlists were synced.
    const shadow = kept === undefined ? null : Array.isArray(kept) ? { queue: kept, playlists: null } : kept;
    return { updates: mine, shadow };
  }

  /** Keeps an update of the document (soon, with the next ones, in one transaction). */
  addUpdate(update: Uint8Array): void {
    this.pendingUpdates.push(update);
    this.schedule();
  }

  setShadow(shadow: Shadow): void {
    this.pendingShadow = shadow;
    this.schedule();
  }

  /** Resolves once everything handed over so far is written. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.flushing) await this.flushing;
    if (this.pendingUpdates.length === 0 && this.pendingShadow === null) return;
    const updates = this.pendingUpdates;
    const shadow = this.pendingShadow;
    this.pendingUpdates = [];
    this.pendingShadow = null;
    this.flushing = (async () => {
      const tx = this.db.transaction(['updates', 'shadows'], 'readwrite');
      for (const update of updates) void tx.objectStore('updates').add({ key: this.key, update });
      if (shadow) void tx.objectStore('shadows').put(shadow, this.key);
      await tx.done;
    })().finally(() => (this.flushing = null));
    await this.flushing;
  }

  close(): void {
    void this.flush().finally(() => this.db.close());
  }

  private schedule(): void {
    // The shadow and the document's updates go together, a few milliseconds after the change.
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, 20);
  }
}
