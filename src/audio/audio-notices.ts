/**
 * What the sound's tab tells the person when playback goes wrong, as notices. Loaded with the audio
 * output, after the first paint: nothing can go wrong with sound before there is any.
 */

import type { PlayerIntent } from '../app/intents';
import type { Notices } from '../app/notices';
import { type AudioOutputEvents, FAILURES_BEFORE_STOPPING } from './audio-output';

export function audioNotices(notices: Notices, perform: (intent: PlayerIntent) => void): AudioOutputEvents {
  return {
    perform,
    onTrackFailed: (track, reason, whatNext) =>
      notices.notify(`Could not play “${track.title}” by ${track.artist}: ${reason}. ${whatNext}`, 'error'),
    onPlayRefused: (track) => notices.notify(`The browser would not start “${track.title}”. Press Play to start it.`, 'info'),
    onGaveUp: () => notices.notify(`Playback stopped: ${FAILURES_BEFORE_STOPPING} tracks in a row could not be played.`, 'error'),
    onNoAudioOutput: () =>
      notices.notify(
        'No sound: this browser has no audio output device, so the music plays on without being heard. Connect speakers or headphones, or check the sound settings.',
        'error',
      ),
  };
}
