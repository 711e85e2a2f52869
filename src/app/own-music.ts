/**
 * The person's own music inside this tab's player: opens the library (after the first paint), answers
 * what the components ask (add, cancel, rescan, reconnect, remove), keeps the import's result for the
 * status line, and drops queue entries of tracks that left the library, with the notice that exists for
 * that. The library code itself (src/library) knows nothing of the UI or the engine.
 */

import type { Catalog } from '../catalog/catalog';
import { messageOf } from '../engine/error-message';
import type { PlaybackEngine } from '../engine/playback-engine';
import type { ImportResult } from '../library/import-job';
import { withLibrary } from '../library/library-catalog';
import type { SkippedFile } from '../library/library-records';
import type { LibraryService } from '../library/library-service';
import type { Notices } from './notices';

export type LibraryRequest =
  | { readonly type: 'addFiles'; readonly files: readonly File[] }
  | { readonly type: 'addFolderFiles'; readonly files: readonly File[] }
  | { readonly type: 'addFolderHandle'; readonly handle: FileSystemDirectoryHandle }
  | { readonly type: 'cancelImport' }
  | { readonly type: 'rescan'; readonly sourceId: string }
  | { readonly type: 'reconnect'; readonly sourceId: string }
  | { readonly type: 'removeSource'; readonly sourceId: string }
  | { readonly type: 'removeTrack'; readonly trackId: string }
  | { readonly type: 'dismissOutcome' }
  | { readonly type: 'answerCopy'; readonly agreed: boolean };

export interface ImportOutcome {
  readonly id: number;
  readonly summary: string;
  readonly skipped: readonly SkippedFile[];
}

/** Asked before a large copy (see LibraryService's confirmLargeCopy), until the person answers. */
export interface CopyQuestion {
  readonly message: string;
}

/** The player's side: its catalog is now this one (the deployer's with the person's tracks after it). */
export type UseCatalog = (catalog: Catalog) => void;

export class OwnMusic {
  library: LibraryService | null = null;
  /** The last import's result in this tab, until the person dismisses it. */
  outcome: ImportOutcome | null = null;
  /** A large copy waiting for the person's yes or no. */
  copyQuestion: CopyQuestion | null = null;
  private answerCopy: ((agreed: boolean) => void) | null = null;
  private nextOutcome = 1;
  private summarize: ((result: ImportResult) => string) | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly engine: PlaybackEngine,
    private readonly notices: Notices,
    /** The deployer's catalog, as loaded (null if it failed to). */
    private readonly deployed: Catalog | null,
    private readonly useCatalog: UseCatalog,
  ) {}

  /** Opens the library and merges its tracks into the player's catalog, now and at every change. */
  static async open(engine: PlaybackEngine, notices: Notices, deployed: Catalog | null, useCatalog: UseCatalog): Promise<OwnMusic | null> {
    const ownMusic = new OwnMusic(engine, notices, deployed, useCatalog);
    return (await ownMusic.open()) ? ownMusic : null;
  }

  private async open(): Promise<LibraryService | null> {
    const { deviceId, tabId } = this.engine;
    try {
      const [{ LibraryService }, { summarizeImport }] = await Promise.all([
        import('../library/library-service'),
        import('../library/import-summary'),
      ]);
      this.summarize = summarizeImport;
      this.library = await LibraryService.open({ deviceId, tabId, confirmLargeCopy: (message) => this.askToCopy(message) });
    } catch (error) {
      // Storage is blocked or broken: the person has been told already what that means (by the engine's
      // start), so this says nothing more; the Your music controls stay hidden.
      console.warn(`Your own music could not be opened: ${messageOf(error)}`);
      return null;
    }
    const library = this.library;
    let merged: LibraryService['tracks'] | null = null;
    const merge = () => {
      // Progress alone leaves the tracks as they were: the catalog (and every list) is only made again
      // when they changed.
      if (library.tracks !== merged) {
        merged = library.tracks;
        this.useCatalog(withLibrary(this.deployed, merged));
      }
      this.changed();
    };
    merge();
    this.unsubscribe = library.on(merge);
    // The first albums are merged (and shown) now; the person's music is open, for the controls, for
    // tidying the session and for playback, only once every track is read: a track not read yet is not gone.
    try {
      await library.loaded;
    } catch (error) {
      console.warn(`Your own music could not be read: ${messageOf(error)}`);
      this.close();
      this.useCatalog(withLibrary(this.deployed, []));
      return null;
    }
    return library;
  }

  /** Listens for changes of what the person's music shows (the library, an import, its outcome). */
  on(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.listeners.clear();
    this.unsubscribe?.();
    this.library?.close();
  }

  /** A rescan or a removal took tracks out of the library: their queue entries go, with today's notice. */
  private readonly forgotten = async (): Promise<void> => {
    const library = this.library;
    if (!library) return;
    // Merged now, not at the library's next (coalesced) change: the removed tracks must be gone from it.
    const catalog = withLibrary(this.deployed, library.tracks);
    this.useCatalog(catalog);
    const { forgetUnknownTracks } = await import('./session-housekeeping');
    await forgetUnknownTracks(this.engine, catalog, this.notices);
  };

  private askToCopy(message: string): Promise<boolean> {
    this.answerCopy?.(false); // an older question nobody answered
    return new Promise((resolve) => {
      this.copyQuestion = { message };
      this.answerCopy = (agreed) => {
        this.copyQuestion = null;
        this.answerCopy = null;
        this.changed();
        resolve(agreed);
      };
      this.changed();
    });
  }

  dismissOutcome(): void {
    this.outcome = null;
    this.changed();
  }

  handle(request: LibraryRequest): void {
    if (request.type === 'dismissOutcome') {
      this.dismissOutcome();
      return;
    }
    if (request.type === 'answerCopy') {
      this.answerCopy?.(request.agreed);
      return;
    }
    const library = this.library;
    if (!library) {
      this.notices.notify('Your own music is still opening. Try again in a moment.', 'error');
      return;
    }
    switch (request.type) {
      case 'addFiles':
        this.track(library.addFiles(request.files));
        return;
      case 'addFolderFiles':
        this.track(library.addFolderFiles(request.files));
        return;
      case 'addFolderHandle':
        this.track(library.addFolderHandle(request.handle));
        return;
      case 'rescan':
        this.track(library.rescan(request.sourceId));
        return;
      case 'cancelImport':
        library.cancelImport();
        return;
      case 'reconnect':
        void library.reconnect(request.sourceId).then((granted) => {
          if (!granted) this.notices.notify('The browser did not allow MediaStream to read that folder.', 'error');
        });
        return;
      case 'removeSource':
        void library.removeSource(request.sourceId).then(this.forgotten, (error: unknown) => this.fail('could not be removed', error));
        return;
      case 'removeTrack':
        void library.removeTrack(request.trackId).then(this.forgotten, (error: unknown) => this.fail('could not be removed', error));
        return;
    }
  }

  private track(job: Promise<ImportResult>): void {
    this.outcome = null;
    this.changed();
    job.then(
      (result) => {
        this.outcome = { id: this.nextOutcome++, summary: this.summarize!(result), skipped: result.skipped };
        this.changed();
        if (result.removed.length > 0) void this.forgotten();
      },
      (error: unknown) => this.fail('could not be imported', error),
    );
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  private fail(what: string, error: unknown): void {
    this.notices.notify(`Your music ${what}: ${messageOf(error)}`, 'error');
    this.changed();
  }
}
