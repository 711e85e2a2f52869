/**
 * What an `error` event on the playing `<audio>` element means. Not every error is a broken file: Firefox
 * with no audio output device (no PulseAudio or PipeWire) fires `error` with code 3 and the message
 * `OnMediaSinkAudioError` while the element goes on playing, its time advancing. Skipping then would skip
 * every track, good ones included.
 */

/** `MediaError.code` values (no `MediaError` global in Node, where this is tested). */
const MEDIA_ERR_NETWORK = 2;
const MEDIA_ERR_DECODE = 3;
/** `HTMLMediaElement.HAVE_FUTURE_DATA`. */
const HAVE_FUTURE_DATA = 3;

/** A media-sink (audio output) failure, as Firefox names it; the file itself decoded fine. */
const SINK_ERROR = /MediaSink|AudioSink/i;

/** What the element and the browser said when `error` fired. */
export interface MediaErrorFacts {
  /** `audio.error?.code`. */
  readonly code: number | undefined;
  /** `audio.error?.message` ('' when there is none). */
  readonly message: string;
  readonly paused: boolean;
  readonly ended: boolean;
  readonly readyState: number;
  /** `navigator.onLine`. */
  readonly online: boolean;
}

export type MediaErrorVerdict =
  /** The sound has nowhere to go (no output device): tell the person; the track is fine, keep it. */
  | { readonly kind: 'no-output' }
  /** The element plays on: not a broken file. Skip it only if its time then stops advancing. */
  | { readonly kind: 'still-playing'; readonly reasonIfStuck: string }
  /** The file could not be played: report it and move on. */
  | { readonly kind: 'broken'; readonly reason: string };

export function judgeMediaError(facts: MediaErrorFacts): MediaErrorVerdict {
  if (SINK_ERROR.test(facts.message)) return { kind: 'no-output' };
  const reason = brokenReason(facts);
  const stillPlaying = !facts.paused && !facts.ended && facts.readyState >= HAVE_FUTURE_DATA;
  return stillPlaying ? { kind: 'still-playing', reasonIfStuck: reason } : { kind: 'broken', reason };
}

function brokenReason({ code, online }: MediaErrorFacts): string {
  if (!online) return 'it is not available offline';
  if (code === MEDIA_ERR_NETWORK) return 'the network failed while loading it';
  if (code === MEDIA_ERR_DECODE) return 'the file could not be decoded';
  return 'the file is missing or is not audio this browser can play';
}
