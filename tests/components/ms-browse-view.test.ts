import { describe, expect, test } from 'vitest';
import '../../src/ui/ms-browse-view';
import { TRACKS } from './support/data';
import { mount } from './support/fixture';

describe('ms-browse-view: while the person’s own music opens', () => {
  test('should say it is opening, not that the library is empty, then say what to do once it is known to be empty', async () => {
    const { screen, set } = await mount('ms-browse-view', { route: { view: 'albums' }, tracks: [], loading: true });

    await expect.element(screen.getByText('Opening your music…')).toBeVisible();
    expect(screen.getByText(/Your library is empty/).elements()).toHaveLength(0);

    await set({ loading: false });
    await expect.element(screen.getByText(/^Your library is empty\. Use Add music/)).toBeVisible();
  });

  test('should show the first albums it has, uncounted, and keep artists and search waiting for the rest', async () => {
    const { screen, set } = await mount('ms-browse-view', { route: { view: 'albums' }, tracks: TRACKS.slice(0, 1), loading: true });

    await expect.element(screen.getByRole('link', { name: 'First Light' })).toBeVisible();
    await expect.element(screen.getByRole('heading', { name: 'Albums', exact: true })).toBeVisible();

    await set({ route: { view: 'artists' } });
    await expect.element(screen.getByText('Opening your music…')).toBeVisible();
    expect(screen.getByRole('link', { name: 'Aurora Lane' }).elements()).toHaveLength(0);

    await set({ route: { view: 'search', query: 'neon' } });
    await expect.element(screen.getByText('Opening your music…')).toBeVisible();
    // The whole library is in: the search typed meanwhile is answered.
    await set({ loading: false, tracks: TRACKS });
    await expect.element(screen.getByRole('list', { name: 'Songs' })).toHaveTextContent('Neon Avenue');

    await set({ route: { view: 'albums' } });
    await expect.element(screen.getByRole('heading', { name: 'Albums (2)' })).toBeVisible();
  });

  test('should not call a bookmarked album missing before the tracks have come', async () => {
    const { screen, set } = await mount('ms-browse-view', { route: { view: 'album', id: 'no-such-album' }, tracks: [], loading: true });

    await expect.element(screen.getByText('Opening your music…')).toBeVisible();
    await set({ loading: false, tracks: TRACKS });
    await expect.element(screen.getByText('This album is not in your library.')).toBeVisible();
  });
});
