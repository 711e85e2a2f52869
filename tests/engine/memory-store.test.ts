import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/engine/storage/memory-store';
import { type Browser, eventually, newBrowser } from '../support/tabs';

describe('without IndexedDB (memory store)', () => {
  let browser: Browser;
  afterEach(() => browser.close());

  const openMemoryTab = () => browser.openTab({ store: new MemoryStore(browser.deviceId) });

  it('tabs still sync every change over the channel', async () => {
    browser = newBrowser();
    const [a, b] = [await openMemoryTab(), await openMemoryTab()];

    await a.startPlayback({ type: 'play', trackId: 't1' });
    await a.dispatch({ type: 'enqueue', trackIds: ['t2', 't3'] });
    await eventually(() => b.state.queue.length === 2, 'B has the queue');
    // (B acts once it shows A's change: without a shared store, simultaneous edits are not serialised.)
    await b.dispatch({ type: 'seek', positionSeconds: 45 });

    await eventually(() => a.state.positionSeconds === 45, 'A has the seek');
    expect(b.state.currentTrackId).toBe('t1');
  });

  it('a tab opened later catches up from its peers, since nothing is stored', async () => {
    browser = newBrowser();
    const a = await openMemoryTab();
    await a.startPlayback({ type: 'play', trackId: 't4' });
    await a.dispatch({ type: 'enqueue', trackIds: ['t5'] });

    const late = await openMemoryTab();

    await eventually(() => late.state.rev === a.state.rev, 'the late tab reaches the same rev');
    expect(late.state.currentTrackId).toBe('t4');
    expect(late.state.queue).toEqual(a.state.queue);
  });

  it('a tab that missed a change asks for a snapshot instead of reading a store', async () => {
    browser = newBrowser();
    const [a, b] = [await openMemoryTab(), await openMemoryTab()];
    await a.dispatch({ type: 'enqueue', trackIds: ['t1'] });
    await eventually(() => b.state.rev === a.state.rev, 'in sync');

    // A change that reaches nobody, then one that does: B sees a gap and recovers it from A.
    const silent = await a.dispatch({ type: 'enqueue', trackIds: ['t2'] });
    expect(silent.event).not.toBeNull();
    b.close();
    const b2 = await openMemoryTab();
    await a.dispatch({ type: 'enqueue', trackIds: ['t3'] });

    await eventually(() => b2.state.rev === a.state.rev, 'the reopened tab catches up');
    expect(b2.state.queue.map((entry) => entry.trackId)).toEqual(['t1', 't2', 't3']);
  });

  it('nothing outlives the page: a memory store starts empty', async () => {
    const store = new MemoryStore('A1B2C3D4E5F6A7B8');

    const { state, problems } = await store.load();

    expect(state.rev).toBe(0);
    expect(problems).toEqual([]);
    expect(store.persistent).toBe(false);
  });
});
