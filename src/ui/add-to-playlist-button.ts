/** The Songs list's `Add <title> to playlist` button (track-row.ts draws the same for album pages and search). */

import { html } from 'lit';
import { AddToPlaylistEvent } from './events';
import { trackIcons } from './track-icons';

/** `Add <title> to playlist`: asks the page that knows the playlists to let the person choose one. */
export function addToPlaylistButton(track: { readonly id: string; readonly title: string }) {
  return html`<button
    aria-label="Add ${track.title} to playlist"
    aria-haspopup="dialog"
    title="Add to playlist"
    @click=${(event: Event) => event.currentTarget?.dispatchEvent(new AddToPlaylistEvent(track.id, track.title))}
  >
    ${trackIcons.playlistAdd}
  </button>`;
}
