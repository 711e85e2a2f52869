import { describe, expect, test } from 'vitest';
import { compareShelf } from '../../src/library/library-catalog';
import type { LibraryTrackRecord } from '../../src/library/library-records';
import { ShelfOrder } from '../../src/library/shelf-order';

function record(
  id: string,
  albumArtist: string,
  album: string,
  trackNumber: number,
  path = `${album}/${trackNumber}.mp3`,
): LibraryTrackRecord {
  return {
    id,
    sourceId: 's',
    path,
    size: 1,
    lastModified: 1,
    addedAt: 1,
    copied: false,
    title: `T${id}`,
    artist: albumArtist,
    album,
    albumArtist,
    trackNumber,
  };
}

/** A small pseudo-random sequence, so the test is the same every run. */
function* numbers(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    yield x;
  }
}

describe('ShelfOrder', () => {
  test('batches put in one at a time end up exactly as a full sort of the same records', () => {
    const order = new ShelfOrder();
    const all: LibraryTrackRecord[] = [];
    const random = numbers(7);
    for (let batch = 0; batch < 30; batch++) {
      const records = Array.from({ length: 10 }, (_, i) => {
        const n = random.next().value as number;
        return record(`${batch}-${i}`, `Artist ${n % 7}`, `Album ${n % 13}`, (n % 12) + 1);
      });
      order.put(records, []);
      all.push(...records);
    }
    expect(order.records.map((r) => r.id)).toEqual([...all].sort(compareShelf).map((r) => r.id));
  });

  test('a re-read record replaces the one before it (same id), moving if its tags moved it', () => {
    const order = new ShelfOrder();
    const a = record('a', 'Alpha', 'One', 1);
    const b = record('b', 'Beta', 'Two', 1);
    const c = record('c', 'Gamma', 'Three', 1);
    order.reset([c, a, b]);
    const retagged = { ...a, albumArtist: 'Zeta' };
    order.put([retagged], [a]);
    expect(order.records).toEqual([b, c, retagged]);
  });

  test('records that sort equal are told apart by id when one is removed', () => {
    const order = new ShelfOrder();
    const twins = [record('x', 'Same', 'Same', 1, 'p'), record('y', 'Same', 'Same', 1, 'p'), record('z', 'Same', 'Same', 1, 'p')];
    order.reset(twins);
    order.remove([twins[1]!]);
    expect(order.records.map((r) => r.id).sort()).toEqual(['x', 'z']);
  });

  test('a batch larger than an eighth of the list is sorted in with the rest, with the same result', () => {
    const order = new ShelfOrder();
    order.reset([record('m', 'M', 'M', 1)]);
    const many = ['q', 'b', 'z', 'a'].map((id) => record(id, id.toUpperCase(), 'X', 1));
    order.put(many, []);
    expect(order.records.map((r) => r.id)).toEqual(['a', 'b', 'm', 'q', 'z']);
    order.remove(many);
    expect(order.records.map((r) => r.id)).toEqual(['m']);
  });
});
