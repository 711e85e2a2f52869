/**
 * A file's tags → the library's TrackTags, with the fallbacks people expect (title from the file name,
 * album from the folder, `Unknown artist`), plus the embedded cover's bytes for a thumbnail. Runs in the
 * import worker and in Node (npm run catalog, tests): no DOM, no UI.
 */

import { type IAudioMetadata, parseBlob, selectCover } from 'music-metadata';
import type { SkipReason, TrackTags } from './library-records';
import { type BlobLike, PrefetchingBlob } from './prefetching-blob';

export const UNKNOWN_ARTIST = 'Unknown artist';
/** Longer tag values are cut: a tag is a label, and a megabyte "title" would only slow every row. */
const MAX_TAG_LENGTH = 400;

export interface Cover {
  readonly bytes: Uint8Array;
  readonly type: string;
}

export interface ReadTrack {
  readonly tags: TrackTags;
  readonly cover?: Cover;
}

/** A file that cannot become a track, and why, in the words of the result notice. */
export class SkipError extends Error {
  override name = 'SkipError';
  constructor(
    readonly reason: SkipReason,
    options?: ErrorOptions,
  ) {
    super(reason, options);
  }
}

/** `Album/01 Song.mp3` → `01 Song`. */
export function titleFromPath(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** `Artist/Album/01 Song.mp3` → `Album`; a file at the top has no folder. */
export function folderFromPath(path: string): string {
  const parts = path.split('/');
  return parts.length > 1 ? parts[parts.length - 2]! : '';
}

/** Reads `file` (at `path` inside its source) through the prefetching reader. */
export async function readTrack(file: BlobLike, path: string): Promise<ReadTrack> {
  if (file.size === 0) throw new SkipError('empty');
  let metadata: IAudioMetadata;
  try {
    const blob = await PrefetchingBlob.open(file);
    metadata = await parseBlob(blob as unknown as Blob, { duration: false, skipPostHeaders: true });
  } catch (error) {
    throw new SkipError(reasonFor(error), { cause: error });
  }
  if (!looksLikeAudio(metadata)) throw new SkipError('not audio');
  return toTrack(metadata, path);
}

export function toTrack(metadata: IAudioMetadata, path: string): ReadTrack {
  const { common, format } = metadata;
  const artist = text(common.artist) ?? text(common.artists?.join(', ')) ?? UNKNOWN_ARTIST;
  const tags: TrackTags = {
    title: text(common.title) ?? titleFromPath(path),
    artist,
    album: text(common.album) ?? folderFromPath(path),
    albumArtist: text(common.albumartist) ?? artist,
    ...positive('trackNumber', common.track?.no),
    ...positive('discNumber', common.disk?.no),
    ...positive('year', common.year),
    ...(text(common.genre?.join(', ')) ? { genre: text(common.genre?.join(', '))! } : {}),
    ...(text(common.musicbrainz_recordingid) ? { musicBrainzId: text(common.musicbrainz_recordingid)! } : {}),
    ...(format.duration !== undefined && Number.isFinite(format.duration) && format.duration > 0 ? { duration: format.duration } : {}),
  };
  const picture = selectCover(common.picture);
  const cover = picture && picture.data.length > 0 ? { bytes: picture.data, type: picture.format } : undefined;
  return cover ? { tags, cover } : { tags };
}

/**
 * The MPEG parser accepts nearly anything named .mp3 and reports no frames: a file with neither a codec,
 * a sample rate nor a duration held no audio it could find.
 */
function looksLikeAudio({ format }: IAudioMetadata): boolean {
  return (
    format.duration !== undefined || format.sampleRate !== undefined || format.codec !== undefined || format.numberOfSamples !== undefined
  );
}

function reasonFor(error: unknown): SkipReason {
  const name = error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'no permission';
  if (name === 'NotFoundError' || name === 'NotReadableError' || name === 'EndOfStreamError') return 'unreadable';
  // music-metadata's "could not determine the file type" and "unsupported file type".
  if (/file ?type|determine|unsupported/i.test(error instanceof Error ? `${name} ${error.message}` : '')) return 'not audio';
  return 'unreadable';
}

/** A tag value as text: trimmed, without NULs and other control characters, cut to a sane length. */
function text(value: string | undefined | null): string | undefined {
  if (typeof value !== 'string') return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
  const clean = value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
  return clean === '' ? undefined : clean.slice(0, MAX_TAG_LENGTH);
}

function positive<K extends string>(key: K, value: number | null | undefined): { [P in K]?: number } {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? ({ [key]: value } as { [P in K]: number }) : {};
}
