/**
 * Audio made at test time, served in place of a URL as a static host serves a file: Range requests get
 * 206 with the bytes asked for, so the audio element can seek far into a long track without fetching it all.
 */

import type { BrowserContext, Page } from '@playwright/test';

export async function serveAudio(target: Page | BrowserContext, urlGlob: string, bytes: Uint8Array): Promise<void> {
  const body = Buffer.from(bytes);
  await target.route(urlGlob, (route) => {
    const headers = { 'content-type': 'audio/mpeg', 'accept-ranges': 'bytes', 'cache-control': 'no-cache' };
    const range = /^bytes=(\d*)-(\d*)$/.exec(route.request().headers().range ?? '');
    if (!range) return route.fulfill({ status: 200, headers, body });
    const start = range[1] ? Number(range[1]) : body.length - Number(range[2]);
    const end = range[1] && range[2] ? Math.min(Number(range[2]), body.length - 1) : body.length - 1;
    return route.fulfill({
      status: 206,
      headers: { ...headers, 'content-range': `bytes ${start}-${end}/${body.length}` },
      body: body.subarray(start, end + 1),
    });
  });
}
