/**
 * What an order key is (see order-key.ts): its digits, its integer part, whether a string is one, and the
 * keys a queue built by appending gets. Apart from the rest so that reading a saved queue does not need
 * the code that makes keys between two others (which only changing the queue does).
 */

export const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const ZERO = DIGITS[0]!;
export const LAST = DIGITS[DIGITS.length - 1]!;
export const SMALLEST_INTEGER = `A${ZERO.repeat(26)}`;

export class OrderKeyError extends Error {
  override name = 'OrderKeyError';
}

function integerLength(head: string): number {
  if (head >= 'a' && head <= 'z') return head.charCodeAt(0) - 97 + 2;
  if (head >= 'A' && head <= 'Z') return 90 - head.charCodeAt(0) + 2;
  throw new OrderKeyError(`invalid order key head: ${JSON.stringify(head)}`);
}

export function integerPart(key: string): string {
  const length = integerLength(key.charAt(0));
  if (length > key.length) throw new OrderKeyError(`invalid order key: ${JSON.stringify(key)}`);
  return key.slice(0, length);
}

export function isOrderKey(key: unknown): key is string {
  if (typeof key !== 'string' || key.length === 0 || key.length > 256) return false;
  try {
    const integer = integerPart(key);
    if (key === SMALLEST_INTEGER) return false;
    for (const char of key) if (!DIGITS.includes(char)) return false;
    return !(key.length > integer.length && key.endsWith(ZERO));
  } catch {
    return false;
  }
}

/** The next integer part, or null when the largest one is reached. */
export function incrementInteger(integer: string): string | null {
  const head = integer.charAt(0);
  const digits = integer.slice(1).split('');
  for (let i = digits.length - 1; i >= 0; i--) {
    const next = DIGITS.indexOf(digits[i]!) + 1;
    if (next < DIGITS.length) {
      digits[i] = DIGITS[next]!;
      return head + digits.join('');
    }
    digits[i] = ZERO;
  }
  // Every digit carried: the integer needs one more digit (or one fewer on the negative side).
  if (head === 'Z') return `a${ZERO}`;
  if (head === 'z') return null;
  const nextHead = String.fromCharCode(head.charCodeAt(0) + 1);
  if (nextHead > 'a') digits.push(ZERO);
  else digits.pop();
  return nextHead + digits.join('');
}

/** `count` keys in order, as appending entries one after another to an empty queue makes them. */
export function appendedKeys(count: number): string[] {
  const keys: string[] = [];
  let key: string | null = `a${ZERO}`;
  for (let i = 0; i < count && key !== null; i++) {
    keys.push(key);
    key = incrementInteger(key);
  }
  return keys;
}
