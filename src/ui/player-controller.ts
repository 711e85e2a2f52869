/**
 * Starts the player for its host — the engine, the catalog, the audio element — and keeps the host
 * up to date with the shared state. Failures become notices; a broken catalog never touches the saved
 * session.
 */

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type PlayerIntent, perform } from '../app/intents';
import { type NoticeAction, startPlayer } from '../app/start-player';
import type { AudioOutput } from '../audio/audio-output';
import { type Catalog, CatalogError, loadCatalog } from '../catalog/catalog';
import { ActionError } from '../engine/actions';
import { type PlaybackEngine, ReadOnlyError } from '../engine/playback-engine';
import type { PlaybackState } from '../engine/state';
import type { OfflineAudio } from '../offline/audio-cache';
import { loadVirtualizer, PLAIN_LIST_LIMIT } from './long-list';
import type { NoticeKind } from './notice-event';
import type { OfflineRequest } from './offline-event';

export interface NoticeSink {
  notify(message: string, kind: NoticeKind, action?: NoticeAction): void;
}

export class PlayerController implements ReactiveController {
  engine: PlaybackEngine | null = null;
  catalog: Catalog | null = null;
  playback: PlaybackState | null = null;
  /** Offline music; null where the browser has no Cache API. */
  offline: OfflineAudio | null = null;
  /** Raised whenever the offline music changes. */
  offlineRevision = 0;
  private output: AudioOutput | null = null;
  private readonly disposers: (() => void)[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly notices: NoticeSink,
    private readonly audio: () => HTMLAudioElement | null,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    void this.start();
  }

  hostDisconnected(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
    this.output?.dispose();
    this.offline?.close();
    this.engine?.close();
  }

  /** Does what the person asked; a refusal (say, a move of an entry another tab removed) becomes a notice. */
  perform(intent: PlayerIntent): void {
    if (!this.engine) return;
    // Starting the sound needs the catalog, to know what to play.
    const starts =
      intent.type === 'playTrack' || intent.type === 'playHere' || (intent.type === 'togglePlay' && !this.engine.state.playing);
    if (starts && !this.catalog) {
      this.notices.notify('Nothing can play until the music library loads.', 'error');
      return;
    }
    if (intent.type === 'playTrack' && !this.canPlayNow(intent.trackId)) return;
    perform(this.engine, intent).catch((error: unknown) => {
      // Storage failures reach the person through the engine's own notice, once; these are the rest.
      if (error instanceof ActionError || error instanceof ReadOnlyError) this.notices.notify(error.message, 'error');
    });
  }

  /** Saves tracks for offline, or removes them; problems (a full disk, say) become notices. */
  handleOffline(request: OfflineRequest): void {
    const offline = this.offline;
    if (!offline || !this.catalog) return;
    for (const trackId of request.trackIds) {
      const track = this.catalog.byId.get(trackId);
      if (!track) continue;
      const done = request.type === 'save' ? offline.cacheWhole(track.url) : offline.remove(track.url);
      done.catch((error: unknown) => this.notices.notify(`“${track.title}” could not be saved for offline: ${messageOf(error)}`, 'error'));
    }
  }

  /** Offline, a track that was never saved cannot play: say so rather than fail silently. */
  private canPlayNow(trackId: string): boolean {
    const track = this.catalog?.byId.get(trackId);
    if (!track || navigator.onLine || !this.offline || this.offline.isCached(track.url)) return true;
    this.notices.notify(
      `“${track.title}” is not available offline. Connect to the internet to play it, or save it for offline first.`,
      'error',
    );
    return false;
  }

  private async openOffline(): Promise<void> {
    if (!('caches' in window)) return;
    try {
      // Loaded after the first paint: nothing on screen needs it to appear.
      const { OfflineAudio } = await import('../offline/audio-cache');
      this.offline = await OfflineAudio.open();
    } catch {
      return; // No Cache API here (an opaque origin, say): the app plays online only.
    }
    this.disposers.push(
      this.offline.on(() => {
        this.offlineRevision++;
        this.host.requestUpdate();
      }),
    );
    this.host.requestUpdate();
    // Ask the browser not to evict offline music under storage pressure.
    void navigator.storage?.persist?.().catch(() => false);
  }

  /**
   * Shows the saved session as soon as the engine and the catalog are ready; everything the first paint
   * does not need (offline music, the commit worker, sound, tidying the session) follows it.
   */
  private async start(): Promise<void> {
    const catalogUrl = new URL('library.json', document.baseURI).href;
    const [player, catalog] = await Promise.allSettled([startPlayer(this.notices), loadCatalog(catalogUrl)]);
    if (catalog.status === 'fulfilled') this.catalog = catalog.value;
    else this.notices.notify(describeCatalogFailure(catalog.reason), 'error');
    if (player.status === 'rejected') {
      this.notices.notify(`MediaStream could not start: ${String(player.reason)}`, 'error');
      this.host.requestUpdate();
      return;
    }
    const engine = player.value.engine;
    this.engine = engine;
    this.playback = engine.state;
    // A long library or queue is virtualized: the first render waits for the virtualizer (precached, so
    // quick) rather than laying out rows it would replace at once.
    if (Math.max(this.catalog?.tracks.length ?? 0, engine.state.queue.length) > PLAIN_LIST_LIMIT) await loadVirtualizer();
    this.disposers.push(
      engine.on('state', ({ state }) => {
        this.playback = state;
        this.host.requestUpdate();
      }),
      engine.on('ownership', () => this.host.requestUpdate()),
    );
    this.host.requestUpdate();
    await this.host.updateComplete;
    await nextFrame();
    void player.value.moveCommitsOffMainThread();
    await this.openOffline();
    if (this.catalog) {
      const { tidySession } = await import('./session-housekeeping');
      await tidySession(engine, this.catalog, this.notices, (intent) => this.perform(intent));
      await this.startAudio(engine, this.catalog);
      if (this.offline) {
        const { startAutoCache } = await import('../offline/auto-cache');
        const stop = startAutoCache(engine, this.catalog, this.offline, (error) => this.notices.notify(error.message, 'error'));
        this.disposers.push(stop);
      }
    }
  }

  private async startAudio(engine: PlaybackEngine, catalog: Catalog): Promise<void> {
    const audio = this.audio();
    if (!audio) return;
    // Loaded after the restored session is on screen: painting it needs no sound.
    const { AudioOutput, FAILURES_BEFORE_STOPPING } = await import('../audio/audio-output');
    this.output = new AudioOutput(audio, engine, catalog, {
      onTrackFailed: (track, reason) =>
        this.notices.notify(`Could not play “${track.title}” by ${track.artist}: ${reason}. Skipped to the next track.`, 'error'),
      onPlayRefused: (track) => this.notices.notify(`The browser would not start “${track.title}”. Press Play to start it.`, 'info'),
      onGaveUp: () => this.notices.notify(`Playback stopped: ${FAILURES_BEFORE_STOPPING} tracks in a row could not be played.`, 'error'),
      onNoAudioOutput: () =>
        this.notices.notify(
          'No sound: this browser has no audio output device, so the music plays on without being heard. Connect speakers or headphones, or check the sound settings.',
          'error',
        ),
    });
  }
}

/** Resolves once the browser has rendered a frame; a hidden page renders none, so at most 100 ms later. */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 100);
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function describeCatalogFailure(error: unknown): string {
  if (error instanceof CatalogError) return `The music library could not be loaded. ${error.message}`;
  return `The music library could not be loaded: ${String(error)}`;
}
