/**
 * Media keys and the lock screen (Media Session API) belong to the tab that outputs the sound: it sets
 * the metadata and handlers while the sound is its own, playing or paused (so a lock screen's Play
 * resumes it), and clears them when the sound moves to another tab.
 */

import type { Track } from '../catalog/catalog';
import { type PlaybackState, positionAt } from '../engine/model/state';
import type { PlaybackEngine } from '../engine/playback-engine';

const ACTIONS: MediaSessionAction[] = ['play', 'pause', 'nexttrack', 'previoustrack', 'seekto', 'seekbackward', 'seekforward'];

const IMAGE_TYPES: Record<string, string> = {
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  avif: 'image/avif',
};

/** The artwork as the Media Session wants it: its type, when its name tells it (the size is unknown). */
function artworkImage(src: string): MediaImage {
  const extension = new URL(src, document.baseURI).pathname.split('.').pop()?.toLowerCase() ?? '';
  const type = IMAGE_TYPES[extension];
  return type ? { src, type } : { src };
}

export class MediaSessionBridge {
  private ownedTrackId: string | null = null;

  constructor(
    private readonly engine: PlaybackEngine,
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
    session.metadata = new MediaMetadata({
      title: track.title,
      artist: track.artist,
      album: track.album ?? '',
      artwork: track.artwork ? [artworkImage(track.artwork)] : [],
    });
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
    session.metadata = null;
    session.playbackState = 'none';
    for (const action of ACTIONS) this.trySetHandler(session, action, null);
  }

  private setHandlers(session: MediaSession): void {
    const engine = this.engine;
    const seekTo = (seconds: number) => {
      const end = Number.isFinite(this.audio.duration) ? this.audio.duration : Number.POSITIVE_INFINITY;
      void engine.dispatch({ type: 'seek', positionSeconds: Math.min(Math.max(0, seconds), end) }).catch(() => {});
    };
    const seekBy = (seconds: number) => seekTo(positionAt(engine.state, Date.now()) + seconds);
    this.trySetHandler(session, 'play', () => void engine.startPlayback({ type: 'resume' }).catch(() => {}));
    this.trySetHandler(session, 'pause', () => void engine.dispatch({ type: 'pause' }).catch(() => {}));
    this.trySetHandler(session, 'nexttrack', () => void engine.dispatch({ type: 'next' }).catch(() => {}));
    this.trySetHandler(session, 'previoustrack', () => void engine.dispatch({ type: 'previous' }).catch(() => {}));
    this.trySetHandler(session, 'seekbackward', (details) => seekBy(-(details.seekOffset ?? 10)));
    this.trySetHandler(session, 'seekforward', (details) => seekBy(details.seekOffset ?? 10));
    this.trySetHandler(session, 'seekto', (details) => {
      if (details.seekTime !== undefined) seekTo(details.seekTime);
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
