/**
 * The two directions between a device's queue and playlists and the shared document, on a Y.Doc: this
 * device's changes since the shadow (what was last written) become writes; the document's state becomes
 * the engine actions that make this device agree. The bridge runs them around its engine; the tests run
 * them on plain states, with Yjs documents standing for devices.
 */

import type * as Y from 'yjs';
import type { ActionInput } from '../engine/model/actions';
import type { PlaybackState, QueueEntry } from '../engine/model/state';
import {
  isSharedEntry,
  type KeysBetween,
  localWrites,
  queueActionsFor,
  type SharedEntry,
  type SharedOp,
  type SharedView,
  sharedOpsFor,
  sharedValueOf,
} from './mapping';
import {
  isSharedPlaylist,
  type Playlists,
  playlistActionsFor,
  playlistList,
  playlistsFromShared,
  playlistsOf,
  playlistWrites,
  type SharedPlaylistsView,
} from './playlist-mapping';
import { applySharedOps, readSharedQueue, sharedMaps } from './shared-doc';
import type { TrackTranslation } from './track-translation';

/** The queue and the playlists as they were when last written into the document (or taken from it). */
export interface SyncShadow {
  readonly queue: readonly QueueEntry[];
  readonly playlists: Playlists;
}

/**
 * Writes this device's changes since `shadow` into the document (in one transaction, tagged `origin`)
 * and returns the new shadow: the state's queue and playlists.
 */
export function writeLocalChanges(
  doc: Y.Doc,
  shadow: SyncShadow,
  state: PlaybackState,
  tracks: TrackTranslation,
  origin: unknown,
): SyncShadow {
  const maps = sharedMaps(doc);
  const ops = localWrites(
    shadow.queue,
    state.queue,
    listView(maps.queue, maps.removed, (entryId) => entryId),
    tracks,
  );
  const playlists = playlistsOf(state);
  ops.push(...playlistWrites(shadow.playlists, playlists, playlistsView(doc), tracks));
  applySharedOps(doc, ops, origin);
  const same =
    state.queue === shadow.queue && playlists.playlists === shadow.playlists.playlists && playlists.entries === shadow.playlists.entries;
  return same ? shadow : { queue: state.queue, playlists };
}

/**
 * The actions, to run in turn, that make this device's queue and playlists the document's. Order keys
 * that two devices made alike are first given distinct ones in the document (tagged `origin`), the same
 * ones on every device.
 */
export function remoteActions(
  doc: Y.Doc,
  state: PlaybackState,
  tracks: TrackTranslation,
  keysBetween: KeysBetween,
  origin: unknown,
): ActionInput[] {
  const maps = sharedMaps(doc);
  const { queue, rekeyed } = readSharedQueue(doc, keysBetween, tracks);
  const playlists = playlistsFromShared(
    maps.playlists.entries(),
    (playlistId) => maps.playlistsRemoved.has(playlistId),
    maps.playlistEntries.entries(),
    (key) => maps.playlistEntriesRemoved.has(key),
    keysBetween,
    tracks,
  );
  const queueView = listView(maps.queue, maps.removed, (entryId) => entryId);
  const ops: SharedOp[] = sharedOpsFor({ put: rekeyed, remove: [] }, () => false, sharedValueOf(queueView, tracks));
  const view = playlistsView(doc);
  for (const { playlistId, entries } of playlists.rekeyed) {
    const list = playlistList(playlistId);
    ops.push(...sharedOpsFor({ put: entries, remove: [] }, () => false, sharedValueOf(view.entries(playlistId), tracks, list), list));
  }
  applySharedOps(doc, ops, origin);
  return [...queueActionsFor(state.queue, queue), ...playlistActionsFor(playlistsOf(state), playlists)];
}

function listView(entries: Y.Map<SharedEntry>, removed: Y.Map<true>, keyOf: (entryId: string) => string): SharedView {
  return {
    get: (entryId) => {
      const value = entries.get(keyOf(entryId));
      return isSharedEntry(value) ? value : undefined;
    },
    isTombstoned: (entryId) => removed.has(keyOf(entryId)),
  };
}

function playlistsView(doc: Y.Doc): SharedPlaylistsView {
  const { playlists, playlistsRemoved, playlistEntries, playlistEntriesRemoved } = sharedMaps(doc);
  return {
    playlist: (playlistId) => {
      const value = playlists.get(playlistId);
      return isSharedPlaylist(value) ? value : undefined;
    },
    isDeleted: (playlistId) => playlistsRemoved.has(playlistId),
    entries: (playlistId) => listView(playlistEntries, playlistEntriesRemoved, playlistList(playlistId).keyOf),
  };
}
