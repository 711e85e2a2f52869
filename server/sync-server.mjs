#!/usr/bin/env node
/**
 * MediaStream's opt-in sync server: Hocuspocus 3.4 with each user's document kept in a file of the data
 * folder. Plain ESM with JSDoc types, so Node 20 runs it as it is.
 *
 *   npm run sync-server -- --port <n> --data <folder> --tokens <file> [--host <address>] [--debounce <ms>]
 *
 * `<file>` is JSON `{ "<token>": "<user name>" }`. A token opens only its own user's document,
 * `mediastream/<user name>`; the document `whoami` (read-only, never stored) tells a client its user name,
 * so that a person types only the server address and the token.
 *
 * Guards: a document whose file cannot be read or decoded is refused (the client keeps its data and
 * retries) rather than served empty, and a document that failed to load is never written over its file
 * (Hocuspocus #382). Files are replaced atomically (written aside, then renamed). SIGTERM and SIGINT
 * write every open document, then exit.
 */

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Database } from '@hocuspocus/extension-database';
import { Server } from '@hocuspocus/server';
import * as Y from 'yjs';

/** The document a client opens first to learn its user name. */
export const WHOAMI = 'whoami';
/** The reason a client is given when its document's file cannot be read: not a refused token. */
export const DOCUMENT_UNAVAILABLE = 'document-unavailable';
const PREFIX = 'mediastream/';

/** @param {string} user */
export function documentNameFor(user) {
  return PREFIX + user;
}

/**
 * @param {unknown} value
 * @returns {Map<string, string>}
 */
export function parseTokens(value) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('the tokens file must be a JSON object { "<token>": "<user name>" }');
  }
  const tokens = new Map();
  for (const [token, user] of Object.entries(value)) {
    if (token.length === 0 || typeof user !== 'string' || user.length === 0) {
      throw new Error(
        `the tokens file maps ${JSON.stringify(token)} to ${JSON.stringify(user)}: tokens and user names must be non-empty strings`,
      );
    }
    tokens.set(token, user);
  }
  return tokens;
}

/** @param {string} dataDir @param {string} documentName */
function fileFor(dataDir, documentName) {
  return path.join(dataDir, `${encodeURIComponent(documentName)}.ydoc`);
}

/**
 * Starts the server; resolves once it accepts connections.
 * @param {{ port: number, host?: string, dataDir: string, tokens: Map<string, string>, debounceMs?: number, log?: (line: string) => void }} options
 */
export async function startSyncServer({ port, host = '127.0.0.1', dataDir, tokens, debounceMs = 200, log = () => {} }) {
  await mkdir(dataDir, { recursive: true });
  /** Documents whose load succeeded: only these are ever written. */
  const loaded = new WeakSet();
  /** @type {Map<string, Promise<void>>} one write at a time per file */
  const writing = new Map();

  /** @param {string} documentName @param {Uint8Array} state */
  const write = (documentName, state) => {
    const file = fileFor(dataDir, documentName);
    const previous = writing.get(documentName) ?? Promise.resolve();
    const next = previous.then(async () => {
      const aside = `${file}.${process.pid}.tmp`;
      await writeFile(aside, state);
      await rename(aside, file);
    });
    writing.set(
      documentName,
      next.catch(() => {}),
    );
    return next;
  };

  const database = new Database({
    fetch: async ({ documentName }) => {
      if (documentName === WHOAMI) return null;
      let state;
      try {
        state = new Uint8Array(await readFile(fileFor(dataDir, documentName)));
        // Decoded aside first: a file that does not decode is refused here, with a reason in the log.
        Y.applyUpdate(new Y.Doc(), state);
      } catch (error) {
        if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ENOENT') return null;
        // Anything else: refuse, so no client is ever handed an empty document in place of its data. The
        // reason reaches the client (as a refusal): it keeps its data and tries again later, not as a bad token.
        log(`could not load ${documentName}: ${String(error)}`);
        throw Object.assign(new Error(`could not load ${documentName}`, { cause: error }), { reason: DOCUMENT_UNAVAILABLE });
      }
      return state;
    },
    store: async ({ documentName, document, state }) => {
      if (documentName === WHOAMI || !loaded.has(document)) return;
      await write(documentName, state);
    },
  });

  const server = new Server({
    name: 'mediastream-sync',
    quiet: true,
    stopOnSignals: false,
    debounce: debounceMs,
    maxDebounce: Math.max(debounceMs, 1000),
    extensions: [database],
    async onAuthenticate({ token, documentName, connectionConfig }) {
      const user = tokens.get(token);
      if (user === undefined) throw new Error('unknown token');
      if (documentName === WHOAMI) {
        connectionConfig.readOnly = true;
        return { user };
      }
      if (documentName !== documentNameFor(user)) throw new Error('not this user’s document');
      return { user };
    },
    async afterLoadDocument({ document, documentName }) {
      if (documentName !== WHOAMI) loaded.add(document);
    },
    async connected({ documentName, connection, context }) {
      if (documentName === WHOAMI)
        connection.sendStateless(JSON.stringify({ user: context.user, document: documentNameFor(context.user) }));
    },
    async onChange({ documentName }) {
      if (documentName === WHOAMI) throw new Error('read-only');
    },
  });

  // Hocuspocus 3.4 passes `address` where Node expects `host`, and so listens on every interface
  // (hocuspocus#1120): listen here, then let it run its onListen hooks.
  await new Promise((resolve, reject) => {
    server.httpServer.once('error', reject);
    server.httpServer.listen({ host, port }, () => {
      server.httpServer.off('error', reject);
      resolve(undefined);
    });
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.httpServer.address());
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  /** Writes every open document, then stops. */
  const stop = async () => {
    for (const [documentName, document] of server.hocuspocus.documents) {
      if (documentName !== WHOAMI && loaded.has(document)) await write(documentName, Y.encodeStateAsUpdate(document));
    }
    server.hocuspocus.closeConnections();
    const closed = new Promise((resolve) => server.httpServer.close(() => resolve(undefined)));
    for (const socket of server.webSocketServer.clients) socket.terminate();
    server.webSocketServer.close();
    server.httpServer.closeAllConnections();
    await closed;
    await Promise.all(writing.values());
  };

  return { server, address, url: `ws://${shownHost}:${address.port}`, stop };
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string' },
      tokens: { type: 'string' },
      /** How long after a change the document is written (a burst of changes is written once). */
      debounce: { type: 'string', default: '200' },
    },
  });
  const usage = 'usage: npm run sync-server -- --port <n> --data <folder> --tokens <file> [--host <address>] [--debounce <ms>]';
  const port = Number(values.port);
  const debounceMs = Number(values.debounce);
  const valid = values.port && Number.isInteger(port) && port >= 0 && port <= 65535 && Number.isInteger(debounceMs) && debounceMs >= 0;
  if (!valid || !values.data || !values.tokens) {
    console.error(usage);
    process.exit(2);
  }
  let tokens;
  try {
    tokens = parseTokens(JSON.parse(await readFile(values.tokens, 'utf8')));
  } catch (error) {
    console.error(`${values.tokens}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
  const running = await startSyncServer({
    port,
    host: values.host,
    dataDir: path.resolve(values.data),
    tokens,
    debounceMs,
    log: (line) => console.error(line),
  });
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await running.stop();
    console.log('stopped, every document written');
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  console.log(`listening on ${running.url}`);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('sync-server.mjs')) {
  void main();
}
