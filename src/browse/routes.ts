/**
 * Which view a tab shows, as a hash route (`#/albums/<id>`), so it works from any sub-path of any host,
 * and reload, Back, Forward and bookmarks land on the same view. Nothing here is synced between tabs.
 * No route, or one this version does not know, is the song list.
 */

export type Route =
  | { readonly view: 'songs' }
  | { readonly view: 'albums' }
  | { readonly view: 'album'; readonly id: string }
  | { readonly view: 'artists' }
  | { readonly view: 'artist'; readonly id: string }
  | { readonly view: 'playlists' }
  | { readonly view: 'playlist'; readonly id: string }
  | { readonly view: 'search'; readonly query: string };

export const SONGS: Route = { view: 'songs' };

export function parseRoute(hash: string): Route {
  const [path = '', queryString = ''] = hash.replace(/^#/, '').split('?', 2);
  const [section, id, ...extra] = path.split('/').filter(Boolean);
  const decoded = id === undefined ? undefined : safeDecode(id);
  if (extra.length > 0 || decoded === null) return SONGS;
  switch (section) {
    case 'albums':
      return decoded === undefined ? { view: 'albums' } : { view: 'album', id: decoded };
    case 'artists':
      return decoded === undefined ? { view: 'artists' } : { view: 'artist', id: decoded };
    case 'playlists':
      return decoded === undefined ? { view: 'playlists' } : { view: 'playlist', id: decoded };
    case 'search':
      return decoded === undefined ? { view: 'search', query: new URLSearchParams(queryString).get('q') ?? '' } : SONGS;
    default:
      return SONGS;
  }
}

export function formatRoute(route: Route): string {
  switch (route.view) {
    case 'songs':
      return '#/songs';
    case 'albums':
    case 'artists':
    case 'playlists':
      return `#/${route.view}`;
    case 'album':
      return `#/albums/${encodeURIComponent(route.id)}`;
    case 'artist':
      return `#/artists/${encodeURIComponent(route.id)}`;
    case 'playlist':
      return `#/playlists/${encodeURIComponent(route.id)}`;
    case 'search':
      return `#/search?${new URLSearchParams({ q: route.query })}`;
  }
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
