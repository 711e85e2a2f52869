/**
 * A committed change says why its actions were dispatched (`cause.roles`): the sync bridge tells its own
 * mirroring from a person's change by it, even when the two were committed in one batch.
 */

import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeCause, PlaybackEngine } from '../../src/engine/playback-engine';
import { changedBy } from '../../src/remote/mapping';
import { type Browser, newBrowser } from '../support/tabs';

describe('the roles of a committed change', () => {
  let browser: Browser;
  afterEach(() => browser.close());

  /** A tab with nothing of its own on the way: without Web Locks it takes no sound, nor says nobody plays. */
  const quietTab = (): Promise<PlaybackEngine> => browser.openTab({ locks: null });

  it("a person's action that waited behind the bridge's is committed with the bridge's, and the batch is the person's", async () => {
    browser = newBrowser();
    const tab = await quietTab();
    await tab.dispatch({ type: 'enqueue', trackIds: ['t2'] });
    await tab.dispatch({ type: 'play', trackId: 't1', tabId: tab.tabId });
    await tab.settled();
    const causes: ChangeCause[] = [];
    tab.on('state', ({ cause }) => causes.push(cause));

    // The first goes out alone; the two made while it is on its way go out together, as one commit.
    await Promise.all([
      tab.dispatch({ type: 'seek', positionSeconds: 3 }, 'mirror'),
      tab.dispatch({ type: 'pause', positionSeconds: 4 }, 'mirror'),
      tab.dispatch({ type: 'next' }),
    ]);

    expect(causes).toHaveLength(2);
    expect(causes[0]).toEqual({ kind: 'local', actions: ['seek'], roles: ['mirror'] });
    expect(causes[1]).toMatchObject({ kind: 'local', actions: ['pause', 'next'] });
    expect(causes[1]?.kind === 'local' && [...causes[1].roles].sort()).toEqual(['change', 'mirror']);
    expect(causes.map(changedBy)).toEqual(['bridge', 'person']);
  });

  it('an action that was refused does not lend its role to the batch', async () => {
    browser = newBrowser();
    const tab = await quietTab();
    const causes: ChangeCause[] = [];
    tab.on('state', ({ cause }) => causes.push(cause));

    const first = tab.dispatch({ type: 'enqueue', trackIds: ['t1'] }, 'remote');
    const refused = tab.dispatch({ type: 'move', entryId: 'no-such-entry', toIndex: 0 });
    const mirrored = tab.dispatch({ type: 'setVolume', volume: 0.5 }, 'mirror');
    await first;
    await expect(refused).rejects.toThrow('no longer in the queue');
    await mirrored;

    expect(causes.map((cause) => cause.kind === 'local' && cause.roles)).toEqual([['remote'], ['mirror']]);
    expect(tab.state.volume).toBe(0.5);
    expect(causes.map(changedBy)).toEqual(['bridge', 'bridge']);
  });

  it("another tab's change, and one re-read from the store, are a person's; a checkpoint or the sound's tab going away are the player's", async () => {
    browser = newBrowser();
    const [a, b] = [await browser.openTab(), await browser.openTab()];
    const heard = new Promise<ChangeCause>((resolve) => b.on('state', ({ cause }) => resolve(cause)));
    await a.dispatch({ type: 'enqueue', trackIds: ['t1'] });
    const cause = await heard;

    expect(cause).toMatchObject({ kind: 'remote', actions: ['enqueue'] });
    expect(changedBy(cause)).toBe('person');
    expect(changedBy({ kind: 'resync' })).toBe('person');
    expect(changedBy({ kind: 'local', actions: ['checkpoint'], roles: ['change'] })).toBe('player');
    expect(changedBy({ kind: 'remote', actions: ['ownerGone'], source: 'tab-x' })).toBe('player');
  });
});
