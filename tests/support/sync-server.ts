/**
 * The real sync server (server/sync-server.mjs) as a child process on 127.0.0.1 with a temporary data
 * folder, for the unit and end-to-end tests. Nothing here is a mock.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('../../server/sync-server.mjs', import.meta.url));

export interface SyncServerProcess {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** Resolves once it has printed something that matches. */
  printed(pattern: RegExp): Promise<void>;
  /** Sends the signal and resolves with the exit code once it has exited. */
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

export interface SyncServerFolder {
  readonly dataDir: string;
  readonly tokensFile: string;
  /** Starts a server on this folder; port 0 picks a free one. */
  start(options?: { port?: number; debounceMs?: number; host?: string }): Promise<SyncServerProcess>;
  /** Stops every server it started (SIGKILL where still running) and deletes the folder. */
  dispose(): Promise<void>;
}

export async function syncServerFolder(tokens: Record<string, string>): Promise<SyncServerFolder> {
  const root = await mkdtemp(path.join(tmpdir(), 'mediastream-sync-'));
  const dataDir = path.join(root, 'data');
  const tokensFile = path.join(root, 'tokens.json');
  await writeFile(tokensFile, JSON.stringify(tokens));
  const started: SyncServerProcess[] = [];
  return {
    dataDir,
    tokensFile,
    async start({ port = 0, debounceMs, host } = {}) {
      const args = [SERVER, '--port', String(port), '--data', dataDir, '--tokens', tokensFile];
      if (debounceMs !== undefined) args.push('--debounce', String(debounceMs));
      if (host !== undefined) args.push('--host', host);
      const running = await spawnServer(args, dataDir);
      started.push(running);
      return running;
    },
    async dispose() {
      await Promise.all(started.map((server) => server.kill('SIGKILL')));
      await rm(root, { recursive: true, force: true });
    },
  };
}

function spawnServer(args: string[], dataDir: string): Promise<SyncServerProcess> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const waiting = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    for (const check of waiting) check();
  };
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      append(chunk);
      const match = /listening on (ws:\/\/\S+:(\d+))/.exec(output);
      if (match) {
        child.stdout!.off('data', onData);
        child.stdout!.on('data', append);
        resolve({
          url: match[1]!,
          port: Number(match[2]),
          dataDir,
          child,
          output: () => output,
          printed: (pattern) =>
            new Promise<void>((done) => {
              const check = () => {
                if (!pattern.test(output)) return;
                waiting.delete(check);
                done();
              };
              waiting.add(check);
              check();
            }),
          kill: (signal) => {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', append);
    void exited.then((code) => reject(new Error(`the sync server exited (${code}) before listening:\n${output}`)));
  });
}
