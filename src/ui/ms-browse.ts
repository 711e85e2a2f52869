import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { BrowseTrack } from '../browse/browse-track';
import type { MatchableTrack } from '../browse/m3u-match';
import { formatRoute, type Route } from '../browse/routes';
import { isSongOrder, type SongOrder, sortSongs } from '../browse/song-order';
import type { Track } from '../catalog/catalog';
import type { PlaybackState } from '../engine/model/state';
import { AddToPlaylistEvent } from './events';
import type { MsAddToPlaylist } from './ms-add-to-playlist';
import './ms-add-to-playlist';
import { LOADING } from './ms-browse-view';
import './ms-continue-listening';
import './ms-playlist';
import './ms-playlists';
import type { MsLibrary } from './ms-library';
import { RouteController } from './route-controller';
import { controlStyles, selectStyles, textFieldStyles } from './shared-styles';
import { shownChanged } from './shown-fields';

const ORDERS: readonly [SongOrder | 'library', string][] = [
  ['library', 'Library order'],
  ['title', 'Title'],
  ['artist', 'Artist'],
  ['album', 'Album'],
  ['dateAdded', 'Date added'],
  ['duration', 'Duration'],
];

/** The views a person moves between. */
const VIEWS: readonly { readonly name: string; readonly route: Route; readonly views: readonly Route['view'][] }[] = [
  { name: 'Songs', route: { view: 'songs' }, views: ['songs'] },
  { name: 'Albums', route: { view: 'albums' }, views: ['albums', 'album'] },
  { name: 'Artists', route: { view: 'artists' }, views: ['artists', 'artist'] },
  { name: 'Playlists', route: { view: 'playlists' }, views: ['playlists', 'playlist'] },
];

/**
 * Browsing the library: the views Songs, Albums, Artists and Playlists (each its own hash route, so Back, Forward,
 * reload and bookmarks land on it), one `Search library` box, and the song list's order. The song list
 * itself is the `<ms-library>` the app puts inside this element (shown by its slot on Songs): it is on
 * screen at first paint, before this element's code has loaded.
 */
@customElement('ms-browse')
export class MsBrowse extends LitElement {
  static override styles = [
    controlStyles,
    textFieldStyles,
    selectStyles,
    css`
      :host {
        display: grid;
        grid-template-rows: auto minmax(0, 1fr);
        min-height: 0;
        gap: 0.6rem;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem;
      }
      nav {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
        min-width: 0;
      }
      nav a {
        color: var(--ms-text);
        text-decoration: none;
        font-weight: 600;
        border-radius: 999px;
        padding: 0.35rem 0.85rem;
        border: 1px solid var(--ms-border);
      }
      nav a:hover {
        background: var(--ms-hover);
      }
      nav a[aria-current='page'] {
        background: var(--ms-accent);
        border-color: var(--ms-accent);
        color: var(--ms-on-accent);
      }
      a:focus-visible {
        outline: 2px solid var(--ms-accent);
        outline-offset: 2px;
      }
      input[type='search'] {
        min-width: 10rem;
      }
      .view {
        flex: 1;
        min-height: 0;
        display: flex;
        flex-direction: column;
      }
      .sort {
        display: flex;
        justify-content: flex-end;
        align-items: center;
        gap: 0.4rem;
        font-size: 0.9rem;
        padding-bottom: 0.4rem;
      }
      .hint {
        margin: 0 0 0.5rem;
      }
      ::slotted(*) {
        flex: 1;
        min-height: 0;
      }
    `,
  ];

  @property({ attribute: false }) tracks: readonly BrowseTrack[] = [];
  /** The same tracks by id, where the app has them (the catalog's): not made again here at every import batch. */
  @property({ attribute: false }) byId: ReadonlyMap<string, Track> | null = null;
  /** The shared state: the current track, the playlists, the long tracks left part-way. */
  @property({ attribute: false }) playback: PlaybackState | null = null;
  /** The person's own music is still opening: no tracks yet does not mean an empty library. */
  @property({ type: Boolean }) loading = false;

  @state() private order: SongOrder | 'library' = 'library';
  private readonly routes = new RouteController(this);
  @query('ms-add-to-playlist') private playlistPicker!: MsAddToPlaylist;

  constructor() {
    super();
    // From the song list (this element's child) and from the rows of every view inside it.
    this.addEventListener(AddToPlaylistEvent.type, (event) => {
      event.stopPropagation();
      void this.playlistPicker.show(event.trackId, event.title);
    });
  }
  private sorted: { tracks: readonly BrowseTrack[]; order: SongOrder; result: readonly BrowseTrack[] } | null = null;
  private indexed: { tracks: readonly BrowseTrack[]; byId: ReadonlyMap<string, MatchableTrack & Track> } | null = null;

  /** Tracks by id, for playlists and Continue listening: made once per tracks array. */
  private get tracksById(): ReadonlyMap<string, MatchableTrack & Track> {
    if (this.byId) return this.byId as ReadonlyMap<string, MatchableTrack & Track>;
    if (this.indexed?.tracks !== this.tracks) {
      this.indexed = { tracks: this.tracks, byId: new Map(this.tracks.map((track) => [track.id, track as MatchableTrack & Track])) };
    }
    return this.indexed.byId;
  }

  /** What its views show of the state (a checkpoint or a queue edit changes none of it). */
  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    return shownChanged(changed, this.playback, (p) => [p.currentTrackId, p.playlists, p.playlistEntries, p.resumePoints]);
  }

  /**
   * The song list is the app's `<ms-library>` inside this element: the app hands it every track, in library
   * order, and this element puts them in the chosen order after each update (before the list renders).
   */
  protected override updated(): void {
    const library = this.querySelector('ms-library');
    if (library) library.tracks = this.songs(this.tracks) as MsLibrary['tracks'];
  }

  /** The tracks in the chosen order: the same array while neither changes. */
  private songs(tracks: readonly BrowseTrack[]): readonly BrowseTrack[] {
    const order = this.order;
    if (order === 'library') return tracks;
    // While the library opens its tracks are the start of the shelf: sorted otherwise, they would be the wrong first screen.
    if (this.loading) return [];
    if (this.sorted?.tracks !== tracks || this.sorted.order !== order) this.sorted = { tracks, order, result: sortSongs(tracks, order) };
    return this.sorted.result;
  }

  override render() {
    const route = this.routes.route;
    return html`
      <div class="bar">
        <nav aria-label="Browse">
          ${VIEWS.map(
            (view) =>
              html`<a href=${formatRoute(view.route)} aria-current=${view.views.includes(route.view) ? 'page' : nothing}>${view.name}</a>`,
          )}
        </nav>
        <input
          type="search"
          aria-label="Search library"
          placeholder="Search songs, albums, artists, genres"
          .value=${route.view === 'search' ? route.query : ''}
          @input=${this.handleSearch}
        />
      </div>
      <div class="view">${this.renderView(route)}</div>
      <ms-add-to-playlist .playback=${this.playback}></ms-add-to-playlist>
    `;
  }

  private renderView(route: Route) {
    switch (route.view) {
      case 'songs':
        return this.renderSongs();
      case 'playlists':
        return html`<ms-playlists .playback=${this.playback} .tracks=${this.tracks}></ms-playlists>`;
      case 'playlist':
        return html`<ms-playlist
          .playback=${this.playback}
          .playlistId=${route.id}
          .tracksById=${this.tracksById}
          ?loading=${this.loading}
        ></ms-playlist>`;
      default:
        return html`<ms-browse-view
          .route=${route}
          .tracks=${this.tracks}
          .currentTrackId=${this.playback?.currentTrackId ?? null}
          ?loading=${this.loading}
        ></ms-browse-view>`;
    }
  }

  private renderSongs() {
    return html`
      ${
        this.tracks.length === 0 || (this.loading && this.order !== 'library')
          ? html`<p class="hint muted">${this.loading ? LOADING : 'Your library is empty. Use Add music to bring in your own files.'}</p>`
          : nothing
      }
      <ms-continue-listening .playback=${this.playback} .tracksById=${this.tracksById}></ms-continue-listening>
      <label class="sort">
        Sort by
        <select @change=${this.handleOrder}>
          ${ORDERS.map(([value, label]) => html`<option value=${value} ?selected=${value === this.order}>${label}</option>`)}
        </select>
      </label>
      <slot></slot>
    `;
  }

  private handleSearch(event: Event): void {
    const query = (event.target as HTMLInputElement).value;
    const route: Route = { view: 'search', query };
    // One history entry for a search, however many keystrokes it takes.
    if (this.routes.route.view === 'search') this.routes.replace(route);
    else this.routes.go(route);
  }

  private handleOrder(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.order = isSongOrder(value) ? value : 'library';
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ms-browse': MsBrowse;
  }
}
