/**
 * A playlist file as the person picked it, turned into what the library can play: its name, the matched
 * tracks in order, and what could not be matched or read, said line by line.
 */

import { M3uError, parseM3u, writeM3u } from './m3u';
import { type MatchableTrack, matchM3uEntries } from './m3u-match';

export interface ImportedPlaylist {
  readonly name: string;
  readonly trackIds: readonly string[];
  /** One sentence per line that was not used, for the person. */
  readonly notes: readonly string[];
}

/** Larger than any real playlist file: refused before it is read. */
export const MAX_PLAYLIST_FILE_BYTES = 20 * 1024 * 1024;

export async function importPlaylistFile(file: File, tracks: readonly MatchableTrack[], baseUrl?: string): Promise<ImportedPlaylist> {
  if (file.size > MAX_PLAYLIST_FILE_BYTES) throw new M3uError(`“${file.name}” is too large to be a playlist.`);
  const parsed = parseM3u(await file.text());
  const { matched, unmatched } = matchM3uEntries(parsed.entries, tracks, baseUrl);
  const notes = [
    ...unmatched.map((entry) => `Line ${entry.line} (${entry.location}) matches no track in your library.`),
    ...parsed.unreadable.map((line) => `Line ${line.line} could not be read: ${line.reason}.`),
  ];
  const name = parsed.name ?? (file.name.replace(/\.m3u8?$/i, '').trim() || 'Imported playlist');
  return { name, trackIds: matched.map((match) => match.track.id), notes };
}

/** The playlist as an M3U8 file's text; tracks no longer in the library are left out. */
export function exportPlaylist(name: string, trackIds: readonly string[], tracksById: ReadonlyMap<string, MatchableTrack>): string {
  const items = trackIds.flatMap((trackId) => {
    const track = tracksById.get(trackId);
    const location = track?.relativePath ?? track?.url;
    if (!track || !location) return [];
    return [{ location, title: track.title, artist: track.artist, ...(track.duration !== undefined ? { duration: track.duration } : {}) }];
  });
  return writeM3u(name, items);
}
