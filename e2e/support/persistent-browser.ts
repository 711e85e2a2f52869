/** A browser with a profile on disk: closing and launching it again is a browser restart. */

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type BrowserContextOptions, chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './chromium';

export interface Profile {
  launch(): Promise<BrowserContext>;
  remove(): void;
}

/**
 * @param blockSiteData the profile's own setting that blocks every site's storage (cookies, localStorage,
 *   IndexedDB, caches), as a person can choose in the browser's settings.
 * @param serviceWorkers 'block' where a test routes the catalog or audio (a service worker would answer first).
 */
export function newProfile(
  baseURL: string,
  {
    blockSiteData = false,
    serviceWorkers = 'allow',
  }: { blockSiteData?: boolean; serviceWorkers?: BrowserContextOptions['serviceWorkers'] } = {},
): Profile {
  const dir = mkdtempSync(join(tmpdir(), 'mediastream-profile-'));
  if (blockSiteData) {
    mkdirSync(join(dir, 'Default'), { recursive: true });
    writeFileSync(join(dir, 'Default', 'Preferences'), JSON.stringify({ profile: { default_content_setting_values: { cookies: 2 } } }));
  }
  return {
    launch: () =>
      chromium.launchPersistentContext(dir, { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS, baseURL, serviceWorkers }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
