/**
 * The sound of a local track, for the tab that plays it: the file, through its folder's handle along the
 * relative path (no file handles are stored: re-resolving by path is what works on every Chromium), or
 * the copy in OPFS. The audio element gets an object URL, revoked when the track changes.
 */

import { readCopy } from './copies';
import type { LibrarySource, LibraryTrackRecord } from './library-records';

export async function fileOf(track: LibraryTrackRecord, source: LibrarySource | undefined): Promise<File> {
  if (track.copied) return readCopy(track.id);
  if (!source?.handle) throw new DOMException('The folder of this track is no longer in the library.', 'NotFoundError');
  const parts = track.path.split('/');
  let folder = source.handle;
  for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part);
  return (await folder.getFileHandle(parts[parts.length - 1]!)).getFile();
}

/** One object URL at a time: asking for the next revokes the last. */
export class ObjectUrlSlot {
  private current: string | null = null;

  set(blob: Blob): string {
    this.clear();
    this.current = URL.createObjectURL(blob);
    return this.current;
  }

  clear(): void {
    if (this.current) URL.revokeObjectURL(this.current);
    this.current = null;
  }
}
