import { afterEach, describe, expect, it } from 'vitest';
import { ActionError, type ActionInput } from '../../src/engine/model/actions';
import { parseEvent } from '../../src/engine/model/event-validation';
import { applyEvent, type PlaybackEvent, topicFor } from '../../src/engine/model/events';
import { mulberry32 } from '../../src/engine/model/seeded-random';
import { initialState } from '../../src/engine/model/state';
import type { PlaybackEngine } from '../../src/engine/playback-engine';
import { recordChannel } from '../support/channels';
import { type Browser, eventually, newBrowser } from '../support/tabs';

const TABS = 4;
const ACTIONS_PER_TAB = 2000;

/**
 * A random action a person might make in this tab; track ids are unique per enqueue, so each can be traced.
 * No clearQueue: it would hide an entry added in the same batch, and it has tests of its own.
 */
function randomAction(tab: PlaybackEngine, tabIndex: number, serial: number, random: () => number): ActionInput {
  const queue = tab.state.queue;
  const someEntry = () => queue[Math.floor(random() * queue.length)];
  const roll = random();
  if (roll < 0.35 || queue.length === 0) return { type: 'enqueue', trackIds: [`tab${tabIndex}-${serial}`] };
  if (roll < 0.45) return { type: 'playNext', trackIds: [`tab${tabIndex}-${serial}`] };
  if (roll < 0.65) return { type: 'remove', entryId: someEntry()!.entryId };
  if (roll < 0.8) return { type: 'move', entryId: someEntry()!.entryId, toIndex: Math.floor(random() * queue.length) };
  if (roll < 0.87) return { type: 'next' };
  if (roll < 0.93) return { type: 'seek', positionSeconds: Math.floor(random() * 180) };
  if (roll < 0.97) return { type: 'setVolume', volume: Math.round(random() * 100) / 100 };
  return { type: 'previous' };
}

describe('convergence under concurrency', () => {
  let browser: Browser;
  afterEach(() => browser.close());

  it(`${TABS} tabs firing ${ACTIONS_PER_TAB} random actions each end identical, with nothing lost`, async () => {
    browser = newBrowser();
    const recorder = recordChannel(topicFor(browser.deviceId));
    const tabs = await Promise.all(Array.from({ length: TABS }, () => browser.openTab()));
    const random = mulberry32(20261124);
    const committedTracks = new Set<string>();

    // Interleave: each round every tab fires a few actions without waiting, then yields to the others.
    const inFlight: Promise<unknown>[] = [];
    for (let serial = 0; serial < ACTIONS_PER_TAB; serial++) {
      tabs.forEach((tab, tabIndex) => {
        const action = randomAction(tab, tabIndex, serial, random);
        const done = tab.dispatch(action).then(
          () => {
            if ('trackIds' in action) for (const id of action.trackIds ?? []) committedTracks.add(id);
          },
          (error: unknown) => {
            // A move of an entry another tab just removed, or to a place past the end of a queue that other
            // tabs just shortened, is refused with a message; nothing else may fail.
            if (!(error instanceof ActionError && action.type === 'move')) throw error;
          },
        );
        inFlight.push(done);
      });
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await Promise.all(inFlight);
    const store = await browser.openStore();
    const stored = await store.readSince(initialState(browser.deviceId), Date.now());
    await eventually(() => tabs.every((tab) => tab.state.rev === stored.rev), 'every tab reaches the stored rev', 20_000);
    recorder.close();

    // Every tab equals the stored record.
    for (const tab of tabs) expect(tab.state).toEqual(stored);

    // The broadcast events, replayed from nothing, give the stored state: none missing, none out of order.
    const events = recorder.messages
      .map((message) => parseEvent(message, store.topic))
      .filter((parsed) => parsed.ok)
      .map((parsed) => (parsed as { event: PlaybackEvent }).event)
      .sort((x, y) => x.rev - y.rev);
    expect(events.map((event) => event.rev)).toEqual(Array.from({ length: stored.rev }, (_, i) => i + 1));
    const replayed = events.reduce(applyEvent, initialState(browser.deviceId));
    expect(replayed.queue).toEqual(stored.queue);

    // Every entry that was added and not since removed, played or cleared is in the queue exactly once.
    const trackOfEntry = new Map<string, string>();
    const alive = new Set<string>();
    for (const { data } of events) {
      if (data.patch.clearQueue) alive.clear();
      for (const entryId of data.patch.removeEntries ?? []) alive.delete(entryId);
      for (const entry of data.patch.putEntries ?? []) {
        trackOfEntry.set(entry.entryId, entry.trackId);
        alive.add(entry.entryId);
      }
    }
    expect(new Set(stored.queue.map((entry) => entry.entryId))).toEqual(alive);
    expect(stored.queue.length).toBe(alive.size);
    // And every committed add reached the queue, or (several actions committed together) went straight on
    // to being the current track or into the history.
    const reached = new Set([...trackOfEntry.values()]);
    for (const { data } of events) {
      if (data.patch.set?.currentTrackId) reached.add(data.patch.set.currentTrackId);
      for (const trackId of data.patch.set?.history ?? []) reached.add(trackId);
    }
    expect([...committedTracks].filter((trackId) => !reached.has(trackId))).toEqual([]);
    expect(committedTracks.size).toBeGreaterThan(TABS * ACTIONS_PER_TAB * 0.3);
    // Interleaved for real: many separate transactions, not a few big batches. (Seeks and volume or rate
    // changes are paced to one commit per 100 ms, so bursts of them merge; how many merge depends on how
    // fast the machine runs the tabs: 188 commits at load average 14, against more than 250 when quiet.)
    expect(stored.rev).toBeGreaterThan(ACTIONS_PER_TAB / 20);

    // The event log keeps the newest revisions with no gap.
    const db = await (await import('idb')).openDB('mediastream');
    const loggedRevs = (await db.getAllKeys('events')).map((key) => (key as [string, number])[1]);
    db.close();
    expect(loggedRevs.length).toBeGreaterThan(0);
    expect(loggedRevs).toEqual(Array.from({ length: loggedRevs.length }, (_, i) => loggedRevs[0]! + i));
    expect(loggedRevs[loggedRevs.length - 1]).toBe(stored.rev);
  });
});
