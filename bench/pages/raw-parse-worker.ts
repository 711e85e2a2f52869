/**
 * music-metadata alone, with the app's reading strategy and nothing else: the folder handle walked, each
 * file's getFile(), the prefetching reader (the ID3 size, then the tag plus 128 KB, and the last 4 KB) and
 * parseBlob with the app's options, four files in flight. No thumbnails, no IndexedDB, no copies, no
 * messages until the end. Timed from the worker's first look at the folder to its last file parsed.
 */

import { parseBlob } from 'music-metadata';
import { FILES_IN_FLIGHT } from '../../src/library/import-job';
import { PrefetchingBlob } from '../../src/library/prefetching-blob';

async function* filesIn(folder: FileSystemDirectoryHandle): AsyncGenerator<FileSystemFileHandle> {
  // values() is in Chromium's FileSystemDirectoryHandle; TypeScript's DOM lib does not list it yet.
  for await (const entry of (folder as unknown as { values(): AsyncIterable<FileSystemHandle> }).values()) {
    if (entry.kind === 'directory') yield* filesIn(entry as FileSystemDirectoryHandle);
    else yield entry as FileSystemFileHandle;
  }
}

self.onmessage = async (event: MessageEvent<{ root: string; folder: string }>) => {
  try {
    const started = performance.now();
    const root = await (await navigator.storage.getDirectory()).getDirectoryHandle(event.data.root);
    const files = filesIn(await root.getDirectoryHandle(event.data.folder));
    let tracks = 0;
    const reader = async () => {
      for (let next = await files.next(); !next.done; next = await files.next()) {
        const blob = await PrefetchingBlob.open(await next.value.getFile());
        await parseBlob(blob as unknown as Blob, { duration: false, skipPostHeaders: true });
        tracks++;
      }
    };
    await Promise.all(Array.from({ length: FILES_IN_FLIGHT }, reader));
    self.postMessage({ tracks, seconds: (performance.now() - started) / 1000 });
  } catch (error) {
    self.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
};
