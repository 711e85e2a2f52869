/**
 * `npm run catalog -- <folder> [--out <dir>]`: a deployer's folder of audio files → `library.json` and
 * cover thumbnails, read with the same tag code as the app's import (tag-reader.ts). Node only: never
 * imported by the app. Ids are stable (a hash of the path inside the folder), URLs relative to
 * library.json. Prints each skipped file with its reason.
 */

import { mkdirSync, openAsBlob, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { isCandidate } from './folder-files';
import { compareShelf } from './library-catalog';
import type { LibraryTrackRecord, SkippedFile } from './library-records';
import { readTrack, SkipError } from './tag-reader';
import { hash64, hashBytes } from './track-id';

export interface CatalogRun {
  readonly tracks: number;
  readonly covers: number;
  readonly skipped: readonly SkippedFile[];
  readonly libraryJson: string;
}

const COVER_EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif' };
/** Above this a cover is not copied: the app shows thumbnails, and a deployer's page should stay light. */
const MAX_COVER_BYTES = 512 * 1024;

function* walk(folder: string, prefix = ''): Generator<string> {
  for (const entry of readdirSync(join(folder, prefix), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) yield* walk(folder, path);
    else if (entry.isFile() && isCandidate(entry.name)) yield path;
  }
}

/** A relative URL: each path segment percent-encoded, `/` between them. */
function urlOf(path: string): string {
  return path.split(/[\\/]/).map(encodeURIComponent).join('/');
}

export async function buildCatalog(folderArg: string, outArg: string, log: (line: string) => void = console.log): Promise<CatalogRun> {
  const folder = resolve(folderArg);
  const out = resolve(outArg);
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`${folderArg} is not a folder`);
  const fromOut = relative(out, folder).split(sep).join('/');
  if (fromOut.startsWith('..')) {
    log(
      `note: ${folderArg} is outside ${outArg}; the URLs in library.json point at ${fromOut}/…, so serve the files there (or move the folder into ${outArg}).`,
    );
  }
  const tracks: (LibraryTrackRecord & { url: string; artwork?: string })[] = [];
  const skipped: SkippedFile[] = [];
  const covers = new Map<string, string>();
  mkdirSync(join(out, 'art'), { recursive: true });
  for (const path of walk(folder)) {
    const full = join(folder, ...path.split('/'));
    try {
      const read = await readTrack(await openAsBlob(full), path);
      let artwork: string | undefined;
      if (read.cover && read.cover.bytes.length <= MAX_COVER_BYTES && COVER_EXTENSIONS[read.cover.type]) {
        const key = hashBytes(read.cover.bytes);
        artwork = covers.get(key);
        if (!artwork) {
          artwork = `art/${key}.${COVER_EXTENSIONS[read.cover.type]}`;
          writeFileSync(join(out, artwork), read.cover.bytes);
          covers.set(key, artwork);
        }
      }
      const stat = statSync(full);
      tracks.push({
        ...read.tags,
        id: `t-${hash64(path)}`,
        sourceId: 'catalog',
        path,
        size: stat.size,
        lastModified: stat.mtimeMs,
        addedAt: 0,
        copied: false,
        url: fromOut ? `${urlOf(fromOut)}/${urlOf(path)}` : urlOf(path),
        ...(artwork ? { artwork } : {}),
      });
    } catch (error) {
      if (!(error instanceof SkipError)) throw error;
      skipped.push({ path, reason: error.reason });
      log(`skipped ${path}: ${error.reason}`);
    }
  }
  tracks.sort(compareShelf);
  const json = {
    tracks: tracks.map((track) => ({
      id: track.id,
      title: track.title,
      artist: track.artist,
      ...(track.album ? { album: track.album } : {}),
      ...(track.duration ? { duration: Math.round(track.duration * 1000) / 1000 } : {}),
      url: track.url,
      ...(track.artwork ? { artwork: track.artwork } : {}),
    })),
  };
  const libraryJson = join(out, 'library.json');
  writeFileSync(libraryJson, `${JSON.stringify(json, null, 2)}\n`);
  log(
    `wrote ${relative(process.cwd(), libraryJson) || libraryJson}: ${tracks.length} tracks, ${covers.size} covers; ${skipped.length} files skipped`,
  );
  return { tracks: tracks.length, covers: covers.size, skipped, libraryJson };
}

/** The command line: `<folder> [--out <dir>]`. */
export async function main(args: readonly string[]): Promise<number> {
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 ? args[outAt + 1] : 'public';
  const folder = args.find((arg, i) => !arg.startsWith('--') && (outAt < 0 || i !== outAt + 1));
  if (!folder || !out) {
    console.error(
      'usage: npm run catalog -- <folder> [--out <dir>]   (writes <dir>/library.json and <dir>/art/; <dir> defaults to public/)',
    );
    return 2;
  }
  try {
    await buildCatalog(folder, out);
    return 0;
  } catch (error) {
    console.error(`catalog: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
