/**
 * The newest volume and seek this tab asked for that are still on their way to the store. A step (↓ on
 * the volume, → on the position) goes from these, not from the state, which has not got them yet: two
 * quick presses make two steps. Gone from the state, the second would ask for the same value as the
 * first, and the queue would merge the two into one (a newer seek or volume replaces the pending one).
 */

import type { ActionType, PlaybackAction } from './model/actions';
import { type PlaybackState, positionAt } from './model/state';

type Asked<T extends ActionType> = Extract<PlaybackAction, { readonly type: T }>;

/** Actions after which a seek on its way no longer says where the music is: another track, or it stopped or started. */
const MOVES_PLAYBACK: ReadonlySet<ActionType> = new Set<ActionType>([
  'play',
  'pause',
  'resume',
  'next',
  'previous',
  'trackEnded',
  'setRate',
  'ownerGone',
  'forgetTracks',
  'importSession',
]);

export class AskedSettings {
  private volume: Asked<'setVolume'> | null = null;
  private seek: Asked<'seek'> | null = null;

  /** Notes an action this tab just dispatched; `settled` resolves or rejects once it is stored or refused. */
  note(action: PlaybackAction, settled: Promise<unknown>): void {
    if (action.type === 'setVolume') this.volume = action;
    else if (action.type === 'seek') this.seek = action;
    else {
      if (MOVES_PLAYBACK.has(action.type)) this.seek = null;
      return;
    }
    // Settled, the state has it (or it was refused): the state's is the one to go from again.
    const done = () => {
      if (this.volume === action) this.volume = null;
      if (this.seek === action) this.seek = null;
    };
    settled.then(done, done);
  }

  /** The volume a step goes from. */
  volumeFrom(state: PlaybackState): number {
    return this.volume?.volume ?? state.volume;
  }

  /** Where a skip goes from at `nowMs`: the seek on its way, played on since it was asked, else the state's place. */
  positionFrom(state: PlaybackState, nowMs: number): number {
    const seek = this.seek;
    return positionAt(seek ? { ...state, positionSeconds: seek.positionSeconds, positionAt: seek.at } : state, nowMs);
  }
}
