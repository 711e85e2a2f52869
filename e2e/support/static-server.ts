/**
 * A static file server the tests control: it serves a build under any base path, answers Range requests
 * as a CDN does, can switch to another build (a deploy) and can stop (the network is gone).
 */

import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { relativePathOf, serveFile, stopServer } from './serve-file';

export interface StaticServer {
  /** The app's URL, ending in the base path. */
  readonly url: string;
  /** Serve another build from now on (a deploy). */
  serve(root: string): void;
  stop(): Promise<void>;
}

export interface StaticServerOptions {
  /**
   * Markup put first in every HTML page's `<head>`, before the page's Content-Security-Policy (which does not
   * apply to what precedes it): the cross-engine suite's page-error probe, where the driver has no console.
   */
  readonly headStart?: string;
}

export async function startStaticServer(root: string, basePath = '/', { headStart }: StaticServerOptions = {}): Promise<StaticServer> {
  let current = root;
  const server: Server = createServer((request, response) => {
    const relative = relativePathOf(request, basePath);
    if (relative === null) return void response.writeHead(404).end('not found');
    serveFile(request, response, current, relative, htmlWithHeadStart(current, relative, headStart));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    serve: (root) => void (current = root),
    stop: () => stopServer(server),
  };
}

/** The HTML page with `headStart` put first in its `<head>`; undefined for anything else (served from disk). */
function htmlWithHeadStart(root: string, relative: string, headStart: string | undefined): Buffer | undefined {
  if (headStart === undefined || extname(relative) !== '.html') return undefined;
  const file = join(root, relative);
  if (!file.startsWith(root) || !existsSync(file)) return undefined;
  return Buffer.from(readFileSync(file, 'utf8').replace(/<head>/i, (head) => head + headStart));
}
