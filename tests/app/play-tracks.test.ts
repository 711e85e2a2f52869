import { afterEach, describe, expect, it } from 'vitest';
import { perform } from '../../src/app/intents';
import { playTracksIntents, shuffled } from '../../src/app/play-tracks';
import { mulberry32 } from '../../src/engine/model/seeded-random';
import type { PlaybackEngine } from '../../src/engine/playback-engine';
import { type Browser, eventually, newBrowser } from '../support/tabs';

const queueOf = (engine: PlaybackEngine) => engine.state.queue.map((entry) => entry.trackId);
const ALBUM = ['d1t1', 'd1t2', 'd2t1', 'd2t2'];

/** What a press of Play album (or Shuffle album) does in a tab: its intents, in order, as the app performs them. */
async function press(engine: PlaybackEngine, trackIds: readonly string[], shuffle = false): Promise<void> {
  await Promise.all(playTracksIntents(trackIds, shuffle).map((intent) => perform(engine, intent)));
}

describe('playing a whole album or artist', () => {
  let browser: Browser;
  afterEach(() => browser.close());

  it('plays the first track and makes the rest the queue, replacing what was queued, in both tabs', async () => {
    browser = newBrowser();
    const [a, b] = [await browser.openTab(), await browser.openTab()];
    await perform(a, { type: 'enqueue', trackIds: ['old1', 'old2'] });

    await press(a, ALBUM);

    for (const tab of [a, b]) {
      await eventually(() => tab.state.currentTrackId === 'd1t1' && queueOf(tab).join() === 'd1t2,d2t1,d2t2', 'the album is playing');
      expect(tab.state.playing).toBe(true);
      expect(tab.state.ownerTabId).toBe(a.tabId);
    }
  });

  it('Undo after it brings the old queue back', async () => {
    browser = newBrowser();
    const a = await browser.openTab();
    await perform(a, { type: 'enqueue', trackIds: ['old1', 'old2'] });
    await press(a, ALBUM);
    while (a.canUndo && queueOf(a).join() !== 'old1,old2') await perform(a, { type: 'undo' });
    expect(queueOf(a)).toEqual(['old1', 'old2']);
  });

  it('a one-track album plays it and leaves nothing queued; no tracks does nothing', async () => {
    browser = newBrowser();
    const a = await browser.openTab();
    await perform(a, { type: 'enqueue', trackIds: ['old1'] });
    expect(playTracksIntents([])).toEqual([]);

    await press(a, ['solo']);
    expect(a.state.currentTrackId).toBe('solo');
    expect(queueOf(a)).toEqual([]);
  });

  it('shuffled: every track once, the first playing and the others queued, the same in both tabs', async () => {
    browser = newBrowser();
    const [a, b] = [await browser.openTab(), await browser.openTab()];
    await press(a, ALBUM, true);
    await eventually(() => b.state.rev === a.state.rev, 'B caught up');
    const played = [a.state.currentTrackId, ...queueOf(a)];
    expect([...played].sort()).toEqual([...ALBUM].sort());
    expect([b.state.currentTrackId, ...queueOf(b)]).toEqual(played);
  });

  it('shuffled() returns a permutation and leaves its input alone', () => {
    const random = mulberry32(7);
    const input = Array.from({ length: 50 }, (_, i) => i);
    const orders = new Set<string>();
    for (let run = 0; run < 20; run++) {
      const out = shuffled(input, random);
      expect([...out].sort((x, y) => x - y)).toEqual(input);
      orders.add(out.join());
    }
    expect(input).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(orders.size).toBe(20);
  });
});
