import { css, html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { PlayerIntent } from '../app/intents';
import { playTracksIntents } from '../app/play-tracks';
import { type Album, type Artist, idOf } from '../browse/albums';
import type { BrowseTrack } from '../browse/browse-track';
import { formatRoute, type Route } from '../browse/routes';
import { search } from '../browse/search';
import { appearsOn, artistTrackOrder, browseLibraryOf } from './browse-library';
import { IntentEvent } from './events';
import { icons } from './icons';
import { LongList } from './long-list';
import { controlStyles, listPanelStyles } from './shared-styles';
import { trackIcons } from './track-icons';
import { trackRow, trackRowStyles } from './track-row';

/** Search shows at most this many of each kind; typing more narrows it. */
const SEARCH_LIMIT = 100;

/** Shown where an empty library, album or artist would be, while the person's own music opens. */
export const LOADING = 'Opening your music…';

const EMPTY_LIBRARY = 'Your library is empty. Use Add music to bring in your own files, and your albums and artists appear here.';

/** Albums, an album's page, artists, an artist's page and search results: every view but Songs. */
@customElement('ms-browse-view')
export class MsBrowseView extends LitElement {
  static override styles = [
    controlStyles,
    listPanelStyles,
    trackRowStyles,
    css`
      :host {
        flex: 1;
      }
      .scroll {
        flex: 1;
        min-height: 0;
        overflow: auto;
      }
      a {
        color: inherit;
        border-radius: 0.3rem;
      }
      a:focus-visible {
        outline: 2px solid var(--ms-accent);
        outline-offset: 2px;
      }
      .entry {
        display: grid;
        grid-template-columns: 3.25rem minmax(0, 1fr);
        gap: 0.75rem;
        align-items: center;
        padding: 0.3rem 0.5rem;
        border-radius: 0.6rem;
      }
      .entry:hover {
        background: var(--ms-hover);
      }
      .entry a {
        font-weight: 600;
        text-decoration: none;
      }
      .entry a:hover {
        text-decoration: underline;
      }
      .cover {
        width: 3.25rem;
        height: 3.25rem;
        border-radius: 0.4rem;
        object-fit: cover;
        background: var(--ms-surface-2);
        display: flex;
        align-items: center;
        justify-content: center;
        color: var(--ms-text-muted);
      }
      .cover.large {
        width: 8rem;
        height: 8rem;
        border-radius: 0.7rem;
      }
      .cover.large svg {
        width: 3rem;
        height: 3rem;
      }
      .page-head {
        display: flex;
        gap: 1rem;
        align-items: center;
        flex-wrap: wrap;
        padding-bottom: 0.75rem;
      }
      .page-head h2 {
        font-size: 1.25rem;
        margin: 0 0 0.25rem;
      }
      .page-head p {
        margin: 0 0 0.25rem;
      }
      .buttons {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
        margin-top: 0.5rem;
      }
      .buttons button {
        border-color: var(--ms-border);
        padding-inline: 0.8rem;
      }
      h2:focus {
        outline: none;
      }
      h3 {
        font-size: 0.95rem;
        margin: 0.9rem 0 0.3rem;
      }
      .back {
        display: inline-block;
        margin-bottom: 0.5rem;
        font-size: 0.9rem;
      }
      .list.plain {
        overflow: visible;
      }
      @media (max-width: 540px) {
        .cover.large {
          width: 5rem;
          height: 5rem;
        }
      }
    `,
  ];

  @property({ attribute: false }) route: Route = { view: 'albums' };
  @property({ attribute: false }) tracks: readonly BrowseTrack[] = [];
  @property() currentTrackId: string | null = null;
  /**
   * The person's own music is still opening: no tracks yet does not mean an empty library, and the tracks
   * there are may be only the first albums on the shelf. Albums shows them (they are its first screen, in
   * its order, each album whole); what needs the whole library (artists, search, counts) waits for it.
   */
  @property({ type: Boolean }) loading = false;

  private readonly list = new LongList(this);

  override render() {
    const route = this.route;
    switch (route.view) {
      case 'albums':
        return this.renderAlbums();
      case 'album':
        return this.renderAlbum(route.id);
      case 'artists':
        return this.renderArtists();
      case 'artist':
        return this.renderArtist(route.id);
      case 'search':
        return this.renderSearch(route.query);
      default:
        return nothing;
    }
  }

  /**
   * A link inside this view (an album, an artist, All albums) replaced the view it was in: the focus would
   * fall back to the page, so it goes to the new view's heading instead, where reading and tabbing go on.
   */
  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('route') || changed.get('route') === undefined) return;
    if (document.activeElement !== document.body && document.activeElement !== null) return;
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  private get library() {
    return browseLibraryOf(this.tracks);
  }

  private renderAlbums() {
    const albums = this.library.albums;
    return html`
      <header><h2 tabindex="-1">Albums ${this.loading ? nothing : html`<span class="muted">(${albums.length})</span>`}</h2></header>
      ${albums.length === 0 ? this.renderEmpty() : nothing}
      <div class="list" role="list" aria-label="Albums">
        ${this.list.rows(
          albums,
          (album) => album.id,
          (album) => this.albumEntry(album),
        )}
      </div>
    `;
  }

  private albumEntry(album: Album, meta = `${album.artist}${album.year ? ` · ${album.year}` : ''}`) {
    return html`
      <div class="entry" role="listitem">
        ${cover(album)}
        <div class="text">
          <p class="title"><a href=${formatRoute({ view: 'album', id: album.id })}>${album.title}</a></p>
          <p class="meta muted">${meta} · ${count(album.tracks.length, 'track')}</p>
        </div>
      </div>
    `;
  }

  private renderAlbum(id: string) {
    const album = this.library.album(id);
    if (!album)
      return this.loading ? this.renderEmpty() : this.missing('This album is not in your library.', { view: 'albums' }, 'All albums');
    const ids = album.tracks.map((track) => track.id);
    const discs = new Set(album.tracks.map((track) => track.discNumber ?? 1)).size;
    const artist = this.library.artist(idOf(album.artist));
    return html`
      <div class="scroll">
        <a class="back" href=${formatRoute({ view: 'albums' })}>All albums</a>
        <div class="page-head">
          ${cover(album, true)}
          <div>
            <h2 tabindex="-1">${album.title}</h2>
            <p>${artist ? html`<a href=${formatRoute({ view: 'artist', id: artist.id })}>${album.artist}</a>` : album.artist}</p>
            <p class="muted">${[album.year, count(album.tracks.length, 'track'), discs > 1 ? count(discs, 'disc') : ''].filter(Boolean).join(' · ')}</p>
            <div class="buttons">
              <button class="primary" @click=${() => this.fireAll(playTracksIntents(ids))}>${icons.play} Play album</button>
              <button @click=${() => this.fireAll(playTracksIntents(ids, true))}>${icons.shuffle} Shuffle album</button>
              <button @click=${() => this.fire({ type: 'enqueue', trackIds: ids })}>${trackIcons.queueAdd} Add album to queue</button>
            </div>
          </div>
        </div>
        <div class="list plain" role="list" aria-label=${album.title}>
          ${album.tracks.map((track, index) =>
            trackRow(track, {
              current: track.id === this.currentTrackId,
              number: trackNumber(track, discs > 1, index),
              meta: track.artist,
              fire: (intent) => this.fire(intent),
            }),
          )}
        </div>
      </div>
    `;
  }

  private renderArtists() {
    // An artist's tracks on other artists' albums (compilations) may be anywhere on the shelf.
    const artists = this.loading ? [] : this.library.artists;
    return html`
      <header><h2 tabindex="-1">Artists ${this.loading ? nothing : html`<span class="muted">(${artists.length})</span>`}</h2></header>
      ${artists.length === 0 ? this.renderEmpty() : nothing}
      <div class="list" role="list" aria-label="Artists">
        ${this.list.rows(
          artists,
          (artist) => artist.id,
          (artist) => this.artistEntry(artist),
        )}
      </div>
    `;
  }

  private artistEntry(artist: Artist) {
    const albums = artist.albums.length;
    return html`
      <div class="entry" role="listitem">
        ${cover(artist.albums[0] ?? { artwork: artist.tracks.find((track) => track.artwork)?.artwork })}
        <div class="text">
          <p class="title"><a href=${formatRoute({ view: 'artist', id: artist.id })}>${artist.name}</a></p>
          <p class="meta muted">${albums > 0 ? `${count(albums, 'album')} · ` : ''}${count(artist.tracks.length, 'track')}</p>
        </div>
      </div>
    `;
  }

  private renderArtist(id: string) {
    const artist = this.loading ? undefined : this.library.artist(id);
    if (!artist)
      return this.loading ? this.renderEmpty() : this.missing('This artist is not in your library.', { view: 'artists' }, 'All artists');
    const ids = artistTrackOrder(artist);
    const guest = appearsOn(artist, this.library);
    return html`
      <div class="scroll">
        <a class="back" href=${formatRoute({ view: 'artists' })}>All artists</a>
        <div class="page-head">
          ${cover(artist.albums[0] ?? {}, true)}
          <div>
            <h2 tabindex="-1">${artist.name}</h2>
            <p class="muted">${count(artist.albums.length, 'album')} · ${count(artist.tracks.length, 'track')}</p>
            <div class="buttons">
              <button class="primary" @click=${() => this.fireAll(playTracksIntents(ids))}>${icons.play} Play artist</button>
              <button @click=${() => this.fireAll(playTracksIntents(ids, true))}>${icons.shuffle} Shuffle artist</button>
            </div>
          </div>
        </div>
        ${
          artist.albums.length > 0
            ? html`<h3>Albums</h3>
              <div class="list plain" role="list" aria-label="Albums by ${artist.name}">${artist.albums.map((album) => this.albumEntry(album, album.year ? String(album.year) : 'Album'))}</div>`
            : nothing
        }
        ${
          guest.length > 0
            ? html`<h3>Appears on</h3>
              <div class="list plain" role="list" aria-label="${artist.name} appears on">${guest.map((album) => this.albumEntry(album))}</div>`
            : nothing
        }
      </div>
    `;
  }

  private renderSearch(query: string) {
    if (query.trim() === '') {
      return html`<p class="empty muted">Type in Search library to find songs, albums and artists by title, artist, album or genre.</p>`;
    }
    // Made again when the rest of the library is in: a search typed while it opens is answered then.
    if (this.loading) return html`<h2>Results for “${query}”</h2>${this.renderEmpty()}`;
    const results = search(this.library.index, query, SEARCH_LIMIT + 1);
    const total = results.songs.length + results.albums.length + results.artists.length;
    return html`
      <div class="scroll">
        <h2>Results for “${query}”</h2>
        ${total === 0 ? html`<p class="empty muted">Nothing in your library matches “${query}”.</p>` : nothing}
        ${this.group('Songs', results.songs, (songs) =>
          songs.map((track) => trackRow(track, { current: track.id === this.currentTrackId, fire: (intent) => this.fire(intent) })),
        )}
        ${this.group('Albums', results.albums, (albums) => albums.map((album) => this.albumEntry(album)))}
        ${this.group('Artists', results.artists, (artists) => artists.map((artist) => this.artistEntry(artist)))}
      </div>
    `;
  }

  private group<T>(name: string, items: readonly T[], rows: (items: readonly T[]) => TemplateResult[]) {
    if (items.length === 0) return nothing;
    const shown = items.slice(0, SEARCH_LIMIT);
    return html`
      <h3>${name}</h3>
      <div class="list plain" role="list" aria-label=${name}>${rows(shown)}</div>
      ${items.length > SEARCH_LIMIT ? html`<p class="muted">More than ${SEARCH_LIMIT} ${name.toLowerCase()} match; type more to narrow the search.</p>` : nothing}
    `;
  }

  private renderEmpty() {
    return html`<p class="empty muted">${this.loading ? LOADING : EMPTY_LIBRARY}</p>`;
  }

  private missing(message: string, back: Route, label: string) {
    return html`<p class="empty muted">${message} <a href=${formatRoute(back)}>${label}</a></p>`;
  }

  private fire(intent: PlayerIntent): void {
    this.dispatchEvent(new IntentEvent(intent));
  }

  private fireAll(intents: readonly PlayerIntent[]): void {
    for (const intent of intents) this.fire(intent);
  }
}

function cover(album: { readonly artwork?: string | undefined }, large = false) {
  return album.artwork
    ? html`<img class="cover ${large ? 'large' : ''}" src=${album.artwork} alt="" loading="lazy" decoding="async" />`
    : html`<div class="cover ${large ? 'large' : ''}" aria-hidden="true">${icons.music}</div>`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** A track's number on its album (its tag, else its place), as `2-03` on an album of several discs. */
function trackNumber(track: BrowseTrack, withDisc: boolean, index: number): string {
  const number = String(track.trackNumber ?? index + 1);
  return withDisc ? `${track.discNumber ?? 1}-${number.padStart(2, '0')}` : number;
}

declare global {
  interface HTMLElementTagNameMap {
    'ms-browse-view': MsBrowseView;
  }
}
