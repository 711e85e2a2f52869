import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { LibraryRequest } from '../app/own-music';
import type { Track } from '../catalog/catalog';
import type { SourceView } from '../library/library-service';
import { LibraryRequestEvent } from './library-request-event';
import { controlStyles } from './shared-styles';

/**
 * Where the person's music comes from: each folder with its track count and what can be done with it —
 * `Reconnect <folder>` when the browser asks for its permission again (after a restart, in Chromium),
 * `Rescan <folder>` for a folder the browser can reopen, `Remove <folder> from library`. Loose files are
 * removed one by one from their rows in the library.
 */
@customElement('ms-music-folders')
export class MsMusicFolders extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.3rem;
      }
      li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.4rem;
      }
      .name {
        font-weight: 600;
      }
      .note {
        font-size: 0.8rem;
      }
      .warn {
        color: var(--ms-danger);
      }
      li button {
        border: 1px solid var(--ms-border);
        padding: 0.2rem 0.7rem;
        min-height: 2rem;
        font-size: 0.85rem;
      }
      .loose {
        flex-basis: 100%;
        padding-left: 1rem;
      }
      li button.primary {
        border-color: transparent;
      }
    `,
  ];

  @property({ attribute: false }) sources: readonly SourceView[] = [];
  /** The files added on their own (copies): each can be removed by itself. */
  @property({ attribute: false }) looseTracks: readonly Track[] = [];
  @state() private showLoose = false;
  /** An import is running somewhere: a rescan or removal waits for it. */
  @property({ type: Boolean }) busy = false;

  override render() {
    if (this.sources.length === 0) return nothing;
    return html`<ul aria-label="Your music folders">
      ${this.sources.map((view) => (view.source.kind === 'files' ? this.renderLoose(view) : this.renderSource(view)))}
    </ul>`;
  }

  private renderLoose({ trackCount }: SourceView) {
    const tracks = `${trackCount.toLocaleString('en-US')} ${trackCount === 1 ? 'track' : 'tracks'}`;
    return html`<li>
      <span class="name">Added files</span>
      <span class="note muted">${tracks} · copies kept in this browser</span>
      <button aria-expanded=${String(this.showLoose)} @click=${() => (this.showLoose = !this.showLoose)}>
        ${this.showLoose ? 'Hide added files' : 'Show added files'}
      </button>
      ${
        this.showLoose
          ? html`<ul class="loose" aria-label="Added files">
            ${this.looseTracks.map(
              (track) => html`<li>
                <span>${track.title}</span>
                <button @click=${() => this.fire({ type: 'removeTrack', trackId: track.id })}>Remove ${track.title} from library</button>
              </li>`,
            )}
          </ul>`
          : nothing
      }
    </li>`;
  }

  private renderSource({ source, access, trackCount }: SourceView) {
    const tracks = `${trackCount.toLocaleString('en-US')} ${trackCount === 1 ? 'track' : 'tracks'}`;
    const needsPermission = source.handle !== undefined && access !== 'granted';
    return html`<li>
      <span class="name">${source.name}</span>
      <span class="note muted">${tracks}${source.kind === 'copied-folder' ? ' · copies kept in this browser' : ''}</span>
      ${needsPermission ? html`<span class="note warn">Unavailable until reconnected</span>` : nothing}
      ${!source.scanComplete && !this.busy ? html`<span class="note warn">Not fully imported</span>` : nothing}
      ${
        needsPermission
          ? html`<button class="primary" @click=${() => this.fire({ type: 'reconnect', sourceId: source.id })}>Reconnect ${source.name}</button>`
          : nothing
      }
      ${
        source.handle
          ? html`<button ?disabled=${this.busy} @click=${() => this.fire({ type: 'rescan', sourceId: source.id })}>Rescan ${source.name}</button>`
          : nothing
      }
      <button ?disabled=${this.busy} @click=${() => this.fire({ type: 'removeSource', sourceId: source.id })}>Remove ${source.name} from library</button>
    </li>`;
  }

  private fire(request: LibraryRequest): void {
    this.dispatchEvent(new LibraryRequestEvent(request));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ms-music-folders': MsMusicFolders;
  }
}
