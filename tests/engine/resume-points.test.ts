import { describe, expect, it } from 'vitest';
import type { ActionInput, PlaybackAction } from '../../src/engine/model/actions';
import { reduce } from '../../src/engine/model/reducer';
import { LONG_TRACK_SECONDS } from '../../src/engine/model/resume-points';
import { initialState, type PlaybackState } from '../../src/engine/model/state';

const T0 = Date.UTC(2026, 11, 1, 20, 0, 0);
const TAB = 'tab-1';
let serial = 0;

function act(state: PlaybackState, input: ActionInput, at = T0): PlaybackState {
  return reduce(state, { ...input, id: `a${++serial}`, at } as PlaybackAction);
}

/** The sound's tab reports where the long track is, with its length. */
function listenTo(state: PlaybackState, seconds: number, durationSeconds = 3600, at = T0): PlaybackState {
  return act(
    state,
    {
      type: 'checkpoint',
      tabId: TAB,
      trackId: state.currentTrackId!,
      positionSeconds: seconds,
      positionEpoch: state.positionEpoch,
      durationSeconds,
    },
    at,
  );
}

function playing(trackId: string): PlaybackState {
  return act({ ...initialState('D'), rev: 1 }, { type: 'play', tabId: TAB, trackId });
}

describe('long tracks remember where they were left', () => {
  it('a track of 20 minutes or more resumes where it was left, at its own speed', () => {
    let state = listenTo(playing('mix'), 1234, LONG_TRACK_SECONDS);
    state = act(state, { type: 'setRate', rate: 1.5 });
    state = act(state, { type: 'play', tabId: TAB, trackId: 'song' });
    expect(state).toMatchObject({ currentTrackId: 'song', positionSeconds: 0, rate: 1 });

    state = act(state, { type: 'play', tabId: TAB, trackId: 'mix' });

    expect(state).toMatchObject({ currentTrackId: 'mix', positionSeconds: 1234, rate: 1.5 });
    expect(state.resumePoints.map((point) => point.trackId)).toEqual(['mix']);
  });

  it('a short track starts from the beginning as today, and leaves no place behind', () => {
    let state = listenTo(playing('song'), 100, LONG_TRACK_SECONDS - 1);
    state = act(state, { type: 'play', tabId: TAB, trackId: 'other' });
    state = act(state, { type: 'play', tabId: TAB, trackId: 'song' });
    expect(state.positionSeconds).toBe(0);
    expect(state.resumePoints).toEqual([]);
  });

  it('a long track played to its end forgets its place', () => {
    let state = act(playing('mix'), { type: 'enqueue', trackIds: ['song'] });
    state = listenTo(state, 3599);
    state = act(state, { type: 'trackEnded', trackId: 'mix' });
    expect(state.currentTrackId).toBe('song');
    expect(state.resumePoints).toEqual([]);
  });

  it('Next past a long track keeps its place, with the time it was left', () => {
    let state = act(playing('mix'), { type: 'enqueue', trackIds: ['song'] });
    state = listenTo(state, 600);
    state = act(state, { type: 'next' }, T0 + 5000);
    expect(state.resumePoints).toEqual([{ trackId: 'mix', positionSeconds: 605, rate: 1, at: T0 + 5000 }]);
  });

  it('changing speed on a short track sets the speed short tracks play at; on a long one, only its own', () => {
    let state = act(playing('song'), { type: 'setRate', rate: 1.25 });
    state = act(state, { type: 'play', tabId: TAB, trackId: 'mix' });
    state = listenTo(state, 10);
    state = act(state, { type: 'setRate', rate: 2 });
    state = act(state, { type: 'play', tabId: TAB, trackId: 'next-song' });
    expect(state.rate).toBe(1.25);
  });

  it('a checkpoint of a long track adds one small field, once', () => {
    const state = playing('mix');
    const first = listenTo(state, 10);
    expect(first.currentTrackLong).toBe(true);
    const again = listenTo(first, 11);
    expect(again.resumePoints).toBe(first.resumePoints);
  });

  it('tracks that leave the library take their places with them', () => {
    let state = listenTo(playing('mix'), 900);
    state = act(state, { type: 'play', tabId: TAB, trackId: 'song' });
    state = act(state, { type: 'forgetTracks', isKnown: (trackId) => trackId !== 'mix' });
    expect(state.resumePoints).toEqual([]);
  });
});

describe('a session saved before long tracks kept their own speed', () => {
  it('keeps its speed for short tracks', async () => {
    const { repairRecord } = await import('../../src/engine/model/repair');
    const {
      baseRate: _b,
      resumePoints: _r,
      currentTrackLong: _c,
      queue: _q,
      playlistEntries: _p,
      ...old
    } = { ...initialState('D'), rate: 1.5 };
    const { state, problems } = repairRecord(old, [], 'D', T0);
    expect(problems).toEqual([]);
    expect(state).toMatchObject({ rate: 1.5, baseRate: 1.5, resumePoints: [], currentTrackLong: false });
  });
});
