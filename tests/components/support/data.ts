/** Small, readable inputs for the `ms-*` elements: a catalog and playback states built from the engine's own initial state. */

import type { Catalog, Track } from '../../../src/catalog/catalog';
import { initialState, type PlaybackState, type QueueEntry } from '../../../src/engine/model/state';

export const THIS_TAB = 'tab-here';
export const OTHER_TAB = 'tab-elsewhere';

export const TRACKS: readonly Track[] = [
  { id: 't1', title: 'Morning Drift', artist: 'Aurora Lane', album: 'First Light', duration: 200, url: 'https://music.test/t1.mp3' },
  { id: 't2', title: 'Neon Avenue', artist: 'The Night Shift', duration: 185, url: 'https://music.test/t2.mp3' },
  {
    id: 't3',
    title: 'Paper Lanterns',
    artist: 'Aurora Lane',
    album: 'First Light',
    url: 'https://music.test/t3.mp3',
    artwork: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=',
  },
];

export function catalogOf(tracks: readonly Track[] = TRACKS): Catalog {
  return { tracks, byId: new Map(tracks.map((track) => [track.id, track])) };
}

export function track(id: string): Track {
  const found = TRACKS.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no test track ${id}`);
  return found;
}

/** Queue entries for these track ids, in order; entry ids are `e-<trackId>`. */
export function entries(...trackIds: string[]): QueueEntry[] {
  return trackIds.map((trackId, index) => ({ entryId: `e-${trackId}`, trackId, order: String.fromCharCode(97 + index) }));
}

export function playbackState(fields: Partial<PlaybackState> = {}): PlaybackState {
  return { ...initialState('device-1', 0), rev: 1, ...fields };
}
