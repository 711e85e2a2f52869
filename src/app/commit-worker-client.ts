/**
 * Starts this tab's commit worker (src/worker/commit-worker.ts) and hands the store a writer that goes
 * through it. Until the worker is ready, or if it cannot start, the store writes on the main thread as
 * before: the worker makes commits faster, never possible.
 */

import type { ConditionalWriter, PlannedWrite, WriteOutcome } from '../engine/storage/record-writes';
import type { CommitWorkerReply, CommitWorkerRequest } from '../worker/commit-protocol';

/** A failure the worker reported, with the name the browser gave it (QuotaExceededError, say). */
class CommitWorkerError extends Error {
  constructor(
    override readonly name: string,
    message: string,
  ) {
    super(message);
  }
}

export function startCommitWorker(): Promise<ConditionalWriter | null> {
  if (typeof Worker === 'undefined') return Promise.resolve(null);
  let worker: Worker;
  try {
    worker = new Worker(new URL('../worker/commit-worker.ts', import.meta.url), { type: 'module', name: 'mediastream-commits' });
  } catch {
    return Promise.resolve(null);
  }
  const pending = new Map<number, { resolve(outcome: WriteOutcome): void; reject(error: Error): void }>();
  let nextId = 1;
  let stopped = false;
  const send = (request: CommitWorkerRequest) => worker.postMessage(request);
  /** Each write's id, for a later write to name the one it follows. */
  const ids = new WeakMap<Promise<WriteOutcome>, number>();
  const writer: ConditionalWriter = {
    announces: true,
    write(planned: PlannedWrite, after?: Promise<WriteOutcome>) {
      const afterId = after && ids.get(after);
      // Behind a write this worker was not asked for (made before it started): wait for that one here.
      if (after && afterId === undefined) {
        return after.then(
          (outcome) => (outcome === 'written' ? writer.write(planned) : 'stale'),
          () => 'stale' as const,
        );
      }
      const id = nextId++;
      const written = new Promise<WriteOutcome>((resolve, reject) => {
        if (stopped) return reject(new Error('The commit worker stopped.'));
        pending.set(id, { resolve, reject });
        send({ type: 'write', id, planned, ...(afterId === undefined ? {} : { after: afterId }) });
      });
      ids.set(written, id);
      return written;
    },
  };
  return new Promise((ready) => {
    const giveUp = () => {
      stopped = true;
      ready(null);
      worker.terminate();
      for (const { reject } of pending.values()) reject(new Error('The commit worker stopped.'));
      pending.clear();
    };
    worker.addEventListener('error', giveUp);
    worker.addEventListener('message', ({ data }: MessageEvent<CommitWorkerReply>) => {
      if (data.type === 'ready') return ready(writer);
      const waiting = data.id === undefined ? undefined : pending.get(data.id);
      if (data.id !== undefined) pending.delete(data.id);
      if (data.type === 'written') waiting?.resolve(data.outcome);
      else if (waiting) waiting.reject(new CommitWorkerError(data.name, data.message));
      else giveUp(); // opening the database failed
    });
    send({ type: 'open' });
  });
}
