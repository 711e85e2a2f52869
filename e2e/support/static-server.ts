/**
 * A static file server the tests control: it serves a build under any base path, answers Range requests
 * as a CDN does, can switch to another build (a deploy) and can stop (the network is gone).
 */

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { relativePathOf, serveFile, stopServer } from './serve-file';

export interface StaticServer {
  /** The app's URL, ending in the base path. */
  readonly url: string;
  /** Serve another build from now on (a deploy). */
  serve(root: string): void;
  stop(): Promise<void>;
}

export async function startStaticServer(root: string, basePath = '/'): Promise<StaticServer> {
  let current = root;
  const server: Server = createServer((request, response) => {
    const relative = relativePathOf(request, basePath);
    if (relative === null) return void response.writeHead(404).end('not found');
    serveFile(request, response, current, relative);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    serve: (root) => void (current = root),
    stop: () => stopServer(server),
  };
}
