import { describe, expect, it } from 'vitest';
import { keyBetween, keysBetween } from '../../src/engine/model/order-key';
import {
  applyPatch,
  applyQueuePatch,
  EMPTY_PATCH,
  isEmptyPatch,
  mergePatches,
  type Patch,
  touchesQueue,
} from '../../src/engine/model/patch';
import { initialState, type PlaybackState, type QueueEntry } from '../../src/engine/model/state';

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);

/** Queue entries e1…eN for tracks t1…tN, in order. */
function queueOf(count: number): QueueEntry[] {
  const orders = keysBetween(null, null, count);
  return orders.map((order, i) => ({ entryId: `e${i + 1}`, trackId: `t${i + 1}`, order }));
}

function stateWith(overrides: Partial<PlaybackState> = {}): PlaybackState {
  return { ...initialState('device-1', T0), ...overrides };
}

function ids(queue: readonly QueueEntry[]): string[] {
  return queue.map((entry) => entry.entryId);
}

/** A tiny deterministic PRNG, so the generated cases are the same on every run. */
function randomSource(seed: number): (below: number) => number {
  let a = seed >>> 0;
  return (below) => {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    return Math.floor((a / 2 ** 32) * below);
  };
}

/**
 * A patch of `removeCount` removals and `putCount` puts against `queue`: puts move existing entries to new
 * places or add new ones, all with order keys that no other entry of the result shares.
 */
function randomQueuePatch(
  queue: readonly QueueEntry[],
  random: (below: number) => number,
  sizes: { removeCount: number; putCount: number; clearQueue?: boolean },
  newIdPrefix: string,
): Patch {
  const used = new Set(queue.map((entry) => entry.order));
  const freshKey = (): string => {
    const sorted = [...used].sort();
    for (;;) {
      const at = random(sorted.length + 1);
      const key = keyBetween(sorted[at - 1] ?? null, sorted[at] ?? null);
      if (!used.has(key)) {
        used.add(key);
        return key;
      }
    }
  };
  const removeEntries = Array.from({ length: sizes.removeCount }, () =>
    queue.length > 0 && random(4) > 0 ? queue[random(queue.length)]!.entryId : `${newIdPrefix}-missing-${random(1000)}`,
  );
  const putEntries = Array.from({ length: sizes.putCount }, (_, i) => {
    const existing = queue.length > 0 && random(2) === 0 ? queue[random(queue.length)] : undefined;
    const entryId = existing?.entryId ?? `${newIdPrefix}-${i}`;
    return { entryId, trackId: existing?.trackId ?? `track-${newIdPrefix}-${i}`, order: freshKey() };
  });
  const uniquePuts = [...new Map(putEntries.map((entry) => [entry.entryId, entry])).values()];
  return {
    ...(sizes.clearQueue ? { clearQueue: true as const } : {}),
    removeEntries: [...new Set(removeEntries)],
    putEntries: uniquePuts,
  };
}

/** The result a queue patch must have, worked out the obvious way. */
function expectedQueue(queue: readonly QueueEntry[], patch: Patch): QueueEntry[] {
  const putIds = new Set((patch.putEntries ?? []).map((entry) => entry.entryId));
  const removed = new Set(patch.removeEntries ?? []);
  const kept = (patch.clearQueue ? [] : queue).filter((entry) => !removed.has(entry.entryId) && !putIds.has(entry.entryId));
  return [...kept, ...(patch.putEntries ?? [])].sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
}

describe('isEmptyPatch', () => {
  it.each<[string, Patch]>([
    ['the empty patch', EMPTY_PATCH],
    ['an empty set', { set: {} }],
    ['empty entry lists', { removeEntries: [], putEntries: [] }],
  ])('is true for %s', (_, patch) => {
    expect(isEmptyPatch(patch)).toBe(true);
  });

  it.each<[string, Patch]>([
    ['a field set', { set: { volume: 0.5 } }],
    ['a field set to a falsy value', { set: { playing: false } }],
    ['a cleared queue', { clearQueue: true }],
    ['a removal', { removeEntries: ['e1'] }],
    ['a put', { putEntries: queueOf(1) }],
  ])('is false for %s', (_, patch) => {
    expect(isEmptyPatch(patch)).toBe(false);
  });
});

describe('touchesQueue', () => {
  it.each<[string, Patch, boolean]>([
    ['only fields', { set: { volume: 0.5, currentTrackId: 't1' } }, false],
    ['empty entry lists', { set: { muted: true }, removeEntries: [], putEntries: [] }, false],
    ['a cleared queue', { clearQueue: true }, true],
    ['a removal', { removeEntries: ['e1'] }, true],
    ['a put', { putEntries: queueOf(1) }, true],
  ])('a patch with %s → %s', (_, patch, touches) => {
    expect(touchesQueue(patch)).toBe(touches);
  });
});

describe('applyPatch', () => {
  it('sets the fields it names and keeps the others', () => {
    const state = stateWith({ volume: 1, muted: false, currentTrackId: 't1' });

    const next = applyPatch(state, { set: { volume: 0.25, currentTrackId: 't2' } });

    expect(next.volume).toBe(0.25);
    expect(next.currentTrackId).toBe('t2');
    expect(next.muted).toBe(false);
  });

  it('leaves rev, queueRev and updatedAt for the committer to stamp', () => {
    const state = stateWith({ rev: 7, queueRev: 3, queue: queueOf(2) });

    const next = applyPatch(state, { set: { volume: 0.5 }, removeEntries: ['e1'] });

    expect(next.rev).toBe(7);
    expect(next.queueRev).toBe(3);
    expect(next.updatedAt).toBe(state.updatedAt);
  });

  it('returns the same state for an empty patch', () => {
    const state = stateWith({ queue: queueOf(3) });

    const next = applyPatch(state, { set: {}, removeEntries: [] });

    expect(next).toBe(state);
  });

  it('keeps the same queue array when only fields change', () => {
    const state = stateWith({ queue: queueOf(3) });

    const next = applyPatch(state, { set: { muted: true } });

    expect(next.queue).toBe(state.queue);
  });

  it('does not change the state it is given', () => {
    const state = stateWith({ queue: queueOf(3), volume: 1 });
    const before = structuredClone(state);

    applyPatch(state, { set: { volume: 0.1 }, removeEntries: ['e2'], putEntries: [{ ...state.queue[0]!, order: 'b00' }] });

    expect(state).toEqual(before);
  });
});

describe('applyQueuePatch', () => {
  it('puts a new entry in its place by order key', () => {
    const queue = queueOf(3);
    const entry = { entryId: 'new', trackId: 't9', order: keyBetween(queue[0]!.order, queue[1]!.order) };

    const next = applyQueuePatch(queue, { putEntries: [entry] });

    expect(ids(next)).toEqual(['e1', 'new', 'e2', 'e3']);
  });

  it('moves an existing entry when it is put with a new order key', () => {
    const queue = queueOf(3);

    const next = applyQueuePatch(queue, { putEntries: [{ ...queue[2]!, order: keyBetween(null, queue[0]!.order) }] });

    expect(ids(next)).toEqual(['e3', 'e1', 'e2']);
  });

  it('removes entries by id and ignores ids it does not have', () => {
    const queue = queueOf(4);

    const next = applyQueuePatch(queue, { removeEntries: ['e2', 'missing', 'e4'] });

    expect(ids(next)).toEqual(['e1', 'e3']);
  });

  it('empties the queue before applying the puts of the same patch', () => {
    const queue = queueOf(4);
    const entry = { entryId: 'fresh', trackId: 't9', order: 'a0' };

    const next = applyQueuePatch(queue, { clearQueue: true, putEntries: [entry] });

    expect(next).toEqual([entry]);
  });

  it('returns the same array when the patch does not touch the queue', () => {
    const queue = queueOf(3);

    const next = applyQueuePatch(queue, { set: { muted: true } });

    expect(next).toBe(queue);
  });

  it('lets a put win over a removal of the same entry in one patch', () => {
    const queue = queueOf(2);
    const moved = { ...queue[0]!, order: keyBetween(queue[1]!.order, null) };

    const next = applyQueuePatch(queue, { removeEntries: ['e1'], putEntries: [moved] });

    expect(next).toEqual([queue[1], moved]);
  });

  it.each([
    { removeCount: 2, putCount: 3, queueLength: 10 },
    { removeCount: 8, putCount: 8, queueLength: 30 },
    { removeCount: 9, putCount: 8, queueLength: 30 },
    { removeCount: 0, putCount: 40, queueLength: 40 },
    { removeCount: 20, putCount: 0, queueLength: 40 },
    { removeCount: 30, putCount: 30, queueLength: 100 },
  ])('gives the expected queue for $removeCount removals and $putCount puts', ({ removeCount, putCount, queueLength }) => {
    const random = randomSource(removeCount * 1000 + putCount);
    for (let round = 0; round < 20; round++) {
      const queue = queueOf(queueLength);
      const patch = randomQueuePatch(queue, random, { removeCount, putCount, clearQueue: round % 5 === 4 }, `r${round}`);

      const next = applyQueuePatch(queue, patch);

      expect(next).toEqual(expectedQueue(queue, patch));
    }
  });

  it('gives the same result on the splice path and on the bulk path above 16 changes', () => {
    const random = randomSource(16);
    const absent = Array.from({ length: 17 }, (_, i) => `absent-${i}`);
    for (let round = 0; round < 50; round++) {
      const queue = queueOf(30);
      const sizes = { removeCount: random(8), putCount: random(8), clearQueue: round % 10 === 9 };
      const small = randomQueuePatch(queue, random, sizes, `p${round}`);
      // The same changes, padded with removals of ids the queue does not have, so they take the bulk path.
      const padded = { ...small, removeEntries: [...small.removeEntries!, ...absent] };
      expect(small.removeEntries!.length + small.putEntries!.length).toBeLessThanOrEqual(16);

      const spliced = applyQueuePatch(queue, small);
      const bulk = applyQueuePatch(queue, padded);

      expect(bulk).toEqual(spliced);
    }
  });

  it('rebuilds the whole queue in order for a shuffle-sized put', () => {
    const queue = queueOf(20);
    const reversedKeys = keysBetween(null, null, 20);
    const reversed = queue.map((entry, i) => ({ ...entry, order: reversedKeys[19 - i]! }));

    const next = applyQueuePatch(queue, { putEntries: reversed });

    expect(ids(next)).toEqual(ids(queue).reverse());
  });
});

describe('mergePatches', () => {
  const queue = queueOf(6);
  const base = stateWith({ queue, currentTrackId: 't0', volume: 1 });

  function expectMergeMatchesSequence(first: Patch, second: Patch): void {
    const sequential = applyPatch(applyPatch(base, first), second);

    const merged = applyPatch(base, mergePatches(first, second));

    expect(merged).toEqual(sequential);
  }

  it('lets the second patch win for a field both set', () => {
    const merged = mergePatches({ set: { volume: 0.2, muted: true } }, { set: { volume: 0.7 } });

    expect(merged.set).toEqual({ volume: 0.7, muted: true });
  });

  it('returns the other patch when one is empty', () => {
    const patch: Patch = { set: { volume: 0.3 }, removeEntries: ['e1'] };

    expect(mergePatches(EMPTY_PATCH, patch)).toBe(patch);
    expect(mergePatches(patch, { set: {} })).toBe(patch);
  });

  it.each<[string, Patch, Patch]>([
    ['two field changes', { set: { volume: 0.5 } }, { set: { muted: true, volume: 0.2 } }],
    ['two removals', { removeEntries: ['e1'] }, { removeEntries: ['e2', 'e1'] }],
    ['an add then a removal of it', { putEntries: [{ entryId: 'n1', trackId: 't9', order: 'b00V' }] }, { removeEntries: ['n1'] }],
    ['a remove then a put of the same id', { removeEntries: ['e3'] }, { putEntries: [{ entryId: 'e3', trackId: 't3', order: 'b00V' }] }],
    [
      'a move then a move of the same entry',
      { putEntries: [{ entryId: 'e2', trackId: 't2', order: 'b00V' }] },
      { putEntries: [{ entryId: 'e2', trackId: 't2', order: 'Zz' }] },
    ],
    ['a clear first', { clearQueue: true, set: { volume: 0.4 } }, { putEntries: [{ entryId: 'n1', trackId: 't9', order: 'a0' }] }],
    [
      'a clear first, then a removal of what it added',
      { clearQueue: true, putEntries: [{ entryId: 'n1', trackId: 't9', order: 'a0' }] },
      { removeEntries: ['n1'] },
    ],
    [
      'a clear second',
      { removeEntries: ['e1'], putEntries: [{ entryId: 'n1', trackId: 't9', order: 'a0V' }], set: { muted: true } },
      { clearQueue: true, putEntries: [{ entryId: 'n2', trackId: 't8', order: 'a0' }] },
    ],
    ['a clear in both', { clearQueue: true }, { clearQueue: true, set: { repeat: 'all' } }],
    [
      'a next then an enqueue',
      { set: { currentTrackId: 't1', history: ['t0'] }, removeEntries: ['e1'] },
      { putEntries: [{ entryId: 'n1', trackId: 't9', order: 'b00V' }] },
    ],
  ])('applying the merge equals applying both in turn: %s', (_, first, second) => {
    expectMergeMatchesSequence(first, second);
  });

  it('applying the merge equals applying both in turn, for many generated patches', () => {
    const random = randomSource(2024);
    for (let round = 0; round < 200; round++) {
      const afterFirstSizes = { removeCount: random(12), putCount: random(12), clearQueue: random(8) === 0 };
      const first = randomQueuePatch(base.queue, random, afterFirstSizes, `a${round}`);
      const middle = applyPatch(base, first);
      const secondSizes = { removeCount: random(12), putCount: random(12), clearQueue: random(8) === 0 };
      const second = randomQueuePatch([...middle.queue, ...base.queue], random, secondSizes, `b${round}`);

      expectMergeMatchesSequence(first, second);
    }
  });

  it('merges many patches one by one into what applying them all in turn gives', () => {
    const random = randomSource(77);
    let sequential = base;
    let merged: Patch = EMPTY_PATCH;
    for (let step = 0; step < 50; step++) {
      const sizes = { removeCount: random(3), putCount: random(3), clearQueue: random(20) === 0 };
      const patch = randomQueuePatch(sequential.queue, random, sizes, `s${step}`);
      sequential = applyPatch(sequential, patch);
      merged = mergePatches(merged, patch);
    }

    const result = applyPatch(base, merged);

    expect(result).toEqual(sequential);
  });
});
