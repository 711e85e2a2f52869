/**
 * The pure, deterministic heart of playback: what an action does to a state. `planAction` says it as a
 * patch (what the store writes and the channel carries); `reduce` applies it. Both are pure: the same
 * state and action give the same result in every tab.
 */

import { ActionError, isPlaylistAction, type PlaybackAction } from './actions';
import { type MoveTarget, movedEntry } from './move-entry';
import { keysBetween } from './order-key';
import { applyPatch, EMPTY_PATCH, type Patch } from './patch';
import { planPlaylistAction } from './playlist-reducer';
import { entryById } from './queue-index';
import { markLongTrack, resumeOnTrackChange } from './resume-points';
import { seededShuffle } from './seeded-random';
import {
  HISTORY_LIMIT,
  type PlaybackFields,
  type PlaybackState,
  positionAt,
  type QueueEntry,
  RATE_RANGE,
  REPEAT_MODES,
  VOLUME_RANGE,
} from './state';

/** Pressing Previous later than this into a track restarts it, as players do. */
export const RESTART_THRESHOLD_SECONDS = 3;

export function reduce(state: PlaybackState, action: PlaybackAction): PlaybackState {
  return applyPatch(state, planAction(state, action));
}

export function planAction(state: PlaybackState, action: PlaybackAction): Patch {
  const patch = planWithoutEpoch(state, action);
  // Whatever moves the position, other than the sound's tab reporting where it is, starts a new epoch.
  if (action.type === 'checkpoint' || patch.set?.positionSeconds === undefined) return patch;
  return { ...patch, set: { ...patch.set, positionEpoch: action.id } };
}

function planWithoutEpoch(state: PlaybackState, action: PlaybackAction): Patch {
  switch (action.type) {
    case 'play':
      requireId(action.trackId, 'track id');
      return {
        set: {
          ...startTrack(state, action.trackId, action.at),
          ...resumeOnTrackChange(state, action.trackId, action.at),
          playing: true,
          ownerTabId: action.tabId,
        },
      };
    case 'pause':
      if (!state.playing) return EMPTY_PATCH;
      return {
        set: {
          playing: false,
          positionSeconds: requirePosition(action.positionSeconds ?? positionAt(state, action.at)),
          positionAt: action.at,
        },
      };
    case 'resume':
      if (state.currentTrackId === null) {
        const first = state.queue[0];
        if (!first) return EMPTY_PATCH;
        const patch = advanceTo(state, first, action.at);
        return { ...patch, set: { ...patch.set, playing: true, ownerTabId: action.tabId } };
      }
      if (state.playing && state.ownerTabId === action.tabId) return EMPTY_PATCH;
      return {
        set: { playing: true, ownerTabId: action.tabId, positionSeconds: positionAt(state, action.at), positionAt: action.at },
      };
    case 'seek':
      if (state.currentTrackId === null) return EMPTY_PATCH;
      return { set: { positionSeconds: requirePosition(action.positionSeconds), positionAt: action.at } };
    case 'next':
      return advance(state, action.at, action.id);
    case 'trackEnded':
      if (action.trackId !== state.currentTrackId) return EMPTY_PATCH;
      if (state.repeat === 'one') return { set: { positionSeconds: 0, positionAt: action.at } };
      return advance(state, action.at, action.id, true);
    case 'previous':
      return previous(state, action.at, action.id);
    case 'enqueue': {
      const last = state.queue[state.queue.length - 1];
      return { putEntries: newEntries(action.id, action.trackIds, last?.order ?? null, null) };
    }
    case 'playNext':
      return { putEntries: newEntries(action.id, action.trackIds, null, state.queue[0]?.order ?? null) };
    case 'remove':
      // Already gone (another tab removed it first) is the wished-for outcome, not an error.
      return entryById(state.queue, action.entryId) ? { removeEntries: [action.entryId] } : EMPTY_PATCH;
    case 'move':
      return moveInQueue(state.queue, action.entryId, action);
    case 'clearQueue':
      return state.queue.length > 0 ? { clearQueue: true } : EMPTY_PATCH;
    case 'setVolume':
      return { set: { volume: requireInRange(action.volume, VOLUME_RANGE, 'Volume') } };
    case 'setMuted':
      return { set: { muted: Boolean(action.muted) } };
    case 'setRate':
      // Rebase the position so the time already played keeps the old rate. A long track keeps its own
      // speed; otherwise this is the speed short tracks play at.
      return {
        set: {
          rate: requireInRange(action.rate, RATE_RANGE, 'Playback rate'),
          ...(state.currentTrackLong ? {} : { baseRate: action.rate }),
          positionSeconds: positionAt(state, action.at),
          positionAt: action.at,
        },
      };
    case 'setShuffle':
      return shuffle(state, action.shuffle, action.id);
    case 'setRepeat':
      if (!REPEAT_MODES.includes(action.repeat)) throw new ActionError(`Unknown repeat mode: ${String(action.repeat)}`);
      return { set: { repeat: action.repeat } };
    case 'checkpoint':
      // Only the tab that outputs the sound knows where it is. A checkpoint from a former owner, for a
      // track that is no longer current, or measured before the position last moved, is stale.
      if (action.tabId !== state.ownerTabId || action.trackId !== state.currentTrackId || action.positionEpoch !== state.positionEpoch) {
        return EMPTY_PATCH;
      }
      // Paused, the position only changes when the sound's tab reports where it stopped: the same place
      // reported again (the page going hidden, say) is not a change.
      if (!state.playing && action.positionSeconds === state.positionSeconds) return EMPTY_PATCH;
      return {
        set: {
          positionSeconds: requirePosition(action.positionSeconds),
          positionAt: action.at,
          ...markLongTrack(state, action.durationSeconds),
        },
      };
    case 'forgetTracks':
      return forgetTracks(state, action.isKnown);
    case 'importSession':
      return importSession(action.session, action.at);
    case 'revertQueue':
      return revertQueue(state, action);
    case 'ownerGone':
      // The tab that played is gone: stop at its last checkpoint, which is at most a second old.
      if (!state.playing || state.ownerTabId === action.tabId) return EMPTY_PATCH;
      return { set: { playing: false, positionAt: action.at } };
    default:
      if (isPlaylistAction(action)) return planPlaylistAction(state, action);
      throw new ActionError(`Unknown action: ${String((action as { type?: unknown }).type)}`);
  }
}

/**
 * Make a track current from its start, remembering the one it replaces for Previous. Starting the track
 * that is current already (a double click on Play) restarts it: it replaces nothing, so history is kept.
 */
function startTrack(state: PlaybackState, trackId: string, at: number): Partial<PlaybackFields> {
  const replaces = state.currentTrackId !== null && state.currentTrackId !== trackId;
  const history = replaces ? [...state.history, state.currentTrackId!].slice(-HISTORY_LIMIT) : state.history;
  return { currentTrackId: trackId, positionSeconds: 0, positionAt: at, history };
}

function advanceTo(state: PlaybackState, entry: QueueEntry, at: number, finished = false): Patch {
  return {
    set: { ...startTrack(state, entry.trackId, at), ...resumeOnTrackChange(state, entry.trackId, at, finished) },
    removeEntries: [entry.entryId],
  };
}

/**
 * Next, or the end of a track (`finished`): the first queue entry, or per repeat mode when the queue has
 * run out.
 */
function advance(state: PlaybackState, at: number, actionId: string, finished = false): Patch {
  const first = state.queue[0];
  if (first) return advanceTo(state, first, at, finished);
  if (state.currentTrackId === null) return EMPTY_PATCH;
  if (state.repeat === 'all') {
    // Start the session's tracks again, in the order they were played.
    const [again, ...rest] = [...state.history, state.currentTrackId];
    // A session of one track has nothing to queue: it just starts again.
    return {
      set: { currentTrackId: again!, positionSeconds: 0, positionAt: at, history: [], ...resumeOnTrackChange(state, again!, at, finished) },
      ...(rest.length ? { putEntries: newEntries(actionId, rest, null, null) } : {}),
    };
  }
  // The end of the queue: stay on the last track, stopped at its start (a long one that was played to its
  // end forgets its place; one skipped past keeps it).
  return { set: { playing: false, positionSeconds: 0, positionAt: at, ...resumeOnTrackChange(state, state.currentTrackId, at, finished) } };
}

function previous(state: PlaybackState, at: number, actionId: string): Patch {
  const before = state.history[state.history.length - 1];
  if (state.currentTrackId === null) return EMPTY_PATCH;
  if (before === undefined || positionAt(state, at) > RESTART_THRESHOLD_SECONDS) {
    return { set: { positionSeconds: 0, positionAt: at } };
  }
  // The current track goes back to the front of what comes next, so Next returns to it.
  return {
    set: {
      currentTrackId: before,
      positionSeconds: 0,
      positionAt: at,
      history: state.history.slice(0, -1),
      ...resumeOnTrackChange(state, before, at),
    },
    putEntries: newEntries(actionId, [state.currentTrackId], null, state.queue[0]?.order ?? null),
  };
}

function moveInQueue(queue: readonly QueueEntry[], entryId: string, target: MoveTarget): Patch {
  const moved = movedEntry(queue, entryId, target, 'queue');
  return moved ? { putEntries: [moved] } : EMPTY_PATCH;
}

function shuffle(state: PlaybackState, on: boolean, actionId: string): Patch {
  const set = { shuffle: Boolean(on) };
  if (!on || state.queue.length < 2) return { set };
  const shuffled = seededShuffle(state.queue, actionId);
  const orders = keysBetween(null, null, shuffled.length);
  return { set, putEntries: shuffled.map((entry, i) => ({ ...entry, order: orders[i]! })) };
}

/** Take over a session saved under another device id: its track, place, queue and settings, paused. */
function importSession(session: PlaybackState, at: number): Patch {
  const { currentTrackId, positionSeconds, history, volume, muted, rate, shuffle, repeat, queue } = session;
  return {
    set: { currentTrackId, positionSeconds, positionAt: at, playing: false, history, volume, muted, rate, shuffle, repeat },
    clearQueue: true,
    ...(queue.length ? { putEntries: queue } : {}),
  };
}

/**
 * Undo or redo of a queue change, planned on the queue as it is now: put back the entries the change took
 * away, move the ones it moved back to their old places and take out the ones it added. What happened
 * since is left alone: an entry played or removed since stays gone (only what the change itself took away
 * comes back), and an entry added since stays. Nothing left to do is said, not committed as nothing.
 * (`moveBack` and `shuffle` are optional: a revert made without them means what it always did.)
 */
function revertQueue(state: PlaybackState, action: Extract<PlaybackAction, { type: 'revertQueue' }>): Patch {
  const queued = (entryId: string) => entryById(state.queue, entryId);
  const putEntries = [
    // Put back, unless it is back already, just there.
    ...action.restore.filter((entry) => queued(entry.entryId)?.order !== entry.order),
    ...(action.moveBack ?? []).filter((entry) => {
      const now = queued(entry.entryId);
      return now !== undefined && now.order !== entry.order;
    }),
  ];
  const removeEntries = action.remove.filter((entryId) => queued(entryId) !== undefined);
  const shuffle = action.shuffle !== undefined && Boolean(action.shuffle) !== state.shuffle ? { shuffle: Boolean(action.shuffle) } : null;
  if (putEntries.length === 0 && removeEntries.length === 0 && !shuffle) {
    throw new ActionError('The queue has changed since: the entries this concerns have been played or removed, in this tab or another.');
  }
  return {
    ...(shuffle ? { set: shuffle } : {}),
    ...(putEntries.length ? { putEntries } : {}),
    ...(removeEntries.length ? { removeEntries } : {}),
  };
}

/** Drop what refers to tracks the catalog no longer has (a deployer removed them, or the record is corrupt). */
function forgetTracks(state: PlaybackState, isKnown: (trackId: string) => boolean): Patch {
  const set: { -readonly [K in keyof PlaybackFields]?: PlaybackFields[K] } = {};
  if (state.currentTrackId !== null && !isKnown(state.currentTrackId)) {
    Object.assign(set, { currentTrackId: null, positionSeconds: 0, playing: false });
  }
  const history = state.history.filter(isKnown);
  if (history.length !== state.history.length) set.history = history;
  const resumePoints = state.resumePoints.filter((point) => isKnown(point.trackId));
  if (resumePoints.length !== state.resumePoints.length) set.resumePoints = resumePoints;
  const removeEntries = state.queue.filter((entry) => !isKnown(entry.trackId)).map((entry) => entry.entryId);
  return { set, ...(removeEntries.length ? { removeEntries } : {}) };
}

/** Entries for `trackIds` between two order keys, with ids derived from the action so all tabs agree. */
function newEntries(actionId: string, trackIds: readonly string[], after: string | null, before: string | null): QueueEntry[] {
  if (!Array.isArray(trackIds) || trackIds.length === 0) throw new ActionError('Nothing to add to the queue.');
  for (const trackId of trackIds) requireId(trackId, 'track id');
  const orders = keysBetween(after, before, trackIds.length);
  return trackIds.map((trackId, i) => ({ entryId: `${actionId}.${i}`, trackId, order: orders[i]! }));
}

function requireId(value: unknown, what: string): void {
  if (typeof value !== 'string' || value.length === 0) throw new ActionError(`Missing ${what}.`);
}

function requirePosition(seconds: number): number {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) throw new ActionError(`Not a position: ${String(seconds)}`);
  return Math.max(0, seconds);
}

function requireInRange(value: number, range: { min: number; max: number }, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < range.min || value > range.max) {
    throw new ActionError(`${what} must be between ${range.min} and ${range.max}, not ${String(value)}.`);
  }
  return value;
}
