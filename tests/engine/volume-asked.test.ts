import { afterEach, describe, expect, it } from 'vitest';
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
