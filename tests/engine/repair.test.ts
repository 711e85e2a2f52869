import { describe, expect, it } from 'vitest';
import { isOrderKey, keysBetween } from '../../src/engine/model/order-key';
import { repairRecord } from '../../src/engine/model/repair';
import { HISTORY_LIMIT, initialState, type PlaybackFields, type QueueEntry } from '../../src/engine/model/state';

const DEVICE = 'A1B2C3D4E5F6A7B8';
const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);
const NOW = T0 + 86_400_000;

function queueOf(count: number): QueueEntry[] {
  const orders = keysBetween(null, null, count);
  return orders.map((order, i) => ({ entryId: `e${i + 1}`, trackId: `t${i + 1}`, order }));
}

const SOUND_FIELDS: PlaybackFields = {
  currentTrackId: 't7',
  positionSeconds: 61.5,
  positionAt: T0,
  positionEpoch: 'seek-9',
  playing: true,
  volume: 0.4,
  muted: true,
  rate: 1.25,
  shuffle: true,
  repeat: 'all',
  ownerTabId: 'tab-1',
  history: ['t5', 't6'],
  playlists: [{ playlistId: 'pl.1', name: 'Evening', createdAt: T0 }],
  resumePoints: [{ trackId: 't9', positionSeconds: 1800, rate: 1.5, at: T0 }],
  currentTrackLong: false,
  baseRate: 1.25,
};

describe('a record saved before positionEpoch existed', () => {
  it('is sound: the missing field takes its default, with no complaint', () => {
    const { positionEpoch: _added, ...older } = soundRecord();

    const result = repairRecord(older, [], DEVICE, T0);

    expect(result.problems).toEqual([]);
    expect(result.state.positionEpoch).toBe('');
  });
});

/** A record as the store saves it (fields, rev, a queue summary and times), every value valid. */
function soundRecord(): Record<string, unknown> {
  return {
    deviceId: DEVICE,
    rev: 12,
    ...SOUND_FIELDS,
    queue: { length: 3, rev: 10 },
    insertedAt: new Date(T0 - 1000).toISOString(),
    updatedAt: new Date(T0).toISOString(),
  };
}

describe('repairRecord', () => {
  it('starts again from the lowest rev allowed, stamped now, when the record is lost but events are logged', () => {
    const result = repairRecord(undefined, [], DEVICE, NOW, 5);

    expect(result.problems).toEqual([]);
    expect(result.state).toEqual({ ...initialState(DEVICE, NOW), rev: 5 });
  });

  it('starts the same initial state in every tab, whatever the time', () => {
    const inOneTab = repairRecord(undefined, [], DEVICE, NOW);
    const inAnotherTab = repairRecord(undefined, [], DEVICE, NOW + 5000);

    expect(inOneTab.state).toEqual(inAnotherTab.state);
  });

  it('keeps a sound record as it is, with no problems', () => {
    const stored = queueOf(3);

    const playlistEntries = queueOf(2).map((entry) => ({ ...entry, deviceId: DEVICE, playlistId: 'pl.1' }));

    const result = repairRecord(soundRecord(), stored, DEVICE, NOW, 0, playlistEntries);

    expect(result.problems).toEqual([]);
    expect(result.state).toEqual({
      ...SOUND_FIELDS,
      deviceId: DEVICE,
      rev: 12,
      queueRev: 10,
      queue: stored,
      playlistEntries: { 'pl.1': queueOf(2) },
      insertedAt: new Date(T0 - 1000).toISOString(),
      updatedAt: new Date(T0).toISOString(),
    });
  });

  it.each<[string, unknown]>([
    ['a string', 'corrupted'],
    ['a number', 42],
    ['null', null],
    ['an array', [1, 2, 3]],
  ])('resets a record that is %s, with one problem', (_, record) => {
    const result = repairRecord(record, [], DEVICE, NOW, 9);

    expect(result.state).toEqual({ ...initialState(DEVICE, NOW), rev: 9, queueRev: 9 });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/reset/);
  });

  it('keeps the readable queue entries when the record itself is unreadable', () => {
    const entries = [
      { entryId: 'e2', trackId: 't2', order: 'a1' },
      { entryId: 'e1', trackId: 't1', order: 'a0' },
    ];

    const result = repairRecord('garbage', entries, DEVICE, NOW, 9);

    expect(result.state.queue.map((entry) => entry.entryId)).toEqual(['e1', 'e2']);
    expect(result.state.rev).toBe(9);
  });

  it.each<[keyof PlaybackFields, unknown, string]>([
    ['currentTrackId', 42, 'current track'],
    ['currentTrackId', '', 'current track'],
    ['positionSeconds', '61.5', 'position'],
    ['positionSeconds', Number.NaN, 'position'],
    ['positionSeconds', -3, 'position'],
    ['positionSeconds', Number.POSITIVE_INFINITY, 'position'],
    ['positionAt', -1, 'position time'],
    ['playing', 'true', 'play state'],
    ['volume', 1.5, 'volume'],
    ['volume', -0.1, 'volume'],
    ['volume', null, 'volume'],
    ['muted', 1, 'mute setting'],
    ['rate', 10, 'playback rate'],
    ['rate', 0, 'playback rate'],
    ['shuffle', 'on', 'shuffle setting'],
    ['repeat', 'sometimes', 'repeat mode'],
    ['repeat', undefined, 'repeat mode'],
    ['ownerTabId', 7, 'playing tab'],
    ['history', 't1', 'history'],
    ['history', ['t1', 3], 'history'],
    ['history', Array.from({ length: HISTORY_LIMIT + 1 }, (_, i) => `t${i}`), 'history'],
  ])('resets %s = %s to its default, keeps the other fields and names the %s', (field, value, description) => {
    const record = soundRecord();
    if (value === undefined) delete record[field];
    else record[field] = value;

    const result = repairRecord(record, queueOf(3), DEVICE, NOW);

    expect(result.state[field]).toEqual(initialState(DEVICE, NOW)[field]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toContain(`saved ${description} was invalid`);
    for (const other of Object.keys(SOUND_FIELDS) as (keyof PlaybackFields)[]) {
      if (other !== field) expect(result.state[other], other).toEqual(SOUND_FIELDS[other]);
    }
    expect(result.state.rev).toBe(12);
    expect(result.state.queue).toEqual(queueOf(3));
  });

  it('shows the invalid value in the problem, NaN included', () => {
    const record = { ...soundRecord(), positionSeconds: Number.NaN, repeat: 'sometimes' };

    const result = repairRecord(record, [], DEVICE, NOW);

    expect(result.problems).toEqual([expect.stringContaining('(NaN)'), expect.stringContaining('("sometimes")')]);
  });

  it('reports every invalid field, one problem each', () => {
    const record = { ...soundRecord(), volume: 3, muted: 'no', repeat: 1 };

    const result = repairRecord(record, [], DEVICE, NOW);

    expect(result.problems).toHaveLength(3);
    expect(result.state.volume).toBe(1);
    expect(result.state.muted).toBe(false);
    expect(result.state.repeat).toBe('off');
    expect(result.state.rate).toBe(1.25);
  });

  it.each<[string, unknown]>([
    ['missing', undefined],
    ['a string', '12'],
    ['negative', -1],
    ['fractional', 12.5],
    ['NaN', Number.NaN],
  ])('replaces a rev that is %s with the lowest rev allowed, and says so', (_, rev) => {
    const record = soundRecord();
    if (rev === undefined) delete record.rev;
    else record.rev = rev;

    const result = repairRecord(record, [], DEVICE, NOW, 30);

    expect(result.state.rev).toBe(30);
    expect(result.problems).toEqual([expect.stringContaining('revision was invalid')]);
  });

  it('raises a valid rev that is below the lowest rev allowed', () => {
    const record = { ...soundRecord(), rev: 12 };

    const result = repairRecord(record, [], DEVICE, NOW, 40);

    expect(result.state.rev).toBe(40);
  });

  it('never lowers a valid rev above the lowest rev allowed', () => {
    const record = { ...soundRecord(), rev: 120 };

    const result = repairRecord(record, [], DEVICE, NOW, 40);

    expect(result.state.rev).toBe(120);
    expect(result.problems).toEqual([]);
  });

  it('never lets queueRev exceed rev', () => {
    const record = { ...soundRecord(), rev: 12, queue: { length: 0, rev: 99 } };

    const result = repairRecord(record, [], DEVICE, NOW);

    expect(result.state.queueRev).toBe(12);
  });

  it('uses rev as queueRev when the queue summary is missing', () => {
    const record = soundRecord();
    delete record.queue;

    const result = repairRecord(record, [], DEVICE, NOW);

    expect(result.state.queueRev).toBe(12);
    expect(result.problems).toEqual([]);
  });

  it('replaces unreadable times with now', () => {
    const record = { ...soundRecord(), insertedAt: 'yesterday-ish', updatedAt: 17 };

    const result = repairRecord(record, [], DEVICE, NOW);

    expect(result.state.insertedAt).toBe(new Date(NOW).toISOString());
    expect(result.state.updatedAt).toBe(new Date(NOW).toISOString());
  });

  it('takes the device id it is given, whatever the record says', () => {
    const record = { ...soundRecord(), deviceId: 'someone-else' };

    const result = repairRecord(record, [], DEVICE, NOW);

    expect(result.state.deviceId).toBe(DEVICE);
  });

  it('drops invalid queue entries, keeps the rest in order and counts the dropped ones', () => {
    const [e1, e2, e3] = queueOf(3);
    const stored: unknown[] = [
      e1,
      null,
      'e-string',
      { entryId: '', trackId: 't1', order: 'a5' },
      { entryId: 'x1', trackId: 't1' },
      { entryId: 'x2', trackId: 't1', order: 'a0V0' },
      e2,
      { entryId: 'x3', trackId: 42, order: 'a6' },
      e3,
    ];

    const result = repairRecord(soundRecord(), stored, DEVICE, NOW);

    expect(result.state.queue).toEqual([e1, e2, e3]);
    expect(result.problems).toEqual(['6 unreadable queue entries were dropped.']);
  });

  it('drops a second entry with the same id and reports it', () => {
    const [e1, e2] = queueOf(2);
    const duplicate = { ...e1!, trackId: 't99', order: 'b00V' };

    const result = repairRecord(soundRecord(), [e1, e2, duplicate], DEVICE, NOW);

    expect(result.state.queue).toEqual([e1, e2]);
    expect(result.problems).toEqual(['1 unreadable queue entry was dropped.']);
  });

  it('sorts the stored entries by their order keys and keeps only the entry fields', () => {
    const [e1, e2, e3] = queueOf(3);
    const stored = [e3, { ...e1!, deviceId: DEVICE }, e2];

    const result = repairRecord(soundRecord(), stored, DEVICE, NOW);

    expect(result.state.queue).toEqual([e1, e2, e3]);
  });

  it('turns a legacy inline queue of track ids into entries, in order', () => {
    const record = { ...soundRecord(), queue: ['t3', 't1', 't3', 't2'] };

    const result = repairRecord(record, [], DEVICE, NOW);

    expect(result.state.queue.map((entry) => entry.trackId)).toEqual(['t3', 't1', 't3', 't2']);
    expect(new Set(result.state.queue.map((entry) => entry.entryId)).size).toBe(4);
    expect(result.state.queue.every((entry) => isOrderKey(entry.order))).toBe(true);
    expect(result.state.queueRev).toBe(12);
    expect(result.problems).toEqual([]);
  });

  it('drops what a legacy inline queue holds that is not a track id, and reports it', () => {
    const record = { ...soundRecord(), queue: ['t1', 7, '', 't2'] };

    const result = repairRecord(record, [], DEVICE, NOW);

    expect(result.state.queue.map((entry) => entry.trackId)).toEqual(['t1', 't2']);
    expect(result.problems).toEqual(['2 unreadable queue entries were dropped.']);
  });

  it('does not change what it is given', () => {
    const record = soundRecord();
    const stored = queueOf(3).reverse();
    const before = structuredClone({ record, stored });

    repairRecord(record, stored, DEVICE, NOW, 50);

    expect({ record, stored }).toEqual(before);
  });
});
