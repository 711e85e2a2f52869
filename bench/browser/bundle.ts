/**
 * Bundle: every script and stylesheet a new visitor's tab fetches until the app shows the library, in
 * gzip -9 bytes, and the service worker's. What index.html loads is what the first paint needs (the
 * initial JS); the rest is imported after it. The initial JS is also split by source with its source maps
 * (which package or folder each minified byte came from), to show what to cut.
 */

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import type { BundleFile, PackageShare } from '../results';
import { waitForApp } from './app-page';
import { newDeviceId } from './fixtures';
import { recordFirstPaint, useDeviceFromQuery } from './page-scripts';

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

export async function measureBundle(browser: Browser, origin: string, appDir: string, projectRoot: string) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await context.addInitScript(useDeviceFromQuery);
  await context.addInitScript(recordFirstPaint);
  const page = await context.newPage();
  const fetched: { path: string; kind: 'js' | 'css' }[] = [];
  page.on('request', (request) => {
    const type = request.resourceType();
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/app/') && (type === 'script' || type === 'stylesheet')) {
      fetched.push({ path: path.slice('/app/'.length), kind: type === 'script' ? 'js' : 'css' });
    }
  });
  await page.bringToFront();
  await page.goto(`${origin}/app/?benchDevice=${newDeviceId()}`);
  await waitForApp(page, { title: 'Nothing playing' });
  await page.waitForTimeout(1000);
  // Every script the page asked for before it first showed the library: index.html's entry, the chunks
  // the first paint waits on (browsing, Your music, the virtualizer for a long library) and those merely
  // started early, which compete with the paint for the network and the main thread all the same.
  const beforePaint = new Set(
    await page.evaluate(() => {
      const paintedAt = (window as unknown as { __benchFirstPaintAt?: number }).__benchFirstPaintAt ?? Number.POSITIVE_INFINITY;
      return performance
        .getEntriesByType('resource')
        .filter((entry) => entry.startTime < paintedAt)
        .map((entry) => new URL(entry.name).pathname);
    }),
  );
  await context.close();

  const html = readFileSync(join(appDir, 'index.html'), 'utf8');
  const seen = new Set<string>();
  const files: BundleFile[] = [];
  for (const { path, kind } of fetched) {
    if (seen.has(path)) continue;
    seen.add(path);
    const data = readFileSync(join(appDir, path));
    files.push({
      path,
      kind,
      bytes: data.length,
      gzipBytes: gzipBytes(data),
      entry: html.includes(`./${path}`),
      beforePaint: beforePaint.has(`/app/${path}`),
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
  return { files, serviceWorker: { bytes: sw.length, gzipBytes: gzipBytes(sw) }, byPackage: sharesBySource(mapped) };
}
