import { describe, expect, it } from 'vitest';
import { isOrderKey, keyBetween, keysBetween, OrderKeyError } from '../../src/engine/model/order-key';
import { appendedKeys } from '../../src/engine/model/order-key-format';

/** Every key valid, and each strictly after the one before it. */
function expectStrictlySorted(keys: readonly string[]): void {
  for (const key of keys) expect(isOrderKey(key), `valid key ${key}`).toBe(true);
  for (let i = 1; i < keys.length; i++) expect(keys[i - 1]! < keys[i]!, `${keys[i - 1]} < ${keys[i]}`).toBe(true);
}

describe('keyBetween', () => {
  it('starts an empty queue with a valid key', () => {
    const key = keyBetween(null, null);

    expect(isOrderKey(key)).toBe(true);
  });

  it.each<[string | null, string | null]>([
    ['a0', null],
    [null, 'a0'],
    ['a0', 'a1'],
    ['a0', 'a0V'],
    ['a0', 'a01'],
    ['a0V', 'a1'],
    ['a1', 'b100'],
    ['Zz', 'a0'],
    ['a0z', 'a1'],
    ['az', 'b0001'],
  ])('puts a key strictly between %s and %s', (a, b) => {
    const key = keyBetween(a, b);

    expect(isOrderKey(key)).toBe(true);
    if (a !== null) expect(a < key).toBe(true);
    if (b !== null) expect(key < b).toBe(true);
  });

  it('keeps 100,000 appended keys short and sorted', () => {
    const keys: string[] = [];
    let last: string | null = null;

    for (let i = 0; i < 100_000; i++) keys.push((last = keyBetween(last, null)));

    expect(Math.max(...keys.map((key) => key.length))).toBeLessThanOrEqual(6);
    expect(keys.every((key, i) => i === 0 || keys[i - 1]! < key)).toBe(true);
    expect(keys.every(isOrderKey)).toBe(true);
  });

  it('keeps repeated inserts at the front sorted, valid and short', () => {
    const keys: string[] = [keyBetween(null, null)];

    for (let i = 0; i < 5000; i++) keys.unshift(keyBetween(null, keys[0]!));

    expectStrictlySorted(keys);
    expect(Math.max(...keys.map((key) => key.length))).toBeLessThanOrEqual(6);
  });

  it('keeps repeated inserts between two neighbours sorted and valid', () => {
    const keys = ['a0', 'a1'];

    // Always just after the left neighbour: the hardest case for key length.
    for (let i = 0; i < 200; i++) keys.splice(1, 0, keyBetween(keys[0]!, keys[1]!));
    // Always just before the right neighbour.
    for (let i = 0; i < 200; i++) {
      const right = keys.length - 1;
      keys.splice(right, 0, keyBetween(keys[right - 1]!, keys[right]!));
    }

    expect(keys).toHaveLength(402);
    expectStrictlySorted(keys);
  });

  it('keeps alternating inserts in the middle of a queue sorted and valid', () => {
    const keys = keysBetween(null, null, 10);

    for (let i = 0; i < 1000; i++) {
      const at = 1 + (i % (keys.length - 1));
      keys.splice(at, 0, keyBetween(keys[at - 1]!, keys[at]!));
    }

    expect(keys).toHaveLength(1010);
    expectStrictlySorted(keys);
  });

  it.each<[string, string]>([
    ['a1', 'a0'],
    ['a0', 'a0'],
    ['b00', 'a0'],
  ])('throws OrderKeyError for bounds out of order (%s, %s)', (a, b) => {
    expect(() => keyBetween(a, b)).toThrow(OrderKeyError);
  });
});

describe('keysBetween', () => {
  it.each<[string | null, string | null, number]>([
    ['a0', 'a1', 1],
    ['a0', 'a1', 2],
    ['a0', 'a1', 10],
    ['a0', 'a1', 100],
    ['a0', 'a01', 25],
    [null, 'a0', 50],
    ['a0', null, 50],
    [null, null, 30],
  ])('between %s and %s returns %i sorted keys strictly inside the bounds', (a, b, count) => {
    const keys = keysBetween(a, b, count);

    expect(keys).toHaveLength(count);
    expectStrictlySorted(keys);
    if (a !== null) expect(a < keys[0]!).toBe(true);
    if (b !== null) expect(keys[count - 1]! < b).toBe(true);
  });

  it('returns no keys for a count of zero', () => {
    const keys = keysBetween('a0', 'a1', 0);

    expect(keys).toEqual([]);
  });

  it('spreads keys between close neighbours so they stay short', () => {
    const keys = keysBetween('a0', 'a1', 1000);

    expect(Math.max(...keys.map((key) => key.length))).toBeLessThanOrEqual(5);
  });

  it.each<[number]>([[1], [2], [5]])('throws OrderKeyError for bounds out of order (count %i)', (count) => {
    expect(() => keysBetween('a5', 'a2', count)).toThrow(OrderKeyError);
  });
});

describe('isOrderKey', () => {
  it.each(['a0', 'Zz', 'a0V', 'b1A', 'zzzzzzzzzzzzzzzzzzzzzzzzzzz'])('accepts %s', (key) => {
    expect(isOrderKey(key)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['an empty string', ''],
    ['a number', 42],
    ['null', null],
    ['a key whose fraction ends in zero', 'a0V0'],
    ['a key shorter than its integer part', 'b1'],
    ['a key with an unknown head', '0a'],
    ['a key with a character outside the digits', 'a-'],
    ['the smallest integer, which has no key before it', `A${'0'.repeat(26)}`],
    ['a key that is too long', `a0${'V'.repeat(300)}`],
  ])('rejects %s', (_, key) => {
    expect(isOrderKey(key)).toBe(false);
  });
});

describe('appendedKeys', () => {
  it('gives the keys that appending one entry after another gives', () => {
    for (const count of [0, 1, 61, 62, 63, 4000]) expect(appendedKeys(count)).toEqual(keysBetween(null, null, count));
  });
});
