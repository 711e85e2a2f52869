/**
 * The app's test-only options (src/app/test-options.ts): set on a page or a whole context before the
 * app's code runs, so that a test can shorten a timer (the stall timeout) or switch one off (the check for
 * missed changes) instead of waiting it out.
 */

import type { BrowserContext, Page } from '@playwright/test';
import type { TestOptions } from '../../src/app/test-options';
import { TEST_OPTIONS_GLOBAL } from '../../src/app/test-options-global';

export async function useTestOptions(target: Page | BrowserContext, options: TestOptions): Promise<void> {
  await target.addInitScript(
    ({ name, options }) => {
      (globalThis as Record<string, unknown>)[name] = options;
    },
    { name: TEST_OPTIONS_GLOBAL, options },
  );
}
