import { afterEach, describe, expect, it } from 'vitest';
import { ActionError } from '../../src/engine/model/actions';
import { parseEvent } from '../../src/engine/model/event-validation';
import { mulberry32 } from '../../src/engine/model/seeded-random';
import type { PlaybackState } from '../../src/engine/model/state';
import type { PlaybackEngine } from '../../src/engine/playback-engine';
import { type Browser, eventually, newBrowser } from '../support/tabs';

const tracksOf = (state: PlaybackState, playlistId: string) => (state.playlistEntries[playlistId] ?? []).map((entry) => entry.trackId);
const names = (state: PlaybackState) => state.playlists.map((playlist) => playlist.name);

async function newPlaylist(tab: PlaybackEngine, name: string, trackIds?: string[]): Promise<string> {
  await tab.dispatch({ type: 'createPlaylist', name, ...(trackIds ? { trackIds } : {}) });
  return tab.state.playlists.find((playlist) => playlist.name === name.trim())!.playlistId;
}

describe('playlists', () => {
  let browser: Browser;
  afterEach(() => browser.close());

  it('a playlist made, filled, reordered and renamed in one tab is the same in the other', async () => {
    browser = newBrowser();
    const [a, b] = [await browser.openTab(), await browser.openTab()];

    const id = await newPlaylist(a, '  Evening  ');
    await a.dispatch({ type: 'addToPlaylist', playlistId: id, trackIds: ['t1', 't2', 't3'] });
    await a.dispatch({ type: 'movePlaylistEntry', playlistId: id, entryId: a.state.playlistEntries[id]![2]!.entryId, toIndex: 0 });
    await a.dispatch({ type: 'renamePlaylist', playlistId: id, name: 'Late evening' });
    await a.dispatch({ type: 'removeFromPlaylist', playlistId: id, entryId: a.state.playlistEntries[id]![1]!.entryId });

    await eventually(() => b.state.rev === a.state.rev, 'B in sync');
    expect(names(b.state)).toEqual(['Late evening']);
    expect(tracksOf(b.state, id)).toEqual(['t3', 't2']);
    expect(b.state.playlistEntries).toEqual(a.state.playlistEntries);
  });

  it('Save queue as playlist keeps the queue’s tracks in order, and the queue as it was', async () => {
    browser = newBrowser();
    const a = await browser.openTab();
    await a.dispatch({ type: 'enqueue', trackIds: ['t4', 't1', 't9'] });

    const id = await newPlaylist(
      a,
      'From the queue',
      a.state.queue.map((entry) => entry.trackId),
    );

    expect(tracksOf(a.state, id)).toEqual(['t4', 't1', 't9']);
    expect(a.state.queue.map((entry) => entry.trackId)).toEqual(['t4', 't1', 't9']);
  });

  it('playlists and their entries survive a restart (a new tab reads them from the store)', async () => {
    browser = newBrowser();
    const a = await browser.openTab();
    const id = await newPlaylist(a, 'Kept', ['t1', 't2']);
    await newPlaylist(a, 'Empty');
    a.close();

    const reopened = await browser.openTab();

    expect(names(reopened.state)).toEqual(['Kept', 'Empty']);
    expect(tracksOf(reopened.state, id)).toEqual(['t1', 't2']);
  });

  it('two tabs adding to one playlist at the same moment both keep their entry', async () => {
    browser = newBrowser();
    const [a, b] = [await browser.openTab(), await browser.openTab()];
    const id = await newPlaylist(a, 'Shared');
    await eventually(() => b.state.rev === a.state.rev, 'B has the playlist');

    await Promise.all([
      a.dispatch({ type: 'addToPlaylist', playlistId: id, trackIds: ['from-a'] }),
      b.dispatch({ type: 'addToPlaylist', playlistId: id, trackIds: ['from-b'] }),
    ]);

    await eventually(() => a.state.rev === b.state.rev, 'both in sync');
    expect(tracksOf(a.state, id).sort()).toEqual(['from-a', 'from-b']);
    expect(b.state.playlistEntries[id]).toEqual(a.state.playlistEntries[id]);
  });

  it('refuses what cannot be done, with a message for the person', async () => {
    browser = newBrowser();
    const a = await browser.openTab();
    await expect(a.dispatch({ type: 'createPlaylist', name: '   ' })).rejects.toThrow('A playlist needs a name.');
    await expect(a.dispatch({ type: 'createPlaylist', name: 'x'.repeat(201) })).rejects.toThrow('at most 200 characters');
    await expect(a.dispatch({ type: 'addToPlaylist', playlistId: 'pl.gone', trackIds: ['t1'] })).rejects.toThrow(ActionError);
    const id = await newPlaylist(a, 'Real');
    await expect(a.dispatch({ type: 'addToPlaylist', playlistId: id, trackIds: [] })).rejects.toThrow('Nothing to add to the playlist.');
    expect(names(a.state)).toEqual(['Real']);
  });

  it('keeps a name with HTML as the text it is', async () => {
    browser = newBrowser();
    const a = await browser.openTab();
    await newPlaylist(a, '<img src=x onerror=alert(1)>');
    expect(names(a.state)).toEqual(['<img src=x onerror=alert(1)>']);
  });

  it('a playlist whose tracks left the library keeps its entries (they show as unavailable)', async () => {
    browser = newBrowser();
    const a = await browser.openTab();
    await a.dispatch({ type: 'enqueue', trackIds: ['gone', 'kept'] });
    const id = await newPlaylist(a, 'Mixed', ['gone', 'kept']);

    await a.dispatch({ type: 'forgetTracks', isKnown: (trackId) => trackId !== 'gone' });

    expect(a.state.queue.map((entry) => entry.trackId)).toEqual(['kept']);
    expect(tracksOf(a.state, id)).toEqual(['gone', 'kept']);
  });

  it('one edit costs the same bytes on the channel at 10 and at 10,000 entries', async () => {
    browser = newBrowser();
    const a = await browser.openTab();
    const bytesPerAdd: number[] = [];
    for (const size of [10, 10_000]) {
      const id = await newPlaylist(
        a,
        `Size ${size}`,
        Array.from({ length: size }, (_, i) => `t${i}`),
      );
      const before = a.channelStats.bytesSent;
      await a.dispatch({ type: 'addToPlaylist', playlistId: id, trackIds: ['one-more'] });
      bytesPerAdd.push(a.channelStats.bytesSent - before);
    }
    expect(bytesPerAdd[1]! - bytesPerAdd[0]!).toBeLessThan(16);
  });
});

describe('undo and redo of playlist changes', () => {
  let browser: Browser;
  afterEach(() => browser.close());

  it('a deleted playlist comes back with Undo, with its entries, in every tab; Redo deletes it again', async () => {
    browser = newBrowser();
    const [a, b] = [await browser.openTab(), await browser.openTab()];
    const id = await newPlaylist(a, 'Precious', ['t1', 't2', 't3']);
    const entries = a.state.playlistEntries[id];

    await a.dispatch({ type: 'deletePlaylist', playlistId: id });
    expect(names(a.state)).toEqual([]);
    await a.undoQueueChange();

    await eventually(() => b.state.rev === a.state.rev, 'B in sync');
    expect(names(b.state)).toEqual(['Precious']);
    expect(b.state.playlistEntries[id]).toEqual(entries);

    await a.redoQueueChange();
    await eventually(() => b.state.rev === a.state.rev, 'B in sync again');
    expect(names(b.state)).toEqual([]);
  });

  it('undo takes back an add, a rename and a move, one at a time', async () => {
    browser = newBrowser();
    const a = await browser.openTab();
    const id = await newPlaylist(a, 'Mine', ['t1', 't2', 't3']);
    await a.dispatch({ type: 'movePlaylistEntry', playlistId: id, entryId: a.state.playlistEntries[id]![0]!.entryId, toIndex: 2 });
    await a.dispatch({ type: 'renamePlaylist', playlistId: id, name: 'Ours' });
    await a.dispatch({ type: 'addToPlaylist', playlistId: id, trackIds: ['t4'] });

    await a.undoQueueChange();
    expect(tracksOf(a.state, id)).toEqual(['t2', 't3', 't1']);
    await a.undoQueueChange();
    expect(names(a.state)).toEqual(['Mine']);
    await a.undoQueueChange();
    expect(tracksOf(a.state, id)).toEqual(['t1', 't2', 't3']);
    await a.undoQueueChange();
    expect(names(a.state)).toEqual([]);
  });

  it('undo leaves alone what another tab did since: an entry removed there stays removed', async () => {
    browser = newBrowser();
    const [a, b] = [await browser.openTab(), await browser.openTab()];
    const id = await newPlaylist(a, 'Shared', ['t1', 't2', 't3']);
    const first = a.state.playlistEntries[id]![0]!;
    await a.dispatch({ type: 'movePlaylistEntry', playlistId: id, entryId: first.entryId, toIndex: 2 });
    await eventually(() => b.state.rev === a.state.rev, 'B in sync');
    await b.dispatch({ type: 'removeFromPlaylist', playlistId: id, entryId: first.entryId });
    await eventually(() => a.state.rev === b.state.rev, 'A in sync');

    await a.undoQueueChange();

    expect(tracksOf(a.state, id)).toEqual(['t2', 't3']);
  });
});

describe('playlist events from outside', () => {
  it('rejects playlist edits that are not well formed, and keeps the good ones', () => {
    const topic = 'playback:A1B2C3D4E5F6A7B8';
    const event = (playlistEdits: unknown) => ({
      v: 1,
      id: 'e1',
      type: 'playback_state_updated',
      topic,
      source: 'tab',
      rev: 2,
      data: { baseRev: 1, at: 1, actions: ['addToPlaylist'], patch: { playlistEdits } },
    });
    for (const bad of [
      'x',
      [{}],
      [{ playlistId: 'p', clear: 'yes' }],
      [{ playlistId: 'p', putEntries: [{ entryId: 'e' }] }],
      [{ playlistId: 'p', removeEntries: [3] }],
    ]) {
      expect(parseEvent(event(bad), topic)).toMatchObject({ ok: false, reason: 'bad-data' });
    }
    const good = parseEvent(event([{ playlistId: 'p', putEntries: [{ entryId: 'e', trackId: 't', order: 'a0', extra: 1 }] }]), topic);
    expect(good.ok && good.event.type === 'playback_state_updated' && good.event.data.patch.playlistEdits).toEqual([
      { playlistId: 'p', putEntries: [{ entryId: 'e', trackId: 't', order: 'a0' }] },
    ]);
  });
});

describe('four tabs editing playlists at once', () => {
  let browser: Browser;
  afterEach(() => browser.close());

  it('converge with no lost entry after 4 × 500 random concurrent edits', async () => {
    browser = newBrowser();
    const tabs = await Promise.all([0, 1, 2, 3].map(() => browser.openTab()));
    const ids = [await newPlaylist(tabs[0]!, 'One'), await newPlaylist(tabs[0]!, 'Two')];
    await eventually(() => tabs.every((tab) => tab.state.rev === tabs[0]!.state.rev), 'all have the playlists');
    const random = mulberry32(20261201);
    const added = new Set<string>();
    const removed = new Set<string>();
    const work: Promise<unknown>[] = [];
    for (let serial = 0; serial < 500; serial++) {
      tabs.forEach((tab, t) => {
        const playlistId = ids[Math.floor(random() * ids.length)]!;
        const entries = tab.state.playlistEntries[playlistId] ?? [];
        const roll = random();
        if (roll < 0.6 || entries.length < 2) {
          const trackId = `t${t}.${serial}`;
          work.push(tab.dispatch({ type: 'addToPlaylist', playlistId, trackIds: [trackId] }).then(() => added.add(trackId)));
        } else if (roll < 0.8) {
          const entry = entries[Math.floor(random() * entries.length)]!;
          work.push(
            tab.dispatch({ type: 'removeFromPlaylist', playlistId, entryId: entry.entryId }).then(() => removed.add(entry.trackId)),
          );
        } else {
          const entry = entries[Math.floor(random() * entries.length)]!;
          const toIndex = Math.floor(random() * entries.length);
          // A move of an entry another tab just removed, or past an end another tab just moved, is refused.
          work.push(
            tab
              .dispatch({ type: 'movePlaylistEntry', playlistId, entryId: entry.entryId, toIndex })
              .catch((error) => expect(error).toBeInstanceOf(ActionError)),
          );
        }
      });
      if (serial % 50 === 0) await Promise.all(work.splice(0));
    }
    await Promise.all(work);
    await Promise.all(tabs.map((tab) => tab.settled()));
    await Promise.all(tabs.map((tab) => tab.resync()));

    const reference = tabs[0]!.state;
    for (const tab of tabs) expect(tab.state.playlistEntries).toEqual(reference.playlistEntries);
    const kept = new Set(ids.flatMap((id) => tracksOf(reference, id)));
    for (const trackId of added) if (!removed.has(trackId)) expect(kept.has(trackId)).toBe(true);
    const stored = await (await browser.openStore()).load(Date.now());
    expect(stored.state.playlistEntries).toEqual(reference.playlistEntries);
  }, 60_000);
});

describe('the database upgrade that brought playlists', () => {
  let browser: Browser;
  afterEach(() => browser.close());

  it('opens a version 1 database with its session untouched, and no problem to report', async () => {
    browser = newBrowser();
    const { openDB } = await import('idb');
    const v1 = await openDB('mediastream', 1, {
      upgrade(db) {
        db.createObjectStore('playback_states', { keyPath: 'deviceId' });
        db.createObjectStore('queue_entries', { keyPath: ['deviceId', 'entryId'] }).createIndex('by_order', ['deviceId', 'order']);
        db.createObjectStore('events', { keyPath: ['topic', 'rev'] });
      },
    });
    const saved = { ...initialRecord(browser.deviceId), currentTrackId: 't3', positionSeconds: 42, rev: 7, queue: { length: 1, rev: 7 } };
    await v1.put('playback_states', saved);
    await v1.put('queue_entries', { deviceId: browser.deviceId, entryId: 'e1', trackId: 't5', order: 'a0' });
    v1.close();

    const tab = await browser.openTab();

    expect(tab.repairs).toEqual([]);
    expect(tab.state).toMatchObject({ rev: 7, currentTrackId: 't3', positionSeconds: 42, playlists: [], playlistEntries: {} });
    expect(tab.state.queue.map((entry) => entry.trackId)).toEqual(['t5']);
  });
});

function initialRecord(deviceId: string) {
  const now = new Date(0).toISOString();
  return {
    deviceId,
    positionAt: 0,
    positionEpoch: '',
    playing: false,
    volume: 1,
    muted: false,
    rate: 1,
    shuffle: false,
    repeat: 'off',
    ownerTabId: null,
    history: [],
    insertedAt: now,
    updatedAt: now,
  };
}
