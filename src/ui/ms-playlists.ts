import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { PlayerIntent } from '../app/intents';
import type { MatchableTrack } from '../browse/m3u-match';
import { importPlaylistFile } from '../browse/playlist-files';
import { formatRoute } from '../browse/routes';
import { messageOf } from '../engine/error-message';
import type { PlaybackState } from '../engine/model/state';
import { IntentEvent, type NameSubmitEvent, NoticeEvent } from './events';
import './ms-playlist-name-form';
import { controlStyles, listPanelStyles } from './shared-styles';

/** The Playlists view: every saved playlist as a link to its page, and making a new one. */
@customElement('ms-playlists')
export class MsPlaylists extends LitElement {
  static override styles = [
    controlStyles,
    listPanelStyles,
    css`
      header button {
        border-color: var(--ms-border);
        padding-inline: 1rem;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        overflow: auto;
      }
      li a {
        display: flex;
        justify-content: space-between;
        gap: 1rem;
        padding: 0.6rem 0.75rem;
        border-radius: 0.6rem;
        color: inherit;
        text-decoration: none;
      }
      li a:hover {
        background: var(--ms-hover);
      }
      li a:focus-visible {
        outline: 2px solid var(--ms-accent);
      }
      .name {
        font-weight: 600;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
    `,
  ];

  @property({ attribute: false }) playback: PlaybackState | null = null;
  /** Every track of the library, to match an imported playlist's lines to. */
  @property({ attribute: false }) tracks: readonly MatchableTrack[] = [];

  @state() private creating = false;
  @query('input[type="file"]') private fileInput!: HTMLInputElement;

  override render() {
    const playlists = this.playback?.playlists ?? [];
    return html`
      <header>
        <h2>Playlists</h2>
        <button @click=${() => (this.creating = true)} aria-expanded=${this.creating ? 'true' : 'false'}>New playlist</button>
        <button @click=${() => this.fileInput.click()}>Import playlist</button>
        <input type="file" hidden accept=".m3u,.m3u8,audio/x-mpegurl,audio/mpegurl" @change=${this.handleImport} />
      </header>
      ${this.creating ? this.renderForm() : nothing}
      ${
        playlists.length === 0
          ? html`<p class="empty muted">No playlists yet. Press New playlist to make one, or save the queue as a playlist.</p>`
          : html`<ul aria-label="Playlists">
            ${playlists.map((playlist) => {
              const count = this.playback?.playlistEntries[playlist.playlistId]?.length ?? 0;
              return html`<li>
                <a href=${formatRoute({ view: 'playlist', id: playlist.playlistId })}>
                  <span class="name">${playlist.name}</span>
                  <span class="muted">${count === 1 ? '1 track' : `${count} tracks`}</span>
                </a>
              </li>`;
            })}
          </ul>`
      }
    `;
  }

  private renderForm() {
    return html`<ms-playlist-name-form
      submitLabel="Create"
      @ms-name-submit=${this.handleCreate}
      @ms-cancel=${() => (this.creating = false)}
    ></ms-playlist-name-form>`;
  }

  private handleCreate(event: NameSubmitEvent): void {
    event.stopPropagation();
    // An empty name is refused by the engine with a message; the form stays open to try again.
    this.fire({ type: 'createPlaylist', name: event.name });
    if (event.name.trim()) this.creating = false;
  }

  /** An M3U or M3U8 file becomes a new playlist; the lines that match nothing are listed, not dropped. */
  private async handleImport(): Promise<void> {
    const file = this.fileInput.files?.[0];
    this.fileInput.value = '';
    if (!file) return;
    try {
      const imported = await importPlaylistFile(file, this.tracks, document.baseURI);
      if (imported.trackIds.length === 0) {
        this.dispatchEvent(
          new NoticeEvent(`“${file.name}” has no line that matches a track in your library.${notesOf(imported.notes)}`, 'error'),
        );
        return;
      }
      this.fire({ type: 'createPlaylist', name: imported.name, trackIds: imported.trackIds });
      const count = imported.trackIds.length === 1 ? '1 track' : `${imported.trackIds.length.toLocaleString('en')} tracks`;
      this.dispatchEvent(new NoticeEvent(`Imported “${imported.name}” with ${count}.${notesOf(imported.notes)}`));
    } catch (error) {
      this.dispatchEvent(new NoticeEvent(`“${file.name}” could not be imported: ${messageOf(error)}`, 'error'));
    }
  }

  private fire(intent: PlayerIntent): void {
    this.dispatchEvent(new IntentEvent(intent));
  }
}

/** At most a few unmatched lines, named; the rest counted. */
function notesOf(notes: readonly string[]): string {
  if (notes.length === 0) return '';
  const shown = notes.slice(0, 5).join(' ');
  return ` ${shown}${notes.length > 5 ? ` And ${notes.length - 5} more lines were not used.` : ''}`;
}

declare global {
  interface HTMLElementTagNameMap {
    'ms-playlists': MsPlaylists;
  }
}
