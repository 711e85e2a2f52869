/** Opening the app as a tab of a given device, and finding where a person would click. */

import type { BrowserContext, Page } from '@playwright/test';
import { appView } from './page-scripts';

export interface Expectation {
  /** The now-playing title to wait for. */
  readonly title?: string;
  /** The queue length to wait for. */
  readonly count?: number;
}

/** Opens a tab on the app for `deviceId` and waits until it shows the library (and what `expect` says). */
export async function openApp(context: BrowserContext, origin: string, deviceId: string, expect: Expectation): Promise<Page> {
  const page = await context.newPage();
  await page.bringToFront();
  await page.goto(`${origin}/app/?benchDevice=${deviceId}`);
  await waitForApp(page, expect);
  return page;
}

/**
 * Opens `url` in a window of its own, as a person puts two windows side by side: a second tab of the same
 * window is not in front, and Chromium then renders it at times only once a second. The window is opened
 * from `opener` without an opener relationship (`noopener`), so it is an independent page like any tab.
 */
export async function openWindow(opener: Page, url: string): Promise<Page> {
  const [page] = await Promise.all([
    opener.context().waitForEvent('page'),
    opener.evaluate((href) => void window.open(href, '_blank', 'noopener,popup,width=1280,height=720'), url),
  ]);
  await page.waitForLoadState('domcontentloaded');
  return page;
}

/** A second window on the app for `deviceId` (see openWindow). */
export async function openAppWindow(opener: Page, origin: string, deviceId: string, expect: Expectation): Promise<Page> {
  const page = await openWindow(opener, `${origin}/app/?benchDevice=${deviceId}`);
  await waitForApp(page, expect);
  return page;
}

export async function waitForApp(page: Page, expect: Expectation, timeout = 180_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let shown: ReturnType<typeof appView> | undefined;
  while (Date.now() < deadline) {
    shown = await page.evaluate(appView);
    const ready =
      shown.libraryRows > 0 &&
      (expect.title === undefined || shown.title === expect.title) &&
      (expect.count === undefined || (shown.count === expect.count && (expect.count === 0 || shown.first !== null)));
    if (ready) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`The app did not show ${JSON.stringify(expect)} in ${timeout} ms; it shows ${JSON.stringify(shown)}`);
}

/**
 * The queue's first row: a virtualized queue numbers its rows (`data-index`); a short one, whose rows are
 * all in the DOM in order, does not.
 */
export const FIRST_QUEUE_ROW = 'ms-queue [role="listitem"]:is([data-index="0"], :not([data-index]):first-child)';

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** The centre of the first element matching `selector` (Playwright's CSS pierces shadow roots). */
export async function centreOf(page: Page, selector: string): Promise<Point> {
  const locator = page.locator(selector).first();
  await locator.waitFor({ state: 'visible', timeout: 30_000 });
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${selector} has no box`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

export async function boxOf(page: Page, selector: string): Promise<{ x: number; y: number; width: number; height: number }> {
  const locator = page.locator(selector).first();
  await locator.waitFor({ state: 'visible', timeout: 30_000 });
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${selector} has no box`);
  return box;
}
