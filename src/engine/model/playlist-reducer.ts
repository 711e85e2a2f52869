/**
 * What a playlist action does, as a patch: the playlists' names and ids change in the state's `playlists`
 * field (a short list), and entries change one at a time in their own store, so an edit costs the same
 * bytes and writes at 10 entries as at 10,000. Pure, like the queue's reducer: every tab computes the same.
 */

import { ActionError, type PlaylistAction } from './actions';
import { isPlaylistName } from './fields';
import { type MoveTarget, movedEntry } from './move-entry';
import { keysBetween } from './order-key';
import { EMPTY_PATCH, type Patch, type PlaylistEdit } from './patch';
import { entryById } from './queue-index';
import { PLAYLIST_LIMIT, PLAYLIST_NAME_LIMIT, type PlaybackState, type PlaylistInfo, type QueueEntry } from './state';

/** The id a playlist made by this action gets. */
export function playlistIdFor(actionId: string): string {
  return `pl.${actionId}`;
}

export function planPlaylistAction(state: PlaybackState, action: PlaylistAction): Patch {
  switch (action.type) {
    case 'createPlaylist': {
      if (state.playlists.length >= PLAYLIST_LIMIT)
        throw new ActionError(`You have ${PLAYLIST_LIMIT} playlists, the most there can be. Delete one first.`);
      const playlist: PlaylistInfo = { playlistId: playlistIdFor(action.id), name: requireName(action.name), createdAt: action.at };
      const trackIds = action.trackIds ?? [];
      const edit: PlaylistEdit = {
        playlistId: playlist.playlistId,
        clear: true,
        ...(trackIds.length ? { putEntries: newEntries(action.id, trackIds, null) } : {}),
      };
      return { set: { playlists: [...state.playlists, playlist] }, playlistEdits: [edit] };
    }
    case 'renamePlaylist': {
      const name = requireName(action.name);
      const playlist = requirePlaylist(state, action.playlistId);
      if (playlist.name === name) return EMPTY_PATCH;
      return { set: { playlists: state.playlists.map((p) => (p.playlistId === playlist.playlistId ? { ...p, name } : p)) } };
    }
    case 'deletePlaylist':
      // Already gone (another tab deleted it first) is the wished-for outcome.
      if (!findPlaylist(state, action.playlistId)) return EMPTY_PATCH;
      return {
        set: { playlists: state.playlists.filter((p) => p.playlistId !== action.playlistId) },
        playlistEdits: [{ playlistId: action.playlistId, clear: true }],
      };
    case 'addToPlaylist': {
      const entries = entriesOf(state, requirePlaylist(state, action.playlistId).playlistId);
      const last = entries[entries.length - 1];
      return {
        playlistEdits: [{ playlistId: action.playlistId, putEntries: newEntries(action.id, action.trackIds, last?.order ?? null) }],
      };
    }
    case 'removeFromPlaylist': {
      const playlist = findPlaylist(state, action.playlistId);
      if (!playlist || !entryById(entriesOf(state, playlist.playlistId), action.entryId)) return EMPTY_PATCH;
      return { playlistEdits: [{ playlistId: action.playlistId, removeEntries: [action.entryId] }] };
    }
    case 'movePlaylistEntry':
      return movePlaylistEntry(state, action.playlistId, action.entryId, action);
    case 'revertPlaylist':
      return revertPlaylist(state, action);
  }
}

function findPlaylist(state: PlaybackState, playlistId: string): PlaylistInfo | undefined {
  return state.playlists.find((playlist) => playlist.playlistId === playlistId);
}

function requirePlaylist(state: PlaybackState, playlistId: string): PlaylistInfo {
  const playlist = findPlaylist(state, playlistId);
  if (!playlist) throw new ActionError('That playlist no longer exists: it was deleted, perhaps in another tab.');
  return playlist;
}

function entriesOf(state: PlaybackState, playlistId: string): readonly QueueEntry[] {
  return state.playlistEntries[playlistId] ?? [];
}

function requireName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '') throw new ActionError('A playlist needs a name.');
  const trimmed = name.trim();
  if (!isPlaylistName(trimmed)) throw new ActionError(`A playlist name can be at most ${PLAYLIST_NAME_LIMIT} characters.`);
  return trimmed;
}

/** Entries for `trackIds` after the order key `after`, with ids derived from the action so all tabs agree. */
function newEntries(actionId: string, trackIds: readonly string[], after: string | null): QueueEntry[] {
  if (!Array.isArray(trackIds) || trackIds.length === 0) throw new ActionError('Nothing to add to the playlist.');
  for (const trackId of trackIds) {
    if (typeof trackId !== 'string' || trackId.length === 0) throw new ActionError('Missing track id.');
  }
  const orders = keysBetween(after, null, trackIds.length);
  return trackIds.map((trackId, i) => ({ entryId: `${actionId}.${i}`, trackId, order: orders[i]! }));
}

function movePlaylistEntry(state: PlaybackState, playlistId: string, entryId: string, target: MoveTarget): Patch {
  const moved = movedEntry(entriesOf(state, requirePlaylist(state, playlistId).playlistId), entryId, target, 'playlist');
  return moved ? { playlistEdits: [{ playlistId, putEntries: [moved] }] } : EMPTY_PATCH;
}

/**
 * Undo or redo: only what this change did is taken back. A playlist it made is deleted; one it deleted
 * comes back with its entries; a rename goes back. Entries it removed return; entries it moved go back to
 * their old place only if they are still there; entries it added go, if still there. What other tabs did
 * since (an entry removed elsewhere, a playlist deleted elsewhere) stays done.
 */
function revertPlaylist(state: PlaybackState, action: Extract<PlaylistAction, { type: 'revertPlaylist' }>): Patch {
  const current = findPlaylist(state, action.playlistId);
  if (action.info === null) {
    if (!current) return EMPTY_PATCH;
    return {
      set: { playlists: state.playlists.filter((p) => p !== current) },
      playlistEdits: [{ playlistId: action.playlistId, clear: true }],
    };
  }
  const entries = entriesOf(state, action.playlistId);
  const present = (entry: { entryId: string } | string) =>
    entryById(entries, typeof entry === 'string' ? entry : entry.entryId) !== undefined;
  const putEntries = [
    ...action.restore.filter((entry) => !current || !present(entry)),
    ...(current ? action.moveBack.filter(present) : []),
  ];
  const removeEntries = current ? action.remove.filter(present) : [];
  const set = !current
    ? { playlists: [...state.playlists, action.info].sort((a, b) => a.createdAt - b.createdAt) }
    : current.name !== action.info.name
      ? { playlists: state.playlists.map((p) => (p === current ? { ...p, name: action.info!.name } : p)) }
      : undefined;
  const edit: PlaylistEdit = {
    playlistId: action.playlistId,
    ...(current ? {} : { clear: true as const }),
    ...(putEntries.length ? { putEntries } : {}),
    ...(removeEntries.length ? { removeEntries } : {}),
  };
  const touchesEntries = Boolean(edit.clear || edit.putEntries || edit.removeEntries);
  if (!set && !touchesEntries) return EMPTY_PATCH;
  return { ...(set ? { set } : {}), ...(touchesEntries ? { playlistEdits: [edit] } : {}) };
}
