/** Memory: the used JS heap (after a forced GC, over CDP) of a tab showing the 10,000-track library. */

import type { Browser } from '@playwright/test';
import { openApp } from './app-page';
import { LIBRARY_SIZE, newDeviceId } from './fixtures';
import { useDeviceFromQuery } from './page-scripts';
import { usedHeapBytes } from './queue-scale';

export async function measureMemory(browser: Browser, origin: string) {
  const context = await browser.newContext();
  await context.addInitScript(useDeviceFromQuery);
  const page = await openApp(context, origin, newDeviceId(), { title: 'Nothing playing' });
  await page.waitForTimeout(2000);
  const heapBytesLibrary10k = await usedHeapBytes(page);
  await context.close();
  return { heapBytesLibrary10k, library: LIBRARY_SIZE };
}
