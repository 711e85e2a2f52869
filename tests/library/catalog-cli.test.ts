import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { parseCatalog } from '../../src/catalog/catalog';
import { buildCatalog } from '../../src/library/catalog-cli';
import { mp3Audio, pngCover, taggedMp3, textFile } from '../support/audio-fixtures';

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

test('npm run catalog: a folder → library.json with stable ids, relative URLs and one cover per album; skipped files named', async () => {
  root = mkdtempSync(join(tmpdir(), 'mediastream-catalog-'));
  const out = join(root, 'public');
  const files: Record<string, Uint8Array> = {
    'music/Salt/01 A.mp3': taggedMp3({ title: 'Harbour', artist: 'Tide', album: 'Salt', track: '1', cover: pngCover() }),
    'music/Salt/02 B.mp3': taggedMp3({ title: 'Ferry', artist: 'Tide', album: 'Salt', track: '2', cover: pngCover() }),
    'music/Loose/my song.mp3': mp3Audio(1),
    'music/notes.mp3': textFile(),
  };
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(out, path)), { recursive: true });
    writeFileSync(join(out, path), bytes);
  }
  const lines: string[] = [];
  const run = await buildCatalog(join(out, 'music'), out, (line) => lines.push(line));
  expect(run).toMatchObject({ tracks: 3, covers: 1, skipped: [{ path: 'notes.mp3', reason: 'not audio' }] });
  expect(lines).toContain('skipped notes.mp3: not audio');

  const text = readFileSync(join(out, 'library.json'), 'utf8');
  const catalog = parseCatalog(text, 'https://example.test/app/library.json');
  expect(catalog.tracks.map((t) => t.title)).toEqual(['Harbour', 'Ferry', 'my song']);
  expect(catalog.tracks[0]).toMatchObject({ artist: 'Tide', album: 'Salt', url: 'https://example.test/app/music/Salt/01%20A.mp3' });
  expect(catalog.tracks[0]!.artwork).toBe(catalog.tracks[1]!.artwork);
  expect(catalog.tracks[2]).toMatchObject({ artist: 'Unknown artist', album: 'Loose' });
  const json = JSON.parse(text) as { tracks: { url: string; artwork?: string }[] };
  expect(json.tracks[0]!.url).toBe('music/Salt/01%20A.mp3');
  expect(readFileSync(join(out, json.tracks[0]!.artwork!)).length).toBe(pngCover().length);

  // Run again: the same ids.
  const again = await buildCatalog(join(out, 'music'), out, () => {});
  expect(again.tracks).toBe(3);
  expect(JSON.parse(readFileSync(join(out, 'library.json'), 'utf8'))).toEqual(JSON.parse(text));
});
