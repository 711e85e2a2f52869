import { afterEach, describe, expect, test, vi } from 'vitest';
import { IntentEvent } from '../../src/ui/events';
import '../../src/ui/ms-now-playing';
import { playbackState, THIS_TAB, track } from './support/data';
import { mount } from './support/fixture';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

afterEach(() => {
  vi.useRealTimers();
});

describe('ms-now-playing: what it shows', () => {
  test('should say nothing is playing, and disable Seek, when there is no track', async () => {
    const { screen } = await mount('ms-now-playing', { playback: playbackState() });

    const region = screen.getByRole('region', { name: 'Now playing' });
    await expect.element(region).toHaveTextContent('Nothing playing');
    await expect.element(region).toHaveTextContent('Pick a track from the library');
    await expect.element(screen.getByRole('slider', { name: 'Seek' })).toBeDisabled();
  });

  test('should show the track, its artist and album, and where it is paused', async () => {
    const { screen } = await mount('ms-now-playing', {
      playback: playbackState({ currentTrackId: 't1', positionSeconds: 83 }),
      track: track('t1'),
    });

    const region = screen.getByRole('region', { name: 'Now playing' });
    await expect.element(region).toHaveTextContent('Morning Drift');
    await expect.element(region).toHaveTextContent('Aurora Lane · First Light');
    await expect.element(screen.getByLabelText('Elapsed')).toHaveTextContent('1:23');
    await expect.element(screen.getByLabelText('Duration')).toHaveTextContent('3:20');
    const seek = screen.getByRole('slider', { name: 'Seek' });
    await expect.element(seek).toBeEnabled();
    await expect.element(seek).toHaveValue('83');
    await expect.element(seek).toHaveAttribute('max', '200');
    await expect.element(seek).toHaveAttribute('aria-valuetext', '1:23 of 3:20');
  });

  test('should show the artwork when the track has some', async () => {
    const { element } = await mount('ms-now-playing', { playback: playbackState({ currentTrackId: 't3' }), track: track('t3') });

    const image = element.shadowRoot?.querySelector('img');
    expect(image?.getAttribute('src')).toBe(track('t3').artwork);
    // Decorative: the title next to it says what it is.
    expect(image?.getAttribute('alt')).toBe('');
  });

  test("should show a new track's title at once and its cover after that frame, the last of a quick run of changes", async () => {
    const otherCover = { ...track('t1'), artwork: 'data:image/gif;base64,R0lGODlhAgACAAAAACw=' };
    const { element, screen, set } = await mount('ms-now-playing', {
      playback: playbackState({ currentTrackId: 't3' }),
      track: track('t3'),
    });
    const cover = () => element.shadowRoot?.querySelector('img')?.getAttribute('src') ?? null;

    await set({ playback: playbackState({ currentTrackId: 't2' }), track: track('t2') });
    await set({ playback: playbackState({ currentTrackId: 't1' }), track: otherCover });

    // In the same update as the title, the old cover still shows: its `src` is not set in that update.
    await expect.element(screen.getByRole('region', { name: 'Now playing' })).toHaveTextContent('Morning Drift');
    expect(cover()).toBe(track('t3').artwork);
    await expect.poll(cover).toBe(otherCover.artwork);

    // A track without a cover goes back to the icon, after its frame too.
    await set({ playback: playbackState({ currentTrackId: 't2' }), track: track('t2') });
    expect(cover()).toBe(otherCover.artwork);
    await expect.poll(cover).toBe(null);
  });

  test('should take the length from the audio when the catalog gives none', async () => {
    const { screen } = await mount('ms-now-playing', {
      playback: playbackState({ currentTrackId: 't3' }),
      track: track('t3'),
      mediaDuration: 95,
    });

    await expect.element(screen.getByLabelText('Duration')).toHaveTextContent('1:35');
    await expect.element(screen.getByRole('slider', { name: 'Seek' })).toHaveAttribute('max', '95');
  });

  test('should move the elapsed time on while playing', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const { screen } = await mount('ms-now-playing', {
      playback: playbackState({ currentTrackId: 't1', playing: true, ownerTabId: THIS_TAB, positionSeconds: 10, positionAt: NOW - 5000 }),
      track: track('t1'),
    });
    await expect.element(screen.getByLabelText('Elapsed')).toHaveTextContent('0:15');

    vi.setSystemTime(NOW + 2000);

    // Its own clock re-renders it a few times a second while playing.
    await expect.element(screen.getByLabelText('Elapsed')).toHaveTextContent('0:17');
  });

  test('should never show a position past the end of the track', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const { screen } = await mount('ms-now-playing', {
      playback: playbackState({
        currentTrackId: 't2',
        playing: true,
        ownerTabId: THIS_TAB,
        positionSeconds: 180,
        positionAt: NOW - 60_000,
      }),
      track: track('t2'),
    });

    await expect.element(screen.getByLabelText('Elapsed')).toHaveTextContent('3:05');
  });
});

describe('ms-now-playing: what it asks for', () => {
  test('should emit one seek intent when the Seek slider is moved', async () => {
    const { screen, events } = await mount('ms-now-playing', {
      playback: playbackState({ currentTrackId: 't1', positionSeconds: 10 }),
      track: track('t1'),
    });

    await screen.getByRole('slider', { name: 'Seek' }).fill('42');

    expect(events).toHaveLength(1);
    expect(events[0]).toBeInstanceOf(IntentEvent);
    expect((events[0] as IntentEvent).intent).toEqual({ type: 'seek', positionSeconds: 42 });
  });

  test('should fire nothing when its properties are set', async () => {
    const { events, set } = await mount('ms-now-playing', { playback: playbackState() });

    await set({ playback: playbackState({ currentTrackId: 't1', positionSeconds: 12 }), track: track('t1') });
    await set({ playback: playbackState({ currentTrackId: 't3', positionSeconds: 0 }), track: track('t3'), mediaDuration: 95 });
    await set({ playback: null, track: undefined });

    expect(events).toHaveLength(0);
  });
});
