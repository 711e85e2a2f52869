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

  it('a change that came from another device (sync) is not undone here: Undo takes back this tab’s own last change', async () => {
    browser = newBrowser();
    const a = await browser.openTab();
    await a.dispatch({ type: 'enqueue', trackIds: ['t1'] });
    // The sync bridge puts another device's add into this tab's engine.
    await a.dispatch({ type: 'revertQueue', restore: [{ entryId: 'from-phone', trackId: 't9', order: 'z0' }], remove: [] }, 'remote');
    expect(titles(a.state.queue)).toEqual(['t1', 't9']);

    await a.undoQueueChange();
    expect(titles(a.state.queue)).toEqual(['t9']);
    expect(a.canUndo).toBe(false);
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

  it('undoing a shuffle after another tab played and removed entries puts back the order of what remains, and turns shuffle off', async () => {
    browser = newBrowser();
    const [a, b] = [await browser.openTab(), await browser.openTab()];
    await a.startPlayback({ type: 'play', trackId: 't1' });
    await a.dispatch({ type: 'enqueue', trackIds: ['t2', 't3', 't4', 't5', 't6'] });
    const beforeShuffle = a.state.queue.map((entry) => entry.entryId);
    await a.dispatch({ type: 'setShuffle', shuffle: true });
    await eventually(() => b.state.rev === a.state.rev, 'B sees the shuffle');
    await b.dispatch({ type: 'next' });
    await b.dispatch({ type: 'next' });
    await b.dispatch({ type: 'remove', entryId: b.state.queue[0]!.entryId });
    const remaining = new Set(b.state.queue.map((entry) => entry.entryId));
    const playing = b.state.currentTrackId;
    await eventually(() => a.state.rev === b.state.rev, 'A sees what B did');

    await a.undoQueueChange();

    await eventually(() => b.state.rev === a.state.rev, 'B sees the undo');
    for (const tab of [a, b]) {
      expect(tab.state.queue.map((entry) => entry.entryId)).toEqual(beforeShuffle.filter((entryId) => remaining.has(entryId)));
      expect(tab.state.shuffle).toBe(false);
      expect(tab.state.currentTrackId).toBe(playing);
    }
  });

  it('undoing a move of an entry another tab has since removed leaves it removed, and says why nothing changed', async () => {
    browser = newBrowser();
    const [a, b] = [await browser.openTab(), await browser.openTab()];
    await a.dispatch({ type: 'enqueue', trackIds: ['t1', 't2', 't3'] });
    const moved = a.state.queue[0]!;
    await a.dispatch({ type: 'move', entryId: moved.entryId, toIndex: 1 });
    await eventually(() => b.state.rev === a.state.rev, 'B sees the move');
    await b.dispatch({ type: 'remove', entryId: moved.entryId });
    await eventually(() => a.state.rev === b.state.rev, 'A sees the removal');
    const rev = a.state.rev;

    await expect(a.undoQueueChange()).rejects.toThrow(/Nothing to undo.*changed since/);

    expect(titles(a.state.queue)).toEqual(['t2', 't3']);
    expect(a.state.rev).toBe(rev);
    // The step that could do nothing is gone; the one before it (the add) is next.
    expect(a.canUndo).toBe(true);
    await a.undoQueueChange();
    expect(titles(a.state.queue)).toEqual([]);
  });

  it('undoing a move after Next has made that entry current does not queue the playing track again', async () => {
    browser = newBrowser();
    const a = await browser.openTab();
    await a.startPlayback({ type: 'play', trackId: 't9' });
    await a.dispatch({ type: 'enqueue', trackIds: ['t1', 't2', 't3'] });
    await a.dispatch({ type: 'move', entryId: a.state.queue[0]!.entryId, toIndex: 1 });
    await a.dispatch({ type: 'next' });
    await a.dispatch({ type: 'next' });
    expect(a.state.currentTrackId).toBe('t1');
    expect(titles(a.state.queue)).toEqual(['t3']);

    await expect(a.undoQueueChange()).rejects.toThrow(/Nothing to undo/);

    expect(a.state.currentTrackId).toBe('t1');
    expect(titles(a.state.queue)).toEqual(['t3']);
  });

  it('an undo that can do nothing (another tab cleared what it added) changes nothing, says so, and is not kept', async () => {
    browser = newBrowser();
    const [a, b] = [await browser.openTab(), await browser.openTab()];
    await a.dispatch({ type: 'enqueue', trackIds: ['t1', 't2'] });
    await eventually(() => b.state.rev === a.state.rev, 'B sees the add');
    await b.dispatch({ type: 'clearQueue' });
    await eventually(() => a.state.rev === b.state.rev, 'A sees the clear');
    const rev = a.state.rev;

    await expect(a.undoQueueChange()).rejects.toThrow(/Nothing to undo.*changed since.*another/);

    expect(a.state.rev).toBe(rev);
    expect(a.state.queue).toEqual([]);
    expect(a.canUndo).toBe(false);
    expect(a.canRedo).toBe(false);
  });

  it('redo after an undo that found part of the queue gone redoes what the undo did, no more', async () => {
    browser = newBrowser();
    const [a, b] = [await browser.openTab(), await browser.openTab()];
    await a.dispatch({ type: 'enqueue', trackIds: ['t1', 't2', 't3', 't4'] });
    await a.dispatch({ type: 'setShuffle', shuffle: true });
    await eventually(() => b.state.rev === a.state.rev, 'B sees the shuffle');
    await b.dispatch({ type: 'remove', entryId: b.state.queue[0]!.entryId });
    await eventually(() => a.state.rev === b.state.rev, 'A sees the removal');
    const shuffled = a.state.queue.map((entry) => entry.entryId);
    await a.undoQueueChange();

    await a.redoQueueChange();

    expect(a.state.queue.map((entry) => entry.entryId)).toEqual(shuffled);
    expect(a.state.shuffle).toBe(true);
  });

  it('the revert of a patch puts back removed and cleared entries, moves moved ones back and takes out added ones', () => {
    const before = [
      { entryId: 'a', trackId: 't1', order: 'a0' },
      { entryId: 'b', trackId: 't2', order: 'a1' },
    ];
    const state = { queue: before, shuffle: false };

    expect(revertOf(state, { clearQueue: true, putEntries: [{ entryId: 'c', trackId: 't3', order: 'a2' }] })).toEqual({
      type: 'revertQueue',
      restore: before,
      remove: ['c'],
    });
    expect(revertOf(state, { set: { shuffle: true }, putEntries: [{ entryId: 'b', trackId: 't2', order: 'Zz' }] })).toEqual({
      type: 'revertQueue',
      restore: [],
      moveBack: [before[1]],
      remove: [],
      shuffle: false,
    });
    expect(revertOf(state, { set: { volume: 0.5 } })).toBeNull();
    // A shuffle flag that changed alone (an empty queue, Shuffle off, an undone shuffle whose order came out
    // as it was) is still a change to take back, so that an undo of it has a redo.
    expect(revertOf(state, { set: { shuffle: true } })).toEqual({
      type: 'revertQueue',
      restore: [],
      remove: [],
      shuffle: false,
    });
    expect(revertOf({ ...state, shuffle: true }, { set: { shuffle: true } })).toBeNull();
  });

  it('Shuffle off is undone and redone like any queue change, though no entry moves', async () => {
    browser = newBrowser();
    const a = await browser.openTab();
    await a.dispatch({ type: 'enqueue', trackIds: ['t1', 't2', 't3'] });
    await a.dispatch({ type: 'setShuffle', shuffle: true });
    const shuffled = a.state.queue.map((entry) => entry.entryId);
    await a.dispatch({ type: 'setShuffle', shuffle: false });

    await a.undoQueueChange();
    expect(a.state.shuffle).toBe(true);
    expect(a.state.queue.map((entry) => entry.entryId)).toEqual(shuffled);

    await a.redoQueueChange();
    expect(a.state.shuffle).toBe(false);
    expect(a.state.queue.map((entry) => entry.entryId)).toEqual(shuffled);
  });
});
