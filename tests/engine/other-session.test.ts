import { afterEach, describe, expect, it } from 'vitest';
import { type Browser, eventually, newBrowser } from '../support/tabs';

describe('several device ids in one browser', () => {
  let browser: Browser;
  afterEach(() => browser.close());

  it('a fresh device finds the session saved under the old id, and can take it back, paused, in every tab', async () => {
    browser = newBrowser('0000000000000A11');
    const old = await browser.openTab();
    await old.startPlayback({ type: 'play', trackId: 't2' });
    await old.dispatch({ type: 'enqueue', trackIds: ['t3', 't4'] });
    await old.checkpoint('t2', 83, true);
    old.close();
    // localStorage was cleared: the same browser (same IndexedDB) now has a new device id.
    const fresh = await browser.openTab({ deviceId: '0000000000000B22' });
    const sibling = await browser.openTab({ deviceId: '0000000000000B22' });

    const found = await fresh.findOtherSession();

    expect(found).toMatchObject({ deviceId: '0000000000000A11', currentTrackId: 't2', positionSeconds: 83 });
    await fresh.dispatch({ type: 'importSession', session: found! });
    await eventually(() => sibling.state.rev === fresh.state.rev, 'the other tab of the new device follows');
    expect(sibling.state).toMatchObject({ currentTrackId: 't2', positionSeconds: 83, playing: false });
    expect(sibling.state.queue.map((entry) => entry.trackId)).toEqual(['t3', 't4']);
  });

  it('a device that already has a session of its own is not offered another one', async () => {
    browser = newBrowser('0000000000000A11');
    const old = await browser.openTab();
    await old.dispatch({ type: 'enqueue', trackIds: ['t1'] });
    const other = await browser.openTab({ deviceId: '0000000000000B22' });
    await other.dispatch({ type: 'enqueue', trackIds: ['t9'] });

    expect(await other.findOtherSession()).toBeNull();
  });
});
