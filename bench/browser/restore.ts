/**
 * Restore: from navigation start until the restored track and position are painted, with a 10,000-track
 * catalog and a 1,000-entry queue; and, interleaved with it in the same browser context (same cache,
 * same service worker, same database file), the same app's first paint for a device with no state.
 * Each load is a new tab; "painted" is the end of the first frame whose DOM shows it (rAF, then a task).
 */

import type { Browser, BrowserContext } from '@playwright/test';
import { formatDuration } from '../../src/ui/format-duration';
import { LIBRARY_SIZE, newDeviceId, seedSession, titleOf } from './fixtures';
import { installPaintLog, useDeviceFromQuery } from './page-scripts';

export interface RestoreOptions {
  readonly loads: number;
  readonly warmUp: number;
  readonly log: (message: string) => void;
}

export const RESTORE_QUEUE = 1000;
export const RESTORED_TRACK = 4999;
export const RESTORED_POSITION = 83.4;

/** Saves the session the restore figures restore (track 5,000 at 1:23, a 1,000-entry queue) for `deviceId`. */
export function seedRestoreSession(context: BrowserContext, origin: string, deviceId: string): Promise<void> {
  return seedSession(context, origin, {
    deviceId,
    queueLength: RESTORE_QUEUE,
    currentTrack: RESTORED_TRACK,
    positionSeconds: RESTORED_POSITION,
  });
}

interface Expect {
  readonly title: string;
  readonly elapsed?: string;
}

type PaintEntry = { raf: number; painted: number; title: string | null; elapsed: string | null; libraryRow: boolean };

async function loadOnce(context: BrowserContext, url: string, expect: Expect): Promise<{ painted: number; fcp: number }> {
  const page = await context.newPage();
  try {
    await page.bringToFront();
    await page.goto(url, { waitUntil: 'commit' });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      await page.waitForTimeout(150);
      const found = await page.evaluate((expect) => {
        const log = (window as unknown as { __benchPaint?: PaintEntry[] }).__benchPaint ?? [];
        const entry = log.find((e) => e.title === expect.title && (expect.elapsed === undefined || e.elapsed === expect.elapsed));
        const fcp = (window as unknown as { __benchFcp?: () => number }).__benchFcp?.() ?? 0;
        return entry && entry.painted > 0 ? { painted: entry.painted, fcp } : null;
      }, expect);
      if (found) return found;
    }
    throw new Error(`restore: ${url} never showed ${JSON.stringify(expect)}`);
  } finally {
    await page.close();
  }
}

export async function measureRestore(browser: Browser, origin: string, options: RestoreOptions) {
  const context = await browser.newContext();
  await context.addInitScript(useDeviceFromQuery);
  await context.addInitScript(installPaintLog);
  const deviceId = newDeviceId();
  options.log(`restore: seeding a session with a queue of ${RESTORE_QUEUE}…`);
  await seedRestoreSession(context, origin, deviceId);
  const restoredExpect = { title: titleOf(RESTORED_TRACK), elapsed: formatDuration(RESTORED_POSITION) };
  const samples = { restored: [] as number[], fresh: [] as number[], restoredFcp: [] as number[], freshFcp: [] as number[] };
  for (let round = 0; round < options.warmUp + options.loads; round++) {
    const order = round % 2 === 0 ? (['restored', 'fresh'] as const) : (['fresh', 'restored'] as const);
    for (const kind of order) {
      const device = kind === 'restored' ? deviceId : newDeviceId();
      const { painted, fcp } = await loadOnce(
        context,
        `${origin}/app/?benchDevice=${device}`,
        kind === 'restored' ? restoredExpect : { title: 'Nothing playing' },
      );
      if (round < options.warmUp) continue;
      samples[kind].push(painted);
      samples[kind === 'restored' ? 'restoredFcp' : 'freshFcp'].push(fcp);
    }
  }
  await context.close();
  return { library: LIBRARY_SIZE, queue: RESTORE_QUEUE, warmUp: options.warmUp, ...samples };
}
