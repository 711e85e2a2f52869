/**
 * Waiting on what can be observed, never on the clock: `poll` reads a value until it is accepted, and on
 * timeout fails with what it last saw. Timeouts are generous: the machine is shared and has two cores.
 */

import { setTimeout as delay } from 'node:timers/promises';

export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Calls `read` until `accept(value)` holds, and returns that value. A `read` that throws counts as not yet
 * (an element not rendered yet, a page still loading); its last error is reported on timeout.
 */
export async function poll(what, read, accept = Boolean, { timeout = DEFAULT_TIMEOUT_MS, interval = 150 } = {}) {
  const deadline = Date.now() + timeout;
  let last = 'nothing read yet';
  for (;;) {
    try {
      const value = await read();
      if (accept(value)) {
        if (process.env.ENGINES_DEBUG)
          console.error(`[${new Date().toISOString().slice(11, 23)}] ${what}: ${Date.now() + timeout - deadline} ms`);
        return value;
      }
      last = `last saw ${JSON.stringify(value)}`;
    } catch (error) {
      last = `last error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    }
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what} (${last})`);
    await delay(interval);
  }
}
