import { afterEach, describe, expect, it } from 'vitest';
import { audioLockName, soundLockName } from '../../src/engine/sync/audio-ownership';
import { DeafenableChannel } from '../support/channels';
import { type Browser, eventually, newBrowser } from '../support/tabs';

describe('sound from one tab', () => {
  let browser: Browser;
  afterEach(() => browser.close());

  it('the tab that starts playback holds the sound lock and is the one to output sound', async () => {
    browser = newBrowser();
    const [a, b] = [await browser.openTab(), await browser.openTab()];

    await a.startPlayback({ type: 'play', trackId: 't1' });
    await eventually(() => b.state.playing, 'B sees playing');

    expect(browser.locks.holderOf(audioLockName(browser.deviceId))).toBe(a.tabId);
    expect(a.shouldOutputSound).toBe(true);
    expect(b.shouldOutputSound).toBe(false);
  });

  it('starting playback in another tab moves the sound there and tells the old tab at once', async () => {
    browser = newBrowser();
    const [a, b] = [await browser.openTab(), await browser.openTab()];
    await a.startPlayback({ type: 'play', trackId: 't1' });
    const heardByA: boolean[] = [];
    a.on('ownership', ({ holder }) => heardByA.push(holder));

    await b.startPlayback({ type: 'resume' });

    await eventually(() => heardByA.includes(false), 'A is told it lost the sound');
    await eventually(() => a.state.ownerTabId === b.tabId, 'A sees B as the owner');
    expect(a.shouldOutputSound).toBe(false);
    expect(b.shouldOutputSound).toBe(true);
    expect(browser.locks.holderOf(audioLockName(browser.deviceId))).toBe(b.tabId);
  });

  it('the tab taking the sound outputs it only once the tab losing it has been told and is silent', async () => {
    browser = newBrowser();
    let channelOfA: DeafenableChannel | undefined;
    const a = await browser.openTab({ openChannel: (name) => (channelOfA = new DeafenableChannel(name)) });
    const b = await browser.openTab();
    await a.startPlayback({ type: 'play', trackId: 't1' });
    await eventually(() => b.state.playing, 'B sees playing');
    let bothAtOnce = false;
    const look = () => (bothAtOnce ||= a.shouldOutputSound && b.shouldOutputSound);
    for (const tab of [a, b]) for (const kind of ['state', 'ownership'] as const) tab.on(kind, look);
    // A is busy: it hears neither that its lock was stolen nor what B commits, until it gets to them.
    const newsForA = browser.locks.delayNewsOfSteals(a.tabId);
    channelOfA!.deaf = true;

    let taken = false;
    const taking = b.startPlayback({ type: 'resume' }).then(() => (taken = true));
    // B gets as far as it can without A: it has taken the sound, or it waits for A to let go of it.
    await eventually(() => taken || browser.locks.waitingFor(soundLockName(browser.deviceId)).includes(b.tabId), 'B goes ahead');
    look();
    expect(b.shouldOutputSound).toBe(false);
    newsForA.deliver();
    await taking;

    expect(a.shouldOutputSound).toBe(false);
    expect(b.shouldOutputSound).toBe(true);
    expect(bothAtOnce).toBe(false);
  });

  it('a Play committed late by a tab that has lost the sound since does not leave the sound nowhere', async () => {
    browser = newBrowser();
    const [a, b] = [await browser.openTab(), await browser.openTab()];
    await a.startPlayback({ type: 'play', trackId: 't1' });
    await b.startPlayback({ type: 'resume' });
    await eventually(() => a.state.ownerTabId === b.tabId && !a.holdsAudio, 'A knows B has the sound');

    // A's own resume from before it lost the sound reaches the store only now (its commit was slow).
    const { state: late } = await a.dispatch({ type: 'resume', tabId: a.tabId });
    await eventually(() => b.state.rev >= late.rev, 'B has seen it');

    await eventually(() => a.state.ownerTabId === b.tabId && b.state.ownerTabId === b.tabId, 'every tab shows where the sound is');
    expect(b.shouldOutputSound).toBe(true);
    expect(a.shouldOutputSound).toBe(false);
  });

  it('a tab that holds the sound and never answers (frozen) cannot keep another tab from taking it', async () => {
    browser = newBrowser();
    const [a, b] = [await browser.openTab(), await browser.openTab()];
    await a.startPlayback({ type: 'play', trackId: 't1' });
    await a.dispatch({ type: 'pause' });
    browser.locks.delayNewsOfSteals(a.tabId);

    await b.startPlayback({ type: 'resume' });

    expect(b.shouldOutputSound).toBe(true);
    expect(browser.locks.holderOf(soundLockName(browser.deviceId))).toBe(b.tabId);
  });

  it('a tab that stopped writing (a newer version is open) cannot take the sound from the tab playing', async () => {
    browser = newBrowser();
    const [a, old] = [await browser.openTab(), await browser.openTab()];
    await a.startPlayback({ type: 'play', trackId: 't1' });
    old.becomeReadOnly('A newer version of MediaStream is open in another tab.');

    await expect(old.startPlayback({ type: 'resume' })).rejects.toThrow(/newer version/);

    expect(browser.locks.holderOf(audioLockName(browser.deviceId))).toBe(a.tabId);
    expect(a.shouldOutputSound).toBe(true);
  });

  it('where the browser denies Web Locks (site data blocked), the tab that plays outputs the sound', async () => {
    browser = newBrowser();
    const denied = new DOMException('The request was denied.', 'SecurityError');
    const tab = await browser.openTab({ locks: { request: (() => Promise.reject(denied)) as LockManager['request'] } });

    await tab.startPlayback({ type: 'play', trackId: 't1' });

    expect(tab.holdsAudio).toBe(true);
    expect(tab.shouldOutputSound).toBe(true);
  });

  it('when the sound’s tab crashes, the others show paused at its last checkpoint', async () => {
    browser = newBrowser();
    const [a, b] = [await browser.openTab(), await browser.openTab()];
    await a.startPlayback({ type: 'play', trackId: 't1' });
    await a.checkpoint('t1', 83.4, true);
    await eventually(() => b.state.positionSeconds === 83.4, 'B has the checkpoint');

    browser.locks.crash(a.tabId);

    await eventually(() => !b.state.playing, 'B shows paused');
    expect(b.state.positionSeconds).toBe(83.4);
    expect(b.state.currentTrackId).toBe('t1');
  });

  it('after the owner is gone, play in a remaining tab continues from the same position', async () => {
    browser = newBrowser();
    const [a, b] = [await browser.openTab(), await browser.openTab()];
    await a.startPlayback({ type: 'play', trackId: 't1' });
    await a.checkpoint('t1', 45, true);
    a.close();
    await eventually(() => b.state.rev > 0 && !b.state.playing, 'B shows paused');

    await b.startPlayback({ type: 'resume' });

    expect(b.state).toMatchObject({ playing: true, positionSeconds: 45, ownerTabId: b.tabId });
    expect(b.shouldOutputSound).toBe(true);
  });

  it('only the sound’s tab writes checkpoints, at most once a second unless asked to write now', async () => {
    browser = newBrowser();
    let now = 1_000_000;
    const a = await browser.openTab({ now: () => now });
    const b = await browser.openTab({ now: () => now });
    await a.startPlayback({ type: 'play', trackId: 't1' });

    expect(b.checkpoint('t1', 5)).toBeNull();
    // The play itself stored where the music is: the regular checkpoint comes a second after it.
    expect(a.checkpoint('t1', 0.1)).toBeNull();
    now += 1000;
    const first = a.checkpoint('t1', 1);
    now += 400;
    const tooSoon = a.checkpoint('t1', 1.4);
    now += 700;
    const second = a.checkpoint('t1', 2.1);
    const immediate = a.checkpoint('t1', 2.2, true);

    expect(first).not.toBeNull();
    expect(tooSoon).toBeNull();
    expect(second).not.toBeNull();
    expect(immediate).not.toBeNull();
    await Promise.all([first, second, immediate]);
    expect(a.state.positionSeconds).toBe(2.2);
  });

  it('a position another tab stores (its seek) puts off the sound’s tab’s next regular checkpoint by a second', async () => {
    browser = newBrowser();
    let now = 1_000_000;
    const a = await browser.openTab({ now: () => now });
    const b = await browser.openTab({ now: () => now });
    await a.startPlayback({ type: 'play', trackId: 't1' });
    now += 1500;
    await b.dispatch({ type: 'seek', positionSeconds: 60 });
    await expect.poll(() => a.state.positionSeconds).toBe(60);
    const rev = a.state.rev;

    now += 500;
    expect(a.checkpoint('t1', 60.5)).toBeNull();
    now += 500;
    await a.checkpoint('t1', 61);
    expect(a.state).toMatchObject({ positionSeconds: 61, rev: rev + 1 });
  });

  it('a paused player writes no checkpoints', async () => {
    browser = newBrowser();
    const a = await browser.openTab();
    await a.startPlayback({ type: 'play', trackId: 't1' });
    await a.dispatch({ type: 'pause', positionSeconds: 10 });
    const rev = a.state.rev;

    expect(a.checkpoint('t1', 10)).toBeNull();
    // The page going hidden or away reports at once; the same paused position is not written again.
    await a.checkpoint('t1', 10, true);
    await a.checkpoint('t1', 10, true);
    expect(a.state.rev).toBe(rev);
  });
});
