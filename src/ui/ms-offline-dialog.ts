import { html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Catalog } from '../catalog/catalog';
import type { PlaybackState } from '../engine/model/state';
import type { OfflineAudio } from '../offline/audio-cache';
import { ChangeController } from './change-controller';
import { OfflineEvent } from './events';
import { controlStyles, dialogStyles } from './shared-styles';

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/** Offline music: how much space it takes, whether the browser keeps it, and saving or clearing it all. */
@customElement('ms-offline-dialog')
export class MsOfflineDialog extends LitElement {
  static override styles = [
    controlStyles,
    // Its row of buttons is dialogStyles' `.actions`.
    dialogStyles,
  ];

  @property({ attribute: false }) offlineAudio: OfflineAudio | null = null;
  /** The current track and the queue, for "Make queue available offline". */
  @property({ attribute: false }) playback: PlaybackState | null = null;
  /** Everything in the library, for "Remove all offline music". */
  @property({ attribute: false }) catalog: Catalog | null = null;
  @property({ type: Boolean }) online = false;

  @state() private usage: string | null = null;
  @state() private persisted: boolean | null = null;
  @query('dialog') private dialog!: HTMLDialogElement;
  private refreshing: Promise<void> | null = null;
  private refreshAgain = false;

  constructor() {
    super();
    // What the dialog says follows the offline music: a save or a removal shows as it happens.
    this.addController(
      new ChangeController(
        this,
        () => this.offlineAudio,
        () => this.handleOfflineChange(),
      ),
    );
  }

  async show(): Promise<void> {
    if (!this.dialog.open) this.dialog.showModal();
    await this.refresh();
  }

  async refresh(): Promise<void> {
    const [bytes, persisted, estimate] = await Promise.all([
      this.offlineAudio?.usageBytes() ?? 0,
      navigator.storage?.persisted?.() ?? Promise.resolve(false),
      navigator.storage?.estimate?.() ?? Promise.resolve({} as StorageEstimate),
    ]);
    const free = estimate.quota !== undefined && estimate.usage !== undefined ? estimate.quota - estimate.usage : undefined;
    this.usage = `Offline music uses ${formatBytes(bytes)}${free !== undefined ? `; ${formatBytes(free)} more is available` : ''}.`;
    this.persisted = persisted;
  }

  /** Downloads report progress often: one measurement at a time, and one more after it if needed. */
  private handleOfflineChange(): void {
    if (!this.dialog?.open) return;
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = (async () => {
      do {
        this.refreshAgain = false;
        await this.refresh();
      } while (this.refreshAgain);
    })().finally(() => (this.refreshing = null));
  }

  override render() {
    return html`
      <dialog aria-labelledby="offline-title">
        <h2 id="offline-title">Offline music</h2>
        ${
          this.offlineAudio
            ? html`
              <p>${this.usage ?? 'Measuring…'}</p>
              ${
                this.persisted === null
                  ? nothing
                  : html`<p class="muted">
                    ${
                      this.persisted
                        ? 'This browser keeps your offline music until you remove it.'
                        : 'This browser may remove offline music if it runs short of space.'
                    }
                  </p>`
              }
              <div class="actions">
                <button ?disabled=${!this.online || !this.hasQueue} @click=${() => this.request('save', this.queueTrackIds())}>
                  Make queue available offline
                </button>
                <button @click=${() => this.request('remove', this.catalog?.tracks.map((track) => track.id) ?? [])}>Remove all offline music</button>
                <button @click=${() => this.dialog.close()}>Close</button>
              </div>
            `
            : html`<p>This browser cannot keep music for offline use.</p>
              <div class="actions"><button @click=${() => this.dialog.close()}>Close</button></div>`
        }
      </dialog>
    `;
  }

  private get hasQueue(): boolean {
    return Boolean(this.playback && (this.playback.currentTrackId !== null || this.playback.queue.length > 0));
  }

  /** The current track and everything queued after it, read only when asked (a queue can be long). */
  private queueTrackIds(): string[] {
    const playback = this.playback;
    if (!playback) return [];
    const current = playback.currentTrackId === null ? [] : [playback.currentTrackId];
    return [...current, ...playback.queue.map((entry) => entry.trackId)];
  }

  private request(type: 'save' | 'remove', trackIds: readonly string[]): void {
    // The person's own tracks are local files already: nothing to download or remove.
    const remote = trackIds.filter((id) => !this.catalog?.byId.get(id)?.local);
    this.dispatchEvent(new OfflineEvent({ type, trackIds: remote }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ms-offline-dialog': MsOfflineDialog;
  }
}
