/**
 * The browse section's figures (bench/browser/browse.ts) as written under `browse` in the results: pure,
 * so a unit test checks the keys and the arithmetic.
 */

import { median, percentile, ratio, round } from './stats';

/** What bench/browser/browse.ts measured. */
export interface BrowseRaw {
  readonly tracks: number;
  readonly albums: number;
  readonly artists: number;
  /** The same library shape at 1,000 tracks: the baseline the first paint is compared with. */
  readonly baselineTracks: number;
  /** Navigation start → the end of the first frame showing an album of the Albums view, ms, one per load. */
  readonly firstPaint: readonly number[];
  readonly baselineFirstPaint: readonly number[];
  /** Intervals between animation frames while the wheel scrolls each list, ms. */
  readonly albumFrames: readonly number[];
  readonly songFrames: readonly number[];
  /** The same two scrolls over the 1,000-track library, just before: the machine's own stutter. */
  readonly baselineAlbumFrames: readonly number[];
  readonly baselineSongFrames: readonly number[];
  /** A keystroke in Search library → the end of the frame that shows its results, ms. */
  readonly searchKeystrokes: readonly number[];
  /** Used JS heap of the tab after it showed Songs, Albums and search results, after a GC. */
  readonly heapBytes: number;
  readonly playlistEdit: readonly PlaylistEditRun[];
}

export interface PlaylistEditRun {
  readonly entries: number;
  /** A person's click in tab A → the change in tab B's DOM, ms. */
  readonly latencies: readonly number[];
  /** Bytes (UTF-8 JSON) tab A posted on the channel for each edit. */
  readonly bytes: readonly number[];
}

export interface BrowseFigures {
  readonly tracks: number;
  readonly albums: number;
  readonly artists: number;
  readonly baselineTracks: number;
  readonly firstPaintMs: number;
  readonly baselineFirstPaintMs: number;
  readonly firstPaintRatio: number;
  readonly longestFrameMs: number;
  readonly longestAlbumFrameMs: number;
  readonly longestSongFrameMs: number;
  readonly baselineLongestFrameMs: number;
  readonly searchKeystrokeP50Ms: number;
  readonly searchKeystrokeP95Ms: number;
  readonly heapMB: number;
  readonly playlistEdit: readonly {
    readonly entries: number;
    readonly n: number;
    readonly p50: number;
    readonly p99: number;
    readonly bytesPerEdit: number;
  }[];
}

/** The keys the issue asks for under `browse`. */
export const BROWSE_KEYS = [
  'tracks',
  'firstPaintMs',
  'firstPaintRatio',
  'longestFrameMs',
  'searchKeystrokeP50Ms',
  'searchKeystrokeP95Ms',
  'heapMB',
  'playlistEdit',
] as const satisfies readonly (keyof BrowseFigures)[];

export const PLAYLIST_EDIT_KEYS = ['entries', 'p50', 'p99', 'bytesPerEdit'] as const;

const MB = 1024 * 1024;

function longest(intervals: readonly number[]): number {
  return intervals.length ? round(Math.max(...intervals), 1) : Number.NaN;
}

export function browseResult(raw: BrowseRaw): BrowseFigures {
  const firstPaintMs = median(raw.firstPaint);
  const baselineFirstPaintMs = median(raw.baselineFirstPaint);
  return {
    tracks: raw.tracks,
    albums: raw.albums,
    artists: raw.artists,
    baselineTracks: raw.baselineTracks,
    firstPaintMs: round(firstPaintMs, 1),
    baselineFirstPaintMs: round(baselineFirstPaintMs, 1),
    firstPaintRatio: round(ratio(firstPaintMs, baselineFirstPaintMs), 2),
    longestFrameMs: longest([...raw.albumFrames, ...raw.songFrames]),
    longestAlbumFrameMs: longest(raw.albumFrames),
    longestSongFrameMs: longest(raw.songFrames),
    baselineLongestFrameMs: longest([...raw.baselineAlbumFrames, ...raw.baselineSongFrames]),
    searchKeystrokeP50Ms: round(percentile(raw.searchKeystrokes, 50), 1),
    searchKeystrokeP95Ms: round(percentile(raw.searchKeystrokes, 95), 1),
    heapMB: round(raw.heapBytes / MB, 1),
    playlistEdit: raw.playlistEdit.map((run) => ({
      entries: run.entries,
      n: run.latencies.length,
      p50: round(percentile(run.latencies, 50), 1),
      p99: round(percentile(run.latencies, 99), 1),
      bytesPerEdit: round(median(run.bytes), 0),
    })),
  };
}

/** The lines `npm run bench` prints for the section. */
export function formatBrowse(browse: BrowseFigures): string[] {
  const edits = browse.playlistEdit
    .map((run) => `${run.entries} entries: p50 ${run.p50} ms, p99 ${run.p99} ms, ${run.bytesPerEdit} B/edit (n = ${run.n})`)
    .join('; ');
  return [
    `Browse, ${browse.tracks} tracks (${browse.albums} albums, ${browse.artists} artists) in IndexedDB: first paint of Albums ` +
      `${browse.firstPaintMs} ms ÷ ${browse.baselineFirstPaintMs} ms with ${browse.baselineTracks} tracks = ${browse.firstPaintRatio}; ` +
      `longest frame scrolling albums ${browse.longestAlbumFrameMs} ms, songs ${browse.longestSongFrameMs} ms (${browse.baselineLongestFrameMs} ms with ${browse.baselineTracks}); ` +
      `search keystroke → painted p50 ${browse.searchKeystrokeP50Ms} ms, p95 ${browse.searchKeystrokeP95Ms} ms; heap ${browse.heapMB} MB`,
    `Playlist edit, tab A → tab B: ${edits}`,
  ];
}
