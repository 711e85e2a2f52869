/** Messages between a tab and its import worker (src/library/import-worker.ts). */

import type { ImportResult } from './import-job';
import type { LibrarySource, LibraryTrackRecord } from './library-records';

export type ImportInput =
  /** A folder picked with showDirectoryPicker (or dropped with a handle): walked in the worker. */
  | { readonly kind: 'handle'; readonly handle: FileSystemDirectoryHandle }
  /**
   * Files from the folder input (with webkitRelativePath) or loose files, copied to OPFS: handed to the
   * worker beforehand in `stage` messages under the id `staged`.
   */
  | { readonly kind: 'files'; readonly staged: number; readonly fromFolder: boolean };

export type ImportRequest =
  | {
      readonly type: 'import';
      readonly jobId: number;
      readonly topic: string;
      readonly tabId: string;
      readonly source: LibrarySource;
      readonly input: ImportInput;
      /** A full scan: tracks whose files were not found are removed. */
      readonly removeMissing: boolean;
      /** For tests and the benchmark: the size over which a file is skipped. */
      readonly maxFileBytes?: number;
    }
  | { readonly type: 'cancel'; readonly jobId: number }
  /** An import may follow: open the database now. */
  | { readonly type: 'prepare' }
  /**
   * Picked files, a slice at a time (the page's first touch of each File asks the browser process for its
   * size: one message of 2,000 held the page for 310 ms, measured here). The last slice is answered with
   * `staged`, how many bytes copying them all would take.
   */
  | { readonly type: 'stage'; readonly staged: number; readonly files: readonly File[]; readonly last: boolean };

export interface ArtworkUrl {
  readonly key: string;
  readonly url: string;
}

export type ImportReply =
  | { readonly type: 'progress'; readonly jobId: number; readonly done: number; readonly found: number }
  | {
      readonly type: 'batch';
      readonly jobId: number;
      readonly changed: readonly string[];
      readonly removed: readonly string[];
      /** The records written: this tab shows them without reading them back. */
      readonly tracks: readonly LibraryTrackRecord[];
      /**
       * The thumbnails new in this batch, as object URLs the worker made: each Blob and URL made on the
       * page was a synchronous round trip to the browser process, which during an import is busy (up to
       * 65 ms of waiting for eight of them, in a trace). They live as long as the worker, which the
       * library keeps until it closes.
       */
      readonly artwork: readonly ArtworkUrl[];
    }
  | { readonly type: 'staged'; readonly staged: number; readonly bytes: number }
  | { readonly type: 'done'; readonly jobId: number; readonly result: ImportResult }
  | { readonly type: 'failed'; readonly jobId: number; readonly message: string };
