/**
 * Media keys and the lock screen (Media Session API) belong to the tab that outputs the sound: it sets
 * the metadata and handlers while the sound is its own, playing or paused (so a lock screen's Play
 * resumes it), and clears them when the sound moves to another tab.
 */

import { type PlayerIntent, skipIntent } from '../app/intents';
import type { Track } from '../catalog/catalog';
import type { PlaybackState } from '../engine/model/state';

const ACTIONS: MediaSessionAction[] = ['play', 'pause', 'nexttrack', 'previoustrack', 'seekto', 'seekbackward', 'seekforward'];

const IMAGE_TYPES: Record<string, string> = {
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  avif: 'image/avif',
};

/**
 * How long a track is current before its artwork goes to the Media Session. Handing the browser artwork
 * makes it fetch, decode and (on Linux) encode it again as a PNG for the system's media controls: 2 to
 * 19 ms of a core in the browser process (`npm run bench -- --only=syncTrace`), which landed in the few
 * milliseconds when a play starts the sound here and shows in every other tab. The title and artist go at
 * once; the picture follows when the rush is over, and tracks skipped through in less never send theirs.
 */
export const ARTWORK_DELAY_MS = 300;

/** The artwork as the Media Session wants it: its type, when its name tells it (the size is unknown). */
function artworkImage(src: string): MediaImage {
  const extension = new URL(src, document.baseURI).pathname.split('.').pop()?.toLowerCase() ?? '';
  const type = IMAGE_TYPES[extension];
  return type ? { src, type } : { src };
}

export class MediaSessionBridge {
  private ownedTrackId: string | null = null;
  private artworkTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    /** The app's one way into the engine, shared with the buttons and keys (and their guards). */
    private readonly perform: (intent: PlayerIntent) => void,
    private readonly audio: HTMLAudioElement,
  ) {}

  private get session(): MediaSession | null {
    return 'mediaSession' in navigator ? navigator.mediaSession : null;
  }

  own(track: Track, state: PlaybackState): void {
    const session = this.session;
    if (!session) return;
    session.playbackState = state.playing ? 'playing' : 'paused';
    if (this.ownedTrackId === track.id) return;
    if (this.ownedTrackId === null) this.setHandlers(session);
    this.ownedTrackId = track.id;
    const text = { title: track.title, artist: track.artist, album: track.album ?? '' };
    session.metadata = new MediaMetadata(text);
    clearTimeout(this.artworkTimer);
    const artwork = track.artwork;
    if (artwork) {
      this.artworkTimer = setTimeout(() => {
        if (this.ownedTrackId === track.id) session.metadata = new MediaMetadata({ ...text, artwork: [artworkImage(artwork)] });
      }, ARTWORK_DELAY_MS);
    }
    this.updatePosition();
  }

  updatePosition(): void {
    const session = this.session;
    const audio = this.audio;
    if (!session || !Number.isFinite(audio.duration) || audio.duration <= 0) return;
    try {
      session.setPositionState({
        duration: audio.duration,
        playbackRate: audio.playbackRate || 1,
        position: Math.min(audio.currentTime, audio.duration),
      });
    } catch {
      // A position state the browser rejects (mid-load) is simply skipped.
    }
  }

  release(): void {
    const session = this.session;
    if (!session || this.ownedTrackId === null) return;
    this.ownedTrackId = null;
    clearTimeout(this.artworkTimer);
    session.metadata = null;
    session.playbackState = 'none';
    for (const action of ACTIONS) this.trySetHandler(session, action, null);
  }

  private setHandlers(session: MediaSession): void {
    const perform = this.perform;
    const duration = () => (Number.isFinite(this.audio.duration) ? this.audio.duration : 0);
    this.trySetHandler(session, 'play', () => perform({ type: 'playHere' }));
    this.trySetHandler(session, 'pause', () => perform({ type: 'pause' }));
    this.trySetHandler(session, 'nexttrack', () => perform({ type: 'next' }));
    this.trySetHandler(session, 'previoustrack', () => perform({ type: 'previous' }));
    this.trySetHandler(session, 'seekbackward', (details) => perform(skipIntent(-(details.seekOffset ?? 10), duration())));
    this.trySetHandler(session, 'seekforward', (details) => perform(skipIntent(details.seekOffset ?? 10, duration())));
    this.trySetHandler(session, 'seekto', (details) => {
      if (details.seekTime !== undefined) perform({ type: 'seekTo', seconds: details.seekTime, durationSeconds: duration() });
    });
  }

  private trySetHandler(session: MediaSession, action: MediaSessionAction, handler: MediaSessionActionHandler | null): void {
    try {
      session.setActionHandler(action, handler);
    } catch {
      // This browser does not support that action.
    }
  }
}
