/**
 * Media keys and the lock screen (Media Session API) belong to the tab that outputs the sound: it sets
 * the metadata and handlers while it plays and clears them when the sound leaves it.
 */

import type { Track } from '../catalog/catalog';
import type { PlaybackEngine } from '../engine/playback-engine';
import type { PlaybackState } from '../engine/state';

const ACTIONS: MediaSessionAction[] = ['play', 'pause', 'nexttrack', 'previoustrack', 'seekto', 'seekbackward', 'seekforward'];

export class MediaSessionBridge {
  private ownedTrackId: string | null = null;

  constructor(private readonly engine: PlaybackEngine) {}

  private get session(): MediaSession | null {
    return 'mediaSession' in navigator ? navigator.mediaSession : null;
  }

  own(track: Track, state: PlaybackState, audio: HTMLAudioElement): void {
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
      artwork: track.artwork ? [{ src: track.artwork, sizes: '512x512' }] : [],
    });
    this.updatePosition(audio);
  }

  updatePosition(audio: HTMLAudioElement): void {
    const session = this.session;
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
    const seekBy = (seconds: number) => {
      const position = engine.state.positionSeconds;
      void engine.dispatch({ type: 'seek', positionSeconds: Math.max(0, position + seconds) }).catch(() => {});
    };
    this.trySetHandler(session, 'play', () => void engine.startPlayback({ type: 'resume' }).catch(() => {}));
    this.trySetHandler(session, 'pause', () => void engine.dispatch({ type: 'pause' }).catch(() => {}));
    this.trySetHandler(session, 'nexttrack', () => void engine.dispatch({ type: 'next' }).catch(() => {}));
    this.trySetHandler(session, 'previoustrack', () => void engine.dispatch({ type: 'previous' }).catch(() => {}));
    this.trySetHandler(session, 'seekbackward', (details) => seekBy(-(details.seekOffset ?? 10)));
    this.trySetHandler(session, 'seekforward', (details) => seekBy(details.seekOffset ?? 10));
    this.trySetHandler(session, 'seekto', (details) => {
      if (details.seekTime !== undefined) {
        void engine.dispatch({ type: 'seek', positionSeconds: details.seekTime }).catch(() => {});
      }
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
