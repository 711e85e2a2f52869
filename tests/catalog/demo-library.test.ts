import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script, without type declarations
import { buildLibrary } from '../../scripts/generate-demo-library.mjs';
import { parseCatalog } from '../../src/catalog/catalog';

const LIBRARY_JSON = readFileSync(new URL('../../public/library.json', import.meta.url), 'utf8');

describe('the demo library', () => {
  it('public/library.json is exactly what the generator makes the audio and artwork for', () => {
    expect(JSON.parse(LIBRARY_JSON)).toEqual(buildLibrary());
  });

  it('has at least six tracks of at least 2.5 minutes, each with its audio and artwork, in the catalog format', () => {
    const catalog = parseCatalog(LIBRARY_JSON, 'https://example.org/music/library.json');

    expect(catalog.tracks.length).toBeGreaterThanOrEqual(6);
    for (const track of catalog.tracks) {
      expect(track.duration).toBeGreaterThanOrEqual(150);
      expect(track.url).toMatch(/^https:\/\/example\.org\/music\/audio\/t\d\.mp3$/);
      expect(track.artwork).toMatch(/^https:\/\/example\.org\/music\/art\/t\d\.svg$/);
    }
  });
});
