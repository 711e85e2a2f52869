import { describe, expect, test } from 'vitest';
import { IntentEvent } from '../../src/ui/events';
import '../../src/ui/ms-transport';
import { OTHER_TAB, playbackState, THIS_TAB } from './support/data';
import { mount } from './support/fixture';

const paused = playbackState({ currentTrackId: 't1', positionSeconds: 30 });
const playingHere = playbackState({ currentTrackId: 't1', playing: true, ownerTabId: THIS_TAB, positionAt: Date.now() });
const playingElsewhere = playbackState({ currentTrackId: 't1', playing: true, ownerTabId: OTHER_TAB, positionAt: Date.now() });

function mountTransport(fields: Parameters<typeof mount<'ms-transport'>>[1] = {}) {
  return mount('ms-transport', { playback: paused, tabId: THIS_TAB, durationSeconds: 200, canPlay: true, ...fields });
}

function intentsOf(events: readonly Event[]) {
  return events.map((event) => (event as IntentEvent).intent);
}

describe('ms-transport: what it shows', () => {
  test('should render nothing before there is a playback state', async () => {
    const { element } = await mountTransport({ playback: null });

    expect(element.shadowRoot?.querySelector('button')).toBeNull();
  });

  test('should offer Play and read Paused when paused', async () => {
    const { screen } = await mountTransport();

    await expect.element(screen.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
    await expect.element(screen.getByRole('status')).toHaveTextContent('Paused');
    expect(screen.getByRole('button', { name: 'Play here' }).query()).toBeNull();
  });

  test('should offer Pause and read Playing in this tab when the sound is here', async () => {
    const { screen } = await mountTransport({ playback: playingHere });

    await expect.element(screen.getByRole('button', { name: 'Pause' })).toBeEnabled();
    await expect.element(screen.getByRole('status')).toHaveTextContent('Playing in this tab');
    expect(screen.getByRole('button', { name: 'Play here' }).query()).toBeNull();
  });

  test('should read Playing in another tab and offer Play here when the sound is elsewhere', async () => {
    const { screen } = await mountTransport({ playback: playingElsewhere });

    await expect.element(screen.getByRole('status')).toHaveTextContent('Playing in another tab');
    await expect.element(screen.getByRole('button', { name: 'Play here' })).toBeEnabled();
  });

  test('should disable Play and Play here while nothing can play (no catalog)', async () => {
    const { screen, set } = await mountTransport({ canPlay: false });

    await expect.element(screen.getByRole('button', { name: 'Play', exact: true })).toBeDisabled();
    await set({ playback: playingElsewhere });
    await expect.element(screen.getByRole('button', { name: 'Play here' })).toBeDisabled();
    // Pause always works: it needs nothing to play.
    await expect.element(screen.getByRole('button', { name: 'Pause' })).toBeEnabled();
  });

  test('should disable Play when there is no current track and the queue is empty', async () => {
    const { screen } = await mountTransport({ playback: playbackState() });

    await expect.element(screen.getByRole('button', { name: 'Play', exact: true })).toBeDisabled();
  });

  test('should enable Play once the empty queue gains an entry, a checkpoint between changing nothing shown', async () => {
    const empty = playbackState();
    const { screen, set } = await mountTransport({ playback: empty });
    await set({ playback: { ...empty, rev: 2, positionSeconds: 3 } });
    await expect.element(screen.getByRole('button', { name: 'Play', exact: true })).toBeDisabled();

    await set({ playback: { ...empty, rev: 3, queue: [{ entryId: 'e1', trackId: 't1', order: 'a0' }] } });

    await expect.element(screen.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
  });

  test('should name the repeat mode and press Shuffle and Repeat when they are on', async () => {
    const { screen, set } = await mountTransport();

    await expect.element(screen.getByRole('button', { name: 'Repeat: off' })).toHaveAttribute('aria-pressed', 'false');
    await expect.element(screen.getByRole('button', { name: 'Shuffle' })).toHaveAttribute('aria-pressed', 'false');
    await set({ playback: { ...paused, repeat: 'one', shuffle: true } });
    await expect.element(screen.getByRole('button', { name: 'Repeat: one' })).toHaveAttribute('aria-pressed', 'true');
    await expect.element(screen.getByRole('button', { name: 'Shuffle' })).toHaveAttribute('aria-pressed', 'true');
  });

  test('should show the volume as a percentage and offer Unmute when muted', async () => {
    const { screen } = await mountTransport({ playback: { ...paused, volume: 0.8, muted: true } });

    await expect.element(screen.getByRole('slider', { name: 'Volume' })).toHaveValue('80');
    await expect.element(screen.getByRole('slider', { name: 'Volume' })).toHaveAttribute('aria-valuetext', '80%');
    await expect.element(screen.getByRole('button', { name: 'Unmute' })).toBeVisible();
  });
});

describe('ms-transport: what it asks for', () => {
  const clicks = [
    { button: 'Play', expected: { type: 'togglePlay' } },
    { button: 'Previous', expected: { type: 'previous' } },
    { button: 'Next', expected: { type: 'next' } },
    { button: 'Shuffle', expected: { type: 'setShuffle', shuffle: true } },
    { button: 'Repeat: off', expected: { type: 'setRepeat', repeat: 'all' } },
    { button: 'Mute', expected: { type: 'setMuted', muted: true } },
    { button: 'Back 10 seconds', expected: { type: 'skipBy', seconds: -10, durationSeconds: 200 } },
    { button: 'Forward 10 seconds', expected: { type: 'skipBy', seconds: 10, durationSeconds: 200 } },
  ] as const;

  for (const { button, expected } of clicks) {
    test(`should emit one ${expected.type} intent when ${button} is clicked`, async () => {
      const { screen, events } = await mountTransport();

      await screen.getByRole('button', { name: button, exact: true }).click();

      expect(events).toHaveLength(1);
      expect(events[0]).toBeInstanceOf(IntentEvent);
      expect(intentsOf(events)).toEqual([expected]);
    });
  }

  test('should emit one togglePlay intent when Pause is clicked', async () => {
    const { screen, events } = await mountTransport({ playback: playingHere });

    await screen.getByRole('button', { name: 'Pause' }).click();

    expect(intentsOf(events)).toEqual([{ type: 'togglePlay' }]);
  });

  test('should ask for the next repeat mode after all and after one (all → one → off)', async () => {
    const { screen, events, set } = await mountTransport({ playback: { ...paused, repeat: 'all' } });

    await screen.getByRole('button', { name: 'Repeat: all' }).click();
    await set({ playback: { ...paused, repeat: 'one' } });
    await screen.getByRole('button', { name: 'Repeat: one' }).click();

    expect(intentsOf(events)).toEqual([
      { type: 'setRepeat', repeat: 'one' },
      { type: 'setRepeat', repeat: 'off' },
    ]);
  });

  test('should skip without an end when the track’s length is unknown', async () => {
    const { screen, events } = await mountTransport({ durationSeconds: 0 });

    await screen.getByRole('button', { name: 'Forward 10 seconds' }).click();

    expect(intentsOf(events)).toEqual([{ type: 'skipBy', seconds: 10 }]);
  });

  test('should emit one setVolume intent when the volume slider is moved', async () => {
    const { screen, events } = await mountTransport();

    await screen.getByRole('slider', { name: 'Volume' }).fill('30');

    expect(intentsOf(events)).toEqual([{ type: 'setVolume', volume: 0.3 }]);
  });

  test('should emit one playHere intent when Play here is clicked, and focus Pause once the sound has come', async () => {
    const { screen, events, set, element } = await mountTransport({ playback: playingElsewhere });

    await screen.getByRole('button', { name: 'Play here' }).click();
    await set({ playback: { ...playingElsewhere, ownerTabId: THIS_TAB, rev: 2 } });

    expect(intentsOf(events)).toEqual([{ type: 'playHere' }]);
    // Focus inside a shadow root shows on the root, not on the document (which sees the host).
    expect(element.shadowRoot?.activeElement).toBe(screen.getByRole('button', { name: 'Pause' }).element());
  });

  test('should bubble its intents out of its shadow root to the app', async () => {
    const { screen, element } = await mountTransport();
    const heard: Event[] = [];
    const listener = (event: Event) => heard.push(event);
    document.body.addEventListener(IntentEvent.type, listener);

    try {
      await screen.getByRole('button', { name: 'Next' }).click();
    } finally {
      document.body.removeEventListener(IntentEvent.type, listener);
    }

    expect(heard).toHaveLength(1);
    expect(heard[0]?.composed).toBe(true);
    expect(heard[0]?.target).toBe(element);
  });

  test('should fire nothing when its properties are set', async () => {
    const { events, set } = await mountTransport();

    await set({ playback: playingHere });
    await set({ playback: playingElsewhere, canPlay: false, durationSeconds: 0 });
    await set({ playback: { ...paused, muted: true, repeat: 'all', shuffle: true, volume: 0.2 } });

    expect(events).toHaveLength(0);
  });
});
