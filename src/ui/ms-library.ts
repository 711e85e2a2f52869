import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Track } from '../catalog/catalog';
import { formatDuration } from '../catalog/format-time';
import { IntentEvent, type PlayerIntent } from '../app/intents';
import { icons } from './icons';
import { controlStyles } from './shared-styles';

/** The catalog: every track with play now, play next and add to the queue, and a filter box. */
@customElement('ms-library')
export class MsLibrary extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
      }
      header {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        padding-bottom: 0.5rem;
      }
      h2 {
        font-size: 1rem;
        margin: 0;
        flex: none;
      }
      input[type='search'] {
        flex: 1;
        min-width: 0;
        font: inherit;
        color: inherit;
        background: var(--ms-surface-2);
        border: 1px solid var(--ms-border);
        border-radius: 999px;
        padding: 0.45rem 0.9rem;
      }
      .list {
        flex: 1;
        min-height: 12rem;
      }
      .track {
        width: 100%;
        box-sizing: border-box;
        display: grid;
        grid-template-columns: 2.75rem 1fr auto auto;
        gap: 0.75rem;
        align-items: center;
        padding: 0.35rem 0.5rem;
        border-radius: 0.6rem;
      }
      .track:hover {
        background: var(--ms-hover);
      }
      .track[aria-current='true'] .title {
        color: var(--ms-accent);
      }
      .thumb {
        width: 2.75rem;
        height: 2.75rem;
        border-radius: 0.4rem;
        background: var(--ms-surface-2);
        object-fit: cover;
      }
      .text {
        min-width: 0;
      }
      .title,
      .meta {
        margin: 0;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .title {
        font-weight: 600;
      }
      .meta {
        font-size: 0.85rem;
      }
      .duration {
        font-variant-numeric: tabular-nums;
        font-size: 0.85rem;
      }
      .actions {
        display: flex;
      }
      .empty {
        padding: 1rem;
      }
      @media (max-width: 540px) {
        .duration {
          display: none;
        }
        .track {
          grid-template-columns: 2.75rem 1fr auto;
        }
      }
    `,
  ];

  @property({ attribute: false }) tracks: readonly Track[] = [];
  @property() currentTrackId: string | null = null;

  @state() private filter = '';

  /** Lower-cased searchable text per track, computed once per catalog rather than per keystroke. */
  private searchIndex = new WeakMap<Track, string>();

  private get visibleTracks(): readonly Track[] {
    const words = this.filter.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return this.tracks;
    return this.tracks.filter((track) => {
      let text = this.searchIndex.get(track);
      if (text === undefined) {
        text = `${track.title} ${track.artist} ${track.album ?? ''}`.toLowerCase();
        this.searchIndex.set(track, text);
      }
      return words.every((word) => text.includes(word));
    });
  }

  override render() {
    const tracks = this.visibleTracks;
    return html`
      <header>
        <h2>Library</h2>
        <input type="search" aria-label="Filter library" placeholder="Filter ${this.tracks.length} tracks" .value=${this.filter} @input=${this.handleFilter} />
      </header>
      ${tracks.length === 0
        ? html`<p class="empty muted">${this.tracks.length === 0 ? 'The library is empty.' : 'No track matches the filter.'}</p>`
        : nothing}
      <div class="list" role="list" aria-label="Library">
        ${virtualize({ items: tracks as Track[], renderItem: (track) => this.renderTrack(track), keyFunction: (track) => track.id, scroller: true })}
      </div>
    `;
  }

  private renderTrack(track: Track) {
    const meta = track.album ? `${track.artist} · ${track.album}` : track.artist;
    return html`
      <div class="track" role="listitem" aria-current=${track.id === this.currentTrackId ? 'true' : 'false'}>
        ${track.artwork ? html`<img class="thumb" src=${track.artwork} alt="" loading="lazy" />` : html`<div class="thumb"></div>`}
        <div class="text">
          <p class="title">${track.title}</p>
          <p class="meta muted">${meta}</p>
        </div>
        <span class="duration muted">${track.duration ? formatDuration(track.duration) : ''}</span>
        <div class="actions">
          <button aria-label="Play ${track.title}" title="Play" @click=${() => this.fire({ type: 'playTrack', trackId: track.id })}>${icons.play}</button>
          <button aria-label="Play ${track.title} next" title="Play next" @click=${() => this.fire({ type: 'playNext', trackIds: [track.id] })}>
            ${icons.queueNext}
          </button>
          <button aria-label="Add ${track.title} to queue" title="Add to queue" @click=${() => this.fire({ type: 'enqueue', trackIds: [track.id] })}>
            ${icons.queueAdd}
          </button>
        </div>
      </div>
    `;
  }

  private handleFilter(event: Event): void {
    this.filter = (event.target as HTMLInputElement).value;
  }

  private fire(intent: PlayerIntent): void {
    this.dispatchEvent(new IntentEvent(intent));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ms-library': MsLibrary;
  }
}
