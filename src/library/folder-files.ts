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

/** Files whose size and lastModified are asked for at once: each getFile() is a round trip to the browser. */
const LISTED_AT_ONCE = 32;

/**
 * Walks a folder handle depth first; each file is listed (size, lastModified) as it is reached, a few
 * dozen of a folder's files asked for at once (one after another, 2,000 took 2 s here under load).
 */
export async function* walkFolder(folder: FileSystemDirectoryHandle, prefix = ''): AsyncGenerator<ImportFile> {
  // values() is in Chromium's FileSystemDirectoryHandle; TypeScript's DOM lib does not list it yet.
  const entries = (folder as unknown as { values(): AsyncIterable<FileSystemHandle> }).values();
  const folders: FileSystemDirectoryHandle[] = [];
  let files: FileSystemFileHandle[] = [];
  for await (const entry of entries) {
    if (entry.kind === 'directory') {
      if (!entry.name.startsWith('.')) folders.push(entry as FileSystemDirectoryHandle);
    } else if (isCandidate(entry.name)) {
      files.push(entry as FileSystemFileHandle);
      if (files.length === LISTED_AT_ONCE) {
        yield* listed(files, prefix);
        files = [];
      }
    }
  }
  yield* listed(files, prefix);
  for (const child of folders) yield* walkFolder(child, `${prefix}${child.name}/`);
}

async function* listed(handles: readonly FileSystemFileHandle[], prefix: string): AsyncGenerator<ImportFile> {
  const files = await Promise.all(handles.map((handle) => handle.getFile().catch((error: unknown) => ({ error }))));
  for (const [index, handle] of handles.entries()) {
    const path = `${prefix}${handle.name}`;
    const file = files[index]!;
    // Listed but not readable (gone already, or refused): the importer reports it with its reason.
    if ('error' in file) yield { path, size: 0, lastModified: -1, open: () => Promise.reject(file.error) };
    else yield { path, size: file.size, lastModified: file.lastModified, open: () => handle.getFile() };
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
