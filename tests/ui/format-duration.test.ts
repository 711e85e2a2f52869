import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../src/ui/format-duration';

describe('formatDuration', () => {
  it('shows minutes and two-digit seconds under an hour', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(7)).toBe('0:07');
    expect(formatDuration(83)).toBe('1:23');
    expect(formatDuration(600)).toBe('10:00');
    expect(formatDuration(3599)).toBe('59:59');
  });

  it('shows hours with two-digit minutes from an hour up', () => {
    expect(formatDuration(3600)).toBe('1:00:00');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(36000 + 59 * 60 + 9)).toBe('10:59:09');
  });

  it('floors fractional seconds rather than rounding up', () => {
    expect(formatDuration(59.99)).toBe('0:59');
    expect(formatDuration(187.5)).toBe('3:07');
  });

  it('shows 0:00 for NaN, infinite and negative values', () => {
    expect(formatDuration(Number.NaN)).toBe('0:00');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('0:00');
    expect(formatDuration(Number.NEGATIVE_INFINITY)).toBe('0:00');
    expect(formatDuration(-5)).toBe('0:00');
  });
});
