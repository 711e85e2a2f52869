/**
 * Bundle: every script and stylesheet a tab fetches until the app shows the library, in gzip -9 bytes, and
 * the service worker's; which of them were asked for before the first paint (the first frame showing the
 * session: now playing and the transport), measured in two loads with the browser's cache off: a new
 * visitor, and a returning one whose session (a 1,000-entry queue) is restored. Also the layout shifts of
 * both loads until the library and the queue have shown. The initial JS (what index.html loads) is split
 * by source with its source maps (which package or folder each minified byte came from), to show what to cut.
 */

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext } from '@playwright/test';
import { type LayoutShift, recordLayoutShifts } from '../../e2e/support/layout-shifts';
import type { BundleFile, FirstLoad, PackageShare, RawResults } from '../results';
import { type Expectation, FIRST_QUEUE_ROW, waitForApp } from './app-page';
import { newDeviceId, titleOf } from './fixtures';
import { type FirstPaintRecord, recordFirstPaint, useDeviceFromQuery } from './page-scripts';
import { RESTORED_TRACK, seedRestoreSession } from './restore';

export function gzipBytes(data: Buffer | string): number {
  return gzipSync(data, { level: 9 }).length;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export interface Segment {
  /** Generated line and column (0-based). */
  readonly line: number;
  readonly column: number;
  /** Index into the map's `sources`, or -1 for generated code with no source. */
  readonly source: number;
  /** Original line and column (0-based), when there is a source. */
  readonly originalLine: number;
  readonly originalColumn: number;
}

/** Source Map v3 `mappings`, decoded: per generated line, its segments. */
export function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let source = 0;
  let originalLine = 0;
  let originalColumn = 0;
  let lineNumber = 0;
  for (const lineText of mappings.split(';')) {
    const segments: Segment[] = [];
    let column = 0;
    for (const segmentText of lineText.split(',')) {
      if (!segmentText) continue;
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segmentText) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
        } else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0]!;
      if (values.length >= 4) {
        source += values[1]!;
        originalLine += values[2]!;
        originalColumn += values[3]!;
        segments.push({ line: lineNumber, column, source, originalLine, originalColumn });
      } else {
        segments.push({ line: lineNumber, column, source: -1, originalLine: -1, originalColumn: -1 });
      }
    }
    lines.push(segments);
    lineNumber++;
  }
  return lines;
}

/** `node_modules/lit-html/…` → `lit-html`; `src/engine/x.ts` → `src/engine` (paths relative to the project). */
export function groupOf(source: string): string {
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (modules) return modules[1]!;
  const own = /(?:^|\/)(src\/[^/]+)\//.exec(source);
  if (own) return own[1]!;
  return source.replace(/^(\.\.\/)+/, '');
}

/** Minified characters of each file attributed to the source group they came from. */
export function sharesBySource(
  files: readonly { code: string; map: { sources: string[]; mappings: string }; sourceName: (source: string) => string }[],
): PackageShare[] {
  const parts = new Map<string, string[]>();
  for (const { code, map, sourceName } of files) {
    const codeLines = code.split('\n');
    decodeMappings(map.mappings).forEach((segments, lineIndex) => {
      const text = codeLines[lineIndex] ?? '';
      segments.forEach((segment, i) => {
        const end = segments[i + 1]?.column ?? text.length;
        const group = segment.source >= 0 ? groupOf(sourceName(map.sources[segment.source] ?? '?')) : '(generated)';
        const list = parts.get(group) ?? [];
        list.push(text.slice(segment.column, end));
        parts.set(group, list);
      });
    });
  }
  return [...parts.entries()]
    .map(([source, list]) => {
      const joined = list.join('');
      return { source, bytes: Buffer.byteLength(joined), gzipBytes: gzipBytes(joined) };
    })
    .sort((a, b) => b.bytes - a.bytes);
}

/** How long the page is watched for layout shifts once the library and the queue show (what follows them). */
const SETTLE_MS = 1500;

/**
 * One load of the app with the browser's cache off, as a first visit fetches it: the scripts and stylesheets
 * it asked for, which of them before its first paint, and its layout shifts until it has settled.
 */
async function loadOnce(
  context: BrowserContext,
  url: string,
  expect: Expectation & { readonly title: string },
  queueRows: boolean,
): Promise<{ load: FirstLoad; fetched: { path: string; kind: 'js' | 'css' }[] }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const fetched: { path: string; kind: 'js' | 'css' }[] = [];
  page.on('request', (request) => {
    const type = request.resourceType();
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/app/') && (type === 'script' || type === 'stylesheet')) {
      fetched.push({ path: path.slice('/app/'.length), kind: type === 'script' ? 'js' : 'css' });
    }
  });
  await page.bringToFront();
  await page.goto(url);
  await waitForApp(page, expect);
  if (queueRows) await page.locator(FIRST_QUEUE_ROW).first().waitFor({ timeout: 60_000 });
  await page.waitForTimeout(SETTLE_MS);
  const { record, shifts, requested } = await page.evaluate(() => {
    const { __benchFirstPaint: record, layoutShifts: shifts } = window as unknown as {
      __benchFirstPaint: FirstPaintRecord;
      layoutShifts: LayoutShift[];
    };
    const requested = performance
      .getEntriesByType('resource')
      .map((entry) => ({ path: new URL(entry.name).pathname, startTime: entry.startTime }));
    return { record, shifts, requested };
  });
  await page.close();
  if (record.paintedAt === null || record.title !== expect.title) {
    throw new Error(`bundle: the first paint showed ${JSON.stringify(record.title)}, not ${JSON.stringify(expect.title)}`);
  }
  const paintedAt = record.paintedAt;
  const beforePaint = [
    ...new Set(
      requested
        .filter((entry) => entry.startTime < paintedAt && entry.path.startsWith('/app/'))
        .map((entry) => entry.path.slice('/app/'.length)),
    ),
  ];
  return {
    load: {
      firstPaintMs: paintedAt,
      libraryRowMs: record.libraryRowAt,
      queueRowMs: record.queueRowAt,
      beforePaint,
      layoutShift: shifts.reduce((total, shift) => total + shift.value, 0),
      shifts: shifts.map(({ value, at, moved }) => ({ value, at, sources: moved })),
    },
    fetched,
  };
}

export async function measureBundle(browser: Browser, origin: string, appDir: string, projectRoot: string): Promise<RawResults['bundle']> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await context.addInitScript(useDeviceFromQuery);
  await context.addInitScript(recordFirstPaint);
  await context.addInitScript(recordLayoutShifts);
  const fresh = await loadOnce(context, `${origin}/app/?benchDevice=${newDeviceId()}`, { title: 'Nothing playing' }, false);
  const deviceId = newDeviceId();
  await seedRestoreSession(context, origin, deviceId);
  const restored = await loadOnce(context, `${origin}/app/?benchDevice=${deviceId}`, { title: titleOf(RESTORED_TRACK) }, true);
  await context.close();

  const html = readFileSync(join(appDir, 'index.html'), 'utf8');
  const seen = new Set<string>();
  const files: BundleFile[] = [];
  for (const { path, kind } of [...fresh.fetched, ...restored.fetched]) {
    if (seen.has(path)) continue;
    seen.add(path);
    const data = readFileSync(join(appDir, path));
    files.push({
      path,
      kind,
      bytes: data.length,
      gzipBytes: gzipBytes(data),
      entry: html.includes(`./${path}`),
      beforePaint: fresh.load.beforePaint.includes(path) || restored.load.beforePaint.includes(path),
    });
  }
  const sw = readFileSync(join(appDir, 'sw.js'));
  const mapped = files
    .filter((file) => file.kind === 'js' && file.entry && existsSync(join(appDir, `${file.path}.map`)))
    .map((file) => ({
      code: readFileSync(join(appDir, file.path), 'utf8'),
      map: JSON.parse(readFileSync(join(appDir, `${file.path}.map`), 'utf8')) as { sources: string[]; mappings: string },
      sourceName: (source: string) => relative(projectRoot, resolve(dirname(join(appDir, file.path)), source)),
    }));
  return {
    files,
    loads: { fresh: fresh.load, restored: restored.load },
    serviceWorker: { bytes: sw.length, gzipBytes: gzipBytes(sw) },
    byPackage: sharesBySource(mapped),
  };
}
