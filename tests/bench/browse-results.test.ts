import { describe, expect, it } from 'vitest';
import { BROWSE_KEYS, browseResult, formatBrowse, PLAYLIST_EDIT_KEYS } from '../../bench/browse-results';
import { libraryRecords, libraryShape } from '../../bench/browser/browse';
import { browseRaw } from './browse-raw';

describe('the browse figures', () => {
  const figures = browseResult(browseRaw);

  it('have every key the issue asks for, and each playlist edit row its four', () => {
    const written = JSON.parse(JSON.stringify(figures)) as Record<string, unknown>;
    for (const key of BROWSE_KEYS) expect(written[key], key).toBeDefined();
    for (const key of BROWSE_KEYS.filter((key) => key !== 'playlistEdit')) expect(typeof written[key], key).toBe('number');
    const rows = written.playlistEdit as Record<string, unknown>[];
    expect(rows.map((row) => row.entries)).toEqual([10, 10_000]);
    for (const row of rows) for (const key of PLAYLIST_EDIT_KEYS) expect(typeof row[key], key).toBe('number');
  });

  it('divide the first paint by the baseline’s, medians of the loads', () => {
    expect(figures.firstPaintMs).toBe(600);
    expect(figures.baselineFirstPaintMs).toBe(450);
    expect(figures.firstPaintRatio).toBe(1.33);
  });

  it('take the longest frame of both lists, the keystroke percentiles, the heap in MB and bytes per edit', () => {
    expect(figures).toMatchObject({
      longestFrameMs: 60,
      longestAlbumFrameMs: 33.3,
      longestSongFrameMs: 60,
      baselineLongestFrameMs: 20,
      heapMB: 100,
    });
    expect(figures).toMatchObject({ searchKeystrokeP50Ms: 14, searchKeystrokeP95Ms: 40 });
    expect(figures.playlistEdit[0]).toMatchObject({ entries: 10, n: 4, p50: 3, p99: 30, bytesPerEdit: 700 });
    expect(figures.playlistEdit[1]).toMatchObject({ entries: 10_000, p50: 3, bytesPerEdit: 705 });
    expect(formatBrowse(figures).join('\n')).toContain('first paint of Albums 600 ms ÷ 450 ms with 1000 tracks = 1.33');
  });
});

describe('the browse library', () => {
  it('has 5,000 albums of ten tracks and 1,500 album artists at 50,000 tracks', () => {
    expect(libraryShape(50_000)).toEqual({ albums: 5000, artists: 1500 });
    const records = libraryRecords(50_000, 0);
    expect(new Set(records.map((r) => `${r.albumArtist}/${r.album}`)).size).toBe(5000);
    expect(new Set(records.map((r) => r.albumArtist)).size).toBe(1500);
    expect(new Set(records.map((r) => r.id)).size).toBe(50_000);
  });
});
