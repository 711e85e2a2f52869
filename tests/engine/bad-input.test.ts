import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, STATE_UPDATED, topicFor } from '../../src/engine/model/events';
import { mulberry32 } from '../../src/engine/model/seeded-random';
import { PLAYBACK_STATES, QUEUE_ENTRIES } from '../../src/engine/storage/database';
import { type Browser, eventually, newBrowser } from '../support/tabs';

/** A random value of any shape, sometimes almost an event: the channel must survive all of them. */
function garbage(random: () => number, topic: string, depth = 0): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const scalar = () =>
    pick<unknown>([
      null,
      undefined,
      true,
      0,
      -1,
      NaN,
      Infinity,
      -Infinity,
      2 ** 53 + 7,
      1e308,
      '',
      'x'.repeat(1000),
      '<img src=x onerror=alert(1)>',
      'playback_state_updated',
      topic,
      Symbol.for('x').description,
      [],
      {},
    ]);
  const roll = random();
  if (depth > 2 || roll < 0.3) return scalar();
  if (roll < 0.45) return Array.from({ length: Math.floor(random() * 4) }, () => garbage(random, topic, depth + 1));
  // Near misses: an envelope with one or more fields wrong.
  const event: Record<string, unknown> = {
    v: pick([PROTOCOL_VERSION, 0, -1, '1', null, 1.5]),
    id: pick(['e1', '', 42, null]),
    type: pick([STATE_UPDATED, 'unknown_type', '', 7]),
    topic: pick([topic, 'playback:OTHERDEVICE00000', '', null]),
    source: pick(['intruder', '', null, 3]),
    rev: pick([1, 2, -1, 1e15, 2 ** 60, NaN, '2', null, 999_999]),
    data: pick([
      null,
      {},
      { baseRev: 0, at: 1, actions: ['seek'], patch: { set: { positionSeconds: -5 } } },
      { baseRev: 0, at: 1, actions: ['seek'], patch: { set: { volume: 7 } } },
      { baseRev: 0, at: 1, actions: ['enqueue'], patch: { putEntries: [{ entryId: 1, trackId: 't', order: 'a0' }] } },
      { baseRev: 5, at: 1, actions: [], patch: { set: { repeat: 'sometimes' } } },
      { baseRev: 0, at: 'now', actions: [], patch: {} },
      garbage(random, topic, depth + 1),
    ]),
  };
  // Make every one of them invalid in at least one way, so none can be a real change.
  if (
    event.v === PROTOCOL_VERSION &&
    event.id === 'e1' &&
    event.type === STATE_UPDATED &&
    event.topic === topic &&
    event.source === 'intruder' &&
    typeof event.rev === 'number' &&
    Number.isSafeInteger(event.rev) &&
    event.rev > 0
  ) {
    event.data = { baseRev: 0, at: 1, actions: ['seek'], patch: { set: { positionSeconds: NaN } } };
  }
  return event;
}

describe('bad input', () => {
  let browser: Browser;
  afterEach(() => browser.close());

  it('10,000 malformed messages on the channel change nothing, throw nothing, and sync goes on', async () => {
    browser = newBrowser();
    const [a, b] = [await browser.openTab(), await browser.openTab()];
    await a.startPlayback({ type: 'play', trackId: 't1' });
    await eventually(() => b.state.rev === a.state.rev, 'B in sync');
    const before = b.state;
    const receivedBefore = b.channelStats.received;
    const intruder = new BroadcastChannel(topicFor(browser.deviceId));
    const random = mulberry32(7);

    for (let i = 0; i < 10_000; i++) {
      const message = garbage(random, topicFor(browser.deviceId));
      try {
        intruder.postMessage(message);
      } catch {
        // Not cloneable (a Symbol, say): it never reaches the channel, which is the point.
      }
    }
    await eventually(() => b.channelStats.received >= 9_000, 'B received the garbage', 10_000);
    intruder.close();

    expect(b.state).toBe(before);
    const rejected = Object.values(b.channelStats.rejected).reduce((sum, count) => sum + count, 0);
    expect(rejected).toBe(b.channelStats.received - receivedBefore);
    expect(b.readOnly).toBe(false);
    await a.dispatch({ type: 'enqueue', trackIds: ['t2'] });
    await eventually(() => b.state.queue.length === 1, 'B still syncs real changes');
  });

  it('a well-formed event from a newer protocol version stops writing and asks for a reload', async () => {
    browser = newBrowser();
    const b = await browser.openTab();
    const notices: string[] = [];
    b.on('notice', (notice) => notices.push(notice.kind));
    const newer = new BroadcastChannel(topicFor(browser.deviceId));

    newer.postMessage({
      v: PROTOCOL_VERSION + 1,
      id: 'future',
      type: 'playback_state_updated_v2',
      topic: topicFor(browser.deviceId),
      source: 'tab-from-the-future',
      rev: 99,
      data: { anything: true },
    });
    await eventually(() => b.readOnly, 'B stops writing');
    newer.close();

    expect(notices).toEqual(['read-only']);
    await expect(b.dispatch({ type: 'seek', positionSeconds: 3 })).rejects.toThrow(/newer version/);
    const a = await browser.openTab();
    await a.dispatch({ type: 'enqueue', trackIds: ['t1'] });
    await eventually(() => b.state.queue.length === 1, 'B still shows changes from other tabs');
  });

  it('a corrupt stored record is replaced by a sane state that keeps what is valid, reported once', async () => {
    browser = newBrowser();
    const store = await browser.openStore();
    const db = (store as unknown as { db: import('../../src/engine/storage/database').MediaStreamDatabase }).db;
    await db.put(PLAYBACK_STATES, {
      deviceId: browser.deviceId,
      rev: 41,
      currentTrackId: 't2',
      positionSeconds: NaN,
      positionAt: -3,
      playing: 'yes',
      volume: 0.5,
      muted: false,
      rate: 1,
      shuffle: false,
      repeat: 'sometimes',
      ownerTabId: null,
      history: ['t1'],
      queue: { length: 2, rev: 40 },
      insertedAt: 'yesterday',
      updatedAt: '2026-11-23T10:00:00.000Z',
    } as never);
    await db.put(QUEUE_ENTRIES, { deviceId: browser.deviceId, entryId: 'e1', trackId: 't3', order: 'a0' });
    await db.put(QUEUE_ENTRIES, { deviceId: browser.deviceId, entryId: 'e2', trackId: 42, order: 'a1' } as never);

    const tab = await browser.openTab();

    expect(tab.state).toMatchObject({
      currentTrackId: 't2',
      volume: 0.5,
      history: ['t1'],
      positionSeconds: 0,
      playing: false,
      repeat: 'off',
    });
    expect(tab.state.queue.map((entry) => entry.trackId)).toEqual(['t3']);
    expect(tab.state.rev).toBe(42);
    expect(tab.repairs.join(' ')).toMatch(/position/);
    expect(tab.repairs.join(' ')).toMatch(/repeat mode/);
    const reopened = await browser.openTab();
    expect(reopened.state.rev).toBe(42);
    expect(reopened.repairs).toEqual([]);
  });

  it('unknown track ids are dropped once the catalog is known, keeping the rest', async () => {
    browser = newBrowser();
    const tab = await browser.openTab();
    await tab.startPlayback({ type: 'play', trackId: 'gone' });
    await tab.dispatch({ type: 'enqueue', trackIds: ['t1', 'gone', 't2'] });

    const known = new Set(['t1', 't2']);
    await tab.dispatch({ type: 'forgetTracks', isKnown: (id) => known.has(id) });

    expect(tab.state.currentTrackId).toBeNull();
    expect(tab.state.queue.map((entry) => entry.trackId)).toEqual(['t1', 't2']);
  });
});
