import { describe, expect, test } from 'vitest';
import { IntentEvent } from '../../src/ui/events';
import '../../src/ui/ms-queue';
import { catalogOf, entries, playbackState } from './support/data';
import { mount } from './support/fixture';

const catalog = catalogOf();
/** Up next: Neon Avenue, Paper Lanterns, and an entry whose track the library no longer has. */
const threeQueued = playbackState({
  currentTrackId: 't1',
  queue: [...entries('t2', 't3'), ...entries('gone').map((e) => ({ ...e, order: 'z' }))],
});

function mountQueue(fields: Parameters<typeof mount<'ms-queue'>>[1] = {}) {
  return mount('ms-queue', { playback: threeQueued, catalog, ...fields });
}

function rows(screen: Awaited<ReturnType<typeof mountQueue>>['screen']) {
  return screen.getByRole('list', { name: 'Queue' }).getByRole('listitem');
}

function intentsOf(events: readonly Event[]) {
  return events.map((event) => (event as IntentEvent).intent);
}

describe('ms-queue: what it shows', () => {
  test('should list what comes next, in order, with its length in the heading', async () => {
    const { screen } = await mountQueue();

    await expect.element(screen.getByRole('heading', { name: 'Up next (3)' })).toBeVisible();
    expect(rows(screen).elements()).toHaveLength(3);
    await expect.element(rows(screen).nth(0)).toHaveTextContent('Neon Avenue');
    await expect.element(rows(screen).nth(0)).toHaveTextContent('The Night Shift');
    await expect.element(rows(screen).nth(1)).toHaveTextContent('Paper Lanterns');
  });

  test('should name an entry whose track is not in the library by its id', async () => {
    const { screen } = await mountQueue();

    await expect.element(rows(screen).nth(2)).toHaveTextContent('gone');
    await expect.element(rows(screen).nth(2)).toHaveTextContent('Not in the library');
    await expect.element(screen.getByRole('button', { name: 'Remove gone from queue' })).toBeEnabled();
  });

  test('should not call an entry missing from the library while the person’s own music is still opening', async () => {
    const { screen, set } = await mountQueue({ loading: true });

    await expect.element(rows(screen).nth(2)).toHaveTextContent('Opening your music…');
    expect(rows(screen).nth(2).element().textContent).not.toContain('Not in the library');
    await set({ loading: false });
    await expect.element(rows(screen).nth(2)).toHaveTextContent('Not in the library');
  });

  test('should say the queue is empty, and disable Clear queue, when nothing is queued', async () => {
    const { screen } = await mountQueue({ playback: playbackState() });

    await expect.element(screen.getByRole('heading', { name: 'Up next (0)' })).toBeVisible();
    await expect.element(screen.getByText('The queue is empty. Add tracks from the library.')).toBeVisible();
    await expect.element(screen.getByRole('button', { name: 'Clear queue' })).toBeDisabled();
  });

  test('should disable moving the first entry up and the last one down', async () => {
    const { screen } = await mountQueue();

    await expect.element(screen.getByRole('button', { name: 'Move Neon Avenue up' })).toBeDisabled();
    await expect.element(screen.getByRole('button', { name: 'Move Neon Avenue down' })).toBeEnabled();
    await expect.element(screen.getByRole('button', { name: 'Move gone down' })).toBeDisabled();
    await expect.element(screen.getByRole('button', { name: 'Move gone up' })).toBeEnabled();
  });

  test('should enable Undo and Redo only when there is something to undo or redo', async () => {
    const { screen, set } = await mountQueue();

    await expect.element(screen.getByRole('button', { name: 'Undo queue change' })).toBeDisabled();
    await expect.element(screen.getByRole('button', { name: 'Redo queue change' })).toBeDisabled();
    await set({ canUndo: true });
    await expect.element(screen.getByRole('button', { name: 'Undo queue change' })).toBeEnabled();
    await expect.element(screen.getByRole('button', { name: 'Redo queue change' })).toBeDisabled();
    await set({ canUndo: false, canRedo: true });
    await expect.element(screen.getByRole('button', { name: 'Redo queue change' })).toBeEnabled();
  });

  test('should show an entry added at the end, and let the one before it move down', async () => {
    const twoQueued = playbackState({ currentTrackId: 't1', queue: entries('t2', 't3') });
    const { screen, set } = await mountQueue({ playback: twoQueued });
    await expect.element(screen.getByRole('button', { name: 'Move Paper Lanterns down' })).toBeDisabled();

    await set({
      playback: { ...twoQueued, rev: 2, queueRev: 2, queue: [...twoQueued.queue, ...entries('t1').map((e) => ({ ...e, order: 'z' }))] },
    });

    await expect.element(screen.getByRole('heading', { name: 'Up next (3)' })).toBeVisible();
    await expect.element(rows(screen).nth(2)).toHaveTextContent('Morning Drift');
    await expect.element(screen.getByRole('button', { name: 'Move Paper Lanterns down' })).toBeEnabled();
  });

  test('should disable Move up on the entry that becomes first when the first is removed elsewhere', async () => {
    const { screen, set } = await mountQueue();
    await expect.element(screen.getByRole('button', { name: 'Move Paper Lanterns up' })).toBeEnabled();

    await set({ playback: { ...threeQueued, rev: 2, queueRev: 2, queue: threeQueued.queue.slice(1) } });

    await expect.element(screen.getByRole('heading', { name: 'Up next (2)' })).toBeVisible();
    await expect.element(screen.getByRole('button', { name: 'Move Paper Lanterns up' })).toBeDisabled();
  });

  test('should offer to save the queue as a playlist once a track is current, with nothing queued', async () => {
    const nothing = playbackState();
    const { screen, set } = await mountQueue({ playback: nothing });
    await expect.element(screen.getByRole('button', { name: 'Save queue as playlist' })).toBeDisabled();

    // The same (empty) queue: only the current track changed.
    await set({ playback: { ...nothing, rev: 2, currentTrackId: 't1' } });

    await expect.element(screen.getByRole('button', { name: 'Save queue as playlist' })).toBeEnabled();
  });
});

describe('ms-queue: what it asks for', () => {
  const clicks = [
    { button: 'Move Paper Lanterns up', expected: { type: 'move', entryId: 'e-t3', by: -1 } },
    { button: 'Move Neon Avenue down', expected: { type: 'move', entryId: 'e-t2', by: 1 } },
    { button: 'Remove Paper Lanterns from queue', expected: { type: 'remove', entryId: 'e-t3' } },
    { button: 'Clear queue', expected: { type: 'clearQueue' } },
    { button: 'Undo queue change', expected: { type: 'undo' } },
    { button: 'Redo queue change', expected: { type: 'redo' } },
  ] as const;

  for (const { button, expected } of clicks) {
    test(`should emit one ${expected.type} intent when ${button} is clicked`, async () => {
      const { screen, events } = await mountQueue({ canUndo: true, canRedo: true });

      await screen.getByRole('button', { name: button, exact: true }).click();

      expect(events).toHaveLength(1);
      expect(events[0]).toBeInstanceOf(IntentEvent);
      expect(intentsOf(events)).toEqual([expected]);
    });
  }

  test('should keep focus on the moved entry’s button once the queue shows the move', async () => {
    const { screen, set, element } = await mountQueue();

    await screen.getByRole('button', { name: 'Move Paper Lanterns up' }).click();
    const [neon, lanterns, gone] = threeQueued.queue;
    await set({ playback: { ...threeQueued, rev: 2, queueRev: 2, queue: [{ ...lanterns!, order: 'a0' }, neon!, gone!] } });

    // The moved row is re-ordered in the DOM, which loses focus; the element puts it back after a frame.
    await expect
      .poll(() => element.shadowRoot?.activeElement)
      .toBe(screen.getByRole('button', { name: 'Move Paper Lanterns up' }).element());
  });

  test('should move focus to the entry that takes a removed one’s place', async () => {
    const { screen, set, element } = await mountQueue();

    await screen.getByRole('button', { name: 'Remove Neon Avenue from queue' }).click();
    await set({ playback: { ...threeQueued, rev: 2, queueRev: 2, queue: threeQueued.queue.slice(1) } });

    await expect
      .poll(() => element.shadowRoot?.activeElement)
      .toBe(screen.getByRole('button', { name: 'Remove Paper Lanterns from queue' }).element());
  });

  test('should move focus to the heading when the last entry is removed', async () => {
    const { screen, set, element } = await mountQueue({ playback: playbackState({ queue: entries('t2') }) });

    await screen.getByRole('button', { name: 'Remove Neon Avenue from queue' }).click();
    await set({ playback: playbackState({ rev: 2, queueRev: 2, queue: [] }) });

    expect(element.shadowRoot?.activeElement).toBe(screen.getByRole('heading', { name: 'Up next (0)' }).element());
  });

  test('should emit one move intent when an entry is dragged onto another', async () => {
    const { screen, events } = await mountQueue();

    // Dropped on the upper half of the third row: Neon Avenue goes where that row is, less itself.
    await rows(screen)
      .nth(0)
      .dropTo(rows(screen).nth(2), { targetPosition: { x: 20, y: 3 } });

    expect(events).toHaveLength(1);
    expect(intentsOf(events)).toEqual([{ type: 'move', entryId: 'e-t2', toIndex: 1 }]);
  });

  test('should emit nothing when an entry is dropped where it already is', async () => {
    const { screen, events } = await mountQueue();

    await rows(screen)
      .nth(1)
      .dropTo(rows(screen).nth(1), { targetPosition: { x: 20, y: 3 } });

    expect(events).toHaveLength(0);
  });

  test('should fire nothing when its properties are set', async () => {
    const { events, set } = await mountQueue();

    await set({ playback: playbackState({ rev: 2, queueRev: 2, queue: entries('t3') }), canUndo: true });
    await set({ catalog: null, canRedo: true });
    await set({ playback: null });

    expect(events).toHaveLength(0);
  });
});
