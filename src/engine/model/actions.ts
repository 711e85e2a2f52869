/**
 * Everything a person (or the sound's tab) can do to the shared player, as data. Every action carries its own unique `id` and the wall-clock time `at` it was
 * made, so the reducer needs nothing else: entry ids and the shuffle order are derived from `id`, and every
 * tab computes the same result from the same action.
 */

import type { MoveTarget } from './move-entry';
import type { PlaybackState, PlaylistInfo, QueueEntry, RepeatMode } from './state';

interface ActionBase {
  /** Unique per action; the seed for any ids or randomness the action needs. */
  readonly id: string;
  /** Wall-clock milliseconds when the action was made. */
  readonly at: number;
}

/** The tab that acts: starting playback makes it the owner of the sound. */
interface TabAction extends ActionBase {
  readonly tabId: string;
}

export type PlaybackAction =
  | (TabAction & { readonly type: 'play'; readonly trackId: string })
  | (ActionBase & { readonly type: 'pause'; readonly positionSeconds?: number })
  | (TabAction & { readonly type: 'resume' })
  | (ActionBase & { readonly type: 'seek'; readonly positionSeconds: number })
  | (ActionBase & { readonly type: 'next' })
  | (ActionBase & { readonly type: 'previous' })
  | (ActionBase & { readonly type: 'trackEnded'; readonly trackId: string })
  | (ActionBase & { readonly type: 'enqueue'; readonly trackIds: readonly string[] })
  | (ActionBase & { readonly type: 'playNext'; readonly trackIds: readonly string[] })
  | (ActionBase & { readonly type: 'remove'; readonly entryId: string })
  | (ActionBase & { readonly type: 'move'; readonly entryId: string } & MoveTarget)
  | (ActionBase & { readonly type: 'clearQueue' })
  | (ActionBase & { readonly type: 'setVolume'; readonly volume: number })
  | (ActionBase & { readonly type: 'setMuted'; readonly muted: boolean })
  | (ActionBase & { readonly type: 'setRate'; readonly rate: number })
  | (ActionBase & { readonly type: 'setShuffle'; readonly shuffle: boolean })
  | (ActionBase & { readonly type: 'setRepeat'; readonly repeat: RepeatMode })
  | (TabAction & {
      readonly type: 'checkpoint';
      readonly trackId: string;
      readonly positionSeconds: number;
      /** The state's `positionEpoch` when the position was measured. */
      readonly positionEpoch: string;
      /** The track's length as its audio reports it, once known: a long track keeps its own place. */
      readonly durationSeconds?: number;
    })
  | (TabAction & { readonly type: 'ownerGone' })
  | (ActionBase & { readonly type: 'forgetTracks'; readonly isKnown: (trackId: string) => boolean })
  | (ActionBase & { readonly type: 'importSession'; readonly session: PlaybackState })
  | (ActionBase & {
      readonly type: 'revertQueue';
      /** Entries the change took away, to put back exactly as they were (their ids and order keys). */
      readonly restore: readonly QueueEntry[];
      /** Entries the change moved, to go back to their old order keys if they are still queued. */
      readonly moveBack?: readonly QueueEntry[];
      /** Entries the change added, to take out again if they are still queued. */
      readonly remove: readonly string[];
      /** The shuffle flag before the change, when the change set it otherwise. */
      readonly shuffle?: boolean;
    })
  | PlaylistAction;

/** Saved playlists: made, renamed and deleted, and their entries added, removed and moved. */
export type PlaylistAction =
  /** Its id is derived from the action's, so every tab names it alike; `trackIds` fills it (Save queue as playlist). */
  | (ActionBase & { readonly type: 'createPlaylist'; readonly name: string; readonly trackIds?: readonly string[] })
  | (ActionBase & { readonly type: 'renamePlaylist'; readonly playlistId: string; readonly name: string })
  | (ActionBase & { readonly type: 'deletePlaylist'; readonly playlistId: string })
  | (ActionBase & { readonly type: 'addToPlaylist'; readonly playlistId: string; readonly trackIds: readonly string[] })
  | (ActionBase & { readonly type: 'removeFromPlaylist'; readonly playlistId: string; readonly entryId: string })
  | (ActionBase & { readonly type: 'movePlaylistEntry'; readonly playlistId: string; readonly entryId: string } & MoveTarget)
  | (ActionBase & {
      /** Undo or redo of one playlist change: what it took away comes back, what it added goes. */
      readonly type: 'revertPlaylist';
      readonly playlistId: string;
      /** The playlist as it was (its name, for a rename; all of it, for a delete); null: it did not exist. */
      readonly info: PlaylistInfo | null;
      /** Entries the change removed: put back. */
      readonly restore: readonly QueueEntry[];
      /** Entries the change moved: put back in their old place, if they are still there. */
      readonly moveBack: readonly QueueEntry[];
      /** Entries the change added: taken out again. */
      readonly remove: readonly string[];
    });

export const PLAYLIST_ACTIONS: ReadonlySet<ActionType> = new Set<ActionType>([
  'createPlaylist',
  'renamePlaylist',
  'deletePlaylist',
  'addToPlaylist',
  'removeFromPlaylist',
  'movePlaylistEntry',
  'revertPlaylist',
]);

export function isPlaylistAction(action: PlaybackAction): action is PlaylistAction {
  return PLAYLIST_ACTIONS.has(action.type);
}

export type ActionType = PlaybackAction['type'];

/** What an action carries beyond its id and time: what a caller writes. */
export type ActionInput<T extends ActionType = ActionType> = T extends ActionType
  ? WithoutIdAndTime<Extract<PlaybackAction, { type: T }>>
  : never;

/** Omit, member by member: an action with two shapes (a move to an index or by a step) keeps both. */
type WithoutIdAndTime<A> = A extends unknown ? Omit<A, 'id' | 'at'> : never;

/**
 * Actions whose newest instance makes older pending ones pointless, so a burst of them (a hundred seeks in a
 * second) costs one write. Discrete edits (add, remove, move) are never in this list.
 */
const SELF_REPLACING: ReadonlySet<ActionType> = new Set<ActionType>(['seek', 'setVolume', 'setRate', 'checkpoint']);

export function replacesPrevious(action: PlaybackAction): boolean {
  return SELF_REPLACING.has(action.type);
}

/** An action that cannot apply to the state it meets; the message is for the person who tried it. */
export class ActionError extends Error {
  override name = 'ActionError';
}
