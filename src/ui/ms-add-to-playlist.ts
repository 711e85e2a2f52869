import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { PlaybackState } from '../engine/model/state';
import { IntentEvent, type NameSubmitEvent, NoticeEvent } from './events';
import { shownChanged } from './shown-fields';
import './ms-playlist-name-form';
import { controlStyles, dialogStyles } from './shared-styles';

/** The track a person asked to add, and the playlists to choose from. */
interface Chosen {
  readonly trackId: string;
  readonly title: string;
}

/**
 * Choosing which playlist a track goes to (after `Add <title> to playlist`): a modal dialog with a button per
 * playlist, named by the playlist, and `New playlist`, which makes one holding the track. The browser's modal
 * dialog keeps the focus inside, closes on Escape and gives the focus back to the button that opened it.
 */
@customElement('ms-add-to-playlist')
export class MsAddToPlaylist extends LitElement {
  static override styles = [
    controlStyles,
    dialogStyles,
    css`
      :host {
        display: contents;
      }
      ul {
        list-style: none;
        margin: 0 0 0.75rem;
        padding: 0;
        display: grid;
        gap: 0.25rem;
        max-height: 50vh;
        overflow: auto;
      }
      li button {
        width: 100%;
        justify-content: flex-start;
        text-align: start;
        border-color: var(--ms-border);
        padding-inline: 0.9rem;
        overflow-wrap: anywhere;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      .row button {
        border-color: var(--ms-border);
        padding-inline: 1rem;
      }
    `,
  ];

  @property({ attribute: false }) playback: PlaybackState | null = null;

  @state() private chosen: Chosen | null = null;
  @state() private naming = false;
  @query('dialog') private dialog!: HTMLDialogElement;

  /** Opens the choice for this track. */
  async show(trackId: string, title: string): Promise<void> {
    this.chosen = { trackId, title };
    this.naming = false;
    await this.updateComplete;
    if (!this.dialog.open) this.dialog.showModal();
  }

  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    return shownChanged(changed, this.playback, (p) => [p.playlists]);
  }

  override render() {
    const chosen = this.chosen;
    const playlists = this.playback?.playlists ?? [];
    return html`
      <dialog aria-labelledby="add-title" @close=${() => (this.naming = false)}>
        ${
          chosen
            ? html`
              <h2 id="add-title">Add “${chosen.title}” to playlist</h2>
              ${playlists.length === 0 ? html`<p class="muted">No playlists yet. Make one with New playlist.</p>` : nothing}
              ${
                playlists.length > 0
                  ? html`<ul aria-label="Playlists">
                    ${playlists.map((playlist) => html`<li><button @click=${() => this.add(playlist.playlistId, playlist.name)}>${playlist.name}</button></li>`)}
                  </ul>`
                  : nothing
              }
              ${
                this.naming
                  ? html`<ms-playlist-name-form submitLabel="Create" @ms-name-submit=${this.handleCreate} @ms-cancel=${this.handleCancelName}></ms-playlist-name-form>`
                  : nothing
              }
              <div class="row">
                ${this.naming ? nothing : html`<button @click=${() => (this.naming = true)}>New playlist</button>`}
                <button @click=${() => this.dialog.close()}>Cancel</button>
              </div>
            `
            : nothing
        }
      </dialog>
    `;
  }

  private add(playlistId: string, name: string): void {
    const chosen = this.chosen;
    if (!chosen) return;
    this.dispatchEvent(new IntentEvent({ type: 'addToPlaylist', playlistId, trackIds: [chosen.trackId] }));
    this.dispatchEvent(new NoticeEvent(`Added “${chosen.title}” to “${name}”.`));
    this.dialog.close();
  }

  private handleCreate(event: NameSubmitEvent): void {
    event.stopPropagation();
    const chosen = this.chosen;
    if (!chosen) return;
    this.dispatchEvent(new IntentEvent({ type: 'createPlaylist', name: event.name, trackIds: [chosen.trackId] }));
    // An empty name is refused by the engine with a message; the form stays open to try again.
    if (event.name.trim() === '') return;
    this.dispatchEvent(new NoticeEvent(`Added “${chosen.title}” to the new playlist “${event.name.trim()}”.`));
    this.dialog.close();
  }

  /** The name form's Cancel leaves the form, not the whole choice. */
  private handleCancelName(event: Event): void {
    event.stopPropagation();
    this.naming = false;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ms-add-to-playlist': MsAddToPlaylist;
  }
}
