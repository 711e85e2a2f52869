/**
 * Copies in the Origin Private File System, for files that came without a handle (the file chooser, the
 * folder input, a drop outside Chromium): without a copy they would be gone after a restart. One flat
 * folder, one file per track id; the copy is what plays, online or not.
 */

const COPIES_FOLDER = 'library-copies';

async function folder(): Promise<FileSystemDirectoryHandle> {
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle(COPIES_FOLDER, { create: true });
}

export async function writeCopy(trackId: string, file: Blob): Promise<void> {
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
  return (await (await folder()).getFileHandle(trackId)).getFile();
}

export async function removeCopies(trackIds: readonly string[]): Promise<void> {
  const copies = await folder();
  await Promise.all(trackIds.map((id) => copies.removeEntry(id).catch(() => {})));
}
