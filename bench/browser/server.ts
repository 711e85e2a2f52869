/**
 * One origin for everything the benchmark loads, as e2e/support/static-server.ts serves a build: the app
 * under /app/ (its service worker's scope) and the baseline pages under /pages/, so they are same-origin
 * pages outside the app's scope. Range requests are answered (the audio element asks with Range); a file
 * can be replaced by bytes held in memory (the 10,000-track catalog).
 */

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { relativePathOf, serveFile, stopServer } from '../../e2e/support/serve-file';

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
    for (const mount of mounts) {
      const relative = relativePathOf(request, mount.prefix);
      if (relative !== null) return serveFile(request, response, mount.root, relative, mount.overrides?.get(relative));
    }
    response.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    stop: () => stopServer(server),
  };
}
