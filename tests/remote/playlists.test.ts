/**
 * Playlists across devices, as the queue goes: playlists and their entries in the shared document keyed
 * by id, entries ordered by (order key, entry id), deletes and removes as tombstones. Real Yjs documents
 * stand for devices; the engine's own reducer changes their states.
 */

import { describe, expect, it } from 'vitest';
import { playlistIdFor } from '../../src/engine/model/playlist-reducer';
import { sharedMaps } from '../../src/remote/shared-doc';
import { exchange, SyncedDevice, settle } from '../support/synced-device';

function titles(device: SyncedDevice, playlistId: string): string[] {
  return (device.state.playlistEntries[playlistId] ?? []).map((entry) => entry.trackId);
}

function names(device: SyncedDevice): string[] {
  return device.state.playlists.map((playlist) => playlist.name);
}

/** Two connected devices with one playlist, made on A and already on B. */
function withPlaylist(trackIds: string[] = ['t1', 't2', 't3']): { a: SyncedDevice; b: SyncedDevice; id: string } {
  const a = new SyncedDevice('A');
  const b = new SyncedDevice('B');
  const id = playlistIdFor(a.local({ type: 'createPlaylist', name: 'Road trip', trackIds }));
  settle(a, b);
  return { a, b, id };
}

describe('playlists across devices', () => {
  it('a playlist made, renamed, added to, reordered and deleted on one device is so on the other', () => {
    const { a, b, id } = withPlaylist();
    expect(names(b)).toEqual(['Road trip']);
    expect(b.state.playlistEntries[id]).toEqual(a.state.playlistEntries[id]);

    b.local({ type: 'renamePlaylist', playlistId: id, name: 'Long drive' });
    b.local({ type: 'addToPlaylist', playlistId: id, trackIds: ['t4'] });
    b.local({ type: 'movePlaylistEntry', playlistId: id, entryId: b.state.playlistEntries[id]![3]!.entryId, toIndex: 0 });
    b.local({ type: 'removeFromPlaylist', playlistId: id, entryId: b.state.playlistEntries[id]![2]!.entryId });
    settle(a, b);
    expect(names(a)).toEqual(['Long drive']);
    expect(titles(a, id)).toEqual(['t4', 't1', 't3']);
    expect(a.state.playlistEntries[id]).toEqual(b.state.playlistEntries[id]);

    a.local({ type: 'deletePlaylist', playlistId: id });
    settle(a, b);
    expect(b.state.playlists).toEqual([]);
    expect(b.state.playlistEntries[id] ?? []).toEqual([]);
  });

  it('concurrent adds to the same playlist on two offline devices are all kept, in the same order on both', () => {
    const { a, b, id } = withPlaylist();
    for (let i = 0; i < 5; i++) {
      a.local({ type: 'addToPlaylist', playlistId: id, trackIds: [`a${i}`] });
      b.local({ type: 'addToPlaylist', playlistId: id, trackIds: [`b${i}`] });
    }
    // The same spot on both: the same order keys, made independently.
    expect(a.state.playlistEntries[id]!.map((e) => e.order)).toEqual(b.state.playlistEntries[id]!.map((e) => e.order));
    settle(a, b);
    expect(titles(a, id)).toHaveLength(13);
    expect(titles(a, id)).toEqual(titles(b, id));
    expect(a.state.playlistEntries[id]).toEqual(b.state.playlistEntries[id]);
    for (let i = 0; i < 5; i++) expect(titles(a, id)).toEqual(expect.arrayContaining([`a${i}`, `b${i}`]));
    expect(new Set(a.state.playlistEntries[id]!.map((e) => e.order)).size).toBe(13);
  });

  it('a remove wins over a concurrent move of the same entry', () => {
    const { a, b, id } = withPlaylist();
    const contested = a.state.playlistEntries[id]![0]!;
    a.local({ type: 'movePlaylistEntry', playlistId: id, entryId: contested.entryId, toIndex: 2 });
    b.local({ type: 'removeFromPlaylist', playlistId: id, entryId: contested.entryId });
    settle(a, b);
    expect(titles(a, id)).toEqual(['t2', 't3']);
    expect(titles(b, id)).toEqual(['t2', 't3']);
  });

  it('a delete wins over a concurrent rename and add; playlists made at once on both are both kept', () => {
    const { a, b, id } = withPlaylist();
    a.local({ type: 'deletePlaylist', playlistId: id });
    b.local({ type: 'renamePlaylist', playlistId: id, name: 'Renamed' });
    b.local({ type: 'addToPlaylist', playlistId: id, trackIds: ['t9'] });
    const onA = playlistIdFor(a.local({ type: 'createPlaylist', name: 'Made on A' }));
    const onB = playlistIdFor(b.local({ type: 'createPlaylist', name: 'Made on B', trackIds: ['t1'] }));
    settle(a, b);
    for (const device of [a, b]) {
      expect(device.state.playlists.map((p) => p.playlistId).sort()).toEqual([onA, onB].sort());
      expect(titles(device, onB)).toEqual(['t1']);
    }
    expect(sharedMaps(a.doc).playlistsRemoved.has(id)).toBe(true);
  });

  it('a rename made after the delete reached this document, before this device took it in, does not bring the playlist back', () => {
    const { a, b, id } = withPlaylist();
    a.local({ type: 'deletePlaylist', playlistId: id });
    exchange(a, b);
    b.local({ type: 'renamePlaylist', playlistId: id, name: 'Renamed' });
    b.local({ type: 'addToPlaylist', playlistId: id, trackIds: ['t9'] });
    settle(a, b);
    expect(a.state.playlists).toEqual([]);
    expect(b.state.playlists).toEqual([]);
  });

  it('concurrent renames end with one name on both devices', () => {
    const { a, b, id } = withPlaylist();
    a.local({ type: 'renamePlaylist', playlistId: id, name: 'From A' });
    b.local({ type: 'renamePlaylist', playlistId: id, name: 'From B' });
    settle(a, b);
    expect(names(a)).toEqual(names(b));
    expect(['From A', 'From B']).toContain(names(a)[0]);
  });

  it('undo of a delete (the same playlist back, by id) brings it back on the other device too', () => {
    const { a, b, id } = withPlaylist();
    const before = a.state;
    a.local({ type: 'deletePlaylist', playlistId: id });
    settle(a, b);
    expect(b.state.playlists).toEqual([]);
    a.local({
      type: 'revertPlaylist',
      playlistId: id,
      info: before.playlists[0]!,
      restore: before.playlistEntries[id]!,
      moveBack: [],
      remove: [],
    });
    settle(a, b);
    expect(names(b)).toEqual(['Road trip']);
    expect(titles(b, id)).toEqual(['t1', 't2', 't3']);
  });

  it('a document with a bad playlist name or a stray entry changes nothing here', () => {
    const { a, b, id } = withPlaylist();
    const { playlists, playlistEntries } = sharedMaps(b.doc);
    b.doc.transact(() => {
      playlists.set('pl.bad', { name: '   ', createdAt: 1 });
      playlistEntries.set('pl.none:e1', { playlistId: 'pl.none', trackId: 't1', order: 'a0' });
      playlistEntries.set(`${id}:junk`, { order: 'a0' } as never);
    }, 'elsewhere');
    exchange(a, b);
    a.ingest();
    expect(names(a)).toEqual(['Road trip']);
    expect(titles(a, id)).toEqual(['t1', 't2', 't3']);
  });
});
