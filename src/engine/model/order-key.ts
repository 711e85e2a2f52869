/**
 * Fractional order keys: strings that sort like the queue, so inserting or moving an entry writes that one
 * entry only. A key is an integer part (its first character says how many digits follow) and an optional
 * fraction; appending increments the integer part, so a queue of 100,000 appended entries keeps short keys.
 * Digits are in ASCII order, so JavaScript's `<` and IndexedDB's key order agree.
 * The scheme is the one described by David Greenspan ("Implementing Fractional Indexing", Figma/Observable).
 */

import { DIGITS, incrementInteger, integerPart, LAST, OrderKeyError, SMALLEST_INTEGER, ZERO } from './order-key-format';

export { isOrderKey, OrderKeyError } from './order-key-format';

/** The previous integer part, or null when the smallest one is reached. */
function decrementInteger(integer: string): string | null {
  const head = integer.charAt(0);
  const digits = integer.slice(1).split('');
  for (let i = digits.length - 1; i >= 0; i--) {
    const previous = DIGITS.indexOf(digits[i]!) - 1;
    if (previous >= 0) {
      digits[i] = DIGITS[previous]!;
      return head + digits.join('');
    }
    digits[i] = LAST;
  }
  if (head === 'a') return `Z${LAST}`;
  if (head === 'A') return null;
  const previousHead = String.fromCharCode(head.charCodeAt(0) - 1);
  if (previousHead < 'Z') digits.push(LAST);
  else digits.pop();
  return previousHead + digits.join('');
}

/** A fraction strictly between two fractions (`b` null means "1"); neither ends in the zero digit. */
function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    let shared = 0;
    while ((a[shared] ?? ZERO) === b[shared]) shared++;
    if (shared > 0) return b.slice(0, shared) + midpoint(a.slice(shared), b.slice(shared));
  }
  const digitA = a ? DIGITS.indexOf(a.charAt(0)) : 0;
  const digitB = b !== null ? DIGITS.indexOf(b.charAt(0)) : DIGITS.length;
  if (digitB - digitA > 1) return DIGITS[Math.round((digitA + digitB) / 2)]!;
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return DIGITS[digitA]! + midpoint(a.slice(1), null);
}

/** A key that sorts after `a` and before `b`; null stands for the start or the end of the queue. */
export function keyBetween(a: string | null, b: string | null): string {
  if (a !== null && b !== null && a >= b) {
    throw new OrderKeyError(`order keys out of order: ${a} >= ${b}`);
  }
  if (a === null) {
    if (b === null) return `a${ZERO}`;
    const integerB = integerPart(b);
    if (integerB === SMALLEST_INTEGER) return integerB + midpoint('', b.slice(integerB.length));
    if (integerB < b) return integerB;
    const previous = decrementInteger(integerB);
    if (previous === null) throw new OrderKeyError('no order key before the smallest one');
    return previous;
  }
  const integerA = integerPart(a);
  const fractionA = a.slice(integerA.length);
  if (b === null) {
    return incrementInteger(integerA) ?? integerA + midpoint(fractionA, null);
  }
  const integerB = integerPart(b);
  if (integerA === integerB) return integerA + midpoint(fractionA, b.slice(integerB.length));
  const next = incrementInteger(integerA);
  if (next === null) throw new OrderKeyError('no order key after the largest one');
  return next < b ? next : integerA + midpoint(fractionA, null);
}

/** `count` keys in order, all between `a` and `b`, spread so that later inserts stay short. */
export function keysBetween(a: string | null, b: string | null, count: number): string[] {
  if (count <= 0) return [];
  if (count === 1) return [keyBetween(a, b)];
  if (b === null) {
    const keys: string[] = [];
    let previous = a;
    for (let i = 0; i < count; i++) keys.push((previous = keyBetween(previous, null)));
    return keys;
  }
  if (a === null) {
    const keys: string[] = [];
    let next: string = b;
    for (let i = 0; i < count; i++) keys.push((next = keyBetween(null, next)));
    return keys.reverse();
  }
  const middle = Math.floor(count / 2);
  const pivot = keyBetween(a, b);
  return [...keysBetween(a, pivot, middle), pivot, ...keysBetween(pivot, b, count - middle - 1)];
}
