import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { PlayerIntent } from '../app/intents';
import { playTracksIntents } from '../app/play-tracks';
import type { MatchableTrack } from '../browse/m3u-match';
import { exportPlaylist } from '../browse/playlist-files';
import { formatRoute } from '../browse/routes';
import type { PlaybackState, QueueEntry } from '../engine/model/state';
import { elsewhereTrack } from '../remote/track-elsewhere';
import { editingIcons } from './editing-icons';
import { IntentEvent, type NameSubmitEvent } from './events';
import { icons } from './icons';
import { LongList } from './long-list';
import './ms-playlist-name-form';
import { controlStyles, listPanelStyles } from './shared-styles';

/**
 * One playlist's page: its entries in order (reordered and removed one at a time), and playing, renaming,
 * exporting and deleting it. Entries whose track has left the library stay, marked unavailable.
 */
@customElement('ms-playlist')
export class MsPlaylist extends LitElement {
  static override styles = [
    controlStyles,
    listPanelStyles,
    css`
      header {
        flex-wrap: wrap;
      }
      h2 {
        flex: 1;
        min-width: 0;
        overflow-wrap: anywhere;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
        padding-bottom: 0.75rem;
      }
      .actions button {
        border-color: var(--ms-border);
        padding-inline: 0.9rem;
      }
      .entry {
        display: grid;
        grid-template-columns: 1fr auto;
        align-items: center;
        gap: 0.5rem;
        padding: 0.3rem 0.5rem;
        border-radius: 0.6rem;
        /* Out of view, a row is neither laid out nor painted (as in the queue); until it has rendered, its
           content is held at a row's height (its buttons'). */
        content-visibility: auto;
        contain-intrinsic-size: auto 2.5rem;
      }
      .entry:hover {
        background: var(--ms-hover);
      }
      .entry.unavailable .title {
        color: var(--ms-text-muted);
        font-style: italic;
      }
      .title {
        font-weight: 600;
      }
      .meta {
        font-size: 0.85rem;
      }
      a {
        color: inherit;
      }
    `,
  ];

  @property({ attribute: false }) playback: PlaybackState | null = null;
  @property() playlistId = '';
  @property({ attribute: false }) tracksById: ReadonlyMap<string, MatchableTrack> = new Map();
  /** The person's own music is still opening: an entry whose track is not known yet is not gone from the library. */
  @property({ type: Boolean }) loading = false;

  @state() private renaming = false;
  private readonly list = new LongList(this);

  private get playlist() {
    return this.playback?.playlists.find((playlist) => playlist.playlistId === this.playlistId);
  }

  private get entries(): readonly QueueEntry[] {
    return this.playback?.playlistEntries[this.playlistId] ?? [];
  }

  override render() {
    const playlist = this.playlist;
    if (!playlist) {
      return html`<p class="empty muted">This playlist does not exist (it may have been deleted). <a href=${formatRoute({ view: 'playlists' })}>All playlists</a></p>`;
    }
    const entries = this.entries;
    // Played or exported only once every track is known: before, some would be left out.
    const playable = this.loading ? [] : entries.filter((entry) => this.tracksById.has(entry.trackId));
    return html`
      <header><h2>${playlist.name}</h2></header>
      ${
        this.renaming
          ? html`<ms-playlist-name-form
            .value=${playlist.name}
            submitLabel="Save"
            @ms-name-submit=${this.handleRename}
            @ms-cancel=${() => (this.renaming = false)}
          ></ms-playlist-name-form>`
          : nothing
      }
      <div class="actions">
        <button class="primary" ?disabled=${playable.length === 0} @click=${() => this.fireAll(playTracksIntents(playable.map((entry) => entry.trackId)))}>
          ${icons.play} Play playlist
        </button>
        <button @click=${() => (this.renaming = true)}>Rename playlist</button>
        <button ?disabled=${playable.length === 0} @click=${this.handleExport}>Export playlist</button>
        <button @click=${this.handleDelete}>Delete playlist</button>
      </div>
      ${entries.length === 0 ? html`<p class="empty muted">This playlist is empty. Add tracks to it from the library, or save the queue as a playlist.</p>` : nothing}
      <div class="list" role="list" aria-label=${playlist.name}>
        ${this.list.rows(
          entries,
          (entry) => entry.entryId,
          (entry, index) => this.renderEntry(entry, index, entries.length),
        )}
      </div>
    `;
  }

  private renderEntry(entry: QueueEntry, index: number, count: number) {
    const track = this.tracksById.get(entry.trackId);
    // A track of another device's own library that this one lacks (sync across devices): kept, and said so.
    const elsewhere = track ? null : elsewhereTrack(entry.trackId);
    const opening = !track && !elsewhere && this.loading;
    const title = track?.title ?? elsewhere?.title ?? (opening ? 'Track' : 'Unavailable track');
    return html`
      <div class="entry ${track || opening ? '' : 'unavailable'}" role="listitem" aria-setsize=${count} aria-posinset=${index + 1}>
        <div class="text">
          <p class="title">${title}</p>
          <p class="meta muted">${track ? track.artist : elsewhere ? `${elsewhere.artist} · Not on this device` : opening ? 'Opening your music…' : 'No longer in your library'}</p>
        </div>
        <div>
          <button aria-label="Move ${title} up in playlist" title="Move up" ?disabled=${index === 0} @click=${() => this.move(entry, -1)}>${editingIcons.up}</button>
          <button aria-label="Move ${title} down in playlist" title="Move down" ?disabled=${index === count - 1} @click=${() => this.move(entry, 1)}>
            ${editingIcons.down}
          </button>
          <button aria-label="Remove ${title} from playlist" title="Remove" @click=${() => this.fire({ type: 'removeFromPlaylist', playlistId: this.playlistId, entryId: entry.entryId })}>
            ${icons.remove}
          </button>
        </div>
      </div>
    `;
  }

  private move(entry: QueueEntry, by: -1 | 1): void {
    this.fire({ type: 'movePlaylistEntry', playlistId: this.playlistId, entryId: entry.entryId, by });
  }

  private handleRename(event: NameSubmitEvent): void {
    event.stopPropagation();
    this.fire({ type: 'renamePlaylist', playlistId: this.playlistId, name: event.name });
    if (event.name.trim()) this.renaming = false;
  }

  /** Asks nothing: the app offers Undo. */
  private handleDelete(): void {
    this.fire({ type: 'deletePlaylist', playlistId: this.playlistId });
    window.location.hash = formatRoute({ view: 'playlists' });
  }

  private handleExport(): void {
    const playlist = this.playlist;
    if (!playlist) return;
    const text = exportPlaylist(
      playlist.name,
      this.entries.map((entry) => entry.trackId),
      this.tracksById,
    );
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], { type: 'audio/x-mpegurl' }));
    link.download = `${playlist.name.replace(/[\\/:*?"<>|]+/g, '_')}.m3u8`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 0);
  }

  private fire(intent: PlayerIntent): void {
    this.dispatchEvent(new IntentEvent(intent));
  }

  private fireAll(intents: readonly PlayerIntent[]): void {
    for (const intent of intents) this.fire(intent);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ms-playlist': MsPlaylist;
  }
}
