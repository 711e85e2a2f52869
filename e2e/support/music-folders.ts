/** Folders of generated music on disk, for the file and folder inputs (see tests/support/audio-fixtures). */

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { type Mp3Tags, pngCover, taggedMp3 } from '../../tests/support/audio-fixtures';

export interface MusicFolder {
  /** The folder itself (its name is the last segment). */
  readonly path: string;
  file(relative: string): string;
  remove(): void;
}

/** Writes `files` (relative path → bytes) under a new temporary folder named `name`. */
export function musicFolder(name: string, files: Readonly<Record<string, Uint8Array>>): MusicFolder {
  const root = mkdtempSync(join(tmpdir(), 'mediastream-music-'));
  const path = join(root, name);
  for (const [relative, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(path, relative)), { recursive: true });
    writeFileSync(join(path, relative), bytes);
  }
  return { path, file: (relative) => join(path, relative), remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** A tagged MP3 with a cover, `seconds` long. */
export function song(tags: Mp3Tags, seconds = 20): Uint8Array {
  return taggedMp3({ cover: pngCover(), ...tags }, seconds);
}

export function libraryRow(page: Page, title: string): Locator {
  return page.getByRole('list', { name: 'Library' }).getByRole('listitem').filter({ hasText: title });
}

export function importResult(page: Page): Locator {
  return page.getByRole('status').filter({ hasText: /^\s*Added / });
}

/** The folder input is hidden in the page; Playwright hands it a folder as a person's pick would. */
export async function addFolderThroughInput(page: Page, folder: string): Promise<void> {
  await expect(page.getByRole('button', { name: 'Add music' })).toBeVisible();
  // A page behind another in a headless context gets one or two frames a second until brought forward.
  await page.bringToFront();
  await page.locator('ms-add-music input[webkitdirectory]').setInputFiles(folder);
}

/** Add music → Add files → the browser's file chooser. */
export async function addFilesThroughChooser(page: Page, files: readonly string[]): Promise<void> {
  await page.getByRole('button', { name: 'Add music' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Add files' }).click();
  await (await chooser).setFiles([...files]);
}
