import { describe, expect, it } from 'vitest';
import { CatalogError, parseCatalog } from '../../src/catalog/catalog';

const CATALOG_URL = 'https://cdn.example.com/library.json';
const track = (tags: Record<string, unknown>) => ({ id: 't1', title: 'Song', artist: 'Someone', url: 'a.mp3', ...tags });
const parse = (tags: Record<string, unknown>) => parseCatalog(JSON.stringify({ tracks: [track(tags)] }), CATALOG_URL).tracks[0]!;

describe('catalog browsing tags', () => {
  it('keeps album artist, genre, track and disc numbers, year and date added', () => {
    const parsed = parse({
      albumArtist: ' Various Artists ',
      genre: 'Cumbia',
      trackNumber: 3,
      discNumber: 2,
      year: 1998,
      addedAt: 1_700_000_000_000,
    });
    expect(parsed).toMatchObject({
      albumArtist: 'Various Artists',
      genre: 'Cumbia',
      trackNumber: 3,
      discNumber: 2,
      year: 1998,
      addedAt: 1_700_000_000_000,
    });
  });

  it('treats absent, null and blank tags as not given', () => {
    const parsed = parse({ albumArtist: '  ', genre: null, trackNumber: null });
    for (const field of ['albumArtist', 'genre', 'trackNumber', 'discNumber', 'year', 'addedAt']) expect(parsed).not.toHaveProperty(field);
  });

  it.each([
    ['trackNumber', 1.5],
    ['discNumber', -1],
    ['year', '1998'],
    ['addedAt', 'yesterday'],
  ])('refuses %s = %s, naming the field', (field, value) => {
    expect(() => parse({ [field]: value })).toThrow(CatalogError);
    expect(() => parse({ [field]: value })).toThrow(`tracks[0].${field} must be a whole number`);
  });

  it('refuses a tag that is not text where text is expected', () => {
    expect(() => parse({ genre: 7 })).toThrow('tracks[0].genre must be a string');
  });
});
