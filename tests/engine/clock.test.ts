import { afterEach, describe, expect, it } from 'vitest';
import { positionAt } from '../../src/engine/model/state';
import { type Browser, eventually, newBrowser } from '../support/tabs';

describe('a system clock that jumps backwards', () => {
  let browser: Browser;
  afterEach(() => browser.close());

  it('does not change the order of changes: revisions, not clocks, decide', async () => {
    browser = newBrowser();
    let now = Date.parse('2026-11-24T12:00:00Z');
    const clock = () => now;
    const [a, b] = [await browser.openTab({ now: clock }), await browser.openTab({ now: clock })];

    await a.dispatch({ type: 'enqueue', trackIds: ['first'] });
    now -= 60 * 60 * 1000; // an hour back, as after a bad NTP sync
    await b.dispatch({ type: 'enqueue', trackIds: ['second'] });
    now -= 24 * 60 * 60 * 1000;
    await a.dispatch({ type: 'enqueue', trackIds: ['third'] });

    await eventually(() => b.state.rev === a.state.rev, 'B in sync');
    for (const tab of [a, b]) expect(tab.state.queue.map((entry) => entry.trackId)).toEqual(['first', 'second', 'third']);
  });

  it('never shows a position before the last checkpoint, however far back the clock goes', async () => {
    browser = newBrowser();
    let now = 1_000_000;
    const a = await browser.openTab({ now: () => now });
    await a.startPlayback({ type: 'play', trackId: 't1' });
    await a.checkpoint('t1', 83, true);

    now -= 10 * 60 * 1000;

    expect(positionAt(a.state, now)).toBe(83);
  });

  it('does not stop the sound’s tab from writing checkpoints', async () => {
    browser = newBrowser();
    let now = 5_000_000;
    const a = await browser.openTab({ now: () => now });
    await a.startPlayback({ type: 'play', trackId: 't1' });
    await a.checkpoint('t1', 10);
    now -= 60_000;

    const written = a.checkpoint('t1', 11);

    expect(written).not.toBeNull();
    await written;
    expect(a.state.positionSeconds).toBe(11);
  });
});
