import { css, html, LitElement, nothing, type PropertyDeclarations, type PropertyValues, unsafeCSS } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import type { PlayerIntent } from '../app/intents';
import type { Track } from '../catalog/catalog';
import type { OfflineAudio } from '../offline/audio-cache';
import { addToPlaylistButton } from './add-to-playlist-button';
import { ChangeController } from './change-controller';
import { IntentEvent, OfflineEvent } from './events';
import { fixedRows } from './fixed-rows';
import { formatDuration } from './format-duration';
import { icons } from './icons';
import { controlStyles, listPanelStyles, textFieldStyles } from './shared-styles';
import { styled } from './styled';
import { trackIcons } from './track-icons';

/** A row's height when the list is long (fixed-rows.ts): the thumbnail and the row's padding. */
const ROW_REM = 3.45;
/**
 * Longer lists than this (about a screenful) get fixed rows: with every row in the DOM, the import's
 * first batches (100 to 200 rows, each one making the list again) were its longest frames in a trace.
 */
const ALL_ROWS_UP_TO = 40;

/** The catalog: every track with play now, play next, add to the queue and add to a playlist, and a filter box. */
export class MsLibrary extends LitElement {
  // Declared here rather than with Lit's decorators, whose code then stays out of the first paint.
  static override properties: PropertyDeclarations = {
    tracks: { attribute: false },
    currentTrackId: {},
    offlineAudio: { attribute: false },
    online: { type: Boolean },
    loading: { type: Boolean },
    filter: { state: true },
  };
  static override styles = [
    controlStyles,
    textFieldStyles,
    listPanelStyles,
    css`
      .list {
        min-height: 12rem;
      }
      /* A long list: rows of one height, placed by fixed-rows.ts, each laid out and painted on its own. */
      .list.fixed {
        position: relative;
        contain: strict;
        overflow-anchor: none;
      }
      .list.fixed > .track {
        position: absolute;
        left: 0;
        right: 0;
        height: ${unsafeCSS(ROW_REM)}rem;
        contain: strict;
      }
      .fixed-rows-sizer {
        width: 1px;
        visibility: hidden;
      }
      .track {
        width: 100%;
        box-sizing: border-box;
        display: grid;
        grid-template-columns: 2.75rem 1fr auto auto auto;
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
      .offline {
        display: flex;
        align-items: center;
        justify-content: center;
        min-width: 2.5rem;
      }
      .offline .saved {
        color: var(--ms-accent);
      }
      .offline progress {
        width: 2.25rem;
        accent-color: var(--ms-accent);
      }
      .unavailable {
        font-size: 0.75rem;
        color: var(--ms-danger);
      }
      .track.not-offline .title {
        opacity: 0.55;
      }
      /* A phone: the title gets the room; offline music is managed from the Offline music dialog. */
      @media (max-width: 540px) {
        .duration,
        .offline {
          display: none;
        }
        .track {
          grid-template-columns: 2.75rem 1fr auto;
          gap: 0.5rem;
        }
        .actions button {
          min-width: 2.25rem;
          padding: 0.3rem;
        }
      }
    `,
  ];

  tracks: readonly Track[] = [];
  currentTrackId: string | null = null;
  /** What is kept for offline; null where the browser has no Cache API. Rows re-render as it changes. */
  offlineAudio: Pick<OfflineAudio, 'isCached' | 'progressOf' | 'on'> | null = null;
  online = true;
  /**
   * The person's own music is still being read: the tracks may be only the start of the library (in
   * its order), so a filter waits for the rest rather than showing what would be missing from it.
   */
  loading = false;

  private filter = '';

  constructor() {
    super();
    this.addController(new ChangeController(this, () => this.offlineAudio));
  }

  /** The last filter's result: rows re-render at every scroll step, and filtering 12,000 tracks each time made long frames. */
  private filtered: { readonly tracks: readonly Track[]; readonly filter: string; readonly result: readonly Track[] } | null = null;

  private get visibleTracks(): readonly Track[] {
    if (this.loading && this.filter.trim() !== '') return [];
    if (this.filtered?.tracks !== this.tracks || this.filtered.filter !== this.filter) {
      this.filtered = { tracks: this.tracks, filter: this.filter, result: this.filterTracks() };
    }
    return this.filtered.result;
  }

  /** Lower-cased searchable text per track, computed once per catalog rather than per keystroke. */
  private searchIndex = new WeakMap<Track, string>();

  /**
   * Whether each track matches `filter`, kept while the filter stays: an import's batch makes a new tracks
   * array of mostly the same Track objects, and only the new ones are matched (the words searched for in
   * all 12,000 texts again at every batch were the largest part of the batch's task in a trace).
   */
  private filterMatches: { readonly filter: string; readonly byTrack: WeakMap<Track, boolean> } | null = null;

  private filterTracks(): readonly Track[] {
    const words = this.filter.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return this.tracks;
    if (this.filterMatches?.filter !== this.filter) this.filterMatches = { filter: this.filter, byTrack: new WeakMap() };
    const known = this.filterMatches.byTrack;
    return this.tracks.filter((track) => {
      let match = known.get(track);
      if (match === undefined) {
        const text = this.searchTextOf(track);
        match = words.every((word) => text.includes(word));
        known.set(track, match);
      }
      return match;
    });
  }

  private searchTextOf(track: Track): string {
    let text = this.searchIndex.get(track);
    if (text === undefined) {
      text = `${track.title} ${track.artist} ${track.album ?? ''}`.toLowerCase();
      this.searchIndex.set(track, text);
    }
    return text;
  }

  /**
   * A play elsewhere changes only which row is current: its mark moves from one row to the other here,
   * rather than every row in view being rendered again (most of a play's cost in a receiving tab's
   * library, from `npm run bench -- --only=syncProfile`).
   */
  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    if (!this.hasUpdated || changed.size !== 1 || !changed.has('currentTrackId')) return true;
    this.markCurrentRow();
    return false;
  }

  /**
   * After a move above, Lit still remembers the mark where it last wrote it, so a render that changes the
   * current track together with something else can leave it on the wrong row: every render ends by
   * putting the DOM right (two queries over the rows in view).
   */
  protected override updated(): void {
    this.markCurrentRow();
  }

  private markCurrentRow(): void {
    const current = this.currentTrackId === null ? null : CSS.escape(this.currentTrackId);
    for (const row of this.renderRoot.querySelectorAll('.track[aria-current]')) {
      if (row.getAttribute('data-track-id') !== this.currentTrackId) row.removeAttribute('aria-current');
    }
    if (current !== null) this.renderRoot.querySelector(`.track[data-track-id="${current}"]`)?.setAttribute('aria-current', 'true');
  }

  override render() {
    const tracks = this.visibleTracks;
    return html`
      <header>
        <h2>Library</h2>
        <input type="search" aria-label="Filter library" placeholder=${this.loading ? 'Filter tracks' : `Filter ${this.tracks.length} tracks`} .value=${this.filter} @input=${this.handleFilter} />
      </header>
      <slot></slot>
      ${
        tracks.length === 0
          ? html`<p class="empty muted">${this.loading && this.filter.trim() !== '' ? 'Opening your music…' : this.tracks.length === 0 ? 'The library is empty.' : 'No track matches the filter.'}</p>`
          : nothing
      }
      ${
        tracks.length > ALL_ROWS_UP_TO
          ? html`<div class="list fixed" role="list" aria-label="Library">
              ${fixedRows({
                items: tracks,
                key: (track) => track.id,
                render: (track, index, top) => this.renderTrack(track, index, tracks.length, top),
                rowHeightRem: ROW_REM,
              })}
            </div>`
          : html`<div class="list" role="list" aria-label="Library">
              ${repeat(
                tracks,
                (track) => track.id,
                (track, index) => this.renderTrack(track, index, tracks.length),
              )}
            </div>`
      }
    `;
  }

  /**
   * `index` and `count` tell assistive technology where a row stands when only some rows are rendered.
   * They and the current track are the row's own attributes, outside its guarded content: an import's
   * batch changes the count and moves the rows below its tracks, which then costs an attribute or two a
   * row in view, not every row made again (the long tasks while the list was wheeled during an import).
   */
  private renderTrack(track: Track, index: number, count: number, top?: number) {
    const unavailable = this.isUnavailable(track);
    return html`
      <div
        class="track ${unavailable ? 'not-offline' : ''}"
        ${top === undefined ? nothing : styled('top', `${top}px`)}
        role="listitem"
        data-track-id=${track.id}
        aria-setsize=${count}
        aria-posinset=${index + 1}
        aria-current=${track.id === this.currentTrackId ? 'true' : nothing}
      >
        ${guard([track, this.online, this.offlineAudio?.isCached(track.url), this.offlineAudio?.progressOf(track.url)], () =>
          this.renderTrackContent(track, unavailable),
        )}
      </div>
    `;
  }

  /** The person's own tracks are local files: they play offline; one in a folder that needs its permission again is unavailable until it is reconnected. */
  private isUnavailable(track: Track): boolean {
    return track.local ? !track.local.available : !this.online && this.offlineAudio !== null && !this.offlineAudio.isCached(track.url);
  }

  private renderTrackContent(track: Track, unavailable: boolean) {
    const meta = (track.album ? `${track.artist} · ${track.album}` : track.artist) + (track.local?.copied ? ' · copy in this browser' : '');
    const local = track.local;
    return html`
        ${track.artwork ? html`<img class="thumb" src=${track.artwork} alt="" loading="lazy" decoding="async" />` : html`<div class="thumb"></div>`}
        <div class="text">
          <p class="title">${track.title}</p>
          <p class="meta muted">${
            // On the meta line, so that every row has the same height (a long list's rows must: fixed-rows.ts).
            unavailable ? html`<span class="unavailable">${local ? 'Unavailable' : 'Not available offline'}</span> · ` : nothing
          }${meta}</p>
        </div>
        <div class="offline">${this.renderOfflineControl(track)}</div>
        <span class="duration muted">${track.duration ? formatDuration(track.duration) : ''}</span>
        <div class="actions">
          <button aria-label="Play ${track.title}" title="Play" ?disabled=${!!local && unavailable} @click=${() => this.fire({ type: 'playTrack', trackId: track.id })}>${icons.play}</button>
          <button aria-label="Play ${track.title} next" title="Play next" @click=${() => this.fire({ type: 'playNext', trackIds: [track.id] })}>
            ${trackIcons.queueNext}
          </button>
          <button aria-label="Add ${track.title} to queue" title="Add to queue" @click=${() => this.fire({ type: 'enqueue', trackIds: [track.id] })}>
            ${trackIcons.queueAdd}
          </button>
          ${addToPlaylistButton(track)}
        </div>
    `;
  }

  /** Saved for offline (press to remove), downloading (progress), or not saved (press to save). */
  private renderOfflineControl(track: Track) {
    const offline = this.offlineAudio;
    if (!offline || track.local) return nothing;
    const progress = offline.progressOf(track.url);
    if (progress !== undefined) {
      return html`<progress aria-label="Downloading ${track.title}" max="1" .value=${progress}></progress>`;
    }
    if (offline.isCached(track.url)) {
      return html`<button class="saved" aria-label="Remove ${track.title} from offline storage" title="Available offline — press to remove"
        @click=${() => this.dispatchEvent(new OfflineEvent({ type: 'remove', trackIds: [track.id] }))}>${trackIcons.offlineSaved}</button>`;
    }
    return html`<button aria-label="Make ${track.title} available offline" title="Make available offline" ?disabled=${!this.online}
      @click=${() => this.dispatchEvent(new OfflineEvent({ type: 'save', trackIds: [track.id] }))}>${trackIcons.download}</button>`;
  }

  private handleFilter(event: Event): void {
    this.filter = (event.target as HTMLInputElement).value;
  }

  private fire(intent: PlayerIntent): void {
    this.dispatchEvent(new IntentEvent(intent));
  }
}
customElements.define('ms-library', MsLibrary);

declare global {
  interface HTMLElementTagNameMap {
    'ms-library': MsLibrary;
  }
}
