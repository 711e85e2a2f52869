import { describe, expect, it } from 'vitest';
import { keyBetween, keysBetween } from '../../src/engine/model/order-key';
import { applyQueuePatch, type Patch, queueLengthAfter } from '../../src/engine/model/patch';
import { entryById, indexOfEntry } from '../../src/engine/model/queue-index';
import { seededRandom } from '../../src/engine/model/seeded-random';
import type { QueueEntry } from '../../src/engine/model/state';

/** What applying a patch means, written the slow and obvious way. */
function reference(queue: readonly QueueEntry[], patch: Patch): QueueEntry[] {
  const touched = new Set([...(patch.removeEntries ?? []), ...(patch.putEntries ?? []).map((entry) => entry.entryId)]);
  const kept = (patch.clearQueue ? [] : queue).filter((entry) => !touched.has(entry.entryId));
  return [...kept, ...(patch.putEntries ?? [])].sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
}

function queueOf(length: number): QueueEntry[] {
  return keysBetween(null, null, length).map((order, i) => ({ entryId: `e${i}`, trackId: `t${i}`, order }));
}

describe('finding queue entries by id', () => {
  it('finds every entry of a queue, and nothing for an unknown id', () => {
    const queue = queueOf(500);

    expect(queue.every((entry, i) => indexOfEntry(queue, entry.entryId) === i)).toBe(true);
    expect(indexOfEntry(queue, 'nope')).toBe(-1);
    expect(entryById(queue, 'e42')).toBe(queue[42]);
  });

  it('finds entries that share an order key (a hand-edited store can have them)', () => {
    const queue = [
      { entryId: 'a', trackId: 't1', order: 'a0' },
      { entryId: 'b', trackId: 't2', order: 'a1' },
      { entryId: 'c', trackId: 't3', order: 'a1' },
      { entryId: 'd', trackId: 't4', order: 'a2' },
    ];

    expect(['a', 'b', 'c', 'd'].map((id) => indexOfEntry(queue, id))).toEqual([0, 1, 2, 3]);
  });

  it('a long run of random adds, moves and removes gives the queue the obvious way would', () => {
    const random = seededRandom('queue-index');
    let queue: readonly QueueEntry[] = queueOf(300);
    let expected: QueueEntry[] = [...queue];
    let serial = 0;
    for (let step = 0; step < 2000; step++) {
      const roll = random();
      const some = () => queue[Math.floor(random() * queue.length)]!;
      let patch: Patch;
      if (roll < 0.35 || queue.length < 2) {
        const at = Math.floor(random() * (queue.length + 1));
        const order = keyBetween(queue[at - 1]?.order ?? null, queue[at]?.order ?? null);
        patch = { putEntries: [{ entryId: `n${serial++}`, trackId: 'x', order }] };
      } else if (roll < 0.7) {
        patch = { removeEntries: [some().entryId] };
      } else {
        const moved = some();
        const rest = queue.filter((entry) => entry !== moved);
        const at = Math.floor(random() * (rest.length + 1));
        patch = { putEntries: [{ ...moved, order: keyBetween(rest[at - 1]?.order ?? null, rest[at]?.order ?? null) }] };
      }
      const before = queue;
      const length = queueLengthAfter(queue, patch);
      queue = applyQueuePatch(queue, patch);
      expect(queue.length).toBe(length);
      expected = reference(expected, patch);
      expect(queue).toEqual(expected);
      // The older array still answers correctly, though its map went to the newer one.
      if (step % 100 === 0) expect(before.every((entry, i) => indexOfEntry(before, entry.entryId) === i)).toBe(true);
    }
    expect(queue.every((entry, i) => indexOfEntry(queue, entry.entryId) === i)).toBe(true);
  });

  it('knows the queue’s length after a patch without making the new queue', () => {
    const queue = queueOf(10);
    const fresh = { entryId: 'new', trackId: 't', order: 'a05' };
    const cases: Patch[] = [
      {},
      { removeEntries: ['e1', 'e1', 'gone'] },
      { putEntries: [fresh] },
      { putEntries: [{ ...queue[3]!, order: 'zz' }] },
      { clearQueue: true, putEntries: [fresh, queue[2]!] },
      { clearQueue: true, removeEntries: ['e4'] },
      { removeEntries: ['e2'], putEntries: [{ ...queue[2]!, order: 'a01' }] },
    ];

    for (const patch of cases) expect(queueLengthAfter(queue, patch)).toBe(applyQueuePatch(queue, patch).length);
  });
});
