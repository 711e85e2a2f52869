/**
 * Which library track each playlist line means: a local file by its path relative to its folder (the
 * playlist may name it from anywhere above: `../Music/Album/01.mp3`, `C:/Music/Album/01.mp3`), a catalog
 * track by its URL, and otherwise by the `#EXTINF` artist and title, folded. Lines that match nothing are
 * returned, never dropped silently.
 */

import type { BrowseTrack } from './browse-track';
import { fold } from './fold';
import type { M3uEntry } from './m3u';

export interface MatchableTrack extends BrowseTrack {
  /** The catalog's absolute URL. */
  readonly url?: string;
  /** A local file's path inside its folder, `/`-separated. */
  readonly relativePath?: string;
}

export interface PlaylistMatch<T extends MatchableTrack> {
  readonly matched: readonly { readonly entry: M3uEntry; readonly track: T }[];
  readonly unmatched: readonly M3uEntry[];
}

export function matchM3uEntries<T extends MatchableTrack>(
  entries: readonly M3uEntry[],
  tracks: readonly T[],
  playlistUrl?: string,
): PlaylistMatch<T> {
  const byUrl = new Map<string, T>();
  const byPathSuffix = new Map<string, T>();
  const byArtistTitle = new Map<string, T>();
  for (const track of tracks) {
    if (track.url) byUrl.set(track.url, track);
    if (track.relativePath) byPathSuffix.set(fold(track.relativePath), track);
    const key = `${fold(track.artist)}\n${fold(track.title)}`;
    if (!byArtistTitle.has(key)) byArtistTitle.set(key, track);
  }
  const matched: { entry: M3uEntry; track: T }[] = [];
  const unmatched: M3uEntry[] = [];
  for (const entry of entries) {
    const track =
      byUrl.get(resolve(entry.location, playlistUrl)) ??
      pathMatch(entry.location, byPathSuffix) ??
      (entry.title ? byArtistTitle.get(`${fold(entry.artist ?? '')}\n${fold(entry.title)}`) : undefined);
    if (track) matched.push({ entry, track });
    else unmatched.push(entry);
  }
  return { matched, unmatched };
}

function resolve(location: string, base: string | undefined): string {
  try {
    return new URL(location, base).href;
  } catch {
    return location;
  }
}

/** The longest tail of the path's segments that is some track's relative path. */
function pathMatch<T>(location: string, byPath: ReadonlyMap<string, T>): T | undefined {
  const segments = fold(location)
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.');
  for (let start = 0; start < segments.length; start++) {
    const track = byPath.get(segments.slice(start).join('/'));
    if (track) return track;
  }
  return undefined;
}
