import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, type Route } from '../../src/browse/routes';

describe('routes', () => {
  it('opens on the song list with no route, or one it does not know', () => {
    for (const hash of ['', '#', '#/', '#/nowhere', '#/albums/a/b', '#/albums/%E0%A4%A'])
      expect(parseRoute(hash)).toEqual({ view: 'songs' });
  });

  it('reads back every route it writes, ids with any characters included', () => {
    const routes: Route[] = [
      { view: 'songs' },
      { view: 'albums' },
      { view: 'album', id: 'various%20artists~hits / 2026?' },
      { view: 'artists' },
      { view: 'artist', id: 'sigur rós' },
      { view: 'playlists' },
      { view: 'playlist', id: 'pl_1#x' },
      { view: 'search', query: 'mi korasón & co' },
    ];
    for (const route of routes) expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  it('writes the URLs a person can bookmark', () => {
    expect(formatRoute({ view: 'albums' })).toBe('#/albums');
    expect(formatRoute({ view: 'playlist', id: 'abc' })).toBe('#/playlists/abc');
  });
});
