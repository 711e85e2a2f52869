/**
 * The global a test sets to pass TEST-ONLY options (see test-options.ts), on its own so that start-up can
 * check for it without loading the options' validation in every visitor's first paint.
 */
import type { TestOptions } from './test-options';

export const TEST_OPTIONS_GLOBAL = '__MEDIASTREAM_TEST__';

/** One TEST-ONLY option, or undefined; the options' validation (test-options.ts) is loaded only when a test set them. */
export async function testOption<K extends keyof TestOptions>(key: K): Promise<TestOptions[K]> {
  if (!(TEST_OPTIONS_GLOBAL in globalThis)) return undefined;
  return (await import('./test-options')).testOptions()[key];
}
