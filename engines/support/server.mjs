/**
 * The production build (dist/) served by the end-to-end tests' own static server
 * (e2e/support/static-server.ts, loaded through Vite: Node 20 cannot import TypeScript), on a port the
 * system picks, with the page-error probe put first in every page.
 */

import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';
import { PAGE_ERROR_PROBE } from './page.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DIST = resolve(ROOT, 'dist');

let loaded;

/** @returns {Promise<{ url: string, stop(): Promise<void> }>} */
export async function startServer(basePath = '/') {
  loaded ??= runnerImport(resolve(ROOT, 'e2e/support/static-server.ts'), { configFile: false, logLevel: 'silent' });
  const { module } = await loaded;
  return module.startStaticServer(DIST, basePath, { headStart: PAGE_ERROR_PROBE });
}
