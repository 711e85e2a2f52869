import { afterEach, describe, expect, it } from 'vitest';
import { PACE_MS } from '../../src/engine/action-queue';
import type { ActionInput } from '../../src/engine/model/actions';
import { topicFor } from '../../src/engine/model/events';
import { DeafenableChannel, MuteChannel, recordChannel } from '../support/channels';
import { inSync, visible } from '../support/in-sync';
import { type Browser, eventually, newBrowser } from '../support/tabs';

describe('two tabs of one browser', () => {
  let browser: Browser;
  afterEach(() => browser.close());

  it('a track played in one tab shows as playing in the other', async () => {
    browser = newBrowser();
    const [a, b] = [await browser.openTab(), await browser.openTab()];

    await a.startPlayback({ type: 'play', trackId: 't1' });

    await eventually(() => b.state.currentTrackId === 't1', 'B shows t1');
    expect(b.state.playing).toBe(true);
    expect(b.state.ownerTabId).toBe(a.tabId);
  });

  it('every kind of action made in one tab shows in the other', async () => {
    browser = newBrowser();
    const [a, b] = [await browser.openTab(), await browser.openTab()];
    await a.startPlayback({ type: 'play', trackId: 't1' });
    const steps: ActionInput[] = [
      { type: 'enqueue', trackIds: ['t2', 't3', 't4'] },
      { type: 'playNext', trackIds: ['t5'] },
      { type: 'seek', positionSeconds: 45 },
      { type: 'pause' },
      { type: 'setVolume', volume: 0.4 },
      { type: 'setMuted', muted: true },
      { type: 'setRate', rate: 1.5 },
      { type: 'setRepeat', repeat: 'all' },
      { type: 'setShuffle', shuffle: true },
      { type: 'next' },
      { type: 'previous' },
      { type: 'clearQueue' },
    ];

    for (const step of steps) {
      await a.dispatch(step);
      await inSync(a, b);
    }
    const [entry] = (await a.dispatch({ type: 'enqueue', trackIds: ['t6', 't2'] })).state.queue;
    await a.dispatch({ type: 'move', entryId: entry!.entryId, toIndex: 1 });
    await inSync(a, b);
    await a.dispatch({ type: 'remove', entryId: entry!.entryId });
    await inSync(a, b);

    expect(b.state.queue.map((e) => e.trackId)).toEqual(['t2']);
    expect(b.state).toMatchObject({ volume: 0.4, muted: true, rate: 1.5, repeat: 'all', shuffle: true });
  });

  it('a seek in one tab moves the other tab’s position', async () => {
    browser = newBrowser();
    const [a, b] = [await browser.openTab(), await browser.openTab()];
    await a.startPlayback({ type: 'play', trackId: 't1' });

    await b.dispatch({ type: 'seek', positionSeconds: 45 });

    await eventually(() => a.state.positionSeconds === 45, 'A at 0:45');
  });

  it('a tab that missed messages catches up from the store at the next one it hears', async () => {
    browser = newBrowser();
    let channelOfB: DeafenableChannel | undefined;
    const a = await browser.openTab();
    const b = await browser.openTab({ openChannel: (name) => (channelOfB = new DeafenableChannel(name)) });
    channelOfB!.deaf = true;

    await a.dispatch({ type: 'enqueue', trackIds: ['t1'] });
    await a.dispatch({ type: 'enqueue', trackIds: ['t2'] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(b.state.queue).toHaveLength(0);
    channelOfB!.deaf = false;
    await a.dispatch({ type: 'enqueue', trackIds: ['t3'] });

    await inSync(a, b);
    expect(b.state.queue.map((e) => e.trackId)).toEqual(['t1', 't2', 't3']);
  });

  it('a tab that died between its commit and its broadcast does not leave the others stale', async () => {
    browser = newBrowser();
    const dying = await browser.openTab({ openChannel: (name) => new MuteChannel(name) });
    const other = await browser.openTab({ staleCheckMs: 50 });

    await dying.dispatch({ type: 'enqueue', trackIds: ['t1'] });

    await eventually(() => other.state.queue.length === 1, 'the other tab finds the change in the store');
    expect(other.state.rev).toBe(dying.state.rev);
  });

  it('a tab opened later starts from the stored state', async () => {
    browser = newBrowser();
    const a = await browser.openTab();
    await a.startPlayback({ type: 'play', trackId: 't3' });
    await a.dispatch({ type: 'enqueue', trackIds: ['t4'] });

    const late = await browser.openTab();

    expect(visible(late.state)).toEqual(visible(a.state));
  });

  it('two tabs that add to the queue at the same moment both keep their entry, in the same order', async () => {
    browser = newBrowser();
    const [a, b] = [await browser.openTab(), await browser.openTab()];

    await Promise.all([a.dispatch({ type: 'enqueue', trackIds: ['from-a'] }), b.dispatch({ type: 'enqueue', trackIds: ['from-b'] })]);

    await inSync(a, b);
    expect([...a.state.queue.map((e) => e.trackId)].sort()).toEqual(['from-a', 'from-b']);
    expect(b.state.queue).toEqual(a.state.queue);
  });

  it('a tab never hears its own broadcast as a change', async () => {
    browser = newBrowser();
    const a = await browser.openTab();
    const changes: string[] = [];
    a.on('state', ({ cause }) => changes.push(cause.kind));

    await a.dispatch({ type: 'enqueue', trackIds: ['t1'] });
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(changes).toEqual(['local']);
  });

  it('an event older than what a tab has (a late or repeated message) changes nothing', async () => {
    browser = newBrowser();
    const [a, b] = [await browser.openTab(), await browser.openTab()];
    const recorder = recordChannel(topicFor(browser.deviceId));
    await a.dispatch({ type: 'enqueue', trackIds: ['t1'] });
    await a.dispatch({ type: 'enqueue', trackIds: ['t2'] });
    await inSync(a, b);
    const first = recorder.messages[0];
    const before = b.state;

    const replay = new BroadcastChannel(topicFor(browser.deviceId));
    replay.postMessage(first);
    await new Promise((resolve) => setTimeout(resolve, 50));
    replay.close();
    recorder.close();

    expect(b.channelStats.received).toBeGreaterThanOrEqual(3);
    expect(b.state).toBe(before);
  });

  it('a hundred seeks in a burst end at the last position with far fewer writes', async () => {
    browser = newBrowser();
    const [a, b] = [await browser.openTab(), await browser.openTab()];
    await a.startPlayback({ type: 'play', trackId: 't1' });
    const revBefore = a.state.rev;

    await Promise.all(Array.from({ length: 100 }, (_, i) => a.dispatch({ type: 'seek', positionSeconds: i })));

    await inSync(a, b);
    expect(b.state.positionSeconds).toBe(99);
    expect(a.state.rev - revBefore).toBeLessThanOrEqual(3);
  });

  it('a volume drag (a hundred input events over a second) costs a bounded number of commits and ends at its last value', async () => {
    browser = newBrowser();
    const [a, b] = [await browser.openTab(), await browser.openTab()];
    await a.startPlayback({ type: 'play', trackId: 't1' });
    const revBefore = a.state.rev;
    const events = recordChannel(topicFor(browser.deviceId));

    const dispatched: Promise<unknown>[] = [];
    const started = performance.now();
    for (let step = 100; step >= 0; step--) {
      dispatched.push(a.dispatch({ type: 'setVolume', volume: step / 100 }));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const dragMs = performance.now() - started;
    await Promise.all(dispatched);

    await inSync(a, b);
    expect(b.state.volume).toBe(0);
    // At most one commit per PACE_MS while the drag goes on, and one for where it ended.
    const commits = a.state.rev - revBefore;
    expect(commits).toBeGreaterThanOrEqual(2);
    expect(commits).toBeLessThanOrEqual(Math.ceil(dragMs / PACE_MS) + 1);
    expect(commits).toBeLessThan(101 / 2);
    await eventually(() => events.messages.length === commits, 'one event per commit');
    events.close();
  });

  it('seeks from two tabs at once end with both tabs at the same position', async () => {
    browser = newBrowser();
    const [a, b] = [await browser.openTab(), await browser.openTab()];
    await a.startPlayback({ type: 'play', trackId: 't1' });
    const revBefore = a.state.rev;

    await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).dispatch({ type: 'seek', positionSeconds: i })));

    await inSync(a, b);
    expect([98, 99]).toContain(a.state.positionSeconds);
    expect(a.state.rev - revBefore).toBeLessThanOrEqual(10);
  });

  it('queue edits in a burst are never merged away', async () => {
    browser = newBrowser();
    const a = await browser.openTab();

    await Promise.all(Array.from({ length: 50 }, (_, i) => a.dispatch({ type: 'enqueue', trackIds: [`t${i}`] })));

    expect(a.state.queue.map((e) => e.trackId)).toEqual(Array.from({ length: 50 }, (_, i) => `t${i}`));
  });

  it('moves by a step made in a burst (a quick double click of Move down) each move the entry, in both tabs', async () => {
    browser = newBrowser();
    const [a, b] = [await browser.openTab(), await browser.openTab()];
    await a.dispatch({ type: 'enqueue', trackIds: ['t1', 't2', 't3', 't4'] });
    const first = a.state.queue[0]!.entryId;

    // Dispatched together, as two clicks before the first move is applied: each step is resolved then.
    await Promise.all([a.dispatch({ type: 'move', entryId: first, by: 1 }), a.dispatch({ type: 'move', entryId: first, by: 1 })]);
    await inSync(a, b);

    expect(b.state.queue.map((e) => e.trackId)).toEqual(['t2', 't3', 't1', 't4']);
  });

  it('a burst that mixes seeks with other actions keeps their order', async () => {
    browser = newBrowser();
    const a = await browser.openTab();
    await a.dispatch({ type: 'enqueue', trackIds: ['t2'] });
    await a.startPlayback({ type: 'play', trackId: 't1' });

    // A commit in flight, so that everything after it waits in one batch.
    const inFlight = a.dispatch({ type: 'setVolume', volume: 0.5 });
    const burst = [
      a.dispatch({ type: 'seek', positionSeconds: 10 }),
      a.dispatch({ type: 'next' }),
      a.dispatch({ type: 'seek', positionSeconds: 5 }),
    ];
    await Promise.all([inFlight, ...burst]);

    expect(a.state).toMatchObject({ currentTrackId: 't2', positionSeconds: 5, history: ['t1'] });
  });

  it('a double click on Play records the track in history once, so Previous goes back past it', async () => {
    browser = newBrowser();
    const [a, b] = [await browser.openTab(), await browser.openTab()];
    await a.startPlayback({ type: 'play', trackId: 't4' });

    await Promise.all([a.startPlayback({ type: 'play', trackId: 't1' }), a.startPlayback({ type: 'play', trackId: 't1' })]);
    await a.startPlayback({ type: 'play', trackId: 't6' });

    await inSync(a, b);
    expect(b.state.history).toEqual(['t4', 't1']);
    await a.dispatch({ type: 'previous' });
    await a.dispatch({ type: 'previous' });
    expect(a.state.currentTrackId).toBe('t4');
    expect(a.state.queue.map((entry) => entry.trackId)).toEqual(['t1', 't6']);
  });

  it('a seek before Previous still decides whether Previous restarts the track', async () => {
    browser = newBrowser();
    const a = await browser.openTab();
    await a.startPlayback({ type: 'play', trackId: 't1' });
    await a.startPlayback({ type: 'play', trackId: 't2' });

    const inFlight = a.dispatch({ type: 'setVolume', volume: 0.5 });
    const burst = [
      a.dispatch({ type: 'seek', positionSeconds: 30 }),
      a.dispatch({ type: 'previous' }),
      a.dispatch({ type: 'seek', positionSeconds: 1 }),
    ];
    await Promise.all([inFlight, ...burst]);

    // 30 s in, Previous restarts t2 rather than going back to t1.
    expect(a.state).toMatchObject({ currentTrackId: 't2', positionSeconds: 1 });
  });

  it('an action that cannot apply is rejected with a clear message and loses nothing', async () => {
    browser = newBrowser();
    const a = await browser.openTab();
    await a.dispatch({ type: 'enqueue', trackIds: ['t1', 't2'] });
    const before = a.state;

    await expect(a.dispatch({ type: 'move', entryId: before.queue[0]!.entryId, toIndex: 7 })).rejects.toThrow(
      'Cannot move to position 8: the queue has 2 entries.',
    );
    expect(a.state).toBe(before);
  });
});
