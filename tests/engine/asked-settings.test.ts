/**
 * Steps go from what this tab asked for while it is on its way (engine/asked-settings.ts): two quick
 * presses of ↓ or → make two steps, where going from the state (which has not got the first yet) made one.
 */

import { afterEach, describe, expect, it } from 'vitest';
import { perform } from '../../src/app/intents';
import { type Browser, newBrowser } from '../support/tabs';

describe('the volume a step goes from', () => {
  let browser: Browser;
  afterEach(() => browser.close());

  it('is the newest asked for while it is on its way, so two quick steps down make two steps', async () => {
    browser = newBrowser();
    const tab = await browser.openTab();
    expect(tab.volumeAsked).toBe(tab.state.volume);
    const first = tab.dispatch({ type: 'setVolume', volume: Math.round((tab.volumeAsked - 0.05) * 100) / 100 });
    // Asked before the first is committed: the state still has the old volume.
    const from = tab.volumeAsked;
    const second = tab.dispatch({ type: 'setVolume', volume: Math.round((from - 0.05) * 100) / 100 });
    await Promise.all([first, second]);
    expect(from).toBe(0.95);
    expect(tab.state.volume).toBe(0.9);
    expect(tab.volumeAsked).toBe(0.9);
  });

  it('is the state’s again once what was asked is settled, refused or not', async () => {
    browser = newBrowser();
    const tab = await browser.openTab();
    await expect(tab.dispatch({ type: 'setVolume', volume: 7 })).rejects.toThrow();
    expect(tab.volumeAsked).toBe(tab.state.volume);
    await tab.dispatch({ type: 'setVolume', volume: 0.4 });
    expect(tab.volumeAsked).toBe(0.4);
  });
});

describe('the place a skip goes from', () => {
  let browser: Browser;
  afterEach(() => browser.close());

  /** A tab whose clock the test moves, paused 30 s into a track, with another track queued. */
  async function pausedAt30() {
    let clock = 1_000_000;
    browser = newBrowser();
    const tab = await browser.openTab({ locks: null, now: () => clock });
    await tab.dispatch({ type: 'enqueue', trackIds: ['t2'] });
    await tab.dispatch({ type: 'play', trackId: 't1', tabId: tab.tabId });
    await tab.dispatch({ type: 'pause', positionSeconds: 30 });
    return { tab, tick: (ms: number) => (clock += ms) };
  }

  it('is the newest seek on its way, so two quick presses of → skip twice', async () => {
    const { tab } = await pausedAt30();
    const first = perform(tab, { type: 'skipBy', seconds: 5 });
    // Asked before the first is committed: the state is still at 30 s.
    expect(tab.state.positionSeconds).toBe(30);
    expect(tab.positionAsked()).toBe(35);
    const second = perform(tab, { type: 'skipBy', seconds: 5, durationSeconds: 200 });
    await Promise.all([first, second]);
    expect(tab.state.positionSeconds).toBe(40);
    expect(tab.positionAsked()).toBe(40);
  });

  it('plays on from the seek on its way while the track plays', async () => {
    const { tab, tick } = await pausedAt30();
    await tab.dispatch({ type: 'resume', tabId: tab.tabId });
    await tab.settled();
    const seek = tab.dispatch({ type: 'seek', positionSeconds: 50 });
    tick(2000);
    expect(tab.positionAsked()).toBe(52);
    await seek;
    expect(tab.positionAsked()).toBe(52);
  });

  it('is the new track’s place once a Next follows the seek, and stays within the track', async () => {
    const { tab } = await pausedAt30();
    const seek = tab.dispatch({ type: 'seek', positionSeconds: 90 });
    const next = tab.dispatch({ type: 'next' });
    expect(tab.positionAsked()).toBe(30);
    await Promise.all([seek, next]);
    expect(tab.state.currentTrackId).toBe('t2');
    expect(tab.positionAsked()).toBe(0);
    await perform(tab, { type: 'skipBy', seconds: -10, durationSeconds: 200 });
    expect(tab.state.positionSeconds).toBe(0);
  });
});
