/**
 * Reading the write and broadcast counters of a tab: its page and its commit worker, which writes the
 * tab's changes and posts them off the main thread (src/worker/commit-worker.ts). Init scripts reach
 * pages only, so the worker gets its counters once it has started.
 */

import type { Page } from '@playwright/test';
import { type Counters, installCounters, readCounters } from './page-scripts';

function commitWorkers(page: Page) {
  return page.workers().filter((worker) => worker.url().includes('commit-worker'));
}

/** Waits for the tab's commit worker and installs the counters in it. */
export async function countInCommitWorker(page: Page): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (commitWorkers(page).length === 0) {
    if (Date.now() > deadline) throw new Error('bench: the app’s commit worker never started');
    await page.waitForTimeout(50);
  }
  for (const worker of commitWorkers(page)) await worker.evaluate(installCounters);
}

/** The tab's counters: its page's and its commit worker's together. */
export async function tabCounters(page: Page): Promise<Counters> {
  const all = [
    await page.evaluate(readCounters),
    ...(await Promise.all(commitWorkers(page).map((worker) => worker.evaluate(readCounters)))),
  ];
  return {
    writeTransactions: all.reduce((sum, c) => sum + c.writeTransactions, 0),
    writeRequests: all.reduce((sum, c) => sum + c.writeRequests, 0),
    broadcasts: all.reduce((sum, c) => sum + c.broadcasts, 0),
    broadcastBytes: all.flatMap((c) => c.broadcastBytes),
  };
}
