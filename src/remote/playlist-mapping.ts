/**
 * Playlists on the shared document, mapped as the queue is (pure functions, no Yjs): `playlists` maps
 * playlist id → { name, createdAt }, and `playlistsRemoved` holds a tombstone per deleted playlist, so a
 * delete wins over a concurrent rename or add. Entries of every playlist live in `playlistEntries`, keyed
 * `<playlist id>:<entry id>`, with fractional order keys ordered by (order key, entry id) and their own
 * tombstones in `playlistEntriesRemoved`: a remove wins over a concurrent move. Remote changes arrive as
 * `revertPlaylist` actions, one per playlist that changed.
 */

import type { ActionInput } from '../engine/model/actions';
import { PLAYLIST_NAME_LIMIT, type PlaybackState, type PlaylistInfo, type QueueEntry } from '../engine/model/state';
import {
  diffQueues,
  type KeysBetween,
  localWrites,
  queueFromShared,
  retrackedIds,
  type SharedEntry,
  type SharedList,
  type SharedOp,
  type SharedView,
} from './mapping';
import { SAME_TRACKS, type TrackTranslation } from './track-translation';

/** A playlist's value in the shared `playlists` map. */
export interface SharedPlaylist {
  readonly name: string;
  readonly createdAt: number;
}

export function isSharedPlaylist(value: unknown): value is SharedPlaylist {
  if (typeof value !== 'object' || value === null) return false;
  const { name, createdAt } = value as Record<string, unknown>;
  return (
    typeof name === 'string' &&
    name.trim() !== '' &&
    name.length <= PLAYLIST_NAME_LIMIT &&
    typeof createdAt === 'number' &&
    Number.isFinite(createdAt)
  );
}

/** Where one playlist's entries live in the document. */
export function playlistList(playlistId: string): SharedList {
  return {
    entries: 'playlistEntries',
    removed: 'playlistEntriesRemoved',
    keyOf: (entryId) => `${playlistId}:${entryId}`,
    extra: { playlistId },
  };
}

/** The playlists of a device: what of its state goes into the document as playlists. */
export interface Playlists {
  readonly playlists: readonly PlaylistInfo[];
  readonly entries: Readonly<Record<string, readonly QueueEntry[]>>;
}

export const NO_PLAYLISTS: Playlists = { playlists: [], entries: {} };

export function playlistsOf(state: Pick<PlaybackState, 'playlists' | 'playlistEntries'>): Playlists {
  return { playlists: state.playlists, entries: state.playlistEntries };
}

/** What the document holds now of the playlists, as far as writing local changes needs to know. */
export interface SharedPlaylistsView {
  playlist(playlistId: string): SharedPlaylist | undefined;
  isDeleted(playlistId: string): boolean;
  /** One playlist's entries, by entry id. */
  entries(playlistId: string): SharedView;
}

/**
 * The writes that bring the document up to this device's playlists, from the playlists as last written
 * (`shadow`). A playlist deleted there that was here stays deleted, whatever this device did to it since;
 * one that comes back here after it left (an undo of its delete) clears its tombstone.
 */
export function playlistWrites(
  shadow: Playlists,
  local: Playlists,
  shared: SharedPlaylistsView,
  tracks: TrackTranslation = SAME_TRACKS,
): SharedOp[] {
  if (shadow.playlists === local.playlists && shadow.entries === local.entries) return [];
  const ops: SharedOp[] = [];
  const before = new Map(shadow.playlists.map((playlist) => [playlist.playlistId, playlist]));
  for (const playlist of local.playlists) {
    const id = playlist.playlistId;
    const was = before.get(id);
    before.delete(id);
    const deletedThere = shared.isDeleted(id);
    if (deletedThere && was) continue;
    const there = shared.playlist(id);
    if (deletedThere || !there || there.name !== playlist.name) {
      ops.push({ map: 'playlists', key: id, value: { name: playlist.name, createdAt: playlist.createdAt } satisfies SharedPlaylist });
      if (deletedThere) ops.push({ map: 'playlistsRemoved', key: id, delete: true });
    }
    ops.push(...localWrites(shadow.entries[id] ?? [], local.entries[id] ?? [], shared.entries(id), tracks, playlistList(id)));
  }
  for (const id of before.keys()) {
    if (shared.isDeleted(id)) continue;
    ops.push({ map: 'playlists', key: id, delete: true }, { map: 'playlistsRemoved', key: id, value: true });
  }
  return ops;
}

export interface SharedPlaylists extends Playlists {
  readonly entries: Readonly<Record<string, QueueEntry[]>>;
  /** Entries whose order key had to change to break a tie, by playlist: written back, so every device agrees. */
  readonly rekeyed: readonly { readonly playlistId: string; readonly entries: readonly QueueEntry[] }[];
}

/** The playlists the document describes: live ones in the order they were made, entries in the shared order. */
export function playlistsFromShared(
  infos: Iterable<readonly [string, unknown]>,
  isDeleted: (playlistId: string) => boolean,
  entries: Iterable<readonly [string, unknown]>,
  isEntryRemoved: (key: string) => boolean,
  keysBetween: KeysBetween,
  tracks: TrackTranslation = SAME_TRACKS,
): SharedPlaylists {
  const playlists: PlaylistInfo[] = [];
  for (const [playlistId, value] of infos) {
    if (isDeleted(playlistId) || !isSharedPlaylist(value)) continue;
    playlists.push({ playlistId, name: value.name.trim(), createdAt: value.createdAt });
  }
  playlists.sort((a, b) => a.createdAt - b.createdAt || (a.playlistId < b.playlistId ? -1 : 1));
  const grouped = new Map<string, [string, SharedEntry][]>(playlists.map((playlist) => [playlist.playlistId, []]));
  for (const [key, value] of entries) {
    const playlistId = (value as Partial<SharedEntry> | null)?.playlistId;
    const group = typeof playlistId === 'string' ? grouped.get(playlistId) : undefined;
    if (!group || !key.startsWith(`${playlistId}:`)) continue;
    group.push([key.slice(playlistId!.length + 1), value as SharedEntry]);
  }
  const byPlaylist: Record<string, QueueEntry[]> = {};
  const rekeyed: { playlistId: string; entries: QueueEntry[] }[] = [];
  for (const [playlistId, group] of grouped) {
    const list = playlistList(playlistId);
    const shared = queueFromShared(group, (entryId) => isEntryRemoved(list.keyOf(entryId)), keysBetween, tracks);
    byPlaylist[playlistId] = shared.queue;
    if (shared.rekeyed.length) rekeyed.push({ playlistId, entries: shared.rekeyed });
  }
  return { playlists, entries: byPlaylist, rekeyed };
}

/**
 * The actions that make this device's playlists the shared ones, to run in turn: a `revertPlaylist` for
 * each playlist that differs (made, deleted, renamed, or its entries), with, before it, the removal of
 * entries whose track changed here (a revert puts back an entry only where it is not already).
 */
export function playlistActionsFor(local: Playlists, shared: Playlists): ActionInput<'revertPlaylist'>[] {
  const actions: ActionInput<'revertPlaylist'>[] = [];
  const here = new Map(local.playlists.map((playlist) => [playlist.playlistId, playlist]));
  for (const playlist of shared.playlists) {
    const id = playlist.playlistId;
    const mine = here.get(id);
    here.delete(id);
    const wanted = shared.entries[id] ?? [];
    if (!mine) {
      actions.push({ type: 'revertPlaylist', playlistId: id, info: playlist, restore: wanted, moveBack: [], remove: [] });
      continue;
    }
    const entries = local.entries[id] ?? [];
    const diff = diffQueues(entries, wanted);
    if (mine.name === playlist.name && diff.put.length === 0 && diff.remove.length === 0) continue;
    const retracked = new Set(retrackedIds(entries, diff.put));
    if (retracked.size)
      actions.push({ type: 'revertPlaylist', playlistId: id, info: mine, restore: [], moveBack: [], remove: [...retracked] });
    const present = new Set(entries.map((entry) => entry.entryId));
    actions.push({
      type: 'revertPlaylist',
      playlistId: id,
      info: { ...mine, name: playlist.name },
      restore: diff.put.filter((entry) => !present.has(entry.entryId) || retracked.has(entry.entryId)),
      moveBack: diff.put.filter((entry) => present.has(entry.entryId) && !retracked.has(entry.entryId)),
      remove: diff.remove,
    });
  }
  for (const id of here.keys()) actions.push({ type: 'revertPlaylist', playlistId: id, info: null, restore: [], moveBack: [], remove: [] });
  return actions;
}
