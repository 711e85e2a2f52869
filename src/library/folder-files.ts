/**
 * The files to import, as the importer wants them (a relative path, a size, a lastModified and a way to
 * open it), from the three places they come from: a folder handle (walked, nested folders included), the
 * folder input (`webkitRelativePath`) and loose files.
 */

import type { ImportFile } from './import-job';

/** Companions of music that are not music: never offered to the tag reader, never reported as skipped. */
const COMPANION = /\.(jpe?g|png|gif|webp|bmp|tiff?|txt|nfo|cue|m3u8?|pls|log|db|ini|pdf|lrc|url|sfv|md5|accurip)$/i;

export function isCandidate(name: string): boolean {
  return !name.startsWith('.') && !COMPANION.test(name);
}

/** Walks a folder handle depth first; each file is listed (size, lastModified) as it is reached. */
export async function* walkFolder(folder: FileSystemDirectoryHandle, prefix = ''): AsyncGenerator<ImportFile> {
  // entries() is in Chromium's FileSystemDirectoryHandle; TypeScript's DOM lib does not list it yet.
  const entries = (folder as unknown as { values(): AsyncIterable<FileSystemHandle> }).values();
  for await (const entry of entries) {
    const path = `${prefix}${entry.name}`;
    if (entry.kind === 'directory') {
      if (!entry.name.startsWith('.')) yield* walkFolder(entry as FileSystemDirectoryHandle, `${path}/`);
      continue;
    }
    if (!isCandidate(entry.name)) continue;
    const handle = entry as FileSystemFileHandle;
    let file: File;
    try {
      file = await handle.getFile();
    } catch (error) {
      // Listed but not readable (gone already, or refused): the importer reports it with its reason.
      yield { path, size: 0, lastModified: -1, open: () => Promise.reject(error) };
      continue;
    }
    yield { path, size: file.size, lastModified: file.lastModified, open: () => handle.getFile() };
  }
}

/**
 * Files from the folder input: `webkitRelativePath` starts with the picked folder's name, which is the
 * source's name, so the path inside the source drops it.
 */
export function filesFromInput(files: readonly File[]): { folderName: string; files: ImportFile[] } {
  const first = files[0]?.webkitRelativePath ?? '';
  const folderName = first.includes('/') ? first.slice(0, first.indexOf('/')) : '';
  const list = files
    .filter((file) => isCandidate(file.name) && !(file.webkitRelativePath || file.name).split('/').some((part) => part.startsWith('.')))
    .map((file) => {
      const relative = file.webkitRelativePath || file.name;
      const path = folderName && relative.startsWith(`${folderName}/`) ? relative.slice(folderName.length + 1) : relative;
      return fileEntry(path, file);
    });
  return { folderName, files: list };
}

/** Loose files: each is its own path (its name); any file the person picked is offered, and named if skipped. */
export function looseFiles(files: readonly File[]): ImportFile[] {
  return files.map((file) => fileEntry(file.name, file));
}

function fileEntry(path: string, file: File): ImportFile {
  return { path, size: file.size, lastModified: file.lastModified, open: () => Promise.resolve(file) };
}
