/**
 * The sync server as people run it (`node server/sync-server.mjs`, a real process on 127.0.0.1 with a
 * temporary data folder), reached by the real Hocuspocus provider over a real WebSocket.
 */

import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { type SyncServerFolder, syncServerFolder } from '../support/sync-server';

/** ws throws from `close()` while still connecting unless someone listens for its errors: the tests do. */
class QuietWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on('error', () => {});
  }
}

const TOKENS = { 'alice-token': 'alice', 'bob-token': 'bob' };

let folder: SyncServerFolder;
const providers: HocuspocusProvider[] = [];

afterEach(async () => {
  for (const provider of providers.splice(0)) {
    provider.destroy();
    provider.configuration.websocketProvider.destroy();
  }
  await folder?.dispose();
});

interface Client {
  readonly doc: Y.Doc;
  readonly provider: HocuspocusProvider;
  /** Resolves 'synced' or 'refused: <reason>', whichever comes first. */
  readonly outcome: Promise<string>;
}

function connect(url: string, token: string, name: string, doc = new Y.Doc()): Client {
  const websocketProvider = new HocuspocusProviderWebsocket({
    url,
    WebSocketPolyfill: QuietWebSocket,
    delay: 50,
    minDelay: 50,
    maxDelay: 200,
  });
  let settle: (value: string) => void = () => {};
  const outcome = new Promise<string>((resolve) => (settle = resolve));
  const provider = new HocuspocusProvider({
    websocketProvider,
    name,
    document: doc,
    token,
    onSynced: () => settle('synced'),
    onAuthenticationFailed: ({ reason }) => settle(`refused: ${reason}`),
  });
  provider.attach();
  providers.push(provider);
  return { doc, provider, outcome };
}

/** Resolves once the server has every change the client made. */
function allSent(provider: HocuspocusProvider): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (provider.hasUnsyncedChanges) return;
      provider.off('unsyncedChanges', check);
      resolve();
    };
    provider.on('unsyncedChanges', check);
    check();
  });
}

async function documentFiles(dataDir: string): Promise<string[]> {
  return (await readdir(dataDir)).filter((name) => name.endsWith('.ydoc'));
}

describe('npm run sync-server', () => {
  it('prints where it listens and is bound to 127.0.0.1 only, not to every interface', async () => {
    folder = await syncServerFolder(TOKENS);
    const server = await folder.start();
    expect(server.output()).toMatch(/^listening on ws:\/\/127\.0\.0\.1:\d+$/m);
    // The kernel's own table of listening sockets: one on 127.0.0.1 at that port, none on IPv6 (`::`).
    const hexPort = server.port.toString(16).toUpperCase().padStart(4, '0');
    const listening = (table: string) =>
      table
        .split('\n')
        .slice(1)
        .map((line) => line.trim().split(/\s+/))
        .filter((fields) => fields[3] === '0A' && fields[1]?.endsWith(`:${hexPort}`))
        .map((fields) => fields[1]!.split(':')[0]);
    expect(listening(await readFile('/proc/net/tcp', 'utf8'))).toEqual(['0100007F']);
    expect(listening(await readFile('/proc/net/tcp6', 'utf8'))).toEqual([]);
  });

  it('refuses a wrong token, and writes nothing', async () => {
    folder = await syncServerFolder(TOKENS);
    const server = await folder.start({ debounceMs: 0 });
    const client = connect(server.url, 'not-a-token', 'mediastream/alice');
    client.doc.getMap('queue').set('e1', { trackId: 't1', order: 'a0' });
    expect(await client.outcome).toBe('refused: permission-denied');
    expect(await server.kill('SIGTERM')).toBe(0);
    expect(await documentFiles(folder.dataDir)).toEqual([]);
  });

  it('refuses a token for another user’s document, and leaves that document as it was', async () => {
    folder = await syncServerFolder(TOKENS);
    const server = await folder.start({ debounceMs: 0 });
    const bob = connect(server.url, 'bob-token', 'mediastream/bob');
    bob.doc.getMap('queue').set('e1', { trackId: 't1', order: 'a0' });
    expect(await bob.outcome).toBe('synced');
    await allSent(bob.provider);
    const alice = connect(server.url, 'alice-token', 'mediastream/bob');
    alice.doc.getMap('queue').set('e2', { trackId: 't2', order: 'a1' });
    expect(await alice.outcome).toBe('refused: permission-denied');
    expect(await server.kill('SIGTERM')).toBe(0);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, await readFile(path.join(folder.dataDir, `${encodeURIComponent('mediastream/bob')}.ydoc`)));
    expect(stored.getMap('queue').toJSON()).toEqual({ e1: { trackId: 't1', order: 'a0' } });
  });

  it('tells a client its user name and document, read-only', async () => {
    folder = await syncServerFolder(TOKENS);
    const server = await folder.start();
    const stateless = new Promise<string>((resolve) => {
      const client = connect(server.url, 'alice-token', 'whoami');
      client.provider.on('stateless', ({ payload }: { payload: string }) => resolve(payload));
    });
    expect(JSON.parse(await stateless)).toEqual({ user: 'alice', document: 'mediastream/alice' });
  });

  it('on SIGTERM writes what it has not written yet, and a restart on the same folder serves it', async () => {
    folder = await syncServerFolder(TOKENS);
    // A minute's debounce: nothing would be written before the signal.
    const server = await folder.start({ debounceMs: 60_000 });
    const alice = connect(server.url, 'alice-token', 'mediastream/alice');
    expect(await alice.outcome).toBe('synced');
    alice.doc.getMap('queue').set('e1', { trackId: 't1', order: 'a0' });
    await allSent(alice.provider);
    expect(await documentFiles(folder.dataDir)).toEqual([]);
    expect(await server.kill('SIGTERM')).toBe(0);
    expect(await documentFiles(folder.dataDir)).toEqual([`${encodeURIComponent('mediastream/alice')}.ydoc`]);

    const again = await folder.start();
    const phone = connect(again.url, 'alice-token', 'mediastream/alice');
    expect(await phone.outcome).toBe('synced');
    expect(phone.doc.getMap('queue').toJSON()).toEqual({ e1: { trackId: 't1', order: 'a0' } });
  });

  it('refuses a document it cannot read instead of serving it empty, and never writes over it', async () => {
    folder = await syncServerFolder(TOKENS);
    await mkdir(folder.dataDir, { recursive: true });
    const file = path.join(folder.dataDir, `${encodeURIComponent('mediastream/alice')}.ydoc`);
    const garbage = Buffer.from('this is not a Yjs update');
    await writeFile(file, garbage);
    const server = await folder.start({ debounceMs: 0 });
    const doc = new Y.Doc();
    doc.getMap('queue').set('mine', { trackId: 't1', order: 'a0' });
    const client = connect(server.url, 'alice-token', 'mediastream/alice', doc);
    // The server refuses the document rather than sync an empty one, saying why (not a bad token); the client keeps its data.
    expect(await client.outcome).toBe('refused: document-unavailable');
    await server.printed(/could not load mediastream\/alice/);
    expect(client.provider.isSynced).toBe(false);
    expect(doc.getMap('queue').toJSON()).toEqual({ mine: { trackId: 't1', order: 'a0' } });
    expect(await server.kill('SIGTERM')).toBe(0);
    expect(await readFile(file)).toEqual(garbage);
  });
});
