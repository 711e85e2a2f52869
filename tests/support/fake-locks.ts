/**
 * A Web Locks manager for Node (which has none), faithful where the engine relies on it: exclusive locks,
 * a FIFO queue, `steal` (the holder's request rejects with AbortError, at once or, for a busy tab, later),
 * `signal` to leave the queue, and a tab that crashes losing every lock it held or waited for.
 */

import type { LockManagerLike } from '../../src/engine/sync/audio-ownership';

interface Request {
  readonly tab: string;
  readonly callback: (lock: Lock | null) => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

function abortError(message: string): DOMException {
  return new DOMException(message, 'AbortError');
}

export class FakeBrowserLocks {
  private readonly held = new Map<string, Request>();
  private readonly queues = new Map<string, Request[]>();
  /** Tabs whose main thread is busy: the news that a lock was stolen from them waits here. */
  private readonly busy = new Map<string, (() => void)[]>();

  /** The `navigator.locks` of one tab. */
  forTab(tab: string): LockManagerLike {
    return {
      request: ((name: string, options: LockOptions, callback: (lock: Lock | null) => unknown) =>
        this.request(tab, name, options, callback)) as LockManager['request'],
    };
  }

  holderOf(name: string): string | null {
    return this.held.get(name)?.tab ?? null;
  }

  waitingFor(name: string): string[] {
    return (this.queues.get(name) ?? []).map((request) => request.tab);
  }

  /**
   * The tab's main thread is busy (or its messages are slow to arrive): until `deliver`, it is not told
   * that a lock was stolen from it, although the lock is already the other tab's, as in a browser.
   */
  delayNewsOfSteals(tab: string): { deliver(): void } {
    const waiting: (() => void)[] = [];
    this.busy.set(tab, waiting);
    return {
      deliver: () => {
        this.busy.delete(tab);
        for (const tell of waiting.splice(0)) tell();
      },
    };
  }

  /** The tab's renderer died: its locks are freed and its queued requests vanish, as in a browser. */
  crash(tab: string): void {
    for (const [name, queue] of this.queues)
      this.queues.set(
        name,
        queue.filter((request) => request.tab !== tab),
      );
    for (const [name, request] of [...this.held]) if (request.tab === tab) this.release(name, request);
  }

  private request(tab: string, name: string, options: LockOptions, callback: (lock: Lock | null) => unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const request: Request = { tab, callback, resolve, reject };
      if (options.signal?.aborted) return reject(abortError('The request was aborted.'));
      if (options.steal) {
        const holder = this.held.get(name);
        if (holder) {
          this.held.delete(name);
          const tell = () => holder.reject(abortError('The lock was stolen.'));
          const busy = this.busy.get(holder.tab);
          if (busy) busy.push(tell);
          else tell();
        }
        return this.grant(name, request);
      }
      const queue = this.queues.get(name) ?? [];
      this.queues.set(name, queue);
      if (!this.held.has(name) && queue.length === 0) return this.grant(name, request);
      if (options.ifAvailable) {
        Promise.resolve(callback(null)).then(resolve, reject);
        return;
      }
      queue.push(request);
      options.signal?.addEventListener('abort', () => {
        const index = queue.indexOf(request);
        if (index === -1) return;
        queue.splice(index, 1);
        reject(abortError('The request was aborted.'));
      });
    });
  }

  private grant(name: string, request: Request): void {
    this.held.set(name, request);
    const lock = { name, mode: 'exclusive' } as Lock;
    Promise.resolve()
      .then(() => request.callback(lock))
      .then(
        (value) => {
          if (this.release(name, request)) request.resolve(value);
        },
        (error: unknown) => {
          if (this.release(name, request)) request.reject(error);
        },
      );
  }

  /** Frees the lock if `request` still holds it and grants the next waiter; false if it was stolen. */
  private release(name: string, request: Request): boolean {
    if (this.held.get(name) !== request) return false;
    this.held.delete(name);
    const next = this.queues.get(name)?.shift();
    if (next) this.grant(name, next);
    return true;
  }
}
