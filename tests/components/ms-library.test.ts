import { describe, expect, test, vi } from 'vitest';
import { IntentEvent } from '../../src/ui/events';
import '../../src/ui/ms-library';
import { OfflineEvent } from '../../src/ui/events';
import { TRACKS, track } from './support/data';
import { mount } from './support/fixture';

/** Offline music as ms-library reads it: which URLs are kept, and which are downloading (0..1). */
function offlineWith(cached: readonly string[], downloading: Record<string, number> = {}) {
  return {
    isCached: (url: string) => cached.includes(url),
    progressOf: (url: string) => downloading[url],
    on: () => () => {},
  };
}

function rows(screen: Awaited<ReturnType<typeof mount<'ms-library'>>>['screen']) {
  return screen.getByRole('list', { name: 'Library' }).getByRole('listitem');
}

describe('ms-library: what it shows', () => {
  test('should list every track with its title, artist and album', async () => {
    const { screen } = await mount('ms-library', { tracks: TRACKS });

    expect(rows(screen).elements()).toHaveLength(3);
    await expect.element(rows(screen).nth(0)).toHaveTextContent('Morning Drift');
    await expect.element(rows(screen).nth(0)).toHaveTextContent('Aurora Lane · First Light');
    await expect.element(rows(screen).nth(0)).toHaveTextContent('3:20');
    await expect.element(rows(screen).nth(1)).toHaveTextContent('The Night Shift');
    await expect.element(screen.getByRole('searchbox', { name: 'Filter library' })).toHaveAttribute('placeholder', 'Filter 3 tracks');
  });

  test('should hold a filter typed while the person’s own music opens until all of it is in', async () => {
    const { screen, set } = await mount('ms-library', { tracks: TRACKS.slice(0, 1), loading: true });
    const filter = screen.getByRole('searchbox', { name: 'Filter library' });
    await expect.element(filter).toHaveAttribute('placeholder', 'Filter tracks');
    await filter.fill('neon');
    await expect.element(screen.getByText('Opening your music…')).toBeVisible();
    expect(rows(screen).elements()).toHaveLength(0);

    await set({ loading: false, tracks: TRACKS });
    await expect.element(rows(screen).nth(0)).toHaveTextContent('Neon Avenue');
    expect(rows(screen).elements()).toHaveLength(1);
  });

  test('should say so when the library is empty', async () => {
    const { screen } = await mount('ms-library', { tracks: [] });

    await expect.element(screen.getByText('The library is empty.')).toBeVisible();
    expect(rows(screen).elements()).toHaveLength(0);
  });

  test('should mark the current track', async () => {
    const { screen } = await mount('ms-library', { tracks: TRACKS, currentTrackId: 't2' });

    await expect.element(rows(screen).nth(1)).toHaveAttribute('aria-current', 'true');
    await expect.element(rows(screen).nth(0)).not.toHaveAttribute('aria-current');
  });

  test('should move the current mark when another track becomes current', async () => {
    const { screen, set } = await mount('ms-library', { tracks: TRACKS, currentTrackId: 't2' });

    await set({ currentTrackId: 't1' });

    await expect.element(rows(screen).nth(0)).toHaveAttribute('aria-current', 'true');
    await expect.element(rows(screen).nth(1)).not.toHaveAttribute('aria-current');
  });

  test('should move the current mark in a long list without rendering its rows again, and keep it through later renders', async () => {
    const many = Array.from({ length: 200 }, (_, i) => ({
      id: `m${i}`,
      title: `Song ${i}`,
      artist: 'Many',
      url: `https://music.test/m${i}.mp3`,
    }));
    const { element, screen, set } = await mount('ms-library', { tracks: many, currentTrackId: 'm2' });
    element.style.cssText = 'display: flex; flex-direction: column; height: 600px';
    const row = (title: string) => screen.getByRole('listitem').filter({ hasText: new RegExp(`^\\s*${title}\\b`) });
    await expect.element(row('Song 2')).toHaveAttribute('aria-current', 'true');
    const markedRows = () =>
      screen
        .getByRole('listitem')
        .elements()
        .filter((item) => item.hasAttribute('aria-current'));
    const render = vi.spyOn(element, 'render');

    await set({ currentTrackId: 'm5' });

    await expect.element(row('Song 5')).toHaveAttribute('aria-current', 'true');
    await expect.element(row('Song 2')).not.toHaveAttribute('aria-current');
    expect(render).not.toHaveBeenCalled();

    // Back to the first track, then a render of every row (a new tracks array, as an import's batch makes).
    await set({ currentTrackId: 'm2' });
    await set({ currentTrackId: 'm5' });
    await set({ tracks: [...many] });
    expect(render).toHaveBeenCalledTimes(1);
    await expect.element(row('Song 5')).toHaveAttribute('aria-current', 'true');
    await expect.element(row('Song 2')).not.toHaveAttribute('aria-current');
    expect(markedRows()).toHaveLength(1);

    // The current track and the rows change in one render, after a move Lit did not see.
    await set({ currentTrackId: 'm2' });
    await set({ tracks: [...many], currentTrackId: 'm5' });
    await expect.element(row('Song 5')).toHaveAttribute('aria-current', 'true');
    await expect.element(row('Song 2')).not.toHaveAttribute('aria-current');
    expect(markedRows()).toHaveLength(1);

    // A track out of view: no row shows it, and no row is marked.
    await set({ currentTrackId: 'm150' });
    expect(markedRows()).toHaveLength(0);
  });

  test('should show only the tracks whose title, artist or album has every word typed in the filter', async () => {
    const { screen, events } = await mount('ms-library', { tracks: TRACKS });
    const filter = screen.getByRole('searchbox', { name: 'Filter library' });

    await filter.fill('aurora lanterns');
    await expect.poll(() => rows(screen).elements().length).toBe(1);
    await expect.element(rows(screen).nth(0)).toHaveTextContent('Paper Lanterns');

    await filter.fill('first light');
    await expect.poll(() => rows(screen).elements().length).toBe(2);

    await filter.fill('no such song');
    await expect.element(screen.getByText('No track matches the filter.')).toBeVisible();
    // Filtering is the element's own business: the app hears nothing of it.
    expect(events).toHaveLength(0);
  });

  test('should offer each track for offline, or its removal once kept, with progress while it downloads', async () => {
    const { screen } = await mount('ms-library', {
      tracks: TRACKS,
      offlineAudio: offlineWith([track('t1').url], { [track('t2').url]: 0.25 }),
    });

    await expect.element(screen.getByRole('button', { name: 'Remove Morning Drift from offline storage' })).toBeVisible();
    await expect.element(screen.getByRole('progressbar', { name: 'Downloading Neon Avenue' })).toBeVisible();
    await expect.element(screen.getByRole('button', { name: 'Make Paper Lanterns available offline' })).toBeEnabled();
  });

  test('should mark the tracks that cannot play while offline, and not offer to download them', async () => {
    const { screen } = await mount('ms-library', { tracks: TRACKS, offlineAudio: offlineWith([track('t1').url]), online: false });

    await expect.element(rows(screen).nth(1)).toHaveTextContent('Not available offline');
    await expect.element(rows(screen).nth(0)).not.toHaveTextContent('Not available offline');
    await expect.element(screen.getByRole('button', { name: 'Make Neon Avenue available offline' })).toBeDisabled();
  });

  test('should show no offline controls where the browser cannot keep music', async () => {
    const { screen } = await mount('ms-library', { tracks: TRACKS, offlineAudio: null, online: false });

    expect(screen.getByRole('button', { name: /offline/ }).query()).toBeNull();
    await expect.element(rows(screen).nth(1)).not.toHaveTextContent('Not available offline');
  });
});

describe('ms-library: what it asks for', () => {
  const clicks = [
    { button: 'Play Neon Avenue', expected: { type: 'playTrack', trackId: 't2' } },
    { button: 'Play Neon Avenue next', expected: { type: 'playNext', trackIds: ['t2'] } },
    { button: 'Add Neon Avenue to queue', expected: { type: 'enqueue', trackIds: ['t2'] } },
  ] as const;

  for (const { button, expected } of clicks) {
    test(`should emit one ${expected.type} intent when ${button} is clicked`, async () => {
      const { screen, events } = await mount('ms-library', { tracks: TRACKS });

      await screen.getByRole('button', { name: button, exact: true }).click();

      expect(events).toHaveLength(1);
      expect(events[0]).toBeInstanceOf(IntentEvent);
      expect((events[0] as IntentEvent).intent).toEqual(expected);
    });
  }

  test('should emit one offline save request when Make … available offline is clicked', async () => {
    const { screen, events } = await mount('ms-library', { tracks: TRACKS, offlineAudio: offlineWith([]) });

    await screen.getByRole('button', { name: 'Make Paper Lanterns available offline' }).click();

    expect(events).toHaveLength(1);
    expect(events[0]).toBeInstanceOf(OfflineEvent);
    expect((events[0] as OfflineEvent).request).toEqual({ type: 'save', trackIds: ['t3'] });
  });

  test('should emit one offline remove request when Remove … from offline storage is clicked', async () => {
    const { screen, events } = await mount('ms-library', { tracks: TRACKS, offlineAudio: offlineWith([track('t1').url]) });

    await screen.getByRole('button', { name: 'Remove Morning Drift from offline storage' }).click();

    expect(events).toHaveLength(1);
    expect((events[0] as OfflineEvent).request).toEqual({ type: 'remove', trackIds: ['t1'] });
  });

  test('should show a track as kept for offline as soon as the offline music says it changed', async () => {
    const cached: string[] = [];
    const listeners = new Set<() => void>();
    const offlineAudio = {
      isCached: (url: string) => cached.includes(url),
      progressOf: () => undefined,
      on: (listener: () => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    const { screen } = await mount('ms-library', { tracks: TRACKS, offlineAudio });
    await expect.element(screen.getByRole('button', { name: 'Make Morning Drift available offline' })).toBeVisible();

    cached.push(track('t1').url);
    for (const listener of listeners) listener();

    await expect.element(screen.getByRole('button', { name: 'Remove Morning Drift from offline storage' })).toBeVisible();
  });

  test('should fire nothing when its properties are set', async () => {
    const { events, set } = await mount('ms-library', { tracks: [] });

    await set({ tracks: TRACKS, currentTrackId: 't1' });
    await set({ offlineAudio: offlineWith([track('t2').url]), online: false });
    await set({ tracks: TRACKS.slice(1), currentTrackId: null, offlineAudio: null, online: true });

    expect(events).toHaveLength(0);
  });
});
