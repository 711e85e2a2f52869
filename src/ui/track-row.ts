/**
 * A track as a row of a list, with Play, Play next, Add to queue and Add to playlist: the album page's and
 * the search results' rows. (ms-library draws its own rows, with offline controls; it could adopt this one.)
 */

import { css, html, nothing } from 'lit';
import type { PlayerIntent } from '../app/intents';
import type { BrowseTrack } from '../browse/browse-track';
import { AddToPlaylistEvent } from './events';
import { formatDuration } from './format-duration';
import { icons } from './icons';
import { trackIcons } from './track-icons';

export interface TrackRowOptions {
  /** The track playing now (or paused on). */
  readonly current: boolean;
  /** Shown before the title: the track's number on its album. */
  readonly number?: string;
  /** Shown under the title: by default the artist and album. */
  readonly meta?: string;
  readonly fire: (intent: PlayerIntent) => void;
}

export function trackRow(track: BrowseTrack, options: TrackRowOptions) {
  const meta = options.meta ?? (track.album ? `${track.artist} · ${track.album}` : track.artist);
  return html`
    <div class="track-row" role="listitem" aria-current=${options.current ? 'true' : nothing}>
      ${options.number === undefined ? nothing : html`<span class="number muted">${options.number}</span>`}
      <div class="text">
        <p class="title">${track.title}</p>
        <p class="meta muted">${meta}</p>
      </div>
      <span class="duration muted">${track.duration ? formatDuration(track.duration) : ''}</span>
      <div class="actions">
        <button aria-label="Play ${track.title}" title="Play" @click=${() => options.fire({ type: 'playTrack', trackId: track.id })}>${icons.play}</button>
        <button aria-label="Play ${track.title} next" title="Play next" @click=${() => options.fire({ type: 'playNext', trackIds: [track.id] })}>
          ${trackIcons.queueNext}
        </button>
        <button aria-label="Add ${track.title} to queue" title="Add to queue" @click=${() => options.fire({ type: 'enqueue', trackIds: [track.id] })}>
          ${trackIcons.queueAdd}
        </button>
        ${
          // The same button as add-to-playlist-button.ts's, drawn here: importing that module from both the
          // first paint's ms-library and this lazy chunk made Rolldown split lit into chunks of its own (+1 KB).
          html`<button
            aria-label="Add ${track.title} to playlist"
            aria-haspopup="dialog"
            title="Add to playlist"
            @click=${(event: Event) => event.currentTarget?.dispatchEvent(new AddToPlaylistEvent(track.id, track.title))}
          >
            ${trackIcons.playlistAdd}
          </button>`
        }
      </div>
    </div>
  `;
}

export const trackRowStyles = css`
  .track-row {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) auto auto;
    gap: 0.75rem;
    align-items: center;
    padding: 0.3rem 0.5rem;
    border-radius: 0.6rem;
  }
  .track-row:not(:has(.number)) {
    grid-template-columns: minmax(0, 1fr) auto auto;
  }
  .track-row:hover {
    background: var(--ms-hover);
  }
  .track-row[aria-current='true'] .title {
    color: var(--ms-accent);
  }
  .number {
    min-width: 2.2rem;
    text-align: right;
    font-variant-numeric: tabular-nums;
    font-size: 0.85rem;
  }
  .track-row .title {
    font-weight: 600;
  }
  .track-row .meta,
  .duration {
    font-size: 0.85rem;
  }
  .duration {
    font-variant-numeric: tabular-nums;
  }
  .actions {
    display: flex;
  }
  @media (max-width: 540px) {
    .duration {
      display: none;
    }
    .track-row,
    .track-row:not(:has(.number)) {
      grid-template-columns: auto minmax(0, 1fr) auto;
      gap: 0.4rem;
    }
    .track-row:not(:has(.number)) {
      grid-template-columns: minmax(0, 1fr) auto;
    }
    .actions button {
      min-width: 2.25rem;
      padding: 0.3rem;
    }
  }
`;
