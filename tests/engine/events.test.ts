import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../src/engine/model/event-validation';
import { applyEvent, type PlaybackEvent, PROTOCOL_VERSION, STATE_UPDATED, topicFor } from '../../src/engine/model/events';
import { keysBetween } from '../../src/engine/model/order-key';
import { initialState, type PlaybackState, type QueueEntry } from '../../src/engine/model/state';

const DEVICE = 'A1B2C3D4E5F6A7B8';
const TOPIC = topicFor(DEVICE);
const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);

function queueOf(count: number): QueueEntry[] {
  const orders = keysBetween(null, null, count);
  return orders.map((order, i) => ({ entryId: `e${i + 1}`, trackId: `t${i + 1}`, order }));
}

/** A well-formed event as another tab of the same version sends it, as plain (cloned) data. */
function validMessage(): Record<string, unknown> & { data: Record<string, unknown> & { patch: Record<string, unknown> } } {
  return {
    v: PROTOCOL_VERSION,
    id: 'event-1',
    type: STATE_UPDATED,
    topic: TOPIC,
    source: 'tab-1',
    rev: 8,
    data: {
      baseRev: 7,
      at: T0 + 5000,
      actions: ['next', 'enqueue'],
      patch: {
        set: { currentTrackId: 't2', positionSeconds: 0, positionAt: T0 + 5000, history: ['t1'] },
        removeEntries: ['e1'],
        putEntries: [{ entryId: 'n1', trackId: 't9', order: 'b00V' }],
      },
    },
  };
}

function stateWith(overrides: Partial<PlaybackState> = {}): PlaybackState {
  return { ...initialState(DEVICE, T0), ...overrides };
}

describe('parseEvent', () => {
  it('accepts a well-formed event and returns its content', () => {
    const message = validMessage();

    const parsed = parseEvent(message, TOPIC);

    expect(parsed).toEqual({ ok: true, event: message });
  });

  it('accepts an event with an empty patch', () => {
    const message = validMessage();
    message.data.patch = {};

    const parsed = parseEvent(message, TOPIC);

    expect(parsed.ok).toBe(true);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'playback_state_updated'],
    ['a number', 8],
    ['an array', [validMessage()]],
  ])('rejects %s as not-an-object', (_, message) => {
    const parsed = parseEvent(message, TOPIC);

    expect(parsed).toEqual({ ok: false, reason: 'not-an-object' });
  });

  it.each<[string, string, unknown]>([
    ['a missing version', 'v', undefined],
    ['a version that is a string', 'v', '1'],
    ['a version of zero', 'v', 0],
    ['a fractional version', 'v', 1.5],
    ['a negative version', 'v', -1],
    ['a missing id', 'id', undefined],
    ['an empty id', 'id', ''],
    ['a numeric id', 'id', 42],
    ['a missing type', 'type', undefined],
    ['a numeric type', 'type', 1],
    ['a missing source', 'source', undefined],
    ['an empty source', 'source', ''],
    ['a source that is an object', 'source', { tab: 1 }],
    ['a missing rev', 'rev', undefined],
    ['a rev that is a string', 'rev', '8'],
    ['a negative rev', 'rev', -1],
    ['a fractional rev', 'rev', 8.5],
    ['a NaN rev', 'rev', Number.NaN],
    ['missing data', 'data', undefined],
    ['data that is a string', 'data', '{}'],
    ['data that is an array', 'data', []],
    ['data that is null', 'data', null],
  ])('rejects %s as bad-envelope', (_, field, value) => {
    const message: Record<string, unknown> = validMessage();
    if (value === undefined) delete message[field];
    else message[field] = value;

    const parsed = parseEvent(message, TOPIC);

    expect(parsed).toEqual({ ok: false, reason: 'bad-envelope' });
  });

  it.each<[string, unknown]>([
    ['another device', topicFor('0000000000000000')],
    ['no topic', undefined],
    ['a numeric topic', 7],
  ])('rejects an event for %s as wrong-topic', (_, topic) => {
    const message: Record<string, unknown> = validMessage();
    if (topic === undefined) delete message.topic;
    else message.topic = topic;

    const parsed = parseEvent(message, TOPIC);

    expect(parsed).toEqual({ ok: false, reason: 'wrong-topic' });
  });

  it('rejects an event type it does not know as unknown-type', () => {
    const message = { ...validMessage(), type: 'playback_track_liked' };

    const parsed = parseEvent(message, TOPIC);

    expect(parsed).toEqual({ ok: false, reason: 'unknown-type' });
  });

  it('reports a newer major version, with the version', () => {
    const message = { ...validMessage(), v: PROTOCOL_VERSION + 1 };

    const parsed = parseEvent(message, TOPIC);

    expect(parsed).toEqual({ ok: false, reason: 'newer-version', version: PROTOCOL_VERSION + 1 });
  });

  it('reports a newer version even for an event type it does not know', () => {
    const message = { ...validMessage(), v: PROTOCOL_VERSION + 3, type: 'something_new', data: { anything: true } };

    const parsed = parseEvent(message, TOPIC);

    expect(parsed).toEqual({ ok: false, reason: 'newer-version', version: PROTOCOL_VERSION + 3 });
  });

  it('does not take a malformed message with a higher version for a newer app', () => {
    const message: Record<string, unknown> = { ...validMessage(), v: PROTOCOL_VERSION + 1 };
    delete message.source;

    const parsed = parseEvent(message, TOPIC);

    expect(parsed).toEqual({ ok: false, reason: 'bad-envelope' });
  });

  it.each<[string, (data: Record<string, unknown>) => void]>([
    ['a missing baseRev', (data) => delete data.baseRev],
    ['a baseRev equal to the rev', (data) => (data.baseRev = 8)],
    ['a baseRev above the rev', (data) => (data.baseRev = 9)],
    ['a negative baseRev', (data) => (data.baseRev = -1)],
    ['a rev more than one above its baseRev', (data) => (data.baseRev = 6)],
    ['a missing time', (data) => delete data.at],
    ['a time that is a string', (data) => (data.at = '2025-01-01T12:00:00Z')],
    ['an infinite time', (data) => (data.at = Number.POSITIVE_INFINITY)],
    ['missing actions', (data) => delete data.actions],
    ['actions that are not strings', (data) => (data.actions = ['next', 3])],
    ['a missing patch', (data) => delete data.patch],
    ['a patch that is an array', (data) => (data.patch = [])],
  ])('rejects data with %s as bad-data', (_, spoil) => {
    const message = validMessage();
    spoil(message.data);

    const parsed = parseEvent(message, TOPIC);

    expect(parsed).toEqual({ ok: false, reason: 'bad-data' });
  });

  it.each<[string, Record<string, unknown>]>([
    ['a negative position', { set: { positionSeconds: -1 } }],
    ['a NaN position', { set: { positionSeconds: Number.NaN } }],
    ['a volume above 1', { set: { volume: 1.5 } }],
    ['a rate below the range', { set: { rate: 0.1 } }],
    ['an unknown repeat mode', { set: { repeat: 'sometimes' } }],
    ['a play state that is a string', { set: { playing: 'yes' } }],
    ['an empty current track id', { set: { currentTrackId: '' } }],
    ['a history with a number in it', { set: { history: ['t1', 2] } }],
    ['a field set to undefined', { set: { volume: undefined } }],
    ['a set that is an array', { set: [] }],
    ['a clearQueue that is not true', { clearQueue: false }],
    ['removals that are not ids', { removeEntries: ['e1', ''] }],
    ['removals that are not a list', { removeEntries: 'e1' }],
    ['an entry without an order key', { putEntries: [{ entryId: 'n1', trackId: 't1' }] }],
    ['an entry with an invalid order key', { putEntries: [{ entryId: 'n1', trackId: 't1', order: 'a0V0' }] }],
    ['an entry without a track', { putEntries: [{ entryId: 'n1', order: 'a0' }] }],
  ])('rejects a patch with %s as bad-data', (_, patch) => {
    const message = validMessage();
    message.data.patch = patch;

    const parsed = parseEvent(message, TOPIC);

    expect(parsed).toEqual({ ok: false, reason: 'bad-data' });
  });

  it('ignores fields it does not know, at every level, so newer minor versions still apply', () => {
    const message = validMessage();
    const extended = {
      ...message,
      trace: { spanId: 'abc' },
      data: {
        ...message.data,
        origin: 'keyboard',
        patch: {
          ...message.data.patch,
          set: { ...(message.data.patch.set as object), equalizer: 'rock' },
          putEntries: [{ entryId: 'n1', trackId: 't9', order: 'b00V', addedBy: 'alice' }],
          reorderHint: 'front',
        },
      },
    };

    const parsed = parseEvent(extended, TOPIC);

    expect(parsed).toEqual({ ok: true, event: message });
  });

  it('never throws, whatever arrives', () => {
    const odd: unknown[] = [
      Symbol('x'),
      () => 1,
      new Date(0),
      {
        v: 1,
        id: 'x',
        type: STATE_UPDATED,
        topic: TOPIC,
        source: 's',
        rev: 1,
        data: { baseRev: 0, at: 0, actions: [], patch: { set: null } },
      },
      { ...validMessage(), data: { ...validMessage().data, patch: { putEntries: [null, 1, 'x'] } } },
    ];

    for (const message of odd) expect(() => parseEvent(message, TOPIC)).not.toThrow();
    expect(odd.map((message) => parseEvent(message, TOPIC).ok)).toEqual([false, false, false, false, false]);
  });
});

describe('applyEvent', () => {
  it('applies the patch and stamps rev, queueRev and updatedAt when the queue changed', () => {
    const state = stateWith({ rev: 7, queueRev: 3, currentTrackId: 't1', queue: queueOf(2) });
    const parsed = parseEvent(validMessage(), TOPIC);
    if (!parsed.ok || parsed.event.type !== 'playback_state_updated') throw new Error(`valid event rejected: ${JSON.stringify(parsed)}`);

    const next = applyEvent(state, parsed.event);

    expect(next.rev).toBe(8);
    expect(next.queueRev).toBe(8);
    expect(next.updatedAt).toBe(new Date(T0 + 5000).toISOString());
    expect(next.currentTrackId).toBe('t2');
    expect(next.queue.map((entry) => entry.entryId)).toEqual(['e2', 'n1']);
  });

  it('keeps queueRev when the queue was not touched', () => {
    const state = stateWith({ rev: 7, queueRev: 3, queue: queueOf(2) });
    const event: PlaybackEvent = {
      v: PROTOCOL_VERSION,
      id: 'event-2',
      type: STATE_UPDATED,
      topic: TOPIC,
      source: 'tab-1',
      rev: 8,
      data: { baseRev: 7, at: T0 + 1000, actions: ['setVolume'], patch: { set: { volume: 0.4 } } },
    };

    const next = applyEvent(state, event);

    expect(next.rev).toBe(8);
    expect(next.queueRev).toBe(3);
    expect(next.volume).toBe(0.4);
    expect(next.queue).toBe(state.queue);
    expect(next.updatedAt).toBe(new Date(T0 + 1000).toISOString());
  });

  it('stamps insertedAt with the time of the first commit', () => {
    const state = initialState(DEVICE);
    const event: PlaybackEvent = {
      v: PROTOCOL_VERSION,
      id: 'event-first',
      type: STATE_UPDATED,
      topic: TOPIC,
      source: 'tab-1',
      rev: 1,
      data: { baseRev: 0, at: T0 + 3000, actions: ['setMuted'], patch: { set: { muted: true } } },
    };

    const next = applyEvent(state, event);

    expect(next.insertedAt).toBe(new Date(T0 + 3000).toISOString());
    expect(next.updatedAt).toBe(new Date(T0 + 3000).toISOString());
  });

  it('keeps insertedAt on later commits', () => {
    const state = stateWith({ rev: 7, insertedAt: new Date(T0 - 1000).toISOString() });
    const parsed = parseEvent(validMessage(), TOPIC);
    if (!parsed.ok || parsed.event.type !== 'playback_state_updated') throw new Error(`valid event rejected: ${JSON.stringify(parsed)}`);

    const next = applyEvent(state, parsed.event);

    expect(next.insertedAt).toBe(new Date(T0 - 1000).toISOString());
  });

  it('stamps the rev even for an event whose patch changes nothing', () => {
    const state = stateWith({ rev: 4, queueRev: 2 });
    const event: PlaybackEvent = {
      v: PROTOCOL_VERSION,
      id: 'event-3',
      type: STATE_UPDATED,
      topic: TOPIC,
      source: 'tab-1',
      rev: 5,
      data: { baseRev: 4, at: T0 + 2000, actions: [], patch: {} },
    };

    const next = applyEvent(state, event);

    expect(next.rev).toBe(5);
    expect(next.queueRev).toBe(2);
    expect(next.updatedAt).toBe(new Date(T0 + 2000).toISOString());
  });
});
