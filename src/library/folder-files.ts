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
 * Folders listed at once. Each folder's listing is a round trip, and its files' getFile() 32 at a time
 * (an album folder holds about ten): one folder after another, 20,000 unchanged files took 12.7 s to
 * rescan here, most of it waiting; four at once, 10.4 s at a load average of 20.
 */
const FOLDERS_AT_ONCE = 8;
/** Listing waits while this many listed files are not taken yet: each holds a File, a handle in the browser. */
const LISTED_AHEAD = 256;

/**
 * Walks a folder handle, nested folders included (hidden ones left out), a few folders at a time; each
 * file is listed (size, lastModified) as it is reached, a few dozen of a folder's files asked for at once.
 * Files come in the order they are listed, not depth first. A folder that cannot be listed fails the walk.
 */
export async function* walkFolder(folder: FileSystemDirectoryHandle, prefix = ''): AsyncGenerator<ImportFile> {
  const folders: { readonly handle: FileSystemDirectoryHandle; readonly prefix: string }[] = [{ handle: folder, prefix }];
  const ready: ImportFile[] = [];
  let active = 0;
  let failure: { readonly error: unknown } | null = null;
  let stopped = false;
  let taken = 0;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  let wakeListing: (() => void)[] = [];
  const roomToList = async () => {
    while (!stopped && ready.length - taken >= LISTED_AHEAD) await new Promise<void>((resolve) => wakeListing.push(resolve));
  };
  const listingMayGoOn = () => {
    const waiting = wakeListing;
    wakeListing = [];
    for (const resume of waiting) resume();
  };
  const list = async (handle: FileSystemDirectoryHandle, at: string) => {
    // values() is in Chromium's FileSystemDirectoryHandle; TypeScript's DOM lib does not list it yet.
    const entries = (handle as unknown as { values(): AsyncIterable<FileSystemHandle> }).values();
    let files: FileSystemFileHandle[] = [];
    for await (const entry of entries) {
      if (stopped) return;
      if (entry.kind === 'directory') {
        if (!entry.name.startsWith('.')) folders.push({ handle: entry as FileSystemDirectoryHandle, prefix: `${at}${entry.name}/` });
        start();
      } else if (isCandidate(entry.name)) {
        files.push(entry as FileSystemFileHandle);
        if (files.length === LISTED_AT_ONCE) {
          await roomToList();
          ready.push(...(await listed(files, at)));
          notify();
          files = [];
        }
      }
    }
    ready.push(...(await listed(files, at)));
  };
  const start = () => {
    while (!stopped && active < FOLDERS_AT_ONCE && folders.length > 0) {
      const next = folders.shift()!;
      active++;
      list(next.handle, next.prefix)
        .catch((error: unknown) => {
          failure ??= { error };
        })
        .finally(() => {
          active--;
          start();
          notify();
        });
    }
  };
  try {
    start();
    for (;;) {
      if (failure) throw (failure as { readonly error: unknown }).error;
      if (taken < ready.length) {
        const next = ready[taken]!;
        taken++;
        // Let go of what was handed out, now and then, so 20,000 files are not all held to the end.
        if (taken === LISTED_AHEAD) {
          ready.splice(0, taken);
          taken = 0;
        }
        listingMayGoOn();
        yield next;
        continue;
      }
      if (active === 0 && folders.length === 0) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    stopped = true;
    listingMayGoOn();
  }
}

async function listed(handles: readonly FileSystemFileHandle[], prefix: string): Promise<ImportFile[]> {
  const files = await Promise.all(handles.map((handle) => handle.getFile().catch((error: unknown) => ({ error }))));
  return handles.map((handle, index): ImportFile => {
    const path = `${prefix}${handle.name}`;
    const file = files[index]!;
    // Listed but not readable (gone already, or refused): the importer reports it with its reason.
    if ('error' in file) return { path, size: 0, lastModified: -1, open: () => Promise.reject(file.error) };
    // The File listed is the one read (a getFile() less per file, about a tenth of the worker's time);
    // if the file changed since, that File no longer reads, and the importer asks for the file as it is now.
    return { path, size: file.size, lastModified: file.lastModified, open: () => Promise.resolve(file), reopen: () => handle.getFile() };
  });
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
