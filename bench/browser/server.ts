/**
 * One origin for everything the benchmark loads, as e2e/support/static-server.ts serves a build: the app
 * under /app/ (its service worker's scope) and the baseline pages under /pages/, so they are same-origin
 * pages outside the app's scope. Range requests are answered (the audio element asks with Range); a file
 * can be replaced by bytes held in memory (the 10,000-track catalog).
 */

import { createReadStream, existsSync, statSync } from 'node:fs';
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

export interface Mount {
  /** URL path prefix, starting and ending with `/`. */
  readonly prefix: string;
  readonly root: string;
  /** Paths relative to the mount answered from memory instead of the folder. */
  readonly overrides?: ReadonlyMap<string, Buffer>;
}

export interface BenchServer {
  readonly origin: string;
  stop(): Promise<void>;
}

export async function startBenchServer(mounts: readonly Mount[]): Promise<BenchServer> {
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const mount = mounts.find((candidate) => path.startsWith(candidate.prefix));
    if (!mount) return void response.writeHead(404).end('not found');
    const requested = normalize(path.slice(mount.prefix.length)).replace(/^([/\\])+/, '');
    const relative = requested === '' || requested === '.' ? 'index.html' : requested;
    const headers = {
      'content-type': TYPES[extname(relative)] ?? 'application/octet-stream',
      'accept-ranges': 'bytes',
      'cache-control': 'no-cache',
    };
    const inMemory = mount.overrides?.get(relative);
    if (inMemory) {
      response.writeHead(200, { ...headers, 'content-length': inMemory.length });
      return void response.end(inMemory);
    }
    const file = join(mount.root, relative);
    if (!file.startsWith(mount.root) || !existsSync(file) || statSync(file).isDirectory()) {
      return void response.writeHead(404).end('not found');
    }
    const size = statSync(file).size;
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
    origin: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
