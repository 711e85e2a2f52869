/** Browse section figures as bench/browser/browse.ts would report them, for the results tests. */

import type { BrowseRaw } from '../../bench/browse-results';

export const browseRaw: BrowseRaw = {
  tracks: 50_000,
  albums: 5000,
  artists: 1500,
  baselineTracks: 1000,
  firstPaint: [600, 500, 700],
  baselineFirstPaint: [500, 400, 450],
  albumFrames: [16, 17, 33.33],
  songFrames: [16, 60.04, 16],
  baselineAlbumFrames: [16, 20],
  baselineSongFrames: [16.7, 18],
  searchKeystrokes: [10, 12, 14, 16, 40],
  heapBytes: 100 * 1024 * 1024,
  playlistEdit: [
    { entries: 10, latencies: [2, 3, 4, 30], bytes: [700, 710, 700] },
    { entries: 10_000, latencies: [3, 3, 5, 31], bytes: [705, 705, 720] },
  ],
};
