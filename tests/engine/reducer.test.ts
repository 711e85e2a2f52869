import { describe, expect, it } from 'vitest';
import { ActionError, type ActionInput, type PlaybackAction } from '../../src/engine/model/actions';
import { isOrderKey, keysBetween } from '../../src/engine/model/order-key';
import { planAction, reduce } from '../../src/engine/model/reducer';
import {
  HISTORY_LIMIT,
  initialState,
  type PlaybackState,
  positionAt,
  type QueueEntry,
  type RepeatMode,
} from '../../src/engine/model/state';

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);
const THIS_TAB = 'tab-this';
const OTHER_TAB = 'tab-other';

let actionSequence = 0;

/** An action as a tab would make it: a unique id and a time, unless the test needs particular ones. */
function action(input: ActionInput, options: { id?: string; at?: number } = {}): PlaybackAction {
  return { ...input, id: options.id ?? `action-${++actionSequence}`, at: options.at ?? T0 } as PlaybackAction;
}

/** Queue entries for these tracks, in this order, with ids entry-1, entry-2, … */
function entries(...trackIds: string[]): QueueEntry[] {
  const orders = keysBetween(null, null, trackIds.length);
  return trackIds.map((trackId, i) => ({ entryId: `entry-${i + 1}`, trackId, order: orders[i]! }));
}

function stateWith(overrides: Partial<PlaybackState> = {}): PlaybackState {
  return { ...initialState('device-1', T0), ...overrides };
}

/** A track playing in this tab since T0, from `positionSeconds`. */
function playing(overrides: Partial<PlaybackState> = {}): PlaybackState {
  return stateWith({ currentTrackId: 't1', playing: true, ownerTabId: THIS_TAB, positionAt: T0, ...overrides });
}

function queuedTracks(state: PlaybackState): string[] {
  return state.queue.map((entry) => entry.trackId);
}

function queuedIds(state: PlaybackState): string[] {
  return state.queue.map((entry) => entry.entryId);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

describe('reduce: play', () => {
  it('makes the track current from its start, playing, with the acting tab as owner', () => {
    const state = stateWith({ positionSeconds: 42, positionAt: T0 - 1000 });

    const next = reduce(state, action({ type: 'play', trackId: 't7', tabId: THIS_TAB }, { at: T0 + 500 }));

    expect(next.currentTrackId).toBe('t7');
    expect(next.playing).toBe(true);
    expect(next.positionSeconds).toBe(0);
    expect(next.positionAt).toBe(T0 + 500);
    expect(next.ownerTabId).toBe(THIS_TAB);
  });

  it('leaves the queue as it is', () => {
    const state = playing({ queue: entries('t2', 't3') });

    const next = reduce(state, action({ type: 'play', trackId: 't9', tabId: THIS_TAB }));

    expect(next.queue).toEqual(state.queue);
  });

  it('puts the track it replaces at the end of history', () => {
    const state = playing({ currentTrackId: 't2', history: ['t1'] });

    const next = reduce(state, action({ type: 'play', trackId: 't3', tabId: THIS_TAB }));

    expect(next.history).toEqual(['t1', 't2']);
  });

  it('adds nothing to history when nothing was current', () => {
    const state = stateWith({ history: ['t1'] });

    const next = reduce(state, action({ type: 'play', trackId: 't2', tabId: THIS_TAB }));

    expect(next.history).toEqual(['t1']);
  });

  it('of the track already current (a double click), restarts it without adding it to history again', () => {
    const state = playing({ currentTrackId: 't1', history: ['t4'], positionSeconds: 0.2 });

    const next = reduce(state, action({ type: 'play', trackId: 't1', tabId: THIS_TAB }, { at: T0 + 300 }));

    expect(next.history).toEqual(['t4']);
    expect(next.currentTrackId).toBe('t1');
    expect(next.positionSeconds).toBe(0);
    expect(next.playing).toBe(true);
  });

  it('keeps at most HISTORY_LIMIT tracks of history, dropping the oldest', () => {
    const history = Array.from({ length: HISTORY_LIMIT }, (_, i) => `old-${i}`);
    const state = playing({ currentTrackId: 'latest', history });

    const next = reduce(state, action({ type: 'play', trackId: 'new', tabId: THIS_TAB }));

    expect(next.history).toHaveLength(HISTORY_LIMIT);
    expect(next.history[0]).toBe('old-1');
    expect(next.history[HISTORY_LIMIT - 1]).toBe('latest');
  });

  it('rejects a missing track id', () => {
    const state = stateWith();

    expect(() => reduce(state, action({ type: 'play', trackId: '', tabId: THIS_TAB }))).toThrow(ActionError);
  });
});

describe('reduce: pause', () => {
  it('stops where the track has got to by now when no position is given', () => {
    const state = playing({ positionSeconds: 10, positionAt: T0 });

    const next = reduce(state, action({ type: 'pause' }, { at: T0 + 5000 }));

    expect(next.playing).toBe(false);
    expect(next.positionSeconds).toBe(15);
    expect(next.positionAt).toBe(T0 + 5000);
  });

  it('extrapolates at the playback rate', () => {
    const state = playing({ positionSeconds: 10, positionAt: T0, rate: 2 });

    const next = reduce(state, action({ type: 'pause' }, { at: T0 + 5000 }));

    expect(next.positionSeconds).toBe(20);
  });

  it('stops at the position given by the tab that hears the sound', () => {
    const state = playing({ positionSeconds: 10, positionAt: T0 });

    const next = reduce(state, action({ type: 'pause', positionSeconds: 12.25 }, { at: T0 + 5000 }));

    expect(next.playing).toBe(false);
    expect(next.positionSeconds).toBe(12.25);
    expect(next.positionAt).toBe(T0 + 5000);
  });

  it('clamps a negative explicit position to the start', () => {
    const state = playing();

    const next = reduce(state, action({ type: 'pause', positionSeconds: -4 }));

    expect(next.positionSeconds).toBe(0);
  });

  it('rejects a position that is not a number', () => {
    const state = playing();

    expect(() => reduce(state, action({ type: 'pause', positionSeconds: Number.NaN }))).toThrow(ActionError);
  });

  it('does nothing while already paused', () => {
    const state = stateWith({ currentTrackId: 't1', playing: false, positionSeconds: 30 });

    const next = reduce(state, action({ type: 'pause', positionSeconds: 5 }, { at: T0 + 9000 }));

    expect(next).toBe(state);
  });
});

describe('reduce: resume', () => {
  it('continues a paused track where it was left, from now', () => {
    const state = stateWith({ currentTrackId: 't1', positionSeconds: 30, positionAt: T0 - 60_000 });

    const next = reduce(state, action({ type: 'resume', tabId: THIS_TAB }, { at: T0 }));

    expect(next.playing).toBe(true);
    expect(next.positionSeconds).toBe(30);
    expect(next.positionAt).toBe(T0);
  });

  it('makes the acting tab the owner of the sound', () => {
    const state = stateWith({ currentTrackId: 't1', ownerTabId: OTHER_TAB });

    const next = reduce(state, action({ type: 'resume', tabId: THIS_TAB }));

    expect(next.ownerTabId).toBe(THIS_TAB);
  });

  it('takes the sound over from another tab at the position it has reached', () => {
    const state = playing({ ownerTabId: OTHER_TAB, positionSeconds: 10, positionAt: T0 });

    const next = reduce(state, action({ type: 'resume', tabId: THIS_TAB }, { at: T0 + 3000 }));

    expect(next.ownerTabId).toBe(THIS_TAB);
    expect(next.playing).toBe(true);
    expect(next.positionSeconds).toBe(13);
    expect(next.positionAt).toBe(T0 + 3000);
  });

  it('does nothing when this tab is already playing', () => {
    const state = playing({ ownerTabId: THIS_TAB });

    const next = reduce(state, action({ type: 'resume', tabId: THIS_TAB }, { at: T0 + 3000 }));

    expect(next).toBe(state);
  });

  it('with no current track, starts the first queue entry and takes it off the queue', () => {
    const state = stateWith({ queue: entries('t1', 't2'), positionSeconds: 99 });

    const next = reduce(state, action({ type: 'resume', tabId: THIS_TAB }, { at: T0 + 100 }));

    expect(next.currentTrackId).toBe('t1');
    expect(next.playing).toBe(true);
    expect(next.ownerTabId).toBe(THIS_TAB);
    expect(next.positionSeconds).toBe(0);
    expect(next.positionAt).toBe(T0 + 100);
    expect(queuedTracks(next)).toEqual(['t2']);
  });

  it('with no current track and an empty queue, changes nothing', () => {
    const state = stateWith({ history: ['t1'] });

    const next = reduce(state, action({ type: 'resume', tabId: THIS_TAB }));

    expect(next).toBe(state);
  });
});

describe('reduce: seek', () => {
  it('moves the position and restamps its time', () => {
    const state = playing({ positionSeconds: 10, positionAt: T0 });

    const next = reduce(state, action({ type: 'seek', positionSeconds: 95.5 }, { at: T0 + 2000 }));

    expect(next.positionSeconds).toBe(95.5);
    expect(next.positionAt).toBe(T0 + 2000);
    expect(next.playing).toBe(true);
  });

  it('clamps a negative position to the start', () => {
    const state = playing({ positionSeconds: 10 });

    const next = reduce(state, action({ type: 'seek', positionSeconds: -3 }));

    expect(next.positionSeconds).toBe(0);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('rejects %s as a position', (positionSeconds) => {
    const state = playing();

    expect(() => reduce(state, action({ type: 'seek', positionSeconds }))).toThrow(ActionError);
  });

  it('does nothing when no track is current', () => {
    const state = stateWith({ queue: entries('t1') });

    const next = reduce(state, action({ type: 'seek', positionSeconds: 20 }));

    expect(next).toBe(state);
  });
});

describe('reduce: next', () => {
  it('makes the first queue entry current from its start and takes it off the queue', () => {
    const state = playing({ queue: entries('t2', 't3', 't4'), positionSeconds: 50 });

    const next = reduce(state, action({ type: 'next' }, { at: T0 + 100 }));

    expect(next.currentTrackId).toBe('t2');
    expect(next.positionSeconds).toBe(0);
    expect(next.positionAt).toBe(T0 + 100);
    expect(queuedTracks(next)).toEqual(['t3', 't4']);
    expect(queuedIds(next)).toEqual(['entry-2', 'entry-3']);
  });

  it('to an entry of the track already current does not add that track to history twice', () => {
    const state = playing({ currentTrackId: 't1', history: ['t4'], queue: entries('t1', 't2') });

    const next = reduce(state, action({ type: 'next' }));

    expect(next.history).toEqual(['t4']);
    expect(next.currentTrackId).toBe('t1');
    expect(queuedTracks(next)).toEqual(['t2']);
  });

  it('puts the track it leaves at the end of history', () => {
    const state = playing({ currentTrackId: 't1', history: ['t0'], queue: entries('t2') });

    const next = reduce(state, action({ type: 'next' }));

    expect(next.history).toEqual(['t0', 't1']);
  });

  it('keeps playing when it was playing', () => {
    const state = playing({ queue: entries('t2') });

    const next = reduce(state, action({ type: 'next' }));

    expect(next.playing).toBe(true);
  });

  it('moves on even with repeat one', () => {
    const state = playing({ repeat: 'one', queue: entries('t2') });

    const next = reduce(state, action({ type: 'next' }));

    expect(next.currentTrackId).toBe('t2');
  });

  it('at the end of the queue with repeat off, stays on the track, stopped at its start', () => {
    const state = playing({ currentTrackId: 't5', history: ['t4'], positionSeconds: 180, repeat: 'off' });

    const next = reduce(state, action({ type: 'next' }, { at: T0 + 100 }));

    expect(next.currentTrackId).toBe('t5');
    expect(next.playing).toBe(false);
    expect(next.positionSeconds).toBe(0);
    expect(next.positionAt).toBe(T0 + 100);
    expect(next.history).toEqual(['t4']);
    expect(next.queue).toEqual([]);
  });

  it('at the end of the queue with repeat all, starts the session again from the first track played', () => {
    const state = playing({ currentTrackId: 't3', history: ['t1', 't2'], positionSeconds: 200, repeat: 'all' });

    const next = reduce(state, action({ type: 'next' }, { at: T0 + 100 }));

    expect(next.currentTrackId).toBe('t1');
    expect(next.positionSeconds).toBe(0);
    expect(next.positionAt).toBe(T0 + 100);
    expect(next.playing).toBe(true);
    expect(queuedTracks(next)).toEqual(['t2', 't3']);
    expect(next.history).toEqual([]);
    expect(next.queue.every((entry) => isOrderKey(entry.order))).toBe(true);
  });

  it('at the end of the queue with repeat all and a single track played, starts that track again', () => {
    const state = playing({ currentTrackId: 't1', history: [], positionSeconds: 200, repeat: 'all' });

    const next = reduce(state, action({ type: 'next' }, { at: T0 + 100 }));

    expect(next.currentTrackId).toBe('t1');
    expect(next.positionSeconds).toBe(0);
    expect(next.positionAt).toBe(T0 + 100);
    expect(next.playing).toBe(true);
    expect(next.queue).toEqual([]);
  });

  it('changes nothing when the queue is empty and nothing is current', () => {
    const state = stateWith({ repeat: 'all', history: ['t1'] });

    const next = reduce(state, action({ type: 'next' }));

    expect(next).toBe(state);
  });
});

describe('reduce: trackEnded', () => {
  it('with repeat one, restarts the same track and leaves the queue alone', () => {
    const state = playing({ currentTrackId: 't1', repeat: 'one', positionSeconds: 180, queue: entries('t2') });

    const next = reduce(state, action({ type: 'trackEnded', trackId: 't1' }, { at: T0 + 100 }));

    expect(next.currentTrackId).toBe('t1');
    expect(next.positionSeconds).toBe(0);
    expect(next.positionAt).toBe(T0 + 100);
    expect(next.playing).toBe(true);
    expect(next.queue).toEqual(state.queue);
    expect(next.history).toEqual(state.history);
  });

  it('ignores the end of a track that is no longer current', () => {
    const state = playing({ currentTrackId: 't2', queue: entries('t3') });

    const next = reduce(state, action({ type: 'trackEnded', trackId: 't1' }));

    expect(next).toBe(state);
  });

  it.each<[string, Partial<PlaybackState>]>([
    ['with a queue', { queue: entries('t2', 't3') }],
    ['at the end of the queue with repeat off', { repeat: 'off' }],
    ['at the end of the queue with repeat all', { repeat: 'all', history: ['t0'] }],
    ['at the end of the queue with repeat all and a single track played', { repeat: 'all', history: [] }],
  ])('otherwise does what Next does (%s)', (_, overrides) => {
    const state = playing({ currentTrackId: 't1', positionSeconds: 180, ...overrides });

    const ended = reduce(state, action({ type: 'trackEnded', trackId: 't1' }, { id: 'same', at: T0 + 100 }));
    const skipped = reduce(state, action({ type: 'next' }, { id: 'same', at: T0 + 100 }));

    expect(ended).toEqual(skipped);
    expect(ended).not.toBe(state);
  });
});

describe('reduce: previous', () => {
  it('restarts the current track when more than 3 s in', () => {
    const state = playing({ currentTrackId: 't2', history: ['t1'], positionSeconds: 3.5, playing: false });

    const next = reduce(state, action({ type: 'previous' }, { at: T0 + 100 }));

    expect(next.currentTrackId).toBe('t2');
    expect(next.positionSeconds).toBe(0);
    expect(next.positionAt).toBe(T0 + 100);
    expect(next.history).toEqual(['t1']);
  });

  it('counts the time played since the last checkpoint', () => {
    const state = playing({ currentTrackId: 't2', history: ['t1'], positionSeconds: 2, positionAt: T0 });

    const next = reduce(state, action({ type: 'previous' }, { at: T0 + 2000 }));

    expect(next.currentTrackId).toBe('t2');
    expect(next.positionSeconds).toBe(0);
  });

  it('restarts the current track when nothing was played before it', () => {
    const state = playing({ currentTrackId: 't1', history: [], positionSeconds: 1, playing: false });

    const next = reduce(state, action({ type: 'previous' }, { at: T0 + 100 }));

    expect(next.currentTrackId).toBe('t1');
    expect(next.positionSeconds).toBe(0);
    expect(next.positionAt).toBe(T0 + 100);
    expect(next.queue).toEqual([]);
  });

  it('within the first 3 s, goes back to the track played before, from its start', () => {
    const state = playing({ currentTrackId: 't3', history: ['t1', 't2'], positionSeconds: 1, playing: false });

    const next = reduce(state, action({ type: 'previous' }, { at: T0 + 100 }));

    expect(next.currentTrackId).toBe('t2');
    expect(next.positionSeconds).toBe(0);
    expect(next.positionAt).toBe(T0 + 100);
    expect(next.history).toEqual(['t1']);
  });

  it('puts the track it leaves at the front of the queue', () => {
    const state = playing({ currentTrackId: 't3', history: ['t2'], positionSeconds: 1, queue: entries('t4', 't5') });

    const next = reduce(state, action({ type: 'previous' }));

    expect(queuedTracks(next)).toEqual(['t3', 't4', 't5']);
  });

  it('is undone by Next, which returns to the track Previous left', () => {
    const state = playing({ currentTrackId: 't3', history: ['t1', 't2'], positionSeconds: 1, queue: entries('t4') });

    const back = reduce(state, action({ type: 'previous' }));
    const forward = reduce(back, action({ type: 'next' }));

    expect(forward.currentTrackId).toBe('t3');
    expect(forward.history).toEqual(['t1', 't2']);
    expect(queuedTracks(forward)).toEqual(['t4']);
  });

  it('changes nothing when no track is current', () => {
    const state = stateWith({ history: ['t1'] });

    const next = reduce(state, action({ type: 'previous' }));

    expect(next).toBe(state);
  });
});

describe('reduce: enqueue', () => {
  it('adds a track to the end of the queue', () => {
    const state = playing({ queue: entries('t2', 't3') });

    const next = reduce(state, action({ type: 'enqueue', trackIds: ['t4'] }));

    expect(queuedTracks(next)).toEqual(['t2', 't3', 't4']);
  });

  it('adds several tracks at once, in the order given', () => {
    const state = playing({ queue: entries('t2') });

    const next = reduce(state, action({ type: 'enqueue', trackIds: ['t5', 't3', 't4'] }));

    expect(queuedTracks(next)).toEqual(['t2', 't5', 't3', 't4']);
  });

  it('adds to an empty queue', () => {
    const state = playing();

    const next = reduce(state, action({ type: 'enqueue', trackIds: ['t2', 't3'] }));

    expect(queuedTracks(next)).toEqual(['t2', 't3']);
    expect(next.queue.every((entry) => isOrderKey(entry.order))).toBe(true);
  });

  it('gives the same track queued twice in one action two distinct entries', () => {
    const state = playing();

    const next = reduce(state, action({ type: 'enqueue', trackIds: ['t2', 't2'] }));

    expect(queuedTracks(next)).toEqual(['t2', 't2']);
    expect(new Set(queuedIds(next)).size).toBe(2);
  });

  it('gives the same track queued by two actions two distinct entries', () => {
    const state = playing();

    const once = reduce(state, action({ type: 'enqueue', trackIds: ['t2'] }));
    const twice = reduce(once, action({ type: 'enqueue', trackIds: ['t2'] }));

    expect(queuedTracks(twice)).toEqual(['t2', 't2']);
    expect(new Set(queuedIds(twice)).size).toBe(2);
  });

  it('derives the new entries from the action, so every tab computes the same ones', () => {
    const add = action({ type: 'enqueue', trackIds: ['t2', 't3'] });

    const inOneTab = reduce(playing({ queue: entries('t9') }), add);
    const inAnotherTab = reduce(playing({ queue: entries('t9') }), add);

    expect(inOneTab.queue).toEqual(inAnotherTab.queue);
  });

  it('does not touch the current track or the play state', () => {
    const state = playing({ positionSeconds: 12 });

    const next = reduce(state, action({ type: 'enqueue', trackIds: ['t2'] }));

    expect(next.currentTrackId).toBe('t1');
    expect(next.playing).toBe(true);
    expect(next.positionSeconds).toBe(12);
  });

  it('rejects an empty list of tracks', () => {
    const state = playing();

    expect(() => reduce(state, action({ type: 'enqueue', trackIds: [] }))).toThrow(ActionError);
  });

  it('rejects an empty track id', () => {
    const state = playing();

    expect(() => reduce(state, action({ type: 'enqueue', trackIds: ['t2', ''] }))).toThrow(ActionError);
  });
});

describe('reduce: playNext', () => {
  it('adds a track to the front of the queue', () => {
    const state = playing({ queue: entries('t2', 't3') });

    const next = reduce(state, action({ type: 'playNext', trackIds: ['t9'] }));

    expect(queuedTracks(next)).toEqual(['t9', 't2', 't3']);
  });

  it('keeps several tracks in the order given, ahead of the rest', () => {
    const state = playing({ queue: entries('t2', 't3') });

    const next = reduce(state, action({ type: 'playNext', trackIds: ['t7', 't8', 't9'] }));

    expect(queuedTracks(next)).toEqual(['t7', 't8', 't9', 't2', 't3']);
  });

  it('adds to an empty queue', () => {
    const state = playing();

    const next = reduce(state, action({ type: 'playNext', trackIds: ['t7', 't8'] }));

    expect(queuedTracks(next)).toEqual(['t7', 't8']);
  });

  it('is what Next plays next', () => {
    const state = playing({ queue: entries('t2') });

    const queued = reduce(state, action({ type: 'playNext', trackIds: ['t9'] }));
    const next = reduce(queued, action({ type: 'next' }));

    expect(next.currentTrackId).toBe('t9');
  });

  it('rejects an empty list of tracks', () => {
    const state = playing({ queue: entries('t2') });

    expect(() => reduce(state, action({ type: 'playNext', trackIds: [] }))).toThrow(ActionError);
  });
});

describe('reduce: remove', () => {
  it('removes only that entry when the same track is queued twice', () => {
    const state = playing({ queue: entries('t2', 't3', 't2') });

    const next = reduce(state, action({ type: 'remove', entryId: 'entry-3' }));

    expect(queuedIds(next)).toEqual(['entry-1', 'entry-2']);
    expect(queuedTracks(next)).toEqual(['t2', 't3']);
  });

  it('removes the entry that would play next, so Next plays the one after', () => {
    const state = playing({ queue: entries('t2', 't3') });

    const removed = reduce(state, action({ type: 'remove', entryId: 'entry-1' }));
    const next = reduce(removed, action({ type: 'next' }));

    expect(queuedTracks(removed)).toEqual(['t3']);
    expect(next.currentTrackId).toBe('t3');
  });

  it('changes nothing when the entry is already gone', () => {
    const state = playing({ queue: entries('t2') });

    const next = reduce(state, action({ type: 'remove', entryId: 'entry-404' }));

    expect(next).toBe(state);
  });
});

describe('reduce: move', () => {
  it('moves an entry to the front', () => {
    const state = playing({ queue: entries('a', 'b', 'c', 'd') });

    const next = reduce(state, action({ type: 'move', entryId: 'entry-3', toIndex: 0 }));

    expect(queuedTracks(next)).toEqual(['c', 'a', 'b', 'd']);
  });

  it('moves an entry to the end', () => {
    const state = playing({ queue: entries('a', 'b', 'c', 'd') });

    const next = reduce(state, action({ type: 'move', entryId: 'entry-1', toIndex: 3 }));

    expect(queuedTracks(next)).toEqual(['b', 'c', 'd', 'a']);
  });

  it('moves an entry forward into the middle', () => {
    const state = playing({ queue: entries('a', 'b', 'c', 'd') });

    const next = reduce(state, action({ type: 'move', entryId: 'entry-4', toIndex: 1 }));

    expect(queuedTracks(next)).toEqual(['a', 'd', 'b', 'c']);
  });

  it('moves an entry backward into the middle', () => {
    const state = playing({ queue: entries('a', 'b', 'c', 'd') });

    const next = reduce(state, action({ type: 'move', entryId: 'entry-1', toIndex: 2 }));

    expect(queuedTracks(next)).toEqual(['b', 'c', 'a', 'd']);
  });

  it('rewrites the order key of the moved entry only', () => {
    const state = playing({ queue: entries('a', 'b', 'c', 'd') });

    const patch = planAction(state, action({ type: 'move', entryId: 'entry-4', toIndex: 1 }));
    const next = reduce(state, action({ type: 'move', entryId: 'entry-4', toIndex: 1 }));

    expect(patch.putEntries?.map((entry) => entry.entryId)).toEqual(['entry-4']);
    for (const entry of next.queue.filter((e) => e.entryId !== 'entry-4')) {
      expect(entry.order).toBe(state.queue.find((e) => e.entryId === entry.entryId)!.order);
    }
  });

  it('changes nothing when the entry is already at that position', () => {
    const state = playing({ queue: entries('a', 'b', 'c') });

    const next = reduce(state, action({ type: 'move', entryId: 'entry-2', toIndex: 1 }));

    expect(next).toBe(state);
  });

  it('rejects a position past the end, naming the position and the queue length', () => {
    const state = playing({ queue: entries('a', 'b', 'c') });

    const moveTooFar = () => reduce(state, action({ type: 'move', entryId: 'entry-1', toIndex: 3 }));

    expect(moveTooFar).toThrow(ActionError);
    expect(moveTooFar).toThrow(/position 4\b/);
    expect(moveTooFar).toThrow(/\b3 entries/);
  });

  it.each([-1, 1.5, Number.NaN])('rejects position index %s', (toIndex) => {
    const state = playing({ queue: entries('a', 'b', 'c') });

    expect(() => reduce(state, action({ type: 'move', entryId: 'entry-1', toIndex }))).toThrow(ActionError);
  });

  it('moves by a step from where the entry is when the move is applied, stopping at either end', () => {
    const state = playing({ queue: entries('a', 'b', 'c', 'd') });

    const once = reduce(state, action({ type: 'move', entryId: 'entry-1', by: 1 }));
    const twice = reduce(once, action({ type: 'move', entryId: 'entry-1', by: 1 }));
    const pastTheEnd = reduce(twice, action({ type: 'move', entryId: 'entry-1', by: 5 }));
    const backToTheTop = reduce(pastTheEnd, action({ type: 'move', entryId: 'entry-1', by: -9 }));

    expect(queuedTracks(once)).toEqual(['b', 'a', 'c', 'd']);
    expect(queuedTracks(twice)).toEqual(['b', 'c', 'a', 'd']);
    expect(queuedTracks(pastTheEnd)).toEqual(['b', 'c', 'd', 'a']);
    expect(queuedTracks(backToTheTop)).toEqual(['a', 'b', 'c', 'd']);
    expect(reduce(pastTheEnd, action({ type: 'move', entryId: 'entry-1', by: 1 }))).toBe(pastTheEnd);
  });

  it.each([0.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects a step of %s places, saying a move is whole places', (by) => {
    const state = playing({ queue: entries('a', 'b', 'c') });

    expect(() => reduce(state, action({ type: 'move', entryId: 'entry-1', by }))).toThrow(/whole number of places/);
  });

  it('rejects moving an entry that is no longer in the queue', () => {
    const state = playing({ queue: entries('a', 'b') });

    const moveMissing = () => reduce(state, action({ type: 'move', entryId: 'entry-404', toIndex: 0 }));

    expect(moveMissing).toThrow(ActionError);
    expect(moveMissing).toThrow(/no longer in the queue/);
  });
});

describe('reduce: clearQueue', () => {
  it('empties the queue and leaves the current track playing', () => {
    const state = playing({ queue: entries('t2', 't3'), positionSeconds: 7 });

    const next = reduce(state, action({ type: 'clearQueue' }));

    expect(next.queue).toEqual([]);
    expect(next.currentTrackId).toBe('t1');
    expect(next.playing).toBe(true);
    expect(next.positionSeconds).toBe(7);
  });

  it('changes nothing when the queue is already empty', () => {
    const state = playing();

    const next = reduce(state, action({ type: 'clearQueue' }));

    expect(next).toBe(state);
  });
});

describe('reduce: setVolume', () => {
  it.each([0, 0.35, 1])('sets the volume to %s', (volume) => {
    const state = playing();

    const next = reduce(state, action({ type: 'setVolume', volume }));

    expect(next.volume).toBe(volume);
  });

  it.each([-0.01, 1.01, Number.NaN, Number.POSITIVE_INFINITY])('rejects volume %s, naming the range', (volume) => {
    const state = playing();

    const setVolume = () => reduce(state, action({ type: 'setVolume', volume }));

    expect(setVolume).toThrow(ActionError);
    expect(setVolume).toThrow(/between 0 and 1/);
  });
});

describe('reduce: setRate', () => {
  it.each([0.25, 1.5, 4])('sets the playback rate to %s', (rate) => {
    const state = playing();

    const next = reduce(state, action({ type: 'setRate', rate }));

    expect(next.rate).toBe(rate);
  });

  it('keeps the time already played at the old rate', () => {
    const state = playing({ positionSeconds: 10, positionAt: T0, rate: 1 });

    const next = reduce(state, action({ type: 'setRate', rate: 2 }, { at: T0 + 4000 }));

    expect(next.positionSeconds).toBe(14);
    expect(next.positionAt).toBe(T0 + 4000);
    expect(positionAt(next, T0 + 5000)).toBe(16);
  });

  it.each([0.2, 4.5, 0, Number.NaN])('rejects rate %s, naming the range', (rate) => {
    const state = playing();

    const setRate = () => reduce(state, action({ type: 'setRate', rate }));

    expect(setRate).toThrow(ActionError);
    expect(setRate).toThrow(/between 0.25 and 4/);
  });
});

describe('reduce: setMuted', () => {
  it('mutes and unmutes without touching the volume', () => {
    const state = playing({ volume: 0.6 });

    const muted = reduce(state, action({ type: 'setMuted', muted: true }));
    const unmuted = reduce(muted, action({ type: 'setMuted', muted: false }));

    expect(muted.muted).toBe(true);
    expect(unmuted.muted).toBe(false);
    expect(unmuted.volume).toBe(0.6);
  });
});

describe('reduce: setShuffle', () => {
  const tracks = Array.from({ length: 12 }, (_, i) => `t${i + 1}`);

  it('reorders the queue the same way in every tab for the same action', () => {
    const shuffleOn = action({ type: 'setShuffle', shuffle: true }, { id: 'shuffle-seed-1' });

    const inOneTab = reduce(playing({ queue: entries(...tracks) }), shuffleOn);
    const inAnotherTab = reduce(playing({ queue: entries(...tracks) }), shuffleOn);

    expect(inOneTab.shuffle).toBe(true);
    expect(inOneTab.queue).toEqual(inAnotherTab.queue);
  });

  it('gives different orders for different actions', () => {
    const state = playing({ queue: entries(...tracks) });

    const orders = ['s-1', 's-2', 's-3', 's-4', 's-5'].map((id) =>
      queuedTracks(reduce(state, action({ type: 'setShuffle', shuffle: true }, { id }))).join(','),
    );

    expect(new Set(orders).size).toBeGreaterThan(1);
    expect(orders.some((order) => order !== tracks.join(','))).toBe(true);
  });

  it('keeps the same entries, with valid order keys sorted like the queue', () => {
    const state = playing({ queue: entries(...tracks) });

    const next = reduce(state, action({ type: 'setShuffle', shuffle: true }));

    expect([...queuedIds(next)].sort()).toEqual([...queuedIds(state)].sort());
    for (const entry of next.queue) {
      expect(entry.trackId).toBe(state.queue.find((e) => e.entryId === entry.entryId)!.trackId);
      expect(isOrderKey(entry.order)).toBe(true);
    }
    const orders = next.queue.map((entry) => entry.order);
    expect(orders).toEqual([...orders].sort());
    expect(new Set(orders).size).toBe(orders.length);
  });

  it('turned off, keeps the queue in its current order', () => {
    const state = playing({ shuffle: true, queue: entries('t3', 't1', 't2') });

    const next = reduce(state, action({ type: 'setShuffle', shuffle: false }));

    expect(next.shuffle).toBe(false);
    expect(next.queue).toEqual(state.queue);
  });

  it('with fewer than two entries, only sets the flag', () => {
    const state = playing({ queue: entries('t2') });

    const next = reduce(state, action({ type: 'setShuffle', shuffle: true }));

    expect(next.shuffle).toBe(true);
    expect(next.queue).toEqual(state.queue);
  });
});

describe('reduce: setRepeat', () => {
  it.each<RepeatMode>(['off', 'all', 'one'])('sets repeat %s', (repeat) => {
    const state = playing({ repeat: repeat === 'off' ? 'all' : 'off' });

    const next = reduce(state, action({ type: 'setRepeat', repeat }));

    expect(next.repeat).toBe(repeat);
  });

  it('rejects an unknown mode, naming it', () => {
    const state = playing();

    const setRepeat = () => reduce(state, action({ type: 'setRepeat', repeat: 'sometimes' as RepeatMode }));

    expect(setRepeat).toThrow(ActionError);
    expect(setRepeat).toThrow(/sometimes/);
  });
});

describe('reduce: checkpoint', () => {
  it('records where the owner tab hears the current track', () => {
    const state = playing({ positionSeconds: 10, positionAt: T0 });

    const next = reduce(
      state,
      action({ type: 'checkpoint', tabId: THIS_TAB, trackId: 't1', positionSeconds: 11.2, positionEpoch: '' }, { at: T0 + 1000 }),
    );

    expect(next.positionSeconds).toBe(11.2);
    expect(next.positionAt).toBe(T0 + 1000);
  });

  it('ignores a checkpoint from a tab that does not own the sound', () => {
    const state = playing({ ownerTabId: THIS_TAB });

    const next = reduce(state, action({ type: 'checkpoint', tabId: OTHER_TAB, trackId: 't1', positionSeconds: 50, positionEpoch: '' }));

    expect(next).toBe(state);
  });

  it('ignores a checkpoint measured before the position last moved, so it cannot undo a seek', () => {
    const seeked = reduce(
      playing({ positionSeconds: 10, positionAt: T0 }),
      action({ type: 'seek', positionSeconds: 140 }, { id: 'seek-1' }),
    );

    const next = reduce(
      seeked,
      action({ type: 'checkpoint', tabId: THIS_TAB, trackId: 't1', positionSeconds: 39.3, positionEpoch: '' }, { at: T0 + 1000 }),
    );

    expect(seeked.positionEpoch).toBe('seek-1');
    expect(next).toBe(seeked);
    expect(next.positionSeconds).toBe(140);
  });

  it('accepts a checkpoint measured after the seek', () => {
    const seeked = reduce(
      playing({ positionSeconds: 10, positionAt: T0 }),
      action({ type: 'seek', positionSeconds: 140 }, { id: 'seek-1' }),
    );

    const next = reduce(
      seeked,
      action({ type: 'checkpoint', tabId: THIS_TAB, trackId: 't1', positionSeconds: 141, positionEpoch: 'seek-1' }, { at: T0 + 1000 }),
    );

    expect(next.positionSeconds).toBe(141);
    expect(next.positionEpoch).toBe('seek-1');
  });

  it('records where a paused track really stopped, once', () => {
    const paused = reduce(playing({ positionSeconds: 10, positionAt: T0 }), action({ type: 'pause' }, { at: T0 + 2000 }));
    const report = (at: number) =>
      action({ type: 'checkpoint', tabId: THIS_TAB, trackId: 't1', positionSeconds: 11.9, positionEpoch: paused.positionEpoch }, { at });

    const stopped = reduce(paused, report(T0 + 2100));
    const again = reduce(stopped, report(T0 + 9000));

    expect(stopped.positionSeconds).toBe(11.9);
    expect(again).toBe(stopped);
  });

  it('ignores a checkpoint for a track that is no longer current', () => {
    const state = playing({ currentTrackId: 't2' });

    const next = reduce(state, action({ type: 'checkpoint', tabId: THIS_TAB, trackId: 't1', positionSeconds: 50, positionEpoch: '' }));

    expect(next).toBe(state);
  });
});

describe('reduce: ownerGone', () => {
  it('pauses at the last checkpoint when another tab owned the playing sound', () => {
    const state = playing({ ownerTabId: OTHER_TAB, positionSeconds: 42, positionAt: T0 });

    const next = reduce(state, action({ type: 'ownerGone', tabId: THIS_TAB }, { at: T0 + 800 }));

    expect(next.playing).toBe(false);
    expect(next.positionSeconds).toBe(42);
    expect(next.positionAt).toBe(T0 + 800);
    expect(next.currentTrackId).toBe('t1');
  });

  it('changes nothing when the acting tab is the owner', () => {
    const state = playing({ ownerTabId: THIS_TAB });

    const next = reduce(state, action({ type: 'ownerGone', tabId: THIS_TAB }));

    expect(next).toBe(state);
  });

  it('changes nothing when nothing was playing', () => {
    const state = stateWith({ currentTrackId: 't1', ownerTabId: OTHER_TAB, playing: false });

    const next = reduce(state, action({ type: 'ownerGone', tabId: THIS_TAB }));

    expect(next).toBe(state);
  });
});

describe('reduce: forgetTracks', () => {
  const known = new Set(['t1', 't3']);
  const isKnown = (trackId: string) => known.has(trackId);

  it('drops an unknown current track and stops', () => {
    const state = playing({ currentTrackId: 'gone', positionSeconds: 30 });

    const next = reduce(state, action({ type: 'forgetTracks', isKnown }));

    expect(next.currentTrackId).toBeNull();
    expect(next.playing).toBe(false);
    expect(next.positionSeconds).toBe(0);
  });

  it('drops unknown tracks from history, keeping the order of the rest', () => {
    const state = playing({ history: ['t1', 'gone', 't3', 'gone'] });

    const next = reduce(state, action({ type: 'forgetTracks', isKnown }));

    expect(next.history).toEqual(['t1', 't3']);
  });

  it('drops queue entries of unknown tracks, keeping the rest in order', () => {
    const state = playing({ queue: entries('t3', 'gone', 't1', 'gone-too') });

    const next = reduce(state, action({ type: 'forgetTracks', isKnown }));

    expect(queuedIds(next)).toEqual(['entry-1', 'entry-3']);
    expect(queuedTracks(next)).toEqual(['t3', 't1']);
  });

  it('keeps a known current track playing', () => {
    const state = playing({ currentTrackId: 't1', positionSeconds: 30, queue: entries('gone') });

    const next = reduce(state, action({ type: 'forgetTracks', isKnown }));

    expect(next.currentTrackId).toBe('t1');
    expect(next.playing).toBe(true);
    expect(next.positionSeconds).toBe(30);
  });

  it('changes nothing when every track is known', () => {
    const state = playing({ history: ['t3'], queue: entries('t3', 't1') });

    const next = reduce(state, action({ type: 'forgetTracks', isKnown }));

    expect(next).toBe(state);
  });
});

describe('reduce: revertQueue (undo and redo)', () => {
  const revert = (input: Omit<ActionInput<'revertQueue'>, 'type'>) => action({ type: 'revertQueue', ...input });

  it('puts back the entries the change took away, with their ids and order keys', () => {
    const [first, second, third] = entries('t1', 't2', 't3');
    const state = playing({ queue: [first!, third!] });

    const next = reduce(state, revert({ restore: [second!], remove: [] }));

    expect(next.queue).toEqual([first, second, third]);
  });

  it('moves an entry the change moved back to its old place while it is still queued', () => {
    const [first, second, third] = entries('t1', 't2', 't3');
    const state = playing({ queue: [second!, { ...first!, order: `${third!.order}V` }, third!] });

    const next = reduce(state, revert({ restore: [], moveBack: [first!], remove: [] }));

    expect(next.queue).toEqual([first, second, third]);
  });

  it('does not bring back a moved entry that was played or removed since', () => {
    const [first, second, third] = entries('t1', 't2', 't3');
    const state = playing({ currentTrackId: 't1', queue: [{ ...third!, order: `${first!.order}0` }, second!] });

    const next = reduce(state, revert({ restore: [], moveBack: [first!, third!], remove: [] }));

    expect(queuedTracks(next)).toEqual(['t2', 't3']);
    expect(next.currentTrackId).toBe('t1');
  });

  it('takes out what the change added, and leaves alone what was added since', () => {
    const [mine, theirs] = entries('t1', 't2');
    const state = playing({ queue: [mine!, theirs!] });

    const next = reduce(state, revert({ restore: [], remove: [mine!.entryId] }));

    expect(next.queue).toEqual([theirs]);
  });

  it('turns shuffle back to what it was before the change', () => {
    const [first, second] = entries('t1', 't2');
    const state = playing({ shuffle: true, queue: [second!, { ...first!, order: `${second!.order}V` }] });

    const next = reduce(state, revert({ restore: [], moveBack: [first!, second!], remove: [], shuffle: false }));

    expect(next.shuffle).toBe(false);
    expect(next.queue).toEqual([first, second]);
  });

  it('refuses, saying why, when everything it concerns was played or removed since', () => {
    const [first, second] = entries('t1', 't2');
    const state = playing({ queue: [] });

    expect(() => reduce(state, revert({ restore: [], moveBack: [first!], remove: [second!.entryId] }))).toThrow(ActionError);
    expect(() => reduce(state, revert({ restore: [], moveBack: [first!], remove: [second!.entryId] }))).toThrow(
      /changed since.*played or removed/,
    );
  });

  it('refuses when the queue is already as the revert would leave it', () => {
    const [first, second] = entries('t1', 't2');
    const state = playing({ queue: [first!, second!] });

    expect(() => reduce(state, revert({ restore: [second!], moveBack: [first!], remove: [] }))).toThrow(ActionError);
  });
});

describe('reduce: unknown actions', () => {
  it('rejects an action type it does not know', () => {
    const state = playing();

    expect(() => reduce(state, { type: 'rewind', id: 'x', at: T0 } as unknown as PlaybackAction)).toThrow(/Unknown action: rewind/);
  });
});

describe('reduce is pure', () => {
  const busy = (): PlaybackState =>
    playing({
      currentTrackId: 't3',
      history: ['t1', 't2'],
      positionSeconds: 1,
      ownerTabId: OTHER_TAB,
      queue: entries('t4', 't5', 't6', 't7'),
    });

  it.each<[string, ActionInput]>([
    ['play', { type: 'play', trackId: 't9', tabId: THIS_TAB }],
    ['pause', { type: 'pause' }],
    ['resume', { type: 'resume', tabId: THIS_TAB }],
    ['seek', { type: 'seek', positionSeconds: 60 }],
    ['next', { type: 'next' }],
    ['previous', { type: 'previous' }],
    ['trackEnded', { type: 'trackEnded', trackId: 't3' }],
    ['enqueue', { type: 'enqueue', trackIds: ['t8', 't9'] }],
    ['playNext', { type: 'playNext', trackIds: ['t8', 't9'] }],
    ['remove', { type: 'remove', entryId: 'entry-2' }],
    ['move', { type: 'move', entryId: 'entry-4', toIndex: 0 }],
    ['clearQueue', { type: 'clearQueue' }],
    ['setVolume', { type: 'setVolume', volume: 0.5 }],
    ['setMuted', { type: 'setMuted', muted: true }],
    ['setRate', { type: 'setRate', rate: 1.5 }],
    ['setShuffle', { type: 'setShuffle', shuffle: true }],
    ['setRepeat', { type: 'setRepeat', repeat: 'one' }],
    ['checkpoint', { type: 'checkpoint', tabId: OTHER_TAB, trackId: 't3', positionSeconds: 2, positionEpoch: '' }],
    ['ownerGone', { type: 'ownerGone', tabId: THIS_TAB }],
    ['forgetTracks', { type: 'forgetTracks', isKnown: (trackId: string) => trackId !== 't5' && trackId !== 't1' }],
  ])('%s never mutates the state it is given', (_, input) => {
    const state = deepFreeze(busy());
    const before = structuredClone(state);

    const next = reduce(state, action(input, { at: T0 + 1000 }));

    expect(state).toEqual(before);
    expect(next).not.toBe(state);
  });

  it('repeat all at the end of the queue never mutates the state it is given', () => {
    const state = deepFreeze(playing({ repeat: 'all', history: ['t1', 't2'], currentTrackId: 't3' }));
    const before = structuredClone(state);

    const next = reduce(state, action({ type: 'next' }));

    expect(state).toEqual(before);
    expect(next.currentTrackId).toBe('t1');
  });
});
