/**
 * One import or rescan of one source: reads the files that are new or changed (four at a time), leaves
 * unchanged ones alone (same size and lastModified), writes tracks in small batches so the first ones show
 * within a second, and at the end of a full scan takes out the tracks whose files went away. Cancelling
 * keeps every batch already written. No browser APIs here: the import worker and the tests hand in the
 * files, the store, the thumbnail maker and the copier.
 */

import type { ArtworkRecord, LibrarySource, LibraryTrackRecord, SkippedFile } from './library-records';
import type { LibraryStore } from './library-store';
import type { BlobLike } from './prefetching-blob';
import { type Cover, type ReadTrack, readTrack, SkipError } from './tag-reader';
import { hashBytes, trackIdFor } from './track-id';

/** Larger single files are skipped as `too large`: no song is a gigabyte, and reading one would stall. */
export const MAX_FILE_BYTES = 1024 * 1024 * 1024;
/** Files read at once: measured here, four in flight reads about 1.5× faster than one at a time. */
export const FILES_IN_FLIGHT = 4;
/** Read files whose thumbnail or copy may still be under way while the readers go on. */
const FILES_FINISHING = 8;
/**
 * Batches are small until the first few hundred tracks are in (the first ones show within a second), then
 * larger: each batch is a transaction here and a re-read in every other tab.
 */
const FIRST_BATCH_TRACKS = 100;
const FIRST_BATCH_MS = 150;
const FIRST_BATCHES_UP_TO = 500;
const BATCH_TRACKS = 250;
const BATCH_MS = 500;

export interface ImportFile {
  readonly path: string;
  /** As listed; the file read may differ (it changed mid-scan): the record keeps what was read. */
  readonly size: number;
  readonly lastModified: number;
  open(): Promise<BlobLike & { readonly lastModified: number }>;
  /**
   * The file as it is now, where `open` may give a snapshot taken when it was listed (a folder handle's
   * File), which no longer reads once the file changed: asked only when reading that one failed.
   */
  reopen?(): Promise<BlobLike & { readonly lastModified: number }>;
}

export interface ImportProgress {
  readonly done: number;
  readonly found: number;
}

export interface ImportResult {
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly removed: readonly string[];
  readonly skipped: readonly SkippedFile[];
  readonly cancelled: boolean;
}

export interface WrittenBatch {
  readonly tracks: readonly LibraryTrackRecord[];
  readonly artwork: readonly ArtworkRecord[];
}

export interface ImportHooks {
  readonly store: LibraryStore;
  /** A small thumbnail of a cover, or null if the cover is not an image the platform can decode. */
  makeThumbnail(cover: Cover): Promise<{ type: string; bytes: ArrayBuffer } | null>;
  /** Copies the file where the library keeps copies (OPFS), for sources that have no handle. */
  copy?(trackId: string, file: BlobLike): Promise<void>;
  onProgress?(progress: ImportProgress): void;
  /**
   * A batch is in the store: these ids were written, these removed; `written` holds the records and the
   * new thumbnails themselves, so the tab that runs the import shows them without reading them back.
   */
  onBatch?(changedIds: readonly string[], removedIds: readonly string[], written?: WrittenBatch): void;
  readonly signal?: AbortSignal;
  readonly now?: () => number;
  readonly maxFileBytes?: number;
}

export interface ImportOptions {
  /** A full scan of the source: tracks whose files were not found are removed at the end. */
  readonly removeMissing: boolean;
}

/** What reading a file gives: its record but for the artwork, its cover, and the file (to copy). */
interface Parsed {
  readonly record: LibraryTrackRecord;
  readonly cover: Cover | undefined;
  readonly opened: BlobLike;
  readonly before: LibraryTrackRecord | undefined;
}

export async function runImport(
  source: LibrarySource,
  files: Iterable<ImportFile> | AsyncIterable<ImportFile>,
  hooks: ImportHooks,
  options: ImportOptions,
): Promise<ImportResult> {
  const { store } = hooks;
  const now = hooks.now ?? Date.now;
  const maxBytes = hooks.maxFileBytes ?? MAX_FILE_BYTES;
  const known = new Map((await store.tracksOf(source.id)).map((track) => [track.path, track]));
  await store.putSource({ ...((await store.source(source.id)) ?? source), ...source, scanComplete: false });

  const seen = new Set<string>();
  const skipped: SkippedFile[] = [];
  const artworkKnown = new Map<string, Promise<boolean>>();
  let batch: LibraryTrackRecord[] = [];
  let batchArt: ArtworkRecord[] = [];
  let lastFlush = now();
  let flushing: Promise<void> = Promise.resolve();
  let found = 0;
  let done = 0;
  let added = 0;
  let updated = 0;
  let unchanged = 0;
  let written = 0;

  const progress = () => hooks.onProgress?.({ done, found });
  const flush = () => {
    if (batch.length === 0) return flushing;
    const tracks = batch;
    const art = batchArt;
    batch = [];
    batchArt = [];
    lastFlush = now();
    written += tracks.length;
    // Batches are written one after another, in order, so a later one never lands before an earlier one.
    flushing = flushing.then(async () => {
      await store.writeBatch(tracks, art);
      hooks.onBatch?.(
        tracks.map((track) => track.id),
        [],
        { tracks, artwork: art },
      );
    });
    return flushing;
  };

  const artworkFor = async (cover: Cover): Promise<string | undefined> => {
    const key = hashBytes(cover.bytes);
    let exists = artworkKnown.get(key);
    if (!exists) {
      exists = (async () => {
        if (await store.hasArtwork(key)) return true;
        const thumbnail = await hooks.makeThumbnail(cover).catch(() => null);
        if (!thumbnail) return false; // a "cover" that is not an image: the track keeps no artwork
        batchArt.push({ key, ...thumbnail });
        return true;
      })();
      artworkKnown.set(key, exists);
    }
    return (await exists) ? key : undefined;
  };

  /** Reads a file's tags; null when the file is unchanged since the last scan (it is not opened). */
  const parse = async (file: ImportFile): Promise<Parsed | null> => {
    const before = known.get(file.path);
    if (before && before.size === file.size && before.lastModified === file.lastModified) return null;
    if (file.size > maxBytes) throw new SkipError('too large');
    let opened = await openFile(() => file.open());
    let read: ReadTrack;
    try {
      read = await readTrack(opened, file.path);
    } catch (error) {
      if (!file.reopen || !(error instanceof SkipError) || error.reason !== 'unreadable') throw error;
      opened = await openFile(file.reopen);
      read = await readTrack(opened, file.path);
    }
    const record: LibraryTrackRecord = {
      ...read.tags,
      id: trackIdFor(source.id, file.path),
      sourceId: source.id,
      path: file.path,
      size: opened.size,
      lastModified: opened.lastModified,
      addedAt: before?.addedAt ?? now(),
      copied: hooks.copy !== undefined,
    };
    return { record, cover: read.cover, opened, before };
  };

  /** The rest of a read file's work, none of it parsing: its thumbnail (once an album), its copy, its batch. */
  const finish = async ({ record, cover, opened, before }: Parsed): Promise<void> => {
    const [artworkKey] = await Promise.all([
      cover ? artworkFor(cover) : undefined,
      hooks.copy?.(record.id, opened).catch((error: unknown) => Promise.reject(new SkipError('unreadable', { cause: error }))),
    ]);
    batch.push(artworkKey ? { ...record, artworkKey } : record);
    if (before) updated++;
    else added++;
  };

  const settle = (file: ImportFile, error: unknown) => {
    if (!(error instanceof SkipError)) throw error;
    skipped.push({ path: file.path, reason: error.reason });
  };
  const counted = () => {
    done++;
    progress();
    const early = written < FIRST_BATCHES_UP_TO;
    if (batch.length >= (early ? FIRST_BATCH_TRACKS : BATCH_TRACKS) || now() - lastFlush >= (early ? FIRST_BATCH_MS : BATCH_MS))
      void flush();
  };

  // Four readers share one iterator; each takes the next file as soon as it is free. What follows a read
  // (the thumbnail, the copy) goes on beside the next reads, a few files at most, so parsing never waits
  // for a copy or a thumbnail (copying was about 60% of the worker's time when it waited).
  const iterator = toAsyncIterator(files);
  let exhausted = false;
  const take = async (): Promise<ImportFile | null> => {
    while (!exhausted && !hooks.signal?.aborted) {
      const next = await iterator.next();
      if (next.done) {
        exhausted = true;
        break;
      }
      if (seen.has(next.value.path)) continue;
      seen.add(next.value.path);
      found++;
      return next.value;
    }
    return null;
  };
  const finishing = new Set<Promise<void>>();
  let failure: unknown = null;
  const reader = async () => {
    for (let file = await take(); file && failure === null; file = await take()) {
      let parsed: Parsed | null;
      try {
        parsed = await parse(file);
      } catch (error) {
        settle(file, error);
        counted();
        continue;
      }
      if (!parsed) {
        unchanged++;
        counted();
        continue;
      }
      const current = file;
      const task: Promise<void> = finish(parsed)
        .catch((error: unknown) => settle(current, error))
        .catch((error: unknown) => {
          failure ??= error;
        })
        .finally(() => {
          finishing.delete(task);
          counted();
        });
      finishing.add(task);
      while (finishing.size >= FILES_FINISHING) await Promise.race(finishing);
    }
  };
  await Promise.all(Array.from({ length: FILES_IN_FLIGHT }, reader));
  while (finishing.size > 0) await Promise.all(finishing);
  if (failure !== null) throw failure;
  await flush();

  const cancelled = hooks.signal?.aborted === true;
  let removed: string[] = [];
  if (options.removeMissing && !cancelled) {
    removed = [...known.values()].filter((track) => !seen.has(track.path)).map((track) => track.id);
    if (removed.length > 0) {
      await store.removeTracks(removed);
      hooks.onBatch?.([], removed);
    }
  }
  if (!cancelled) await store.putSource({ ...source, scanComplete: true });
  return { added, updated, unchanged, removed, skipped, cancelled };
}

async function openFile(open: () => Promise<BlobLike & { readonly lastModified: number }>) {
  try {
    return await open();
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    throw new SkipError(name === 'NotAllowedError' || name === 'SecurityError' ? 'no permission' : 'unreadable', { cause: error });
  }
}

function toAsyncIterator<T>(items: Iterable<T> | AsyncIterable<T>): AsyncIterator<T> | Iterator<T> {
  return Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : items[Symbol.iterator]();
}
