/**
 * What a person asks the player to do, as the UI says it. Components fire these ("events up"); `perform`
 * turns each into engine calls. Starting playback always goes through the engine's `startPlayback`, which
 * moves the sound into this tab: it is the tab with the user gesture that autoplay needs.
 */

import type { ActionInput } from '../engine/model/actions';
import { positionAt } from '../engine/model/state';
import type { PlaybackEngine } from '../engine/playback-engine';

type Passthrough = ActionInput<
  | 'seek'
  | 'next'
  | 'previous'
  | 'enqueue'
  | 'playNext'
  | 'remove'
  | 'move'
  | 'clearQueue'
  | 'setVolume'
  | 'setMuted'
  | 'setRate'
  | 'setShuffle'
  | 'setRepeat'
  | 'importSession'
>;

export type PlayerIntent =
  | Passthrough
  | { readonly type: 'playTrack'; readonly trackId: string }
  | { readonly type: 'togglePlay' }
  | { readonly type: 'playHere' }
  | { readonly type: 'undo' }
  | { readonly type: 'redo' }
  | { readonly type: 'skipBy'; readonly seconds: number; readonly durationSeconds?: number };

export function perform(engine: PlaybackEngine, intent: PlayerIntent): Promise<unknown> {
  const state = engine.state;
  switch (intent.type) {
    case 'playTrack':
      return engine.startPlayback({ type: 'play', trackId: intent.trackId });
    case 'togglePlay':
      return state.playing ? engine.dispatch({ type: 'pause' }) : engine.startPlayback({ type: 'resume' });
    case 'playHere':
      return engine.startPlayback({ type: 'resume' });
    case 'undo':
      return engine.undoQueueChange() ?? Promise.resolve();
    case 'redo':
      return engine.redoQueueChange() ?? Promise.resolve();
    case 'skipBy': {
      const target = positionAt(state, Date.now()) + intent.seconds;
      const end = intent.durationSeconds ?? Number.POSITIVE_INFINITY;
      return engine.dispatch({ type: 'seek', positionSeconds: Math.min(Math.max(0, target), end) });
    }
    default:
      return engine.dispatch(intent);
  }
}

/** A skip by `seconds`, stopping at the track's end when its length is known. */
export function skipIntent(seconds: number, durationSeconds = 0): PlayerIntent {
  return durationSeconds > 0 ? { type: 'skipBy', seconds, durationSeconds } : { type: 'skipBy', seconds };
}

/** The DOM event that carries an intent up from any component to the app. */
export class IntentEvent extends Event {
  static readonly type = 'ms-intent';

  constructor(readonly intent: PlayerIntent) {
    super(IntentEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'ms-intent': IntentEvent;
  }
}
