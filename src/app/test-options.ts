/**
 * TEST-ONLY knobs, so that end-to-end tests can make the app's timers short and observable instead of
 * waiting them out. They are read once, at start-up, from `globalThis.__MEDIASTREAM_TEST__`, which only a
 * test sets (Playwright's `addInitScript`, before the app's code runs; see e2e/support/test-options.ts).
 * Nothing in the app or its build ever sets it. Absent, it changes nothing; malformed (not an object, an
 * unknown key, a value that is not a whole number of milliseconds in range), it is ignored whole, with a
 * console warning, and the app runs with its defaults.
 */

import { TEST_OPTIONS_GLOBAL } from './test-options-global';

export interface TestOptions {
  /** How often the engine checks the stored rev for missed changes (EnginePlatform.staleCheckMs); 0 turns it off. */
  readonly staleCheckMs?: number;
  /** How long a track that should be playing may make no progress before it counts as stalled (STALL_TIMEOUT_MS). */
  readonly stallTimeoutMs?: number;
}

/** The range each option accepts, in milliseconds. */
const RANGES: { readonly [K in keyof Required<TestOptions>]: { readonly min: number; readonly max: number } } = {
  staleCheckMs: { min: 0, max: 600_000 },
  stallTimeoutMs: { min: 1, max: 600_000 },
};

/** The options set on `scope`, validated; `{}` when there are none or they are malformed. */
export function readTestOptions(scope: object = globalThis): TestOptions {
  let value: unknown;
  try {
    value = (scope as Record<string, unknown>)[TEST_OPTIONS_GLOBAL];
  } catch {
    return {};
  }
  if (value === undefined) return {};
  const problem = problemWith(value);
  if (problem) {
    console.warn(`${TEST_OPTIONS_GLOBAL} ignored: ${problem}`);
    return {};
  }
  const options = value as Record<keyof TestOptions, number | undefined>;
  const read: { -readonly [K in keyof TestOptions]: TestOptions[K] } = {};
  for (const key of Object.keys(RANGES) as (keyof TestOptions)[]) {
    if (options[key] !== undefined) read[key] = options[key];
  }
  return read;
}

function problemWith(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'it is not an object';
  for (const [key, option] of Object.entries(value)) {
    const range = RANGES[key as keyof TestOptions];
    if (!range) return `unknown option "${key}"`;
    if (option === undefined) continue;
    if (typeof option !== 'number' || !Number.isInteger(option) || option < range.min || option > range.max) {
      return `${key} must be a whole number of milliseconds from ${range.min} to ${range.max}`;
    }
  }
  return null;
}

let cached: TestOptions | undefined;

/** The options of this page, read the first time they are asked for (at start-up) and kept. */
export function testOptions(): TestOptions {
  cached ??= readTestOptions();
  return cached;
}
