import { afterEach, describe, expect, test, vi } from 'vitest';
import { ARTWORK_DELAY_MS, MediaSessionBridge } from '../../src/audio/media-session';
import type { Track } from '../../src/catalog/catalog';
import { playbackState } from './support/data';

const withArt = (id: string): Track => ({
  id,
  title: `Title ${id}`,
  artist: 'Aurora Lane',
  album: 'First Light',
  url: `/audio/${id}.mp3`,
  artwork: `/art/${id}.png`,
});

/** What the lock screen (Media Session) shows, in plain values. */
function shown() {
  const { metadata, playbackState: state } = navigator.mediaSession;
  return (
    metadata && { title: metadata.title, album: metadata.album, artwork: metadata.artwork.map(({ src, type }) => ({ src, type })), state }
  );
}

afterEach(() => {
  vi.useRealTimers();
  navigator.mediaSession.metadata = null;
});

describe('the Media Session bridge', () => {
  test('shows a new track’s title at once, and its artwork once the track has stayed current for a moment', () => {
    vi.useFakeTimers();
    const bridge = new MediaSessionBridge(() => {}, document.createElement('audio'));
    bridge.own(withArt('t1'), playbackState({ playing: true }));
    expect(shown()).toEqual({ title: 'Title t1', album: 'First Light', artwork: [], state: 'playing' });
    vi.advanceTimersByTime(ARTWORK_DELAY_MS);
    expect(shown()).toEqual({
      title: 'Title t1',
      album: 'First Light',
      artwork: [{ src: new URL('/art/t1.png', document.baseURI).href, type: 'image/png' }],
      state: 'playing',
    });
  });

  test('tracks skipped through faster than that never hand their artwork over; the one that stays does', () => {
    vi.useFakeTimers();
    const bridge = new MediaSessionBridge(() => {}, document.createElement('audio'));
    const artworkSeen: string[] = [];
    for (const id of ['t1', 't2', 't3']) {
      bridge.own(withArt(id), playbackState({ playing: true }));
      vi.advanceTimersByTime(ARTWORK_DELAY_MS / 3);
      artworkSeen.push(...(navigator.mediaSession.metadata?.artwork.map(({ src }) => src) ?? []));
    }
    expect(artworkSeen).toEqual([]);
    vi.advanceTimersByTime(ARTWORK_DELAY_MS);
    expect(shown()?.title).toBe('Title t3');
    expect(shown()?.artwork.map(({ src }) => src)).toEqual([new URL('/art/t3.png', document.baseURI).href]);
  });

  test('a release before the artwork is due leaves the lock screen empty: the artwork does not come back', () => {
    vi.useFakeTimers();
    const bridge = new MediaSessionBridge(() => {}, document.createElement('audio'));
    bridge.own(withArt('t1'), playbackState({ playing: false }));
    expect(shown()?.state).toBe('paused');
    bridge.release();
    vi.advanceTimersByTime(ARTWORK_DELAY_MS * 2);
    expect(navigator.mediaSession.metadata).toBeNull();
    expect(navigator.mediaSession.playbackState).toBe('none');
  });
});
