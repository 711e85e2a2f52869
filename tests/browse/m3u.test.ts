import { describe, expect, it } from 'vitest';
import { M3uError, MAX_M3U_LINES, parseM3u, writeM3u } from '../../src/browse/m3u';
import { type MatchableTrack, matchM3uEntries } from '../../src/browse/m3u-match';

describe('parseM3u', () => {
  it('reads a playlist with a BOM, Windows line ends, #EXTINF with commas in the title', () => {
    const text = '\uFEFF#EXTM3U\r\n#PLAYLIST:Road trip\r\n#EXTINF:187,Neon Avenue - Night, Drive, Home\r\nMusic\\Neon\\01.mp3\r\n';
    const parsed = parseM3u(text);
    expect(parsed.name).toBe('Road trip');
    expect(parsed.entries).toEqual([
      { location: 'Music/Neon/01.mp3', line: 4, duration: 187, artist: 'Neon Avenue', title: 'Night, Drive, Home' },
    ]);
  });

  it('keeps quoted commas inside #EXTINF attributes out of the title', () => {
    const [entry] = parseM3u('#EXTINF:-1 tvg-name="a, b" group="x",Ana - Song\nhttp://example.com/a.mp3').entries;
    expect(entry).toMatchObject({ artist: 'Ana', title: 'Song', location: 'http://example.com/a.mp3' });
    expect(entry?.duration).toBeUndefined();
  });

  it('reads relative and absolute paths, file: URLs and http URLs, and old Mac line ends', () => {
    const parsed = parseM3u(
      '../a.mp3\r/home/me/b.flac\rC:\\Music\\c.mp3\rfile:///C:/Music/d%20e.mp3\rfile:///home/me/f.ogg\rhttps://cdn.example/g.mp3',
    );
    expect(parsed.entries.map((entry) => entry.location)).toEqual([
      '../a.mp3',
      '/home/me/b.flac',
      'C:/Music/c.mp3',
      'C:/Music/d e.mp3',
      '/home/me/f.ogg',
      'https://cdn.example/g.mp3',
    ]);
  });

  it('lists lines it cannot read instead of dropping them, and goes on', () => {
    const parsed = parseM3u('a.mp3\nbad\u0007line.mp3\nb.mp3');
    expect(parsed.entries.map((entry) => entry.location)).toEqual(['a.mp3', 'b.mp3']);
    expect(parsed.unreadable).toEqual([{ line: 2, reason: 'it contains control characters' }]);
  });

  it('refuses binary junk with a clear message', () => {
    expect(() => parseM3u('ID3\u0000\u0000\u0004garbage')).toThrow(M3uError);
    expect(() => parseM3u('ID3\u0000')).toThrow('not a playlist');
  });

  it('reads 100,000 lines, and refuses a file far beyond any playlist', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `track-${i}.mp3`).join('\n');
    expect(parseM3u(lines).entries).toHaveLength(100_000);
    expect(() => parseM3u('\n'.repeat(MAX_M3U_LINES + 1))).toThrow(/at most/);
  });

  it('ignores blank lines and directives it does not use', () => {
    expect(parseM3u('#EXTM3U\n\n#EXTALB:Something\n#EXTGENRE:x\n a.mp3 \n').entries).toEqual([{ location: 'a.mp3', line: 5 }]);
  });
});

describe('writeM3u', () => {
  it('writes an M3U8 that this reader (and VLC, foobar2000) reads back', () => {
    const text = writeM3u('Mix\nnight', [
      { location: 'Album/01 Song.mp3', title: 'Song, with comma', artist: 'Ana', duration: 187.4 },
      { location: 'https://cdn.example/t2.mp3', title: 'Two\r\nlines', artist: 'Bo' },
    ]);
    expect(text.startsWith('#EXTM3U\n')).toBe(true);
    const parsed = parseM3u(text);
    expect(parsed.name).toBe('Mix night');
    expect(parsed.entries).toEqual([
      { location: 'Album/01 Song.mp3', line: 4, duration: 187, artist: 'Ana', title: 'Song, with comma' },
      { location: 'https://cdn.example/t2.mp3', line: 6, artist: 'Bo', title: 'Two lines' },
    ]);
  });
});

describe('matchM3uEntries', () => {
  const tracks: MatchableTrack[] = [
    { id: 'local', title: 'Song', artist: 'Ana', relativePath: 'Album/01 Song.mp3' },
    { id: 'catalog', title: 'Night Drive', artist: 'Neon Avenue', url: 'https://host.example/app/audio/t2.mp3' },
    { id: 'tagged', title: 'Mi Korasón', artist: 'Los Tres' },
  ];

  it('matches local tracks by relative path from any folder above, catalog tracks by URL, the rest by artist and title', () => {
    const parsed = parseM3u(
      '#EXTM3U\nC:\\Users\\me\\Music\\Album\\01 Song.mp3\naudio/t2.mp3\n#EXTINF:200,LOS TRES - mi korason\nsomewhere/else.mp3\nmissing.mp3',
    );
    const { matched, unmatched } = matchM3uEntries(parsed.entries, tracks, 'https://host.example/app/list.m3u8');
    expect(matched.map((match) => match.track.id)).toEqual(['local', 'catalog', 'tagged']);
    expect(unmatched.map((entry) => entry.location)).toEqual(['missing.mp3']);
  });
});
