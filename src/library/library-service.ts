/**
 * The person's own library in this tab: what it holds (loaded from IndexedDB, kept live by the library
 * events of other tabs), the imports this tab runs (in the import worker, one at a time for the whole
 * browser under the Web Lock `mediastream.import.<deviceId>`), and the folder permissions. No UI here:
 * components read its state and call its methods; it tells them when something changed.
 */

import { nanoid } from 'nanoid';
import type { Track } from '../catalog/catalog';
import { openPlaybackDatabase } from '../engine/storage/database';
import { removeCopies } from './copies';
import type { ImportResult } from './import-job';
import type { ArtworkUrl, ImportInput, ImportReply, ImportRequest } from './import-protocol';
import { toCatalogTrack } from './library-catalog';
import { type LibraryChange, libraryEvent, parseLibraryEvent } from './library-events';
import type { LibrarySource, LibraryTrackRecord } from './library-records';
import { LibraryStore } from './library-store';
import { fileOf } from './local-audio';
import { shelfKeysMatchCollation } from './shelf-key';
import { ShelfOrder } from './shelf-order';
import { hash64 } from './track-id';

export type FolderAccess = 'granted' | 'prompt' | 'denied';

export interface SourceView {
  readonly source: LibrarySource;
  /** For folders with a handle: whether this tab may read them now. Copies are always readable. */
  readonly access: FolderAccess;
  readonly trackCount: number;
}

export interface ImportStatus {
  readonly done: number;
  readonly found: number;
  /** The import runs in this tab (so this tab can cancel it). */
  readonly here: boolean;
}

/** Another tab holds the import lock. */
export class ImportBusyError extends Error {
  override name = 'ImportBusyError';
}

/** Copies larger than this are only made after the person agrees, with the free space checked first. */
export const ASK_BEFORE_COPYING_BYTES = 2 * 1024 ** 3;
/** Another tab's import that has said nothing for this long is taken to have stopped (its tab closed). */
const STALE_PROGRESS_MS = 5000;
/** Picked files go to the import worker in slices this large (about 15 ms of the page's time each, measured here). */
const STAGE_SLICE_FILES = 100;
/** Change notifications are coalesced: a large import writes a batch every 150 ms. */
const NOTIFY_MS = 100;
/** New tracks wait 1 ms for every 20 the library holds (2,000: 100 ms; 20,000: 1 s), at most this long. */
const TRACKS_PER_MS_OF_PAUSE = 20;
const MAX_SHOW_BATCH_MS = 1000;
/** The first tracks of this tab's import show as each batch comes (the issue: the first 100 within a second). */
const FIRST_TRACKS_AT_ONCE = 100;
/** At start, the first albums on the shelf are read and shown before the rest: about a first screen's worth. */
const FIRST_ALBUMS = 40;
const FIRST_TRACKS = 200;
/** The rest of the library is read this many tracks at a time, each read a task of its own. */
const READ_SLICE = 2500;
/** Records stored before schema version 6 get their shelf key this many at a time, once the library is read. */
const KEY_SLICE = 500;

export interface LibraryServiceOptions {
  readonly deviceId: string;
  readonly tabId: string;
  /** Asked before copying more than ASK_BEFORE_COPYING_BYTES; the UI passes a confirmation. */
  readonly confirmLargeCopy?: (message: string) => Promise<boolean> | boolean;
}

type Permissioned = FileSystemHandle & {
  queryPermission(options: { mode: 'read' }): Promise<PermissionState>;
  requestPermission(options: { mode: 'read' }): Promise<PermissionState>;
};

export class LibraryService {
  /** Raised at every change, so views can tell they must re-render. */
  revision = 0;
  importStatus: ImportStatus | null = null;
  /**
   * False while only the first albums on the shelf have been read (`tracks` is then the start of the
   * shelf, in its final order, and nothing else): until then no one may take a missing track for gone.
   */
  complete = false;
  /** Resolves once every track has been read (and `complete` is true). */
  loaded: Promise<void> = Promise.resolve();

  private records = new Map<string, LibraryTrackRecord>();
  private readonly order = new ShelfOrder();
  private sourceList: LibrarySource[] = [];
  private readonly access = new Map<string, FolderAccess>();
  private readonly artworkUrls = new Map<string, string>();
  /** The tracks as shown, made again only when a record, a folder's access or the sources changed. */
  private sortedTracks: readonly Track[] | null = null;
  /** The loose tracks of `from` (the tracks array they were taken from), for looseTracks. */
  private loose: { readonly from: readonly Track[]; readonly tracks: readonly Track[] } = { from: [], tracks: [] };
  private sourceViews: readonly SourceView[] | null = null;
  /**
   * Each record's Track, kept while nothing it shows changed: the same object from one list to the next,
   * so what the views cache per track (search text, rows) stays valid during an import.
   */
  private readonly trackViews = new Map<string, { readonly record: LibraryTrackRecord; readonly track: Track }>();
  private readonly listeners = new Set<() => void>();
  private readonly channel: BroadcastChannel;
  private readonly topic: string;
  private worker: Worker | null = null;
  private nextJobId = 1;
  private readonly jobs = new Map<number, { resolve(result: ImportResult): void; reject(error: Error): void }>();
  private readonly stagings = new Map<number, { resolve(bytes: number): void; reject(error: Error): void }>();
  private runningJob: number | null = null;
  private eventRev = 0;
  private readonly lastRevBySender = new Map<string, number>();
  private notifyTimer: ReturnType<typeof setTimeout> | undefined;
  private batchTimer: ReturnType<typeof setTimeout> | undefined;
  private batchesApplied: Promise<void> = Promise.resolve();
  private staleTimer: ReturnType<typeof setTimeout> | undefined;
  /** Tracks of this tab's running import shown so far: the first hundred show at once, batch by batch. */
  private shownOfJob = 0;
  /** Until the whole library is read: the tracks other tabs named meanwhile, re-read at the end (`all`: every one). */
  private changedWhileLoading: { ids: Set<string>; all: boolean } | null = { ids: new Set(), all: false };

  private constructor(
    private readonly store: LibraryStore,
    private readonly options: LibraryServiceOptions,
  ) {
    this.topic = `playback:${options.deviceId}`;
    this.channel = new BroadcastChannel(this.topic);
    this.channel.addEventListener('message', (message) => this.receive(message.data));
  }

  /** Opens its own connection to `mediastream` (the library's stores) and loads what is there. */
  static async open(options: LibraryServiceOptions): Promise<LibraryService> {
    const db = await openPlaybackDatabase({ onBlocked: () => {}, onVersionChange: () => {}, onTerminated: () => {} });
    const service = new LibraryService(new LibraryStore(db), options);
    await service.loadFirst();
    return service;
  }

  /** Every local track, as catalog tracks, in shelf order; the same array until the tracks change. */
  get tracks(): readonly Track[] {
    this.sortedTracks ??= this.order.records.map((record) => this.trackView(record));
    return this.sortedTracks;
  }

  /**
   * The tracks added as loose files, for the folders list: the same array while they are the same, so
   * that list is not drawn again at every progress step and batch of an import.
   */
  get looseTracks(): readonly Track[] {
    const tracks = this.tracks;
    if (this.loose.from !== tracks) {
      // Looked for again only when the tracks changed, not at every render that asks.
      const loose = tracks.filter((track) => track.local?.loose);
      const before = this.loose.tracks;
      const same = loose.length === before.length && loose.every((track, index) => track === before[index]);
      this.loose = { from: tracks, tracks: same ? before : loose };
    }
    return this.loose.tracks;
  }

  get sources(): readonly SourceView[] {
    if (!this.sourceViews) {
      const counts = new Map<string, number>();
      for (const record of this.records.values()) counts.set(record.sourceId, (counts.get(record.sourceId) ?? 0) + 1);
      this.sourceViews = this.sourceList.map((source) => ({
        source,
        access: this.accessOf(source),
        trackCount: counts.get(source.id) ?? 0,
      }));
    }
    return this.sourceViews;
  }

  record(trackId: string): LibraryTrackRecord | undefined {
    return this.records.get(trackId);
  }

  on(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The file of a local track, for the tab that plays it. */
  fileOf(trackId: string): Promise<File> {
    const record = this.records.get(trackId);
    if (!record) return Promise.reject(new DOMException('This track is no longer in the library.', 'NotFoundError'));
    return fileOf(
      record,
      this.sourceList.find((source) => source.id === record.sourceId),
    );
  }

  /** Files from the file chooser or a drop without handles: copied, so they survive a restart. */
  addFiles(files: readonly File[]): Promise<ImportResult> {
    const source = this.sourceList.find((s) => s.id === 'files') ?? newSource('files', 'files', 'Added files');
    return this.importCopies(source, files, false);
  }

  /** Files from the folder input (webkitRelativePath): the same folder picked again is the same source. */
  addFolderFiles(files: readonly File[]): Promise<ImportResult> {
    const first = files[0]?.webkitRelativePath ?? '';
    const name = first.includes('/') ? first.slice(0, first.indexOf('/')) : 'Folder';
    const id = `copied-${hash64(name)}`;
    const source = this.sourceList.find((s) => s.id === id) ?? newSource(id, 'copied-folder', name);
    return this.importCopies(source, files, true);
  }

  /** A folder handle (showDirectoryPicker, or a dropped folder): kept, nothing copied; the same folder twice is one source. */
  async addFolderHandle(handle: FileSystemDirectoryHandle): Promise<ImportResult> {
    let source: LibrarySource | undefined;
    for (const known of this.sourceList) {
      if (known.handle && (await known.handle.isSameEntry(handle).catch(() => false))) source = known;
    }
    source ??= { ...newSource(`folder-${nanoid(10)}`, 'folder', handle.name), handle };
    this.access.set(source.id, 'granted');
    return this.runJob(source, { kind: 'handle', handle: source.handle! }, true);
  }

  /** Reads a folder again: new files added, deleted ones removed, changed ones re-read, the rest left alone. */
  async rescan(sourceId: string): Promise<ImportResult> {
    const source = this.sourceList.find((s) => s.id === sourceId);
    if (!source?.handle) throw new Error('Only a folder the browser can reopen can be rescanned.');
    if ((await this.refreshAccess(source)) !== 'granted' && !(await this.reconnect(sourceId))) {
      throw new Error(`MediaStream may not read “${source.name}”. Reconnect it first.`);
    }
    return this.runJob(source, { kind: 'handle', handle: source.handle }, true);
  }

  /** Asks the browser again for a folder's permission (it needs the click that calls this). */
  async reconnect(sourceId: string): Promise<boolean> {
    const source = this.sourceList.find((s) => s.id === sourceId);
    if (!source?.handle) return false;
    let state: PermissionState;
    try {
      state = await (source.handle as unknown as Permissioned).requestPermission({ mode: 'read' });
    } catch {
      state = 'denied';
    }
    this.access.set(source.id, state === 'granted' ? 'granted' : state === 'prompt' ? 'prompt' : 'denied');
    this.tracksChanged();
    this.changed();
    return state === 'granted';
  }

  /** Takes a source out of the library (and its copies); returns the ids of the tracks that went. */
  async removeSource(sourceId: string): Promise<readonly string[]> {
    const source = this.sourceList.find((s) => s.id === sourceId);
    const ids = await this.store.removeSource(sourceId);
    if (source && source.kind !== 'folder') await removeCopies(ids);
    this.applyRemoved(ids);
    this.sourceList = this.sourceList.filter((s) => s.id !== sourceId);
    this.tracksChanged();
    this.announce({ removed: ids, sources: true });
    this.changed();
    return ids;
  }

  /** Takes one copied file (and its copy) out of the library. */
  async removeTrack(trackId: string): Promise<void> {
    const record = this.records.get(trackId);
    if (!record) return;
    await this.store.removeTracks([trackId]);
    if (record.copied) await removeCopies([trackId]);
    this.applyRemoved([trackId]);
    const left = [...this.records.values()].some((r) => r.sourceId === record.sourceId);
    if (!left) {
      await this.store.removeSource(record.sourceId);
      this.sourceList = this.sourceList.filter((s) => s.id !== record.sourceId);
      this.tracksChanged();
    }
    this.announce({ removed: [trackId], sources: !left });
    this.changed();
  }

  /** An import may follow (Add music was opened): its worker starts now, so the scan starts at once. */
  prepareImport(): void {
    this.importWorker().postMessage({ type: 'prepare' } satisfies ImportRequest);
  }

  cancelImport(): void {
    if (this.runningJob !== null) this.worker?.postMessage({ type: 'cancel', jobId: this.runningJob } satisfies ImportRequest);
  }

  close(): void {
    clearTimeout(this.notifyTimer);
    clearTimeout(this.batchTimer);
    clearTimeout(this.staleTimer);
    this.channel.close();
    this.worker?.terminate();
    for (const url of this.artworkUrls.values()) URL.revokeObjectURL(url);
  }

  private async importCopies(source: LibrarySource, files: readonly File[], fromFolder: boolean): Promise<ImportResult> {
    const { staged, bytes } = await this.stage(files);
    const input: ImportInput = { kind: 'files', staged, fromFolder };
    if (bytes > ASK_BEFORE_COPYING_BYTES) {
      const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
      const free = estimate?.quota !== undefined ? estimate.quota - (estimate.usage ?? 0) : undefined;
      const size = formatBytes(bytes);
      if (free !== undefined && free < bytes) {
        this.unstage(staged);
        throw new Error(`These files need ${size} and the browser has ${formatBytes(free)} free for MediaStream. Nothing was copied.`);
      }
      const agreed = await (this.options.confirmLargeCopy ?? (() => false))(
        `MediaStream keeps a copy of files added this way, so they play after a restart and offline. Copy ${size}?`,
      );
      if (!agreed) {
        this.unstage(staged);
        return { added: 0, updated: 0, unchanged: 0, removed: [], skipped: [], cancelled: true };
      }
    }
    // Loose files are added to, never rescanned: nothing missing from this pick is removed.
    return this.runJob(source, input, source.kind === 'copied-folder').catch((error: unknown) => {
      this.unstage(staged); // the job never started (another tab imports): the worker lets the files go
      throw error;
    });
  }

  /**
   * Hands the picked files to the import worker a slice at a time, each in a task of its own, and learns
   * their total size there: in Chromium the page's first touch of each File (its size, or cloning it)
   * asks the browser process, and 2,000 at once held the page for 310–370 ms (measured here).
   */
  private async stage(files: readonly File[]): Promise<{ staged: number; bytes: number }> {
    const staged = this.nextJobId++;
    const bytes = new Promise<number>((resolve, reject) => this.stagings.set(staged, { resolve, reject }));
    const worker = this.importWorker();
    for (let start = 0; start === 0 || start < files.length; start += STAGE_SLICE_FILES) {
      if (start > 0) await new Promise((next) => setTimeout(next));
      const last = start + STAGE_SLICE_FILES >= files.length;
      worker.postMessage({ type: 'stage', staged, files: files.slice(start, start + STAGE_SLICE_FILES), last } satisfies ImportRequest);
    }
    return { staged, bytes: await bytes };
  }

  /** The worker lets go of files staged for an import that will not run. */
  private unstage(staged: number): void {
    this.worker?.postMessage({ type: 'cancel', jobId: staged } satisfies ImportRequest);
  }

  private runJob(source: LibrarySource, input: ImportInput, removeMissing: boolean): Promise<ImportResult> {
    const locks = typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : null;
    const job = () => this.runJobHoldingLock(source, input, removeMissing);
    if (!locks) return job();
    return locks.request(`mediastream.import.${this.options.deviceId}`, { ifAvailable: true }, (lock) => {
      if (!lock) throw new ImportBusyError('Another tab is importing music. Wait for it to finish, or cancel it there.');
      return job();
    });
  }

  private async runJobHoldingLock(source: LibrarySource, input: ImportInput, removeMissing: boolean): Promise<ImportResult> {
    const firstImport = this.sourceList.length === 0;
    await this.store.putSource({ ...source, scanComplete: false });
    if (this.sourceList.some((s) => s.id === source.id)) {
      this.tracksChanged(); // its tracks may show as available now (Add folder granted access again)
    } else {
      // A new source has no tracks yet: only the folders' list changes, not every list of tracks.
      this.sourceList = [...this.sourceList, source];
      this.sourceViews = null;
    }
    this.announce({ sources: true });
    const jobId = this.nextJobId++;
    this.runningJob = jobId;
    this.shownOfJob = 0;
    this.importStatus = { done: 0, found: 0, here: true };
    this.changed(true);
    try {
      const result = await new Promise<ImportResult>((resolve, reject) => {
        this.jobs.set(jobId, { resolve, reject });
        this.importWorker().postMessage({
          type: 'import',
          jobId,
          topic: this.topic,
          tabId: this.options.tabId,
          source: { ...source, scanComplete: false },
          input,
          removeMissing,
        } satisfies ImportRequest);
      });
      if (result.removed.length > 0) this.applyRemoved(result.removed);
      // Ask the browser not to evict the library's copies and thumbnails under storage pressure.
      if (firstImport && result.added > 0) void navigator.storage?.persist?.().catch(() => false);
      return result;
    } finally {
      this.jobs.delete(jobId);
      this.runningJob = null;
      this.importStatus = null;
      await this.batchesApplied;
      await this.reloadSources();
      // The result shows with every track of the import: a batch still waiting to be shown goes now.
      if (this.batchTimer !== undefined) this.tracksChanged();
      this.changed(true);
    }
  }

  private importWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module', name: 'mediastream-import' });
    worker.onmessage = (event: MessageEvent<ImportReply>) => this.handleReply(event.data);
    worker.onerror = (event) => {
      const error = new Error(`The import stopped: ${event.message || 'the import worker failed'}`);
      for (const job of [...this.jobs.values(), ...this.stagings.values()]) job.reject(error);
    };
    this.worker = worker;
    return worker;
  }

  private handleReply(reply: ImportReply): void {
    switch (reply.type) {
      case 'progress':
        if (reply.jobId === this.runningJob) this.importStatus = { done: reply.done, found: reply.found, here: true };
        this.changed();
        return;
      case 'batch':
        // In order, and awaited at the job's end, so the result is never shown before its last tracks.
        this.batchesApplied = this.batchesApplied
          .then(async () => {
            // The worker sends what it wrote: nothing is read back from IndexedDB for this tab's own import.
            if (reply.tracks.length === reply.changed.length) await this.applyWritten(reply.tracks, reply.artwork);
            else await this.applyChanged(reply.changed);
            this.applyRemoved(reply.removed);
          })
          // A batch this tab could not read back is still stored: the next start or event reloads it.
          .catch((error: unknown) => console.warn('A batch of imported tracks could not be shown yet:', error));
        return;
      case 'staged':
        this.stagings.get(reply.staged)?.resolve(reply.bytes);
        this.stagings.delete(reply.staged);
        return;
      case 'done':
        this.jobs.get(reply.jobId)?.resolve(reply.result);
        return;
      case 'failed':
        this.jobs.get(reply.jobId)?.reject(new Error(reply.message));
        return;
    }
  }

  /** Another tab's hint: re-read what it names (IndexedDB is the truth); a missed event means re-read all. */
  private receive(message: unknown): void {
    const event = parseLibraryEvent(message, this.topic);
    if (!event || event.source === this.options.tabId) return;
    const last = this.lastRevBySender.get(event.source);
    this.lastRevBySender.set(event.source, event.rev);
    const missed = last !== undefined && event.rev !== last + 1;
    const { changed, removed, sources, progress } = event.data;
    this.trackOtherImport(progress);
    if (this.changedWhileLoading) {
      // Still reading: what it names is re-read once the rest is in (applied now, a slice read later would undo it).
      if (missed || (sources && progress === null && changed.length === 0 && removed.length === 0)) this.changedWhileLoading.all = true;
      for (const id of [...changed, ...removed]) this.changedWhileLoading.ids.add(id);
      if (sources) void this.reloadSources().then(() => this.changed());
      if (progress) this.changed();
      return;
    }
    if (missed || (sources && progress === null && changed.length === 0 && removed.length === 0)) {
      void this.reloadAll().then(() => this.changed(true));
      return;
    }
    if (sources) void this.reloadSources().then(() => this.changed());
    if (changed.length > 0) void this.applyChanged(changed);
    if (removed.length > 0) this.applyRemoved(removed);
    if (progress) this.changed();
  }

  private trackOtherImport(progress: LibraryChange['progress']): void {
    if (this.runningJob !== null) return;
    clearTimeout(this.staleTimer);
    if (!progress) {
      this.importStatus = null;
    } else {
      this.importStatus = { ...progress, here: false };
      this.staleTimer = setTimeout(() => {
        this.importStatus = null;
        this.changed(true);
      }, STALE_PROGRESS_MS);
    }
  }

  private announce(change: Partial<LibraryChange>): void {
    this.channel.postMessage(
      libraryEvent(this.topic, this.options.tabId, ++this.eventRev, nanoid(), {
        changed: [],
        removed: [],
        sources: false,
        progress: null,
        ...change,
      }),
    );
  }

  /**
   * The first albums on the shelf, through its index, so the first screen shows before the whole library
   * is read (at 50,000 tracks one getAll took 0.6–1.1 s here); then the rest, in `loaded`. Where the index
   * cannot promise the views' order (see shelf-key.ts), nothing is shown until everything is read.
   */
  private async loadFirst(): Promise<void> {
    const [first] = await Promise.all([
      shelfKeysMatchCollation() ? this.store.firstOnShelf(FIRST_ALBUMS, FIRST_TRACKS) : null,
      this.reloadSources(),
    ]);
    if (first) {
      await this.loadArtwork(first.records);
      this.records = new Map(first.records.map((record) => [record.id, record]));
      this.order.reset(first.records);
      this.tracksChanged();
    }
    if (first?.all) this.finishLoading();
    else this.loaded = this.loadRest();
  }

  /** Every track, a slice at a time; then what other tabs changed while it was read. */
  private async loadRest(): Promise<void> {
    const read = new Map<string, LibraryTrackRecord>();
    for (let after: string | undefined; ; ) {
      const slice = await this.store.tracksAfter(after, READ_SLICE);
      for (const record of slice) read.set(record.id, record);
      if (slice.length < READ_SLICE) break;
      after = slice[slice.length - 1]!.id;
    }
    const records = [...read.values()];
    await this.loadArtwork(records);
    // The sort, the tracks made from the records, and the views made from them: each a task of its own,
    // rather than one long one while the person may already be scrolling the first albums.
    this.order.reset(records);
    await nextTask();
    this.records = read;
    const changed = this.changedWhileLoading!;
    this.finishLoading();
    void this.tracks;
    await nextTask();
    if (changed.all) await this.reloadAll();
    else if (changed.ids.size > 0) await this.rereadChanged([...changed.ids]);
    this.changed(true);
    void this.keyUnshelved(records);
  }

  private finishLoading(): void {
    this.changedWhileLoading = null;
    this.complete = true;
    this.tracksChanged();
  }

  /** Tracks another tab changed or removed while this one was still reading: as IndexedDB has them now. */
  private async rereadChanged(ids: readonly string[]): Promise<void> {
    const found = await this.store.tracksById(ids);
    const present = new Set(found.map((record) => record.id));
    await this.loadArtwork(found);
    const replaced = found.map((record) => this.records.get(record.id)).filter((r): r is LibraryTrackRecord => r !== undefined);
    for (const record of found) this.records.set(record.id, record);
    this.order.put(found, replaced);
    this.applyRemoved(ids.filter((id) => !present.has(id)));
    this.tracksChanged();
  }

  /** Records stored before schema version 6 get their shelf key, so the next start reads the first albums first. */
  private async keyUnshelved(records: readonly LibraryTrackRecord[]): Promise<void> {
    const ids = records.filter((record) => record.shelf === undefined).map((record) => record.id);
    try {
      for (let start = 0; start < ids.length; start += KEY_SLICE) await this.store.addShelfKeys(ids.slice(start, start + KEY_SLICE));
      // Tracks written meanwhile were keyed by the store as it wrote them.
      await this.store.shelfKeysDone();
    } catch (error) {
      // Only the next start's speed depends on it: it reads the whole library first again.
      console.warn('The library’s shelf keys could not be stored yet:', error);
    }
  }

  private async reloadAll(): Promise<void> {
    const [records] = await Promise.all([this.store.tracks(), this.reloadSources()]);
    await this.loadArtwork(records);
    this.records = new Map(records.map((record) => [record.id, record]));
    this.order.reset(records);
    this.tracksChanged();
  }

  private async reloadSources(): Promise<void> {
    const before = sourceKinds(this.sourceList);
    this.sourceList = (await this.store.sources()).sort((a, b) => a.addedAt - b.addedAt);
    await Promise.all(this.sourceList.map((source) => this.refreshAccess(source)));
    this.sourceViews = null;
    // A track shows whether its source is there and of what kind (and its access, which refreshAccess
    // watches): only a change there makes every track again, so an unchanged rescan ends without
    // re-rendering every list.
    if (sourceKinds(this.sourceList) !== before) this.tracksChanged();
  }

  private async refreshAccess(source: LibrarySource): Promise<FolderAccess> {
    if (!source.handle) return 'granted';
    let state: PermissionState;
    try {
      state = await (source.handle as unknown as Permissioned).queryPermission({ mode: 'read' });
    } catch {
      state = 'denied';
    }
    const access: FolderAccess = state === 'granted' ? 'granted' : state === 'prompt' ? 'prompt' : 'denied';
    if (this.access.get(source.id) !== access) this.tracksChanged();
    this.access.set(source.id, access);
    return access;
  }

  private async applyChanged(ids: readonly string[]): Promise<void> {
    const records = await this.store.tracksById(ids);
    await this.loadArtwork(records);
    this.putRecords(records);
  }

  /** A batch this tab's import wrote, as the worker sent it: its new thumbnails (object URLs the worker made), then its records. */
  private async applyWritten(records: readonly LibraryTrackRecord[], artwork: readonly ArtworkUrl[]): Promise<void> {
    for (const art of artwork) {
      if (this.artworkUrls.has(art.key)) URL.revokeObjectURL(art.url);
      else this.artworkUrls.set(art.key, art.url);
    }
    // Thumbnails the library had before this import (an album added to) are read once, as before.
    await this.loadArtwork(records);
    this.putRecords(records);
  }

  private putRecords(records: readonly LibraryTrackRecord[]): void {
    const replaced: LibraryTrackRecord[] = [];
    for (const record of records) {
      const before = this.records.get(record.id);
      if (before) replaced.push(before);
      this.records.set(record.id, record);
    }
    this.order.put(records, replaced);
    this.batchArrived(records.length);
  }

  private applyRemoved(ids: readonly string[]): void {
    const gone = ids.map((id) => this.records.get(id)).filter((record): record is LibraryTrackRecord => record !== undefined);
    if (gone.length === 0) return;
    for (const record of gone) {
      this.records.delete(record.id);
      this.trackViews.delete(record.id);
    }
    this.order.remove(gone);
    this.tracksChanged();
    this.changed();
  }

  /** The record's Track: the one made before if the record, its availability and its cover are the same. */
  private trackView(record: LibraryTrackRecord): Track {
    const available = this.isAvailable(record);
    const artwork = this.artworkUrl(record.artworkKey);
    const known = this.trackViews.get(record.id);
    if (known?.record === record && known.track.local?.available === available && known.track.artwork === artwork) return known.track;
    const loose = this.sourceList.some((source) => source.id === record.sourceId && source.kind === 'files');
    const track = toCatalogTrack(record, available, artwork, loose, () => this.fileOf(record.id));
    this.trackViews.set(record.id, { record, track });
    return track;
  }

  /** What the tracks (and the folders' counts) show changed: they are made again when next read. */
  private tracksChanged(): void {
    clearTimeout(this.batchTimer);
    this.batchTimer = undefined;
    this.sortedTracks = null;
    this.sourceViews = null;
  }

  /**
   * An import's batch is in: the views get the new tracks after a pause that grows with the library,
   * because every list is made again from them (at 12,000 tracks, one re-render every 100 ms made long
   * tasks of 80–200 ms here). The batches of this tab's import show at once until 100 of its tracks have,
   * the next within 100 ms while the library is small.
   */
  private batchArrived(count: number): void {
    this.sourceViews = null;
    if (this.runningJob !== null && this.shownOfJob < FIRST_TRACKS_AT_ONCE) {
      this.shownOfJob += count;
      this.tracksChanged();
      this.changed(true);
      return;
    }
    this.batchTimer ??= setTimeout(
      () => {
        this.tracksChanged();
        this.changed(true);
      },
      Math.min(MAX_SHOW_BATCH_MS, Math.max(NOTIFY_MS, this.records.size / TRACKS_PER_MS_OF_PAUSE)),
    );
  }

  /** One object URL per thumbnail, made once and shared by the album's tracks. */
  private async loadArtwork(records: readonly LibraryTrackRecord[]): Promise<void> {
    const missing = [...new Set(records.map((r) => r.artworkKey).filter((key): key is string => !!key && !this.artworkUrls.has(key)))];
    const found = await Promise.all(missing.map((key) => this.store.artwork(key)));
    for (const art of found) {
      if (art && !this.artworkUrls.has(art.key))
        this.artworkUrls.set(art.key, URL.createObjectURL(new Blob([art.bytes], { type: art.type })));
    }
  }

  private artworkUrl(key: string | undefined): string | undefined {
    return key ? this.artworkUrls.get(key) : undefined;
  }

  private accessOf(source: LibrarySource): FolderAccess {
    return source.handle ? (this.access.get(source.id) ?? 'prompt') : 'granted';
  }

  private isAvailable(record: LibraryTrackRecord): boolean {
    if (record.copied) return true;
    const source = this.sourceList.find((s) => s.id === record.sourceId);
    return source !== undefined && this.accessOf(source) === 'granted';
  }

  /** Tells the views, coalesced; `now` for the moments a person waits on (an import starting or ending). */
  private changed(now = false): void {
    this.revision++;
    if (now) {
      clearTimeout(this.notifyTimer);
      this.notifyTimer = undefined;
      for (const listener of this.listeners) listener();
      return;
    }
    this.notifyTimer ??= setTimeout(() => {
      this.notifyTimer = undefined;
      for (const listener of this.listeners) listener();
    }, NOTIFY_MS);
  }
}

function sourceKinds(sources: readonly LibrarySource[]): string {
  return sources.map((source) => `${source.id}:${source.kind}`).join('\n');
}

function nextTask(): Promise<void> {
  return new Promise((next) => setTimeout(next));
}

function newSource(id: string, kind: LibrarySource['kind'], name: string): LibrarySource {
  return { id, kind, name, addedAt: Date.now(), scanComplete: false };
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.round(bytes / 1024 ** 2)} MB`;
}
