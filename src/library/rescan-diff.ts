/**
 * What a scan found against what the library holds for that source: which files to read (new or changed),
 * which to leave alone (same size and lastModified: not parsed again) and which tracks went away.
 */

export interface FoundFile {
  readonly path: string;
  readonly size: number;
  readonly lastModified: number;
}

export interface KnownTrack {
  readonly id: string;
  readonly path: string;
  readonly size: number;
  readonly lastModified: number;
}

export interface ScanDiff<F extends FoundFile> {
  readonly added: readonly F[];
  readonly changed: readonly F[];
  readonly unchanged: readonly F[];
  /** Ids of tracks whose file is no longer there. */
  readonly removed: readonly string[];
}

export function diffScan<F extends FoundFile>(known: readonly KnownTrack[], found: readonly F[]): ScanDiff<F> {
  const byPath = new Map(known.map((track) => [track.path, track]));
  const added: F[] = [];
  const changed: F[] = [];
  const unchanged: F[] = [];
  const seen = new Set<string>();
  for (const file of found) {
    if (seen.has(file.path)) continue; // the same file listed twice (a folder dropped with its own files)
    seen.add(file.path);
    const track = byPath.get(file.path);
    if (!track) added.push(file);
    else if (track.size === file.size && track.lastModified === file.lastModified) unchanged.push(file);
    else changed.push(file);
  }
  const removed = known.filter((track) => !seen.has(track.path)).map((track) => track.id);
  return { added, changed, unchanged, removed };
}
