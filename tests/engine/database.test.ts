import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_NAME, EVENTS, openPlaybackDatabase, PLAYBACK_STATES, QUEUE_ENTRIES } from '../../src/engine/storage/database';
import { keptIn } from '../../src/engine/storage/device-id';

const noDatabaseTrouble = { onBlocked() {}, onVersionChange() {}, onTerminated() {} };

/** The database as the first version of the app made it (schema version 1), with a session in it. */
async function createVersionOne(): Promise<Record<string, unknown[]>> {
  const db = await openDB(DATABASE_NAME, 1, {
    upgrade(db) {
      db.createObjectStore(PLAYBACK_STATES, { keyPath: 'deviceId' });
      const entries = db.createObjectStore(QUEUE_ENTRIES, { keyPath: ['deviceId', 'entryId'] });
      entries.createIndex('by_order', ['deviceId', 'order'], { unique: false });
      db.createObjectStore(EVENTS, { keyPath: ['topic', 'rev'] });
    },
  });
  const deviceId = 'A1B2C3D4E5F6A7B8';
  await db.put(PLAYBACK_STATES, { deviceId, rev: 2, currentTrackId: 't1', queue: { length: 1, rev: 2 }, futureField: { kept: true } });
  await db.put(QUEUE_ENTRIES, { deviceId, entryId: 'e1', trackId: 't2', order: 'a0' });
  await db.put(EVENTS, { topic: `playback:${deviceId}`, rev: 2, type: 'playback_state_updated', data: { actions: ['enqueue'] } });
  const contents = await everything(db);
  db.close();
  return contents;
}

async function everything(db: Awaited<ReturnType<typeof openDB>>): Promise<Record<string, unknown[]>> {
  return {
    [PLAYBACK_STATES]: await db.getAll(PLAYBACK_STATES),
    [QUEUE_ENTRIES]: await db.getAll(QUEUE_ENTRIES),
    [EVENTS]: await db.getAll(EVENTS),
  };
}

describe('the database upgrade', () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
  });

  it('brings a database of the first version forward with every record untouched, and a place for the device id', async () => {
    const before = await createVersionOne();

    const db = await openPlaybackDatabase(noDatabaseTrouble);

    expect(await everything(db as unknown as Awaited<ReturnType<typeof openDB>>)).toEqual(before);
    expect(db.objectStoreNames.contains('meta')).toBe(true);
    expect(await (await keptIn(db)()).keep('00000000000000C3', false)).toBe('00000000000000C3');
    expect(db.transaction(QUEUE_ENTRIES).store.indexNames.contains('by_order')).toBe(true);
    // Every later step's stores are there too: the library's (4) and the copies' (5).
    for (const store of ['library_sources', 'library_tracks', 'library_artwork', 'library_copies'] as never[])
      expect(db.objectStoreNames.contains(store), store).toBe(true);
    db.close();
  });
});
