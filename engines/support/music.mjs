/**
 * A person's own music on disk, for `Add files` and `Add folder` through the app's file inputs: tagged MP3s
 * made at test time by the fixtures the unit and end-to-end tests use (tests/support/audio-fixtures.ts,
 * loaded through Vite: Node 20 cannot import TypeScript), and one file that is not audio.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { runnerImport } from 'vite';
import { ROOT } from './server.mjs';
import { tempDir } from './system.mjs';

/** The hidden inputs of `Add music`, for the driver to hand files to as a person's pick would. */
export const FILES_INPUT = { host: 'ms-add-music', selector: 'input[multiple]:not([webkitdirectory])' };
export const FOLDER_INPUT = { host: 'ms-add-music', selector: 'input[webkitdirectory]' };

/**
 * `Road Trip/` (two tagged songs in nested folders and a text file named .mp3) and, beside it, one loose
 * tagged file for the file chooser.
 * @returns {Promise<{ folder: string, looseFile: string, remove(): void }>}
 */
export async function ownMusic() {
  const { module } = await runnerImport(resolve(ROOT, 'tests/support/audio-fixtures.ts'), { configFile: false, logLevel: 'silent' });
  const { pngCover, taggedMp3, textFile } = module;
  const dir = tempDir('music');
  const write = (relative, bytes) => {
    const path = join(dir.path, relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
    return path;
  };
  const cover = pngCover();
  write(
    'Road Trip/Side A/01 Harbour.mp3',
    taggedMp3({ title: 'Harbour Lights', artist: 'The Tidewaters', album: 'Salt', track: '1', cover }, 30),
  );
  write(
    'Road Trip/Side B/02 Ferry.mp3',
    taggedMp3({ title: 'Ferry Song', artist: 'The Tidewaters', album: 'Salt', track: '2', cover }, 30),
  );
  write('Road Trip/notes.mp3', textFile());
  const looseFile = write('Lighthouse.mp3', taggedMp3({ title: 'Lighthouse Keeper', artist: 'Marta Ruiz', album: 'Coast' }, 30));
  return { folder: join(dir.path, 'Road Trip'), looseFile, remove: dir.remove };
}
