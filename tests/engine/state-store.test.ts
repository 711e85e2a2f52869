import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_NAME, EVENTS, PLAYBACK_STATES, QUEUE_ENTRIES } from '../../src/engine/storage/database';
import { EVENT_LOG_LIMIT } from '../../src/engine/storage/record-writes';
import { type Browser, newBrowser } from '../support/tabs';

/** Counts the write requests made on IndexedDB object stores while `run` runs. */
async function countWrites(run: () => Promise<unknown>): Promise<number> {
  const proto = IDBObjectStore.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const originals = new Map(['put', 'add', 'delete', 'clear'].map((name) => [name, proto[name]!]));
  let writes = 0;
  for (const [name, original] of originals) {
    proto[name] = function (this: IDBObjectStore, ...args: unknown[]) {
      writes++;
      return original.apply(this, args);
    };
  }
  try {
    await run();
  } finally {
    for (const [name, original] of originals) proto[name] = original;
  }
  return writes;
}

describe('the stored playback state', () => {
  let browser: Browser;
  afterEach(() => browser.close());

  it('the first action creates the record, with every field the contract names', async () => {
    browser = newBrowser();
    const tab = await browser.openTab();

    await tab.dispatch({ type: 'enqueue', trackIds: ['t1', 't2'] });

    const db = await openDB(DATABASE_NAME);
    const record = await db.get(PLAYBACK_STATES, browser.deviceId);
    const entries = await db.getAll(QUEUE_ENTRIES);
    db.close();
    expect(Object.keys(record).sort()).toEqual(
      expect.arrayContaining(['currentTrackId', 'deviceId', 'insertedAt', 'playing', 'positionSeconds', 'queue', 'rev', 'updatedAt']),
    );
    expect(record).toMatchObject({ deviceId: browser.deviceId, rev: 1, currentTrackId: null, positionSeconds: 0, playing: false });
    expect(record.queue).toEqual({ length: 2, rev: 1 });
    expect(entries.map((entry) => entry.trackId)).toEqual(['t1', 't2']);
    expect(Date.parse(record.insertedAt)).toBeGreaterThan(0);
  });

  it('one queue edit costs the same writes whatever the queue’s length', async () => {
    browser = newBrowser();
    const tab = await browser.openTab();
    const editsAt = async () => {
      const add = await countWrites(() => tab.dispatch({ type: 'enqueue', trackIds: ['x'] }));
      const entryId = tab.state.queue[tab.state.queue.length - 1]!.entryId;
      const move = await countWrites(() => tab.dispatch({ type: 'move', entryId, toIndex: 0 }));
      const remove = await countWrites(() => tab.dispatch({ type: 'remove', entryId }));
      return { add, move, remove };
    };
    await tab.dispatch({ type: 'enqueue', trackIds: Array.from({ length: 10 }, (_, i) => `t${i}`) });
    const short = await editsAt();

    await tab.dispatch({ type: 'enqueue', trackIds: Array.from({ length: 20_000 }, (_, i) => `u${i}`) });
    const long = await editsAt();

    expect(long).toEqual(short);
    // The record, the entry and the event.
    expect(short).toEqual({ add: 3, move: 3, remove: 3 });
  });

  it('the event log keeps the newest events only', async () => {
    browser = newBrowser();
    const tab = await browser.openTab();

    // Mute and unmute: each a change, and not paced (see action-queue.ts) as a volume drag is.
    for (let i = 0; i < EVENT_LOG_LIMIT + 50; i++) await tab.dispatch({ type: 'setMuted', muted: i % 2 === 0 });

    const db = await openDB(DATABASE_NAME);
    const revs = (await db.getAllKeys(EVENTS)).map((key) => (key as unknown as [string, number])[1]);
    db.close();
    expect(revs.length).toBe(EVENT_LOG_LIMIT);
    expect(revs[0]).toBe(tab.state.rev - EVENT_LOG_LIMIT + 1);
    expect(revs[revs.length - 1]).toBe(tab.state.rev);
  });

  it('fields a newer version of the app added to the record are kept when this version writes it', async () => {
    browser = newBrowser();
    const tab = await browser.openTab();
    await tab.dispatch({ type: 'enqueue', trackIds: ['t1'] });
    const db = await openDB(DATABASE_NAME);
    const record = await db.get(PLAYBACK_STATES, browser.deviceId);
    await db.put(PLAYBACK_STATES, { ...record, lyricsOffset: 1.5, crossfade: { seconds: 4 } });

    await tab.dispatch({ type: 'setVolume', volume: 0.3 });

    const after = await db.get(PLAYBACK_STATES, browser.deviceId);
    db.close();
    expect(after).toMatchObject({ volume: 0.3, lyricsOffset: 1.5, crossfade: { seconds: 4 } });
    expect(after.rev).toBe(record.rev + 1);
  });

  it('a stored record that needs repair is repaired on load and saved back once, with a raised rev', async () => {
    browser = newBrowser();
    const first = await browser.openTab();
    await first.dispatch({ type: 'enqueue', trackIds: ['t1', 't2'] });
    const db = await openDB(DATABASE_NAME);
    const record = await db.get(PLAYBACK_STATES, browser.deviceId);
    await db.put(PLAYBACK_STATES, { ...record, volume: 7 });

    const second = await browser.openTab();

    const after = await db.get(PLAYBACK_STATES, browser.deviceId);
    db.close();
    expect(second.state.volume).toBeLessThanOrEqual(1);
    expect(second.state.queue.map((entry) => entry.trackId)).toEqual(['t1', 't2']);
    expect(after.volume).toBe(second.state.volume);
    expect(after.rev).toBe(record.rev + 1);
    expect(second.state.rev).toBe(record.rev + 1);
  });

  it('the preview for the first paint is the saved record without reading a queue entry, and none when the record needs repair', async () => {
    browser = newBrowser();
    const empty = await browser.openStore();
    expect(await empty.loadPreview(Date.now())).toMatchObject({ rev: 0, currentTrackId: null, queue: [] });
    const tab = await browser.openTab();
    await tab.dispatch({ type: 'enqueue', trackIds: ['t1', 't2'] });
    await tab.dispatch({ type: 'play', trackId: 't2', tabId: tab.tabId });
    await tab.dispatch({ type: 'seek', positionSeconds: 83 });

    const store = await browser.openStore();
    const read: string[] = [];
    const proto = IDBObjectStore.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
    const get = proto.get!;
    const getAll = proto.getAll!;
    proto.get = function (this: IDBObjectStore, ...args: unknown[]) {
      read.push(this.name);
      return get.apply(this, args);
    };
    proto.getAll = function (this: IDBObjectStore, ...args: unknown[]) {
      read.push(this.name);
      return getAll.apply(this, args);
    };
    const preview = await store.loadPreview(Date.now()).finally(() => {
      proto.get = get;
      proto.getAll = getAll;
    });

    expect(read).toEqual([PLAYBACK_STATES]);
    expect(preview).toMatchObject({ rev: tab.state.rev, currentTrackId: 't2', positionSeconds: 83, playing: true, queue: [] });
    const db = await openDB(DATABASE_NAME);
    await db.put(PLAYBACK_STATES, { ...(await db.get(PLAYBACK_STATES, browser.deviceId)), volume: 7 });
    db.close();
    expect(await store.loadPreview(Date.now())).toBeNull();
  });
});
