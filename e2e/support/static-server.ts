/**
 * A static file server the tests control: it serves a build under any base path, answers Range requests
 * as a CDN does, can switch to another build (a deploy) and can stop (the network is gone).
 */

import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.mp3': 'audio/mpeg',
  '.map': 'application/json',
};

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
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(basePath)) return void response.writeHead(404).end('not found');
    const requested = normalize(path.slice(basePath.length)).replace(/^([/\\])+/, '');
    const relative = requested === '' || requested === '.' ? 'index.html' : requested;
    const file = join(current, relative);
    if (!file.startsWith(current) || !existsSync(file) || statSync(file).isDirectory()) {
      return void response.writeHead(404).end('not found');
    }
    const size = statSync(file).size;
    const headers = {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'accept-ranges': 'bytes',
      // Like a CDN in front of a deploy: the service worker and HTML must be revalidated.
      'cache-control': 'no-cache',
    };
    if (headStart !== undefined && extname(file) === '.html') {
      const html = Buffer.from(readFileSync(file, 'utf8').replace(/<head>/i, (head) => head + headStart));
      response.writeHead(200, { ...headers, 'content-length': html.length });
      return void response.end(html);
    }
    const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? '');
    if (range) {
      const start = range[1] ? Number(range[1]) : size - Number(range[2]);
      const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
      response.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${end}/${size}`, 'content-length': end - start + 1 });
      return void createReadStream(file, { start, end }).pipe(response);
    }
    response.writeHead(200, { ...headers, 'content-length': size });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    serve: (root) => void (current = root),
    stop: () =>
      new Promise((resolve) => {
        if (!server.listening) return resolve();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
