/**
 * The commit worker: writes a tab's changes to IndexedDB and posts them on `playback:<deviceId>` off the
 * tab's main thread, so that neither waits behind the page's rendering or its audio loading. The tab plans
 * each change on its own copy of the state; the worker only writes it if the store is still at that
 * copy's rev (see writeIfCurrent) and announces it. Anything else (catching up, repairs) the tab does itself.
 */

import { type MediaStreamDatabase, openPlaybackDatabase } from '../engine/storage/database';
import { type WriteOutcome, writeIfCurrent } from '../engine/storage/record-writes';
import type { CommitWorkerReply, CommitWorkerRequest } from './commit-protocol';

interface WorkerScope {
  onmessage: ((event: MessageEvent<CommitWorkerRequest>) => void) | null;
  postMessage(message: CommitWorkerReply): void;
}

const scope = self as unknown as WorkerScope;
const channels = new Map<string, BroadcastChannel>();
let database: MediaStreamDatabase | null = null;
/** The last write asked for, for the next one to follow when it was planned on its result. */
let last: { readonly id: number; readonly outcome: Promise<WriteOutcome | 'failed'> } | null = null;

function reply(message: CommitWorkerReply): void {
  scope.postMessage(message);
}

function failure(error: unknown, id?: number): CommitWorkerReply {
  const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
  return { type: 'failed', ...(id === undefined ? {} : { id }), name, message };
}

/** The channel an event belongs on: the event names it (`playback:<deviceId>`). */
function channelFor(topic: string): BroadcastChannel {
  let channel = channels.get(topic);
  if (!channel) channels.set(topic, (channel = new BroadcastChannel(topic)));
  return channel;
}

async function open(): Promise<void> {
  try {
    database = await openPlaybackDatabase({
      onBlocked: () => {},
      // The connection is closed (a newer version upgrades, or the browser took the storage away): every
      // write now fails, and the tab, told the same by its own connection, carries on without this worker.
      onVersionChange: () => (database = null),
      onTerminated: () => (database = null),
    });
    reply({ type: 'ready' });
  } catch (error) {
    reply(failure(error));
  }
}

async function write(id: number, planned: Parameters<typeof writeIfCurrent>[1], after?: number): Promise<WriteOutcome | 'failed'> {
  if (after !== undefined) {
    // Planned on what the write before it leaves: it waits for that one here, not in the tab, and is stale
    // (nothing written) unless that one was written.
    const earlier = last?.id === after ? last.outcome : undefined;
    if (!earlier || (await earlier) !== 'written') {
      reply({ type: 'written', id, outcome: 'stale' });
      return 'stale';
    }
  }
  if (!database) {
    reply(failure(new Error('The commit worker has no database.'), id));
    return 'failed';
  }
  let outcome: WriteOutcome;
  try {
    outcome = await writeIfCurrent(database, planned);
  } catch (error) {
    reply(failure(error, id));
    return 'failed';
  }
  // Committed: announce it before answering, so the other tabs hear of it as early as possible.
  if (outcome === 'written') channelFor(planned.event.topic).postMessage(planned.event);
  reply({ type: 'written', id, outcome });
  return outcome;
}

scope.onmessage = ({ data }) => {
  if (data.type === 'open') void open();
  else last = { id: data.id, outcome: write(data.id, data.planned, data.after) };
};
