import { css, html, LitElement, nothing, type PropertyDeclarations } from 'lit';
import type { NoticeAction, NoticeKind } from '../app/notices';
import { Player } from '../app/player';
import { APP_VERSION } from '../app/version';
import type { Catalog, Track } from '../catalog/catalog';
import type { PlaybackState } from '../engine/model/state';
import { elsewhereTrack } from '../remote/track-elsewhere';
import type { DismissEvent, IntentEvent, NoticeEvent, OfflineEvent } from './events';
import { icons } from './icons';
import './ms-notices';
import type { Notice } from './ms-notices';
import './ms-now-playing';
import type { MsOfflineDialog } from './ms-offline-dialog';
import type { MsShortcutsDialog } from './ms-shortcuts-dialog';
import type { MsSyncDialog } from './ms-sync-dialog';
import './ms-transport';
import { nextFrame } from './next-frame';
import { OnlineController } from './online-controller';
import { PlayerController } from './player-controller';
import { loadVirtualizer, PLAIN_LIST_LIMIT } from './virtualizer';

/**
 * The library panel, the queue and the playback speed control: one chunk, asked for once the restored
 * session (now playing, the transport) is painted, so that the first paint's JS is the entry's alone.
 */
const loadPanels = () => import('./after-first-paint');

/** How long an informational notice stays; errors stay until dismissed. */
const INFO_NOTICE_MS = 8000;

/** The application: library, now playing, transport and queue, for one tab of the shared player. */
export class MediaStreamApp extends LitElement {
  // Declared here rather than with Lit's decorators, whose code then stays out of the first paint.
  static override properties: PropertyDeclarations = {
    notices: { state: true },
    mediaDuration: { state: true },
    panelsLoaded: { state: true },
  };
  static override styles = css`
    :host {
      --ms-accent: #6d4aff;
      --ms-accent-strong: #5a35f0;
      --ms-on-accent: #fff;
      --ms-bg: #f6f5fb;
      --ms-surface: #fff;
      --ms-surface-2: #efedf7;
      --ms-hover: rgb(109 74 255 / 0.08);
      --ms-border: #d9d5e8;
      --ms-text: #1b1830;
      --ms-text-muted: #625d7a;
      --ms-danger: #d33a4a;
      display: block;
      min-height: 100dvh;
      background: var(--ms-bg);
      color: var(--ms-text);
      font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    }
    @media (prefers-color-scheme: dark) {
      :host {
        --ms-accent: #a08bff;
        --ms-accent-strong: #b7a6ff;
        --ms-on-accent: #140f2e;
        --ms-bg: #0f0d18;
        --ms-surface: #1a1726;
        --ms-surface-2: #252135;
        --ms-hover: rgb(160 139 255 / 0.12);
        --ms-border: #353049;
        --ms-text: #ece9f7;
        --ms-text-muted: #a39dbd;
        --ms-danger: #ff6b7a;
      }
    }
    .app {
      display: grid;
      grid-template-rows: auto auto minmax(0, 1fr);
      height: 100dvh;
      max-width: 80rem;
      margin: 0 auto;
      padding: 0 1rem;
      box-sizing: border-box;
    }
    .top {
      display: flex;
      align-items: center;
      gap: 0.6rem;
      padding: 0.9rem 0 0.6rem;
    }
    .top svg {
      width: 1.6rem;
      height: 1.6rem;
      fill: var(--ms-accent);
    }
    h1 {
      font-size: 1.2rem;
      margin: 0;
      flex: 1;
      letter-spacing: -0.01em;
    }
    .offline-badge {
      font-size: 0.8rem;
      font-weight: 600;
      color: var(--ms-on-accent);
      background: var(--ms-danger);
      border-radius: 999px;
      padding: 0.2rem 0.7rem;
    }
    .top button {
      font: inherit;
      color: var(--ms-text-muted);
      background: none;
      border: 1px solid var(--ms-border);
      border-radius: 999px;
      padding: 0.3rem 0.8rem;
      cursor: pointer;
    }
    ms-notices {
      padding-bottom: 0.5rem;
    }
    main {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(20rem, 27rem);
      gap: 1rem;
      min-height: 0;
      padding-bottom: 1rem;
    }
    .panel {
      background: var(--ms-surface);
      border: 1px solid var(--ms-border);
      border-radius: 1.1rem;
      padding: 1rem;
      min-height: 0;
    }
    ms-browse.panel {
      display: grid;
    }
    /* Its height is reserved before its code arrives, after the first paint, so that nothing moves then. */
    ms-playback-speed {
      display: flex;
      justify-content: center;
      align-items: center;
      height: 2rem;
      margin-top: 0.5rem;
    }
    .player {
      display: grid;
      grid-template-rows: auto auto minmax(0, 1fr);
      gap: 1rem;
      min-height: 0;
    }
    .loading {
      padding: 2rem;
      text-align: center;
    }
    @media (max-width: 760px) {
      .app {
        height: auto;
        padding: 0 0.6rem;
      }
      main {
        grid-template-columns: minmax(0, 1fr);
      }
      /* One column: now playing first, then the library, then what comes next. */
      .player {
        display: contents;
      }
      .now {
        order: -1;
      }
      .library-panel {
        height: 65vh;
      }
      .queue-panel {
        height: 45vh;
      }
      .top .shortcuts {
        display: none;
      }
    }
  `;

  private notices: readonly Notice[] = [];

  private mediaDuration = 0;
  /** Whether the panels' code (and the virtualizer, for a long list) has arrived, after the first paint. */
  private panelsLoaded = false;
  /** Set once the first paint has shown now playing (from the saved record) or why nothing can. */
  private firstPaintDone = false;

  private nextNoticeId = 1;
  /** The keyboard shortcut rules, loaded after the first paint. */
  private shortcuts: typeof import('../app/keyboard-shortcuts') | null = null;
  private readonly player = new Player(this, {
    audio: () => this.find<HTMLAudioElement>('audio'),
    painted: async () => {
      await this.updateComplete;
      await nextFrame();
      if (this.firstPaintDone) return;
      this.firstPaintDone = true;
      this.loadAfterFirstPaint();
    },
  });
  private readonly network = new OnlineController(this);

  constructor() {
    super();
    this.addController(new PlayerController(this, this.player));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.dataset.version = APP_VERSION;
    document.addEventListener('keydown', this.handleKeydown);
  }

  /** What nothing on the first screen needs: asked for once it is painted, so that it does not compete with it. */
  private loadAfterFirstPaint(): void {
    void this.showPanels();
    void import('../app/keyboard-shortcuts').then((shortcuts) => (this.shortcuts = shortcuts));
    // The service worker and its update prompt are not needed to show anything.
    void import('../offline/sw-registration').then(({ registerServiceWorker }) =>
      registerServiceWorker({
        onUpdateAvailable: (apply) => this.notify('Update available', 'info', { label: 'Reload', run: apply }),
      }),
    );
  }

  /**
   * The library and queue panels are shown once all of their code is here: a long list waits for the
   * virtualizer rather than laying out rows it would replace at once. Until then each panel is an empty
   * box of the size the page's grid gives it, not its content, so their arrival moves nothing.
   */
  private async showPanels(): Promise<void> {
    const panels = loadPanels();
    // (Its failure is reported below, once it is awaited.)
    panels.catch(() => undefined);
    // The first paint may have shown the saved record alone: the queue's length is known once it is read.
    await this.player.engineReady;
    const long = Math.max(this.player.catalog?.tracks.length ?? 0, this.player.playback?.queue.length ?? 0) > PLAIN_LIST_LIMIT;
    try {
      await Promise.all([panels, long ? loadVirtualizer() : undefined]);
    } catch {
      this.notify('The library and the queue could not be shown: their code did not load. Reload to try again.', 'error');
      return;
    }
    this.panelsLoaded = true;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.handleKeydown);
  }

  override render() {
    const playback = this.player.playback;
    const catalog = this.player.catalog;
    const track = this.currentTrack;
    const duration = this.durationSeconds;
    // ms-browse and the ms-library inside it get the same array: ms-browse hands the list its chosen order.
    const tracks = catalog?.tracks ?? [];
    return html`
      <div class="app" @ms-intent=${this.handleIntent} @ms-notice=${this.handleNotice} @ms-offline=${this.handleOffline} @ms-dismiss=${this.handleDismiss}>
        <header class="top">
          ${icons.music}
          <h1>MediaStream</h1>
          ${this.network.online ? nothing : html`<span class="offline-badge" role="status">Offline</span>`}
          <button @click=${() => void this.showOfflineMusic()}>Offline music</button>
          <button @click=${() => void this.showSync()}>Sync across devices</button>
          <button class="shortcuts" @click=${() => void this.showShortcuts()}>Keyboard shortcuts</button>
        </header>
        <ms-notices .notices=${this.notices}></ms-notices>
        ${
          playback
            ? html`<main>
              ${this.renderLibraryPanel(playback, tracks)}
              <div class="player">
                <div class="panel now">
                  <ms-now-playing .playback=${playback} .track=${track} .mediaDuration=${this.mediaDuration}></ms-now-playing>
                  <ms-transport
                    .playback=${playback}
                    .tabId=${this.player.engine?.tabId ?? ''}
                    .deviceName=${this.player.remote ? (deviceId: string) => this.player.remote?.deviceName(deviceId) : undefined}
                    .durationSeconds=${duration}
                    .canPlay=${catalog !== null}
                  ></ms-transport>
                  <ms-playback-speed .playback=${playback}></ms-playback-speed>
                </div>
                ${this.renderQueuePanel(playback, catalog)}
              </div>
            </main>`
            : html`<p class="loading muted">${this.notices.length ? nothing : 'Loading your music…'}</p>`
        }
        <audio @durationchange=${this.handleDurationChange}></audio>
        <ms-shortcuts-dialog></ms-shortcuts-dialog>
        ${this.player.remote ? html`<ms-sync-dialog .remote=${this.player.remote}></ms-sync-dialog>` : nothing}
        <ms-offline-dialog .offlineAudio=${this.player.offlineAudio} .playback=${playback} .catalog=${catalog} .online=${this.network.online}></ms-offline-dialog>
      </div>
    `;
  }

  /** The library panel (the views' bar, Your music, the song list) once its code is here; its box until then. */
  private renderLibraryPanel(playback: PlaybackState, tracks: readonly Track[]) {
    if (!this.panelsLoaded) return html`<div class="panel library-panel"></div>`;
    return html`<ms-browse
      class="panel library-panel"
      .tracks=${tracks}
      .byId=${this.player.catalog?.byId ?? null}
      .playback=${playback}
      .loading=${this.player.ownMusicOpening}
    >
      <ms-library
        .tracks=${tracks}
        .currentTrackId=${playback.currentTrackId}
        .offlineAudio=${this.player.offlineAudio}
        .online=${this.network.online}
        .loading=${this.player.ownMusicOpening}
        ><ms-your-music .ownMusic=${this.player.ownMusic}></ms-your-music
      ></ms-library>
    </ms-browse>`;
  }

  /** The queue once its code is here; its box until then. */
  private renderQueuePanel(playback: PlaybackState, catalog: Catalog | null) {
    if (!this.panelsLoaded) return html`<div class="panel queue-panel"></div>`;
    return html`<ms-queue
      class="panel queue-panel"
      .playback=${playback}
      .catalog=${catalog}
      .loading=${this.player.ownMusicOpening}
      .canUndo=${this.player.engine?.canUndo ?? false}
      .canRedo=${this.player.engine?.canRedo ?? false}
    ></ms-queue>`;
  }

  /** One of this element's own parts (a plain query rather than Lit's @query: the decorator's code stays out of the first paint). */
  private find<E extends Element>(selector: string): E | null {
    return this.renderRoot.querySelector<E>(selector);
  }

  private get currentTrack(): Track | undefined {
    const trackId = this.player.playback?.currentTrackId;
    if (!trackId) return undefined;
    const track = this.player.catalog?.byId.get(trackId);
    if (track) return track;
    // A track of another device's own library, playing there (sync across devices): shown as it is tagged there.
    const elsewhere = elsewhereTrack(trackId);
    if (!elsewhere) return undefined;
    const { title, artist, album, duration } = elsewhere;
    return { id: trackId, title, artist, url: '', ...(album ? { album } : {}), ...(duration ? { duration } : {}) };
  }

  /** The current track's length: the catalog's, or else what its audio reports. */
  private get durationSeconds(): number {
    return this.currentTrack?.duration ?? this.mediaDuration;
  }

  notify(message: string, kind: NoticeKind = 'info', action?: NoticeAction): void {
    if (this.notices.some((notice) => notice.message === message)) return;
    const id = this.nextNoticeId++;
    this.notices = [...this.notices, { id, message, kind, ...(action ? { action } : {}) }];
    // A notice that offers an action stays until it is used or dismissed.
    if (kind === 'info' && !action) setTimeout(() => this.dismiss(id), INFO_NOTICE_MS);
  }

  /** The dialogs are loaded the first time they are opened. */
  private async showShortcuts(): Promise<void> {
    await import('./ms-shortcuts-dialog');
    this.find<MsShortcutsDialog>('ms-shortcuts-dialog')?.show();
  }

  private async showSync(): Promise<void> {
    const [remote] = await Promise.all([this.player.openRemote(), import('./ms-sync-dialog')]);
    if (!remote) return;
    await this.updateComplete;
    this.find<MsSyncDialog>('ms-sync-dialog')?.show();
  }

  private async showOfflineMusic(): Promise<void> {
    await import('./ms-offline-dialog');
    await this.find<MsOfflineDialog>('ms-offline-dialog')?.show();
  }

  private dismiss(id: number): void {
    this.notices = this.notices.filter((notice) => notice.id !== id);
  }

  private handleIntent(event: IntentEvent): void {
    this.player.perform(event.intent);
  }

  private handleOffline(event: OfflineEvent): void {
    this.player.handleOffline(event.request);
  }

  private handleDismiss(event: DismissEvent): void {
    this.dismiss(event.noticeId);
  }

  private handleNotice(event: NoticeEvent): void {
    this.notify(event.message, event.kind);
  }

  private handleDurationChange(event: Event): void {
    const duration = (event.target as HTMLAudioElement).duration;
    this.mediaDuration = Number.isFinite(duration) ? duration : 0;
  }

  private readonly handleKeydown = (event: KeyboardEvent): void => {
    const playback = this.player.playback;
    if (!playback || !this.shortcuts || event.defaultPrevented) return;
    const result = this.shortcuts.shortcutFor(event, {
      volume: this.player.engine?.volumeAsked ?? playback.volume,
      muted: playback.muted,
      durationSeconds: this.durationSeconds,
    });
    if (result === null) return;
    event.preventDefault();
    if (result === 'show-shortcuts') void this.showShortcuts();
    else this.player.perform(result);
  };
}
customElements.define('mediastream-app', MediaStreamApp);

declare global {
  interface HTMLElementTagNameMap {
    'mediastream-app': MediaStreamApp;
  }
}
