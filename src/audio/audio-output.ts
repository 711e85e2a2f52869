/**
 * This tab's one `<audio>` element, driven by the shared state. It sounds only where the engine says this
 * tab outputs the sound; everywhere else it stays silent, whatever a remote update says (a remote update
 * never starts sound in a tab that does not own it). In the sound's tab it reports where the music is:
 * a checkpoint at most once a second while playing, and at once on pause, seek, track change and when
 * the page goes away.
 */

import type { PlayerIntent } from '../app/intents';
import type { Catalog, Track } from '../catalog/catalog';
import { type PlaybackState, positionAt } from '../engine/model/state';
import type { PlaybackEngine } from '../engine/playback-engine';
import { elsewhereTrack } from '../remote/track-elsewhere';
import { judgeMediaError } from './media-error';
import { MediaSessionBridge } from './media-session';

/** The seed's feedback-loop rule: correct the element only when it is more than this far off. */
export const DRIFT_TOLERANCE_SECONDS = 1;

/** A track that should be playing but has made no progress for this long has stalled: move on. */
export const STALL_TIMEOUT_MS = 15_000;

/**
 * After this many tracks in a row fail (offline with nothing cached, a host that is down), playback stops
 * instead of moving on: with Repeat: all it would otherwise skip round the session for ever.
 */
export const FAILURES_BEFORE_STOPPING = 3;

/** After an error that the element played on through, how long its time may stand still before the track counts as broken. */
export const PROGRESS_CHECK_MS = 3_000;

/**
 * How long the element may stand still, playing with data to play, before it is loaded again where the music
 * is: WebKitGTK's GStreamer player can stall so after a track starts mid-way (and pause and play do not
 * always bring it back). A real network stall lowers readyState instead, and is the stall timeout's.
 */
export const NO_PROGRESS_MS = 4_000;

/** At most this many reloads of one track for standing still (and as many corrections of where it started). */
export const RELOADS_PER_TRACK = 3;

/**
 * A local file opens in milliseconds; one that has not opened after this long is asked for again, and the
 * first answer wins. (Once, under load in CI, the OPFS copy of a just-imported track did not answer for
 * more than 10 s, while the person's screen said it was playing.)
 */
export const LOCAL_OPEN_RETRY_MS = 2_000;

export interface AudioOutputEvents {
  /** What the person asks through the Media Session (media keys, the lock screen). */
  perform(intent: PlayerIntent): void;
  /**
   * A track could not be loaded or decoded. `whatNext` says, as a sentence for the person, what playback
   * did then: skipped to the next track, played it again (Repeat: one), or stopped (nothing came after it).
   */
  onTrackFailed(track: Track, reason: string, whatNext: string): void;
  /** The browser refused to start playback (autoplay policy, say). */
  onPlayRefused(track: Track): void;
  /** Several tracks in a row failed: playback has been paused rather than moving on again. */
  onGaveUp(): void;
  /** The browser has no audio output device: the music plays on, but cannot be heard. */
  onNoAudioOutput(): void;
}

export class AudioOutput {
  private loadedTrackId: string | null = null;
  /**
   * The position epoch the element's time last reflected. A checkpoint is stamped with it, so the
   * element's time from before a seek it never received can never overwrite that seek.
   */
  private appliedEpoch = '';
  private stallTimer: ReturnType<typeof setTimeout> | undefined;
  private errorCheckTimer: ReturnType<typeof setTimeout> | undefined;
  private noProgressTimer: ReturnType<typeof setTimeout> | undefined;
  /** While a local file opens: asking again, then giving up (see loadLocal). */
  private openTimers: ReturnType<typeof setTimeout>[] = [];
  private reloads = 0;
  /** Where the element was told to start the track it is loading, until it has played on from there. */
  private startAt: number | null = null;
  /** Where the element fell back to from `startAt`, while it is seen to play on from there. */
  private fellBackTo: number | null = null;
  private startCorrections = 0;
  /** Tracks that failed since music last played. */
  private failuresInARow = 0;
  /** A track whose metadata could not be loaded here: not asked for again at every state change. */
  private metadataFailedFor: string | null = null;
  private readonly mediaSession: MediaSessionBridge;
  private readonly disposers: (() => void)[] = [];
  /** The object URL of the local file the element holds; revoked when the track changes. */
  private localUrl: string | null = null;
  /** A local track whose file is still being resolved: the element has no source for it yet. */
  private resolvingTrackId: string | null = null;
  /** A track of another device's library (sync) being skipped here: skipped once, not at every state change. */
  private skippingTrackId: string | null = null;
  /** Such skips since music last played: more than the queue holds means nothing here can play (Repeat). */
  private skippedInARow = 0;

  constructor(
    private readonly audio: HTMLAudioElement,
    private readonly engine: PlaybackEngine,
    private catalog: Catalog,
    private readonly events: AudioOutputEvents,
    /** How long a track may make no progress while it should play (end-to-end tests set it shorter). */
    private readonly stallTimeoutMs = STALL_TIMEOUT_MS,
  ) {
    audio.preload = 'auto';
    this.mediaSession = new MediaSessionBridge(events.perform, audio);
    this.listen(audio, 'timeupdate', () => {
      this.watchForStall();
      this.keepStartPosition();
      this.checkpoint(false);
    });
    this.listen(audio, 'seeked', () => {
      this.keepStartPosition();
      // A seek the shared state asked for is stored already; one that landed elsewhere is saved at once.
      if (!this.isWhereTheStateSays()) this.checkpoint(true);
    });
    this.listen(audio, 'loadedmetadata', () => this.keepStartPosition());
    this.listen(audio, 'playing', () => {
      this.failuresInARow = 0;
      this.skippedInARow = 0;
      this.keepStartPosition();
    });
    this.listen(audio, 'ended', () => this.handleEnded());
    this.listen(audio, 'error', () => this.handleError());
    this.listen(window, 'pagehide', () => this.checkpoint(true));
    this.listen(document, 'visibilitychange', () => {
      if (document.visibilityState === 'hidden') this.checkpoint(true);
    });
    this.disposers.push(
      engine.on('state', () => this.sync()),
      engine.on('ownership', () => this.sync()),
    );
    this.sync();
  }

  /** The catalog grew or shrank (the person's own library changed). */
  setCatalog(catalog: Catalog): void {
    this.catalog = catalog;
    this.sync();
  }

  /** Brings the element in line with the shared state. */
  sync(): void {
    const state = this.engine.state;
    const track = state.currentTrackId === null ? undefined : this.catalog.byId.get(state.currentTrackId);
    if (!track && state.currentTrackId !== null && this.engine.shouldOutputSound && this.skipElsewhere(state.currentTrackId)) return;
    this.audio.volume = state.volume;
    this.audio.muted = state.muted;
    // Loading a track resets the element's rate to its default: both are the shared state's, or a new
    // track would play at 1× until the next change of the state put the rate back.
    this.audio.defaultPlaybackRate = state.rate;
    this.audio.playbackRate = state.rate;
    if (!track || !this.engine.shouldOutputSound) {
      const ownerHere = track !== undefined && state.ownerTabId === this.engine.tabId;
      if (!this.audio.paused) {
        this.audio.pause();
        // The sound stops here: save exactly where, if this tab was the one playing.
        if (ownerHere) this.checkpoint(true);
      }
      // Paused here, the lock screen and media keys still belong to this tab, to resume it.
      if (ownerHere && this.engine.holdsAudio) this.mediaSession.own(track, state);
      else this.mediaSession.release();
      this.stopStallWatch();
      // Other tabs need only the tags of a local track: its file is the sound's tab's to open.
      if (track && track.duration === undefined && !track.local) this.loadMetadataOnly(track);
      return;
    }
    const expected = positionAt(state, Date.now());
    this.audio.preload = 'auto';
    if (this.loadedTrackId !== track.id) {
      this.stopOpening();
      this.loadedTrackId = track.id;
      this.reloads = 0;
      this.startCorrections = 0;
      if (track.local) {
        this.loadLocal(track);
        return;
      }
      this.load(track.url, expected);
    } else if (this.resolvingTrackId === track.id) {
      return;
    } else if (Math.abs(this.audio.currentTime - expected) > DRIFT_TOLERANCE_SECONDS) {
      this.audio.currentTime = expected;
    }
    this.appliedEpoch = state.positionEpoch;
    if (this.audio.paused) {
      this.watchForStall();
      this.audio.play().catch((error: unknown) => {
        if (error instanceof DOMException && error.name === 'NotAllowedError') {
          // Nothing sounds, so no tab may show it playing: pause where the music stands.
          this.events.onPlayRefused(track);
          void this.engine.dispatch({ type: 'pause', positionSeconds: this.audio.currentTime }).catch(() => {});
        }
        // AbortError: a newer load or pause interrupted this play; the next sync decides.
      });
    }
    this.mediaSession.own(track, state);
  }

  /**
   * Opens a local track's file (its folder's handle along the path, or the copy in OPFS) and gives the
   * element an object URL for it; then plays from where the shared state says, as for any track. A file
   * that does not open is asked for again after LOCAL_OPEN_RETRY_MS, and given up on (with a message, as
   * a stalled track is) after the stall timeout: the person is never left with a clock and no sound.
   */
  private loadLocal(track: Track): void {
    this.stopOpening();
    this.resolvingTrackId = track.id;
    // Not if the element has moved on to another track (or to none) since.
    const stillOpening = () => this.resolvingTrackId === track.id && this.loadedTrackId === track.id;
    const open = () =>
      track.local!.open().then(
        (blob) => {
          if (!stillOpening()) return;
          this.stopOpening();
          this.load(URL.createObjectURL(blob), positionAt(this.engine.state, Date.now()), true);
          this.sync();
        },
        (error: unknown) => {
          if (!stillOpening()) return;
          const name = error instanceof Error ? error.name : '';
          this.giveUpOpening(
            name === 'NotAllowedError' || name === 'SecurityError'
              ? 'MediaStream may not read its folder now (press Reconnect)'
              : 'its file is no longer where it was (rescan its folder)',
          );
        },
      );
    void open();
    if (LOCAL_OPEN_RETRY_MS < this.stallTimeoutMs) this.openTimers.push(setTimeout(() => stillOpening() && open(), LOCAL_OPEN_RETRY_MS));
    this.openTimers.push(
      setTimeout(() => stillOpening() && this.giveUpOpening('its file did not open (the browser did not answer)'), this.stallTimeoutMs),
    );
  }

  /** Stops waiting for the local file being opened. */
  private stopOpening(): void {
    for (const timer of this.openTimers) clearTimeout(timer);
    this.openTimers = [];
    this.resolvingTrackId = null;
  }

  /**
   * The local file could not be opened. In the sound's tab the track fails as any broken track does; in
   * another, nothing is loaded, so a later play here opens it again rather than playing an empty element.
   */
  private giveUpOpening(reason: string): void {
    this.stopOpening();
    if (this.engine.shouldOutputSound) this.failCurrentTrack(reason);
    else this.loadedTrackId = null;
  }

  /**
   * Playing reached a track that is on another of the person's devices only (sync across devices): it is
   * skipped here, as a track that cannot play is, and stays in the queue. False for any other track.
   */
  private skipElsewhere(trackId: string): boolean {
    const elsewhere = elsewhereTrack(trackId);
    if (!elsewhere) return false;
    if (this.skippingTrackId === trackId) return true;
    this.skippingTrackId = trackId;
    if (!this.audio.paused) this.audio.pause();
    const track: Track = { id: trackId, title: elsewhere.title, artist: elsewhere.artist, url: '' };
    const reason = 'it is not on this device';
    const state = this.engine.state;
    if (state.repeat === 'one' || ++this.skippedInARow > state.queue.length + 1) {
      this.skippedInARow = 0;
      this.events.onTrackFailed(track, reason, 'Playback stopped.');
      void this.engine
        .dispatch({ type: 'pause', positionSeconds: 0 })
        .catch(() => {})
        .finally(() => (this.skippingTrackId = null));
      return true;
    }
    this.engine
      .dispatch({ type: 'trackEnded', trackId })
      .then(
        ({ state }) => this.events.onTrackFailed(track, reason, whatNext(state, trackId)),
        () => this.events.onTrackFailed(track, reason, 'Playback stopped.'),
      )
      .finally(() => {
        if (this.skippingTrackId === trackId) this.skippingTrackId = null;
      });
    return true;
  }

  /** Points the element at `url`; an object URL it held before is revoked, as the track has changed. */
  private setSource(url: string, isObjectUrl = false): void {
    if (this.localUrl && this.localUrl !== url) URL.revokeObjectURL(this.localUrl);
    this.localUrl = isObjectUrl ? url : null;
    this.audio.src = url;
  }

  dispose(): void {
    this.stopStallWatch();
    this.stopOpening();
    clearTimeout(this.errorCheckTimer);
    if (this.localUrl) URL.revokeObjectURL(this.localUrl);
    for (const dispose of this.disposers) dispose();
    this.mediaSession.release();
    this.audio.pause();
  }

  /** Points the element at the track, to start at `position`. */
  /** Loads `url` into the element at `position`, watched until it plays on from there (keepStartPosition). */
  private load(url: string, position: number, isObjectUrl = false): void {
    this.setSource(url, isObjectUrl);
    this.audio.currentTime = position;
    this.startAt = position;
    this.fellBackTo = null;
  }

  /** Whether the element's time is the shared state's position now, within the drift the sync allows. */
  private isWhereTheStateSays(): boolean {
    const state = this.engine.state;
    return (
      this.loadedTrackId === state.currentTrackId &&
      Math.abs(this.audio.currentTime - positionAt(state, Date.now())) <= DRIFT_TOLERANCE_SECONDS
    );
  }

  private checkpoint(immediate: boolean): void {
    const trackId = this.loadedTrackId;
    // While seeking, the element's time is neither the old position nor yet the new one.
    if (trackId === null || trackId !== this.engine.state.currentTrackId || this.audio.readyState === 0 || this.audio.seeking) return;
    // Fallen back from where it was told to start (see keepStartPosition): that is no place to save.
    if (this.startAt !== null && this.audio.currentTime < this.startAt - DRIFT_TOLERANCE_SECONDS) return;
    const duration = Number.isFinite(this.audio.duration) ? this.audio.duration : undefined;
    this.engine.checkpoint(trackId, this.audio.currentTime, immediate, this.appliedEpoch, duration)?.catch(() => {
      // A failed checkpoint is superseded by the next one; storage errors reach the person as notices.
    });
    if (this.engine.shouldOutputSound) this.mediaSession.updatePosition();
  }

  private handleEnded(): void {
    const trackId = this.loadedTrackId;
    if (trackId === null || !this.engine.shouldOutputSound) return;
    void this.engine.dispatch({ type: 'trackEnded', trackId }).catch(() => {});
  }

  /** (Re)starts the stall countdowns; any progress of the music restarts them. */
  private watchForStall(): void {
    this.stopStallWatch();
    const from = this.audio.currentTime;
    this.noProgressTimer = setTimeout(() => this.reloadIfStandingStill(from), NO_PROGRESS_MS);
    this.stallTimer = setTimeout(() => {
      if (this.engine.shouldOutputSound && this.audio.readyState < HTMLMediaElement.HAVE_FUTURE_DATA) {
        this.failCurrentTrack('the network stalled while loading it');
      }
    }, this.stallTimeoutMs);
  }

  private stopStallWatch(): void {
    clearTimeout(this.stallTimer);
    clearTimeout(this.noProgressTimer);
    this.stallTimer = undefined;
    this.noProgressTimer = undefined;
  }

  /** Playing, with data to play, and yet no progress for NO_PROGRESS_MS: the element is loaded again. */
  private reloadIfStandingStill(from: number): void {
    const { audio } = this;
    if (audio.currentTime > from) return; // it moved; its timeupdate is on its way
    if (audio.paused || audio.ended || audio.seeking || audio.readyState < HTMLMediaElement.HAVE_FUTURE_DATA) return;
    this.reload();
  }

  /** Loads the current track again where the music is, and plays it; at most RELOADS_PER_TRACK times a track. */
  private reload(): void {
    const track = this.loadedTrackId === null ? undefined : this.catalog.byId.get(this.loadedTrackId);
    if (!track || !this.engine.shouldOutputSound || this.engine.state.currentTrackId !== track.id) return;
    if (this.reloads >= RELOADS_PER_TRACK) return;
    this.reloads += 1;
    // A local track's object URL is still its own (it is revoked only when the track changes).
    this.load(this.localUrl ?? track.url, positionAt(this.engine.state, Date.now()), this.localUrl !== null);
    this.watchForStall();
    void this.audio.play().catch(() => {
      // As in sync(): the next state change decides; a refusal was reported when playback started.
    });
  }

  /**
   * A catalog may leave a track's length out, and only the audio knows it then: a tab that does not play
   * loads the track's metadata (never its sound), so that its seek slider has the right end too.
   */
  private loadMetadataOnly(track: Track): void {
    if (this.loadedTrackId === track.id || this.metadataFailedFor === track.id) return;
    this.loadedTrackId = track.id;
    this.audio.preload = 'metadata';
    this.setSource(track.url);
  }

  /**
   * WebKitGTK sometimes drops a position set while the track loads (even one set once its metadata is in)
   * and plays from 0:00; Chromium and Firefox keep it. Until the element has played on from where it was
   * told to start, it is watched: fallen back from there, and not to where the music is (a seek since), it is
   * sent where the music is once it plays steadily (a seek while it starts up can leave WebKitGTK paused).
   */
  private keepStartPosition(): void {
    const { audio, startAt } = this;
    if (startAt === null || audio.seeking || audio.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return;
    const state = this.engine.state;
    if (!this.engine.shouldOutputSound || this.loadedTrackId !== state.currentTrackId) {
      this.startAt = null;
      return;
    }
    const time = audio.currentTime;
    const expected = positionAt(state, Date.now());
    const whereTheMusicIs = Math.abs(time - expected) <= DRIFT_TOLERANCE_SECONDS;
    if (time > startAt + 0.5 || (whereTheMusicIs && Math.abs(time - startAt) > DRIFT_TOLERANCE_SECONDS)) {
      this.startAt = null; // it played on from there, or it is where the music is after a seek
    } else if (time < startAt - DRIFT_TOLERANCE_SECONDS && !whereTheMusicIs) {
      if (this.fellBackTo === null || time < this.fellBackTo) this.fellBackTo = time;
      else if (time > this.fellBackTo + 0.25 && this.startCorrections < RELOADS_PER_TRACK) {
        this.startCorrections += 1;
        this.fellBackTo = null;
        this.startAt = expected;
        audio.currentTime = expected;
      }
    }
  }

  private handleError(): void {
    // Only metadata was being loaded here: nothing to report. The element is reloaded if this tab comes to
    // play the track; until then the failed file is not asked for again.
    if (!this.engine.shouldOutputSound) {
      this.metadataFailedFor = this.loadedTrackId;
      this.loadedTrackId = null;
      return;
    }
    const { audio } = this;
    const verdict = judgeMediaError({
      code: audio.error?.code,
      message: audio.error?.message ?? '',
      paused: audio.paused,
      ended: audio.ended,
      readyState: audio.readyState,
      online: navigator.onLine,
    });
    if (verdict.kind === 'no-output') this.events.onNoAudioOutput();
    else if (verdict.kind === 'still-playing') this.failIfStuck(verdict.reasonIfStuck);
    else this.failCurrentTrack(verdict.reason);
  }

  /** The element played on through an error: the track is skipped only if its time stops advancing. */
  private failIfStuck(reason: string): void {
    const trackId = this.loadedTrackId;
    const from = this.audio.currentTime;
    clearTimeout(this.errorCheckTimer);
    this.errorCheckTimer = setTimeout(() => {
      if (this.loadedTrackId === trackId && !this.audio.paused && this.audio.currentTime <= from) this.failCurrentTrack(reason);
    }, PROGRESS_CHECK_MS);
  }

  private failCurrentTrack(reason: string): void {
    const trackId = this.loadedTrackId;
    const track = trackId === null ? undefined : this.catalog.byId.get(trackId);
    if (!track || !this.engine.shouldOutputSound) return;
    this.stopStallWatch();
    this.startAt = null;
    this.audio.removeAttribute('src');
    this.audio.load();
    this.loadedTrackId = null;
    if (++this.failuresInARow >= FAILURES_BEFORE_STOPPING) {
      this.failuresInARow = 0;
      this.events.onTrackFailed(track, reason, 'Playback stopped.');
      this.events.onGaveUp();
      void this.engine.dispatch({ type: 'pause', positionSeconds: 0 }).catch(() => {});
      return;
    }
    // Move on, as at the end of a track: the queue stays as it is. What that did is known once committed.
    this.engine.dispatch({ type: 'trackEnded', trackId: track.id }).then(
      ({ state }) => this.events.onTrackFailed(track, reason, whatNext(state, track.id)),
      // Not committed (storage failed, and says so): the track stays current, with nothing to play.
      () => this.events.onTrackFailed(track, reason, 'Playback stopped.'),
    );
  }

  private listen(target: EventTarget, type: string, listener: () => void): void {
    target.addEventListener(type, listener);
    this.disposers.push(() => target.removeEventListener(type, listener));
  }
}

/** What playback did after the track `failedTrackId` failed and ended, as the person is told it. */
export function whatNext(state: Pick<PlaybackState, 'playing' | 'currentTrackId'>, failedTrackId: string): string {
  if (!state.playing) return 'Nothing is queued after it, so playback stopped.';
  return state.currentTrackId === failedTrackId ? 'Trying it again.' : 'Skipped to the next track.';
}
