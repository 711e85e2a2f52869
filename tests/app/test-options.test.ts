import { afterEach, describe, expect, it, vi } from 'vitest';
import { readTestOptions } from '../../src/app/test-options';
import { TEST_OPTIONS_GLOBAL } from '../../src/app/test-options-global';

const scopeWith = (value: unknown) => ({ [TEST_OPTIONS_GLOBAL]: value });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('readTestOptions', () => {
  it('should give no options when the global is absent', () => {
    expect(readTestOptions({})).toEqual({});
  });

  it('should give the options a test set', () => {
    expect(readTestOptions(scopeWith({ staleCheckMs: 0, stallTimeoutMs: 3000 }))).toEqual({ staleCheckMs: 0, stallTimeoutMs: 3000 });
    expect(readTestOptions(scopeWith({ stallTimeoutMs: 1 }))).toEqual({ stallTimeoutMs: 1 });
  });

  const malformed: [string, unknown][] = [
    ['not an object', 250],
    ['null', null],
    ['an array', [250]],
    ['an unknown option (a typo)', { staleCheckMS: 250 }],
    ['a string', { staleCheckMs: '250' }],
    ['a negative number', { staleCheckMs: -1 }],
    ['a fraction', { stallTimeoutMs: 2.5 }],
    ['not finite', { stallTimeoutMs: Number.POSITIVE_INFINITY }],
    ['NaN', { staleCheckMs: Number.NaN }],
    ['a zero stall timeout', { stallTimeoutMs: 0 }],
    ['too long', { staleCheckMs: 600_001 }],
  ];

  for (const [what, value] of malformed) {
    it(`should ignore the whole global, with a warning, when it is ${what}`, () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});

      expect(readTestOptions(scopeWith(value))).toEqual({});
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toContain(TEST_OPTIONS_GLOBAL);
    });
  }

  it('should ignore a global whose getter throws', () => {
    const scope = Object.defineProperty({}, TEST_OPTIONS_GLOBAL, {
      get: () => {
        throw new Error('no');
      },
    });

    expect(readTestOptions(scope)).toEqual({});
  });
});
