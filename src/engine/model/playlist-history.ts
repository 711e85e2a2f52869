/**
 * How to undo one committed playlist change: the `revertPlaylist` action that takes back what it did to
 * one playlist (made, renamed, deleted, entries added, removed or moved), computed from the state before
 * the change and its patch. Like the queue's (queue-history.ts), undoing is one more ordinary action.
 */

import type { ActionInput } from './actions';
import type { Patch } from './patch';
import { entryById } from './queue-index';
import type { PlaybackState, QueueEntry } from './state';

export type PlaylistRevert = ActionInput<'revertPlaylist'>;

/** The revert of a change to exactly one playlist; null when the patch touches none, or several. */
export function revertPlaylistOf(before: PlaybackState, patch: Patch): PlaylistRevert | null {
  const touched = new Set((patch.playlistEdits ?? []).map((edit) => edit.playlistId));
  for (const playlist of patch.set?.playlists ?? []) {
    const old = before.playlists.find((candidate) => candidate.playlistId === playlist.playlistId);
    if (!old || old.name !== playlist.name) touched.add(playlist.playlistId);
  }
  if (patch.set?.playlists) {
    const kept = new Set(patch.set.playlists.map((playlist) => playlist.playlistId));
    for (const playlist of before.playlists) if (!kept.has(playlist.playlistId)) touched.add(playlist.playlistId);
  }
  if (touched.size !== 1) return null;
  const [playlistId] = touched as Set<string>;
  const info = before.playlists.find((playlist) => playlist.playlistId === playlistId) ?? null;
  const entriesBefore = before.playlistEntries[playlistId!] ?? [];
  const restore = new Map<string, QueueEntry>();
  const moveBack = new Map<string, QueueEntry>();
  const remove = new Set<string>();
  for (const edit of patch.playlistEdits ?? []) {
    if (edit.playlistId !== playlistId) continue;
    if (edit.clear) for (const entry of entriesBefore) restore.set(entry.entryId, entry);
    for (const entryId of edit.removeEntries ?? []) {
      const entry = entryById(entriesBefore, entryId);
      if (entry) restore.set(entryId, entry);
    }
    for (const entry of edit.putEntries ?? []) {
      const previous = entryById(entriesBefore, entry.entryId);
      if (!previous) remove.add(entry.entryId);
      else if (edit.clear)
        continue; // taken away and written again: restore puts it back as it was
      else moveBack.set(entry.entryId, previous);
    }
  }
  // An entry the change moved and then removed comes back where it was: restoring it covers the move.
  for (const entryId of restore.keys()) moveBack.delete(entryId);
  return {
    type: 'revertPlaylist',
    playlistId: playlistId!,
    info,
    restore: [...restore.values()],
    moveBack: [...moveBack.values()],
    remove: [...remove],
  };
}
