import { afterEach, describe, expect, it } from 'vitest';
import { revertOf } from '../../src/engine/model/queue-history';
import { type Browser, eventually, newBrowser } from '../support/tabs';

const titles = (queue: readonly { trackId: string }[]) => queue.map((entry) => entry.trackId);

describe('undo and redo of queue changes', () => {
  let browser: Browser;
  afterEach(() => browser.close());

  it('undoing a removal puts the same entry back in its place, in every tab; redo removes it again', async () => {
    browser = newBrowser();
    const [a, b] = [await browser.openTab(), await browser.openTab()];
    await a.dispatch({ type: 'enqueue', trackIds: ['t1', 't2', 't3'] });
    const removed = a.state.queue[1]!;
    await a.dispatch({ type: 'remove', entryId: removed.entryId });

    await a.undoQueueChange();

    await eventually(() => b.state.rev === a.state.rev, 'B in sync');
    expect(b.state.queue[1]).toEqual(removed);
    expect(titles(b.state.queue)).toEqual(['t1', 't2', 't3']);
    expect(a.canRedo).toBe(true);

    await a.redoQueueChange();

    await eventually(() => b.state.rev === a.state.rev, 'B in sync again');
    expect(titles(b.state.queue)).toEqual(['t1', 't3']);
  });

  it('undo walks back through several changes: a move, a clear, an add', async () => {
    browser = newBrowser();
    const a = await browser.openTab();
    await a.dispatch({ type: 'enqueue', trackIds: ['t1', 't2', 't3'] });
    await a.dispatch({ type: 'move', entryId: a.state.queue[2]!.entryId, toIndex: 0 });
    await a.dispatch({ type: 'clearQueue' });

    await a.undoQueueChange();
    expect(titles(a.state.queue)).toEqual(['t3', 't1', 't2']);
    await a.undoQueueChange();
    expect(titles(a.state.queue)).toEqual(['t1', 't2', 't3']);
    await a.undoQueueChange();
    expect(titles(a.state.queue)).toEqual([]);
    expect(a.canUndo).toBe(false);
    expect(a.undoQueueChange()).toBeNull();
  });

  it('undo leaves alone what another tab did since', async () => {
    browser = newBrowser();
    const [a, b] = [await browser.openTab(), await browser.openTab()];
    await a.dispatch({ type: 'enqueue', trackIds: ['mine'] });
    await eventually(() => b.state.rev === a.state.rev, 'B in sync');
    await b.dispatch({ type: 'enqueue', trackIds: ['theirs'] });
    await eventually(() => a.state.queue.length === 2, 'A sees B’s entry');

    await a.undoQueueChange();

    await eventually(() => b.state.rev === a.state.rev, 'B in sync after the undo');
    expect(titles(b.state.queue)).toEqual(['theirs']);
    expect(b.canUndo).toBe(true);
  });

  it('a new change after an undo makes the redo impossible, as editors do', async () => {
    browser = newBrowser();
    const a = await browser.openTab();
    await a.dispatch({ type: 'enqueue', trackIds: ['t1'] });
    await a.undoQueueChange();

    await a.dispatch({ type: 'enqueue', trackIds: ['t2'] });

    expect(a.canRedo).toBe(false);
  });

  it('moving through the queue (Next) is not a change to undo', async () => {
    browser = newBrowser();
    const a = await browser.openTab();
    await a.dispatch({ type: 'enqueue', trackIds: ['t1', 't2'] });
    await a.dispatch({ type: 'next' });

    await a.undoQueueChange();

    // The undo took back the add, not the Next: t1 is still playing, t2 is gone from what comes next.
    expect(a.state.currentTrackId).toBe('t1');
    expect(a.state.queue).toEqual([]);
    expect(a.canUndo).toBe(false);
  });

  it('the revert of a patch restores removed and cleared entries and takes out added ones', () => {
    const before = [
      { entryId: 'a', trackId: 't1', order: 'a0' },
      { entryId: 'b', trackId: 't2', order: 'a1' },
    ];

    expect(revertOf(before, { clearQueue: true, putEntries: [{ entryId: 'c', trackId: 't3', order: 'a2' }] })).toEqual({
      type: 'revertQueue',
      restore: before,
      remove: ['c'],
    });
    expect(revertOf(before, { putEntries: [{ entryId: 'b', trackId: 't2', order: 'Zz' }] })).toEqual({
      type: 'revertQueue',
      restore: [before[1]],
      remove: [],
    });
    expect(revertOf(before, { set: { volume: 0.5 } })).toBeNull();
  });
});
