import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, test } from 'vitest';
import { openPlaybackDatabase } from '../../src/engine/storage/database';
import { type ImportFile, type ImportHooks, runImport } from '../../src/library/import-job';
import type { LibrarySource } from '../../src/library/library-records';
import { LibraryStore } from '../../src/library/library-store';
import { diffScan } from '../../src/library/rescan-diff';
import { trackIdFor } from '../../src/library/track-id';
import { mp3Audio, pngCover, taggedMp3, textFile } from '../support/audio-fixtures';

const SOURCE: LibrarySource = { id: 'folder-1', kind: 'folder', name: 'Music', addedAt: 1, scanComplete: false };

/** A folder in memory; `opened` counts the files the importer really read. */
class FakeFolder {
  readonly files = new Map<string, { bytes: Uint8Array; lastModified: number }>();
  readonly opened: string[] = [];

  put(path: string, bytes: Uint8Array, lastModified = 1000): this {
    this.files.set(path, { bytes, lastModified });
    return this;
  }

  list(): ImportFile[] {
    return [...this.files].map(([path, { bytes, lastModified }]) => ({
      path,
      size: bytes.length,
      lastModified,
      open: async () => {
        this.opened.push(path);
        const current = this.files.get(path);
        if (!current) throw new DOMException('gone', 'NotFoundError');
        return Object.assign(new Blob([current.bytes as BlobPart]), { lastModified: current.lastModified });
      },
    }));
  }
}

let store: LibraryStore;
const thumbnails = { made: 0 };

function hooks(extra: Partial<ImportHooks> = {}): ImportHooks {
  return {
    store,
    makeThumbnail: async (cover) => {
      thumbnails.made++;
      return { type: 'image/webp', bytes: cover.bytes.slice().buffer };
    },
    ...extra,
  };
}

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  thumbnails.made = 0;
  const db = await openPlaybackDatabase({ onBlocked() {}, onVersionChange() {}, onTerminated() {} });
  store = new LibraryStore(db);
});

describe('importing a folder', () => {
  test('adds its tracks with stable ids; one thumbnail per cover; skipped files named with their reason', async () => {
    const cover = pngCover();
    const folder = new FakeFolder()
      .put('Salt/01 A.mp3', taggedMp3({ title: 'A', artist: 'X', album: 'Salt', cover }))
      .put('Salt/02 B.mp3', taggedMp3({ title: 'B', artist: 'X', album: 'Salt', cover }))
      .put('Loose/untagged.mp3', mp3Audio(1))
      .put('notes.mp3', textFile())
      .put('empty.mp3', new Uint8Array())
      .put('huge.mp3', mp3Audio(6));
    const result = await runImport(SOURCE, folder.list(), hooks({ maxFileBytes: 30_000 }), { removeMissing: true });
    expect(result).toMatchObject({ added: 3, updated: 0, unchanged: 0, cancelled: false });
    expect([...result.skipped].sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: 'empty.mp3', reason: 'empty' },
      { path: 'huge.mp3', reason: 'too large' },
      { path: 'notes.mp3', reason: 'not audio' },
    ]);
    const tracks = await store.tracks();
    expect(tracks.map((t) => t.id).sort()).toEqual(
      ['Salt/01 A.mp3', 'Salt/02 B.mp3', 'Loose/untagged.mp3'].map((p) => trackIdFor('folder-1', p)).sort(),
    );
    const [a, b] = ['Salt/01 A.mp3', 'Salt/02 B.mp3'].map((p) => tracks.find((t) => t.path === p)!);
    expect(a!.artworkKey).toBeDefined();
    expect(a!.artworkKey).toBe(b!.artworkKey);
    expect(thumbnails.made).toBe(1);
    expect((await store.source('folder-1'))?.scanComplete).toBe(true);
  });

  test('the same folder picked twice adds no duplicates and reads nothing again', async () => {
    const folder = new FakeFolder().put('a.mp3', taggedMp3({ title: 'A' })).put('b.mp3', taggedMp3({ title: 'B' }));
    await runImport(SOURCE, folder.list(), hooks(), { removeMissing: true });
    folder.opened.length = 0;
    const again = await runImport(SOURCE, folder.list(), hooks(), { removeMissing: true });
    expect(again).toMatchObject({ added: 0, unchanged: 2 });
    expect(folder.opened).toEqual([]);
    expect(await store.tracks()).toHaveLength(2);
  });

  test('a rescan adds new files, removes deleted ones, re-reads changed ones and leaves unchanged ones unparsed', async () => {
    const folder = new FakeFolder()
      .put('keep.mp3', taggedMp3({ title: 'Keep' }))
      .put('gone.mp3', taggedMp3({ title: 'Gone' }))
      .put('edit.mp3', taggedMp3({ title: 'Old' }));
    await runImport(SOURCE, folder.list(), hooks(), { removeMissing: true });
    const addedAt = (await store.tracks()).find((t) => t.path === 'edit.mp3')!.addedAt;
    folder.files.delete('gone.mp3');
    folder.put('edit.mp3', taggedMp3({ title: 'New' }), 2000).put('new.mp3', taggedMp3({ title: 'Fresh' }));
    folder.opened.length = 0;
    const batches: { changed: readonly string[]; removed: readonly string[] }[] = [];
    const result = await runImport(SOURCE, folder.list(), hooks({ onBatch: (changed, removed) => batches.push({ changed, removed }) }), {
      removeMissing: true,
    });
    expect(result).toMatchObject({ added: 1, updated: 1, unchanged: 1, removed: [trackIdFor('folder-1', 'gone.mp3')] });
    expect(folder.opened.sort()).toEqual(['edit.mp3', 'new.mp3']);
    const tracks = await store.tracks();
    expect(tracks.map((t) => t.title).sort()).toEqual(['Fresh', 'Keep', 'New']);
    // The re-read track keeps its id and when it was first added.
    const edited = tracks.find((t) => t.path === 'edit.mp3')!;
    expect(edited.id).toBe(trackIdFor('folder-1', 'edit.mp3'));
    expect(edited.addedAt).toBe(addedAt);
    expect(batches.flatMap((b) => b.removed)).toEqual([trackIdFor('folder-1', 'gone.mp3')]);
  });

  test('a file that disappears mid-scan is skipped as unreadable; the rest are added', async () => {
    const folder = new FakeFolder().put('a.mp3', taggedMp3({ title: 'A' })).put('b.mp3', taggedMp3({ title: 'B' }));
    const listed = folder.list();
    folder.files.delete('b.mp3');
    const result = await runImport(SOURCE, listed, hooks(), { removeMissing: true });
    expect(result.added).toBe(1);
    expect(result.skipped).toEqual([{ path: 'b.mp3', reason: 'unreadable' }]);
  });

  test('a file the browser refuses to open is skipped as no permission; what the library had stays', async () => {
    const folder = new FakeFolder().put('a.mp3', taggedMp3({ title: 'A' })).put('b.mp3', taggedMp3({ title: 'B' }));
    await runImport(SOURCE, folder.list(), hooks(), { removeMissing: true });
    folder.put('b.mp3', taggedMp3({ title: 'B2' }), 2000).put('c.mp3', taggedMp3({ title: 'C' }));
    const refused = folder
      .list()
      .map((file) =>
        file.path === 'a.mp3' ? file : { ...file, open: () => Promise.reject(new DOMException('refused', 'NotAllowedError')) },
      );
    const result = await runImport(SOURCE, refused, hooks(), { removeMissing: true });
    expect([...result.skipped].sort((x, y) => x.path.localeCompare(y.path))).toEqual([
      { path: 'b.mp3', reason: 'no permission' },
      { path: 'c.mp3', reason: 'no permission' },
    ]);
    expect((await store.tracks()).map((t) => t.title).sort()).toEqual(['A', 'B']);
  });

  test('a file that changed mid-scan is kept as it was read, so the next rescan compares with the truth', async () => {
    const folder = new FakeFolder().put('a.mp3', taggedMp3({ title: 'A' }), 1000);
    const listed = folder.list();
    folder.put('a.mp3', taggedMp3({ title: 'A2' }, 3), 5000);
    await runImport(SOURCE, listed, hooks(), { removeMissing: true });
    const [track] = await store.tracks();
    expect(track).toMatchObject({ title: 'A2', lastModified: 5000, size: folder.files.get('a.mp3')!.bytes.length });
  });

  test('a listed snapshot that no longer reads (the file changed since) is read again as it is now', async () => {
    const folder = new FakeFolder().put('a.mp3', taggedMp3({ title: 'A' }), 1000);
    const [listed] = folder.list();
    folder.put('a.mp3', taggedMp3({ title: 'A2' }), 5000);
    const stale = {
      ...listed!,
      open: async () => ({
        size: listed!.size,
        type: '',
        lastModified: 1000,
        slice: () => ({ arrayBuffer: () => Promise.reject(new DOMException('changed', 'NotReadableError')) }),
      }),
      reopen: listed!.open,
    };
    const written: string[] = [];
    const result = await runImport(
      SOURCE,
      [stale],
      hooks({ onBatch: (_, __, batch) => written.push(...(batch?.tracks ?? []).map((t) => t.title)) }),
      {
        removeMissing: true,
      },
    );
    expect(result).toMatchObject({ added: 1, skipped: [] });
    expect(written).toEqual(['A2']);
    expect((await store.tracks())[0]).toMatchObject({ title: 'A2', lastModified: 5000 });
  });

  test('cancelling keeps what was imported, removes nothing, and leaves the scan to be finished', async () => {
    const folder = new FakeFolder();
    for (let i = 0; i < 40; i++) folder.put(`t${String(i).padStart(2, '0')}.mp3`, taggedMp3({ title: `T${i}` }, 0.5));
    const abort = new AbortController();
    const result = await runImport(
      SOURCE,
      folder.list(),
      hooks({ signal: abort.signal, onProgress: ({ done }) => done >= 10 && abort.abort() }),
      { removeMissing: true },
    );
    expect(result.cancelled).toBe(true);
    const kept = await store.tracks();
    expect(kept.length).toBeGreaterThanOrEqual(10);
    expect(kept.length).toBeLessThan(40);
    expect((await store.source('folder-1'))?.scanComplete).toBe(false);
    // The next scan finishes the job, reading only what is missing.
    folder.opened.length = 0;
    const rest = await runImport(SOURCE, folder.list(), hooks(), { removeMissing: true });
    expect(rest.added).toBe(40 - kept.length);
    expect(folder.opened).toHaveLength(40 - kept.length);
    expect(await store.tracks()).toHaveLength(40);
  });

  test('a cover that is not an image leaves the track without artwork, not out of the library', async () => {
    const folder = new FakeFolder().put('a.mp3', taggedMp3({ title: 'A', cover: pngCover() }));
    await runImport(SOURCE, folder.list(), hooks({ makeThumbnail: async () => null }), { removeMissing: true });
    const [track] = await store.tracks();
    expect(track?.title).toBe('A');
    expect(track?.artworkKey).toBeUndefined();
  });

  test('removing a source takes its tracks and its unused thumbnails out', async () => {
    const folder = new FakeFolder().put('a.mp3', taggedMp3({ title: 'A', cover: pngCover() }));
    await runImport(SOURCE, folder.list(), hooks(), { removeMissing: true });
    const key = (await store.tracks())[0]!.artworkKey!;
    expect(await store.hasArtwork(key)).toBe(true);
    expect(await store.removeSource('folder-1')).toEqual([trackIdFor('folder-1', 'a.mp3')]);
    expect(await store.tracks()).toEqual([]);
    expect(await store.hasArtwork(key)).toBe(false);
    expect(await store.sources()).toEqual([]);
  });
});

describe('ids and the rescan diff', () => {
  test('track ids depend only on the source and the path', () => {
    expect(trackIdFor('s', 'a/b.mp3')).toBe(trackIdFor('s', 'a/b.mp3'));
    expect(trackIdFor('s', 'a/b.mp3')).not.toBe(trackIdFor('s', 'a/c.mp3'));
    expect(trackIdFor('s', 'a/b.mp3')).not.toBe(trackIdFor('t', 'a/b.mp3'));
    expect(trackIdFor('s', 'a/b.mp3')).toMatch(/^local-[0-9a-f]{16}$/);
    const ids = new Set(Array.from({ length: 20_000 }, (_, i) => trackIdFor('s', `Artist ${i % 50}/Album ${i % 7}/${i}.mp3`)));
    expect(ids.size).toBe(20_000);
  });

  test('diffScan sorts files into added, changed, unchanged and removed', () => {
    const known = [
      { id: '1', path: 'same', size: 1, lastModified: 1 },
      { id: '2', path: 'size', size: 1, lastModified: 1 },
      { id: '3', path: 'time', size: 1, lastModified: 1 },
      { id: '4', path: 'gone', size: 1, lastModified: 1 },
    ];
    const found = [
      { path: 'same', size: 1, lastModified: 1 },
      { path: 'size', size: 2, lastModified: 1 },
      { path: 'time', size: 1, lastModified: 2 },
      { path: 'new', size: 1, lastModified: 1 },
      { path: 'new', size: 1, lastModified: 1 },
    ];
    const diff = diffScan(known, found);
    expect(diff.added.map((f) => f.path)).toEqual(['new']);
    expect(diff.changed.map((f) => f.path)).toEqual(['size', 'time']);
    expect(diff.unchanged.map((f) => f.path)).toEqual(['same']);
    expect(diff.removed).toEqual(['4']);
  });
});
