/**
 * Answering one request with one file, as a static host or CDN does: its content type, `no-cache` (a
 * deploy must be noticed), and Range requests answered with 206 (the audio element asks with Range).
 * Shared by the tests' server (static-server.ts) and the benchmark's (bench/browser/server.ts).
 */

import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
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

/** The request's path below `prefix`, as a relative file path (`index.html` for the prefix itself); null outside it. */
export function relativePathOf(request: IncomingMessage, prefix: string): string | null {
  const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
  if (!path.startsWith(prefix)) return null;
  const requested = normalize(path.slice(prefix.length)).replace(/^([/\\])+/, '');
  return requested === '' || requested === '.' ? 'index.html' : requested;
}

/** Serves `relative` from `root` (or `inMemory` bytes in its place); 404 for anything outside `root`. */
export function serveFile(request: IncomingMessage, response: ServerResponse, root: string, relative: string, inMemory?: Buffer): void {
  const headers = {
    'content-type': TYPES[extname(relative)] ?? 'application/octet-stream',
    'accept-ranges': 'bytes',
    'cache-control': 'no-cache',
  };
  if (inMemory) {
    response.writeHead(200, { ...headers, 'content-length': inMemory.length });
    response.end(inMemory);
    return;
  }
  const file = join(root, relative);
  if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) {
    response.writeHead(404).end('not found');
    return;
  }
  const size = statSync(file).size;
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? '');
  if (range) {
    const start = range[1] ? Number(range[1]) : size - Number(range[2]);
    const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    response.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${end}/${size}`, 'content-length': end - start + 1 });
    createReadStream(file, { start, end }).pipe(response);
    return;
  }
  response.writeHead(200, { ...headers, 'content-length': size });
  createReadStream(file).pipe(response);
}

/** Stops a server, cutting the connections a browser keeps alive. */
export function stopServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
