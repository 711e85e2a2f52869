/**
 * Copies of files that came without a handle (the file chooser, the folder input, a drop outside
 * Chromium): without a copy they would be gone after a restart. The copy is what plays, online or not.
 *
 * Kept in the Origin Private File System (one flat folder, one file per track id) where the browser can
 * write files there; else as bytes in the `library_copies` store of the `mediastream` database. WebKitGTK
 * has no `navigator.storage` at all, and Safari before 26 cannot write OPFS files outside a worker's sync
 * access handle; IndexedDB keeps an ArrayBuffer in every engine.
 */

import { openPlaybackDatabase } from '../engine/storage/database';
import { LIBRARY_COPIES, type LibraryDatabase } from './library-schema';

const COPIES_FOLDER = 'library-copies';

/** OPFS with writable files: `getDirectory` and `createWritable` are both there. */
export function canKeepCopiesInOpfs(): boolean {
  return (
    typeof navigator !== 'undefined' &&
    typeof navigator.storage?.getDirectory === 'function' &&
    typeof FileSystemFileHandle !== 'undefined' &&
    typeof FileSystemFileHandle.prototype.createWritable === 'function'
  );
}

async function folder(): Promise<FileSystemDirectoryHandle> {
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle(COPIES_FOLDER, { create: true });
}

let database: Promise<LibraryDatabase> | null = null;

/** This context's own connection, for the fallback only; dropped when another version or the browser closes it. */
function copiesDatabase(): Promise<LibraryDatabase> {
  database ??= openPlaybackDatabase({
    onBlocked: () => {},
    onVersionChange: () => (database = null),
    onTerminated: () => (database = null),
  }) as unknown as Promise<LibraryDatabase>;
  return database;
}

export async function writeCopy(trackId: string, file: Blob): Promise<void> {
  if (!canKeepCopiesInOpfs()) {
    await (await copiesDatabase()).put(LIBRARY_COPIES, { type: file.type, bytes: await file.arrayBuffer() }, trackId);
    return;
  }
  const handle = await (await folder()).getFileHandle(trackId, { create: true });
  const writable = await handle.createWritable();
  try {
    await writable.write(file);
    await writable.close();
  } catch (error) {
    await writable.abort().catch(() => {});
    throw error;
  }
}

export async function readCopy(trackId: string): Promise<File> {
  if (!canKeepCopiesInOpfs()) {
    const copy = await (await copiesDatabase()).get(LIBRARY_COPIES, trackId);
    if (!copy) throw new DOMException('The copy of this track is no longer in this browser.', 'NotFoundError');
    return new File([copy.bytes], trackId, { type: copy.type });
  }
  return (await (await folder()).getFileHandle(trackId)).getFile();
}

export async function removeCopies(trackIds: readonly string[]): Promise<void> {
  if (!canKeepCopiesInOpfs()) {
    const tx = (await copiesDatabase()).transaction(LIBRARY_COPIES, 'readwrite');
    await Promise.all([...trackIds.map((id) => tx.store.delete(id)), tx.done]);
    return;
  }
  const copies = await folder();
  await Promise.all(trackIds.map((id) => copies.removeEntry(id).catch(() => {})));
}
