/**
 * The folder-handle path without a person at a picker: `showDirectoryPicker` cannot be driven headless (it
 * rejects at once), so an init script makes it return a folder in the Origin Private File System — a real
 * FileSystemDirectoryHandle, which the app keeps in IndexedDB and reads with its own code.
 */

import type { BrowserContext, Page } from '@playwright/test';

/** The OPFS folder that holds the folders the fake picker returns. */
const PICKED = 'test-picked-folders';

/** Makes showDirectoryPicker return the OPFS folder `name` (see writePickedFolder). */
export async function pickerReturns(context: BrowserContext, name: string): Promise<void> {
  await context.addInitScript(
    ({ root, folder }) => {
      (window as unknown as { showDirectoryPicker: () => Promise<FileSystemDirectoryHandle> }).showDirectoryPicker = async () =>
        (await (await navigator.storage.getDirectory()).getDirectoryHandle(root)).getDirectoryHandle(folder);
    },
    { root: PICKED, folder: name },
  );
}

/**
 * After a restart Chromium answers `prompt` for a kept handle until the page asks with a click: this makes
 * queryPermission say so, and requestPermission grant it (as a person pressing Allow would).
 */
export async function permissionAskedAgain(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    let granted = false;
    const proto = FileSystemHandle.prototype as unknown as Record<string, unknown>;
    proto.queryPermission = async () => (granted ? 'granted' : 'prompt');
    proto.requestPermission = async () => {
      granted = true;
      return 'granted';
    };
  });
}

/** Writes (or overwrites) files in the picked folder `name`; `null` deletes one. */
export async function writePickedFolder(page: Page, name: string, files: Readonly<Record<string, Uint8Array | null>>): Promise<void> {
  const encoded = Object.entries(files).map(([path, bytes]) => [path, bytes ? Buffer.from(bytes).toString('base64') : null] as const);
  await page.evaluate(
    async ({ root, folder, entries }) => {
      const base = await (await (await navigator.storage.getDirectory()).getDirectoryHandle(root, { create: true })).getDirectoryHandle(
        folder,
        {
          create: true,
        },
      );
      for (const [path, data] of entries) {
        const parts = path.split('/');
        let dir = base;
        for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true });
        const name = parts[parts.length - 1]!;
        if (data === null) {
          await dir.removeEntry(name);
          continue;
        }
        const writable = await (await dir.getFileHandle(name, { create: true })).createWritable();
        await writable.write(Uint8Array.from(atob(data), (c) => c.charCodeAt(0)));
        await writable.close();
      }
    },
    { root: PICKED, folder: name, entries: encoded },
  );
}
