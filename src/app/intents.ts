/**
 * What a person asks the player to do, as the UI says it. Components fire these ("events up"); `perform`
 * turns each into engine calls. Starting playback always goes through the engine's `startPlayback`, which
 * moves the sound into this tab: it is the tab with the user gesture that autoplay needs.
 */

import type { ActionInput } from '../engine/model/actions';
import type { PlaybackEngine } from '../engine/playback-engine';
import { remoteDeviceOf } from '../remote/owner';

type Passthrough = ActionInput<
  | 'seek'
  | 'pause'
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
  | 'createPlaylist'
  | 'renamePlaylist'
  | 'deletePlaylist'
  | 'addToPlaylist'
  | 'removeFromPlaylist'
  | 'movePlaylistEntry'
>;

export type PlayerIntent =
  | Passthrough
  | { readonly type: 'playTrack'; readonly trackId: string }
  | { readonly type: 'togglePlay' }
  | { readonly type: 'playHere' }
  | { readonly type: 'undo' }
  | { readonly type: 'redo' }
  | { readonly type: 'skipBy'; readonly seconds: number; readonly durationSeconds?: number }
  /** A seek from outside the page (the Media Session), kept within the track. */
  | { readonly type: 'seekTo'; readonly seconds: number; readonly durationSeconds?: number };

export function perform(engine: PlaybackEngine, intent: PlayerIntent): Promise<unknown> {
  const state = engine.state;
  switch (intent.type) {
    case 'playTrack':
      return engine.startPlayback({ type: 'play', trackId: intent.trackId });
    case 'togglePlay':
      if (state.playing) return engine.dispatch({ type: 'pause' });
      // The sound is on another device (sync across devices): Play resumes it there, as a remote control.
      if (remoteDeviceOf(state.ownerTabId)) return engine.dispatch({ type: 'resume', tabId: state.ownerTabId! });
      return engine.startPlayback({ type: 'resume' });
    case 'playHere':
      return engine.startPlayback({ type: 'resume' });
    case 'undo':
      return engine.undoQueueChange() ?? Promise.resolve();
    case 'redo':
      return engine.redoQueueChange() ?? Promise.resolve();
    case 'skipBy':
      // From the newest seek on its way, if any: two quick presses of → skip twice, not once.
      return engine.dispatch(seekWithin(engine.positionAsked() + intent.seconds, intent.durationSeconds));
    case 'seekTo':
      return engine.dispatch(seekWithin(intent.seconds, intent.durationSeconds));
    default:
      return engine.dispatch(intent);
  }
}

/** A seek to `seconds`, kept between the start and the track's end when its length is known (above 0). */
function seekWithin(seconds: number, durationSeconds: number | undefined): ActionInput<'seek'> {
  const end = durationSeconds !== undefined && durationSeconds > 0 ? durationSeconds : Number.POSITIVE_INFINITY;
  return { type: 'seek', positionSeconds: Math.min(Math.max(0, seconds), end) };
}

/** A skip by `seconds`, stopping at the track's end when its length is known. */
export function skipIntent(seconds: number, durationSeconds = 0): PlayerIntent {
  return durationSeconds > 0 ? { type: 'skipBy', seconds, durationSeconds } : { type: 'skipBy', seconds };
}
