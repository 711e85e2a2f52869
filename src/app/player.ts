/**
 * This tab's player, assembled: the engine, the catalog, offline audio, the session housekeeping, the
 * sound and the automatic offline cache, started in the order the first paint needs. Failures become
 * notices; a broken catalog never touches the saved session. Components see it through PlayerController.
 */

import type { AudioOutput } from '../audio/audio-output';
import { type Catalog, CatalogError, loadCatalog } from '../catalog/catalog';
import { Emitter } from '../engine/emitter';
import { messageOf } from '../engine/error-message';
import { ActionError } from '../engine/model/actions';
import type { PlaybackState } from '../engine/model/state';
import { type PlaybackEngine, ReadOnlyError } from '../engine/playback-engine';
import type { OfflineAudio } from '../offline/audio-cache';
import type { RemoteSync } from '../remote/remote-sync';
import { type PlayerIntent, perform } from './intents';
import type { Notices } from './notices';
import type { OwnMusic } from './own-music';
import { startEngine } from './start-engine';
import { testOption } from './test-options-global';

/** What a tab asks of its offline music: keep these tracks, or let them go. */
export type OfflineRequest =
  | { readonly type: 'save'; readonly trackIds: readonly string[] }
  | { readonly type: 'remove'; readonly trackIds: readonly string[] };

export interface PlayerHooks {
  /** This tab's one `<audio>` element, once it is rendered. */
  readonly audio: () => HTMLAudioElement | null;
  /** Resolves once the page has painted what it shows: what the first paint does not need waits for it. */
  readonly painted: () => Promise<void>;
}

export class Player {
  engine: PlaybackEngine | null = null;
  /** The deployer's catalog with the person's own tracks after it (once their library is open). */
  catalog: Catalog | null = null;
  playback: PlaybackState | null = null;
  /** Offline music; null where the browser has no Cache API. */
  offlineAudio: OfflineAudio | null = null;
  /** The person's own music (their library, imports, folders), once open after the first paint. */
  ownMusic: OwnMusic | null = null;
  /** True until the person's own music has opened (or could not): until then an empty library is not yet known to be empty. */
  ownMusicOpening = true;
  /** Sync across devices; loaded only once it is on, or its dialog is opened. */
  remote: RemoteSync | null = null;
  private output: AudioOutput | null = null;
  private readonly events = new Emitter<{ change: undefined }>();
  private readonly disposers: (() => void)[] = [];
  private started = false;
  /** Resolves with the engine once the saved session is read in full (null if it could not start). */
  readonly engineReady: Promise<PlaybackEngine | null>;
  private engineStarted!: (engine: PlaybackEngine | null) => void;

  constructor(
    private readonly notices: Notices,
    private readonly hooks: PlayerHooks,
  ) {
    this.engineReady = new Promise((resolve) => (this.engineStarted = resolve));
  }

  /** Listens for any change worth a render: the state, the sound's tab, the player's parts arriving. */
  on(listener: () => void): () => void {
    return this.events.on('change', listener);
  }

  /**
   * Shows the saved session as soon as its record and the catalog are read, and the rest of it (the
   * queue) once the engine has read it all; everything the first paint does not need (offline music, the
   * commit worker, sound, tidying the session) follows that.
   */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const catalogUrl = new URL('library.json', document.baseURI).href;
    const catalogLoad = loadCatalog(catalogUrl);
    const catalogSettled = catalogLoad.then(
      (catalog) => void (this.catalog = catalog),
      () => undefined,
    );
    // Now playing and the transport, painted from the saved record before the queue is read: a long
    // queue's entries are most of a restore's read, and the queue's panel comes after the paint anyway.
    const showPreview = async (preview: PlaybackState) => {
      // The track's title and artist are the catalog's.
      await catalogSettled;
      this.playback = preview;
      this.changed();
      await this.hooks.painted();
    };
    const [started, catalog] = await Promise.allSettled([startEngine(this.notices, { showPreview }), catalogLoad]);
    // (A catalog that loaded is this.catalog already: catalogSettled set it.)
    if (catalog.status === 'rejected') this.notices.notify(describeCatalogFailure(catalog.reason), 'error');
    this.engineStarted(started.status === 'fulfilled' ? started.value.engine : null);
    if (started.status === 'rejected') {
      this.playback = null;
      this.ownMusicOpening = false;
      this.notices.notify(`MediaStream could not start: ${messageOf(started.reason)}`, 'error');
      this.changed();
      // What shows is the reason; what follows a paint (the service worker, whose update may mend this) still comes.
      await this.hooks.painted();
      return;
    }
    const engine = started.value.engine;
    this.engine = engine;
    this.playback = engine.state;
    this.disposers.push(
      engine.on('state', ({ state }) => {
        this.playback = state;
        this.changed();
      }),
      engine.on('ownership', () => this.changed()),
    );
    this.changed();
    await this.hooks.painted();
    void started.value.moveCommitsOffMainThread();
    await this.openOfflineAudio();
    // Before the session is tidied: the person's tracks are known tracks, whether or not their folder
    // can be read right now (a folder that needs reconnecting keeps its tracks, shown as unavailable).
    const deployed = this.catalog;
    await this.openOwnMusic(engine);
    if (syncIsOn()) await this.openRemote();
    // Only with the deployer's catalog loaded: a broken one must leave the saved session untouched.
    if (this.catalog && deployed) {
      const { tidySession } = await import('./session-housekeeping');
      await tidySession(engine, this.catalog, this.notices, (intent) => this.perform(intent));
      await this.startAudio(engine, this.catalog);
      if (this.offlineAudio) {
        const { startAutoCache } = await import('../offline/auto-cache');
        this.disposers.push(
          startAutoCache(engine, this.catalog, this.offlineAudio, (error) => this.notices.notify(error.message, 'error')),
        );
      }
    }
  }

  /** Sync across devices for this tab (its code loaded now if it was not already). */
  async openRemote(): Promise<RemoteSync | null> {
    if (this.remote || !this.engine) return this.remote;
    const { RemoteSync } = await import('../remote/remote-sync');
    if (this.remote) return this.remote;
    this.remote = new RemoteSync(this.engine, storageOrNull(), () => this.catalog);
    this.disposers.push(
      this.remote.on(() => this.changed()),
      () => this.remote?.close(),
    );
    this.changed();
    return this.remote;
  }

  close(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
    this.ownMusic?.close();
    this.output?.dispose();
    this.offlineAudio?.close();
    this.engine?.close();
    this.events.clear();
  }

  /**
   * Does what the person asked, from a button, a key or the Media Session: the one way in, so its guards
   * exist once. A refusal (say, a move of an entry another tab removed) becomes a notice.
   */
  perform(intent: PlayerIntent): void {
    if (!this.engine) {
      // Asked while now playing shows the saved record and the queue is still being read: done once it is.
      void this.engineReady.then((engine) => engine && this.perform(intent));
      return;
    }
    // Starting the sound needs the catalog, to know what to play.
    const starts =
      intent.type === 'playTrack' || intent.type === 'playHere' || (intent.type === 'togglePlay' && !this.engine.state.playing);
    if (starts && !this.catalog) {
      this.notices.notify('Nothing can play until the music library loads.', 'error');
      return;
    }
    if (intent.type === 'playTrack' && !this.canPlayNow(intent.trackId)) return;
    const deleted =
      intent.type === 'deletePlaylist' ? this.engine.state.playlists.find((p) => p.playlistId === intent.playlistId) : undefined;
    perform(this.engine, intent)
      .then(() => {
        // Deleting asks nothing: it offers Undo instead.
        if (deleted)
          this.notices.notify(`Deleted the playlist “${deleted.name}”.`, 'info', {
            label: 'Undo',
            run: () => this.perform({ type: 'undo' }),
          });
      })
      .catch((error: unknown) => {
        // Storage failures reach the person through the engine's own notice, once; these are the rest.
        if (error instanceof ActionError || error instanceof ReadOnlyError) this.notices.notify(error.message, 'error');
      });
  }

  /** Saves tracks for offline, or removes them; problems (a full disk, say) become notices. */
  handleOffline(request: OfflineRequest): void {
    const offline = this.offlineAudio;
    if (!offline || !this.catalog) return;
    for (const trackId of request.trackIds) {
      const track = this.catalog.byId.get(trackId);
      if (!track) continue;
      const done = request.type === 'save' ? offline.cacheWhole(track.url) : offline.remove(track.url);
      done.catch((error: unknown) => this.notices.notify(`“${track.title}” could not be saved for offline: ${messageOf(error)}`, 'error'));
    }
  }

  private changed(): void {
    this.events.emit('change', undefined);
  }

  /** Offline, a track that was never saved cannot play: say so rather than fail silently. */
  private canPlayNow(trackId: string): boolean {
    const track = this.catalog?.byId.get(trackId);
    if (!track || track.local || navigator.onLine || !this.offlineAudio || this.offlineAudio.isCached(track.url)) return true;
    this.notices.notify(
      `“${track.title}” is not available offline. Connect to the internet to play it, or save it for offline first.`,
      'error',
    );
    return false;
  }

  private async openOfflineAudio(): Promise<void> {
    if (!('caches' in window)) return;
    try {
      // Loaded after the first paint: nothing on screen needs it to appear.
      const { OfflineAudio } = await import('../offline/audio-cache');
      this.offlineAudio = await OfflineAudio.open();
    } catch {
      return; // No Cache API here (an opaque origin, say): the app plays online only.
    }
    this.changed();
    // Ask the browser not to evict offline music under storage pressure.
    void navigator.storage?.persist?.().catch(() => false);
  }

  private async openOwnMusic(engine: PlaybackEngine): Promise<void> {
    try {
      const { OwnMusic } = await import('./own-music');
      this.ownMusic = await OwnMusic.open(engine, this.notices, this.catalog, (catalog) => {
        this.catalog = catalog;
        this.output?.setCatalog(catalog);
        this.remote?.catalogChanged();
        this.changed();
      });
    } finally {
      this.ownMusicOpening = false;
      this.changed();
    }
  }

  private async startAudio(engine: PlaybackEngine, catalog: Catalog): Promise<void> {
    const audio = this.hooks.audio();
    if (!audio) return;
    // Loaded after the restored session is on screen: painting it needs no sound.
    const [{ AudioOutput, STALL_TIMEOUT_MS }, { audioNotices }] = await Promise.all([
      import('../audio/audio-output'),
      import('../audio/audio-notices'),
    ]);
    const stallTimeoutMs = (await testOption('stallTimeoutMs')) ?? STALL_TIMEOUT_MS;
    this.output = new AudioOutput(
      audio,
      engine,
      catalog,
      audioNotices(this.notices, (intent) => this.perform(intent)),
      stallTimeoutMs,
    );
  }
}

function storageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Whether sync across devices is on (its settings' own key; nothing of sync is loaded to ask). */
function syncIsOn(): boolean {
  try {
    return /"enabled":true/.test(window.localStorage.getItem('mediastream.sync') ?? '');
  } catch {
    return false;
  }
}

function describeCatalogFailure(error: unknown): string {
  if (error instanceof CatalogError) return `The music library could not be loaded. ${error.message}`;
  return `The music library could not be loaded: ${messageOf(error)}`;
}
