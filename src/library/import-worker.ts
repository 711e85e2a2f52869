/**
 * The import worker: lists, reads and stores the files of one import at a time, off the page's main
 * thread (music keeps playing and the library keeps scrolling), and tells every tab what changed through
 * the channel. The page holds the import lock; this worker only does the work it is given.
 */

import { nanoid } from 'nanoid';
import { openPlaybackDatabase } from '../engine/storage/database';
import { writeCopy } from './copies';
import { filesFromInput, looseFiles, walkFolder } from './folder-files';
import type { ImportFile } from './import-job';
import { runImport } from './import-job';
import type { ImportReply, ImportRequest } from './import-protocol';
import { type LibraryChange, libraryEvent } from './library-events';
import { LibraryStore } from './library-store';
import { makeThumbnail } from './thumbnail';

interface WorkerScope {
  onmessage: ((event: MessageEvent<ImportRequest>) => void) | null;
  postMessage(message: ImportReply): void;
}

const scope = self as unknown as WorkerScope;
const cancels = new Map<number, AbortController>();
let storePromise: Promise<LibraryStore> | null = null;
/** The rev of this worker's library events (see library-events.ts: a count, not the playback rev). */
let eventRev = 0;
/** Progress goes to other tabs at most this often: they need to see it move, not every file. */
const PROGRESS_EVERY_MS = 200;
/**
 * This tab's progress bar hears at most this often: a rescan of unchanged files counts thousands a second,
 * and a message each was a task each on the page; the page re-renders at most every 100 ms anyway.
 */
const PAGE_PROGRESS_EVERY_MS = 100;

function store(): Promise<LibraryStore> {
  storePromise ??= openPlaybackDatabase({
    onBlocked: () => {},
    // A newer version of the app upgrades the database: our connection is closed; the next job reopens.
    onVersionChange: () => (storePromise = null),
    onTerminated: () => (storePromise = null),
  }).then((db) => new LibraryStore(db));
  return storePromise;
}

/** Files the page handed over for a coming import, by staging id. */
const staged = new Map<number, File[]>();

function stage(request: Extract<ImportRequest, { type: 'stage' }>): void {
  const files = staged.get(request.staged) ?? [];
  files.push(...request.files);
  staged.set(request.staged, files);
  if (request.last) {
    scope.postMessage({ type: 'staged', staged: request.staged, bytes: files.reduce((sum, file) => sum + file.size, 0) });
  }
}

async function run(request: Extract<ImportRequest, { type: 'import' }>): Promise<void> {
  const { jobId, topic, tabId, source, input } = request;
  const abort = new AbortController();
  cancels.set(jobId, abort);
  const channel = new BroadcastChannel(topic);
  const announce = (change: Partial<LibraryChange>) =>
    channel.postMessage(
      libraryEvent(topic, tabId, ++eventRev, nanoid(), { changed: [], removed: [], sources: false, progress: null, ...change }),
    );
  let lastProgress = 0;
  let lastPageProgress = 0;
  try {
    let files: Iterable<ImportFile> | AsyncIterable<ImportFile>;
    if (input.kind === 'handle') files = walkFolder(input.handle);
    else {
      const picked = staged.get(input.staged) ?? [];
      staged.delete(input.staged);
      files = input.fromFolder ? filesFromInput(picked).files : looseFiles(picked);
    }
    // The page wrote the source before sending the job, and said so; from here on, progress and tracks.
    announce({ progress: { done: 0, found: 0 } });
    const result = await runImport(
      source,
      files,
      {
        store: await store(),
        makeThumbnail,
        ...(input.kind === 'files' ? { copy: writeCopy } : {}),
        signal: abort.signal,
        ...(request.maxFileBytes ? { maxFileBytes: request.maxFileBytes } : {}),
        onProgress: ({ done, found }) => {
          const now = Date.now();
          if (now - lastPageProgress >= PAGE_PROGRESS_EVERY_MS) {
            lastPageProgress = now;
            scope.postMessage({ type: 'progress', jobId, done, found });
          }
          if (now - lastProgress >= PROGRESS_EVERY_MS) {
            lastProgress = now;
            announce({ progress: { done, found } });
          }
        },
        onBatch: (changed, removed, written) => {
          const artwork = (written?.artwork ?? []).map((art) => ({
            key: art.key,
            url: URL.createObjectURL(new Blob([art.bytes], { type: art.type })),
          }));
          scope.postMessage({ type: 'batch', jobId, changed, removed, tracks: written?.tracks ?? [], artwork });
          announce({ changed, removed });
        },
      },
      { removeMissing: request.removeMissing },
    );
    announce({ sources: true, progress: null });
    scope.postMessage({ type: 'done', jobId, result });
  } catch (error) {
    announce({ sources: true, progress: null });
    scope.postMessage({ type: 'failed', jobId, message: error instanceof Error ? error.message : String(error) });
  } finally {
    cancels.delete(jobId);
    channel.close();
  }
}

scope.onmessage = (event) => {
  const request = event.data;
  if (request.type === 'cancel') {
    cancels.get(request.jobId)?.abort();
    staged.delete(request.jobId);
  } else if (request.type === 'prepare') void store().catch(() => (storePromise = null));
  else if (request.type === 'stage') stage(request);
  else void run(request);
};
