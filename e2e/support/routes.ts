/**
 * Network faults a person can meet, made with Playwright routes: a track file that is missing or is not
 * audio, and a catalog (`library.json`) that is missing or broken. Routes are set on a page or a whole
 * browser context (every tab), and last until `unroute` or the end of the test.
 */

import type { BrowserContext, Page, Route } from '@playwright/test';

type Routable = Page | BrowserContext;

/** The URL pattern of a demo track's audio file, `t1`..`t6`. */
export function trackUrl(trackId: string): string {
  return `**/audio/${trackId}.mp3`;
}

export const CATALOG_URL = '**/library.json';

/** The track's audio answers with an HTTP error (404 unless told). */
export async function failTrack(target: Routable, trackId: string, status = 404): Promise<void> {
  await target.route(trackUrl(trackId), (route: Route) => route.fulfill({ status, contentType: 'text/plain', body: `HTTP ${status}` }));
}

/** The track's audio answers 200, but with text that is not audio at all. */
export async function serveGarbageTrack(target: Routable, trackId: string): Promise<void> {
  const garbage = 'this is not an mp3 file, just some text pretending to be one.\n'.repeat(200);
  await target.route(trackUrl(trackId), (route: Route) => route.fulfill({ status: 200, contentType: 'text/plain', body: garbage }));
}

/** `library.json` answers 200 with this body (JSON or not). */
export async function serveCatalog(target: Routable, body: string): Promise<void> {
  await target.route(CATALOG_URL, (route: Route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
}

/** `library.json` answers with an HTTP error (404 unless told). */
export async function failCatalog(target: Routable, status = 404): Promise<void> {
  await target.route(CATALOG_URL, (route: Route) => route.fulfill({ status, contentType: 'text/plain', body: `HTTP ${status}` }));
}

/** Back to the real catalog. */
export async function restoreCatalog(target: Routable): Promise<void> {
  await target.unroute(CATALOG_URL);
}
