/** A browser with a profile on disk: closing and launching it again is a browser restart. */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './chromium';

export interface Profile {
  launch(): Promise<BrowserContext>;
  remove(): void;
}

export function newProfile(baseURL: string): Profile {
  const dir = mkdtempSync(join(tmpdir(), 'mediastream-profile-'));
  return {
    launch: () =>
      chromium.launchPersistentContext(dir, { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS, baseURL }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
