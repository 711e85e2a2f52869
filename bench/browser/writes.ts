/**
 * Writes: IndexedDB write transactions per second (counted in every tab and its commit worker by wrapping
 * IDBObjectStore's write methods, see installCounters) while playing with one tab open, with three tabs
 * open, and while paused; and messages posted on the player's channel per second while playing.
 */

import type { Browser, Page } from '@playwright/test';
import type { WriteWindow } from '../results';
import { openApp } from './app-page';
import { countInCommitWorker, tabCounters } from './counters';
import { newDeviceId, seedSession, titleOf } from './fixtures';
import { installCounters, useDeviceFromQuery } from './page-scripts';

export interface WritesOptions {
  readonly windowMs: number;
  readonly log: (message: string) => void;
}

const CURRENT_TRACK = 9;

async function totals(pages: readonly Page[]) {
  const all = await Promise.all(pages.map(tabCounters));
  return {
    writeTransactions: all.reduce((sum, c) => sum + c.writeTransactions, 0),
    writeRequests: all.reduce((sum, c) => sum + c.writeRequests, 0),
    broadcasts: all.reduce((sum, c) => sum + c.broadcasts, 0),
  };
}

async function countWindow(pages: readonly Page[], windowMs: number): Promise<WriteWindow> {
  const before = await totals(pages);
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, windowMs));
  const after = await totals(pages);
  const ms = performance.now() - started;
  return {
    tabs: pages.length,
    ms,
    writeTransactions: after.writeTransactions - before.writeTransactions,
    writeRequests: after.writeRequests - before.writeRequests,
    broadcasts: after.broadcasts - before.broadcasts,
  };
}

/** The tab's audio element is really playing: its time moves. */
async function waitForSound(page: Page): Promise<void> {
  const time = () =>
    page.evaluate(() => {
      const audio = document.querySelector('mediastream-app')?.shadowRoot?.querySelector('audio');
      return audio && !audio.paused ? audio.currentTime : -1;
    });
  const deadline = Date.now() + 30_000;
  let first = -1;
  while (Date.now() < deadline) {
    const now = await time();
    if (first < 0 && now >= 0) first = now;
    else if (first >= 0 && now > first + 0.5) return;
    await page.waitForTimeout(100);
  }
  throw new Error('writes: the audio never started');
}

export async function measureWrites(browser: Browser, origin: string, options: WritesOptions) {
  const context = await browser.newContext();
  await context.addInitScript(useDeviceFromQuery);
  await context.addInitScript(installCounters);
  const deviceId = newDeviceId();
  await seedSession(context, origin, { deviceId, queueLength: 10, currentTrack: CURRENT_TRACK, positionSeconds: 0 });
  const expect = { title: titleOf(CURRENT_TRACK), count: 10 };
  const first = await openApp(context, origin, deviceId, expect);
  await countInCommitWorker(first);
  await first.locator('button[aria-label="Play"]').click();
  await waitForSound(first);
  await first.waitForTimeout(1500);
  options.log('writes: playing, one tab…');
  const playingOneTab = await countWindow([first], options.windowMs);

  const pages = [
    first,
    await openApp(context, origin, deviceId, { title: titleOf(CURRENT_TRACK) }),
    await openApp(context, origin, deviceId, { title: titleOf(CURRENT_TRACK) }),
  ];
  for (const page of pages.slice(1)) await countInCommitWorker(page);
  await first.bringToFront();
  await first.waitForTimeout(2000);
  options.log('writes: playing, three tabs…');
  const playingThreeTabs = await countWindow(pages, options.windowMs);

  await first.locator('button[aria-label="Pause"]').click();
  await first.waitForTimeout(2000);
  options.log('writes: paused, three tabs…');
  const paused = await countWindow(pages, options.windowMs);
  await context.close();
  return { playingOneTab, playingThreeTabs, paused };
}
