import { describe, expect, it } from 'vitest';
import { isShelved, shelfKeyOf, shelfKeysMatchCollation, shelfSpelling, UNSHELVED } from '../../src/library/shelf-key';

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);
const binary = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A small deterministic generator, so a failure names the same strings every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const PIECES = [
  'a',
  'B',
  'z',
  'é',
  'Ö',
  'ç',
  'n',
  'ñ',
  ' ',
  '-',
  '.',
  "'",
  '&',
  '(',
  '$',
  '_',
  ',',
  '!',
  '/',
  '~',
  '"',
  '+',
  '0',
  '00',
  '7',
  '07',
  '12',
  '9',
  '100',
  'The ',
  'Artist ',
  'Album ',
];

function name(next: () => number): string {
  const length = 1 + Math.floor(next() * 6);
  return Array.from({ length }, () => PIECES[Math.floor(next() * PIECES.length)]!).join('');
}

describe('shelf keys', () => {
  it('order names exactly as the views’ collator does, ties included', () => {
    expect(shelfKeysMatchCollation(collator)).toBe(true);
    const next = random(11);
    for (let i = 0; i < 6000; i++) {
      const a = name(next);
      const b = name(next);
      const ka = shelfSpelling(a);
      const kb = shelfSpelling(b);
      expect(ka, a).not.toBeNull();
      expect(kb, b).not.toBeNull();
      expect(binary(ka!, kb!), `${a} | ${b}`).toBe(sign(collator.compare(a, b)));
    }
  });

  it('compare numbers as numbers: Artist 2 before Artist 10, and 07 the same as 7', () => {
    expect(shelfSpelling('Artist 2')! < shelfSpelling('Artist 10')!).toBe(true);
    expect(shelfSpelling('Track 07')).toBe(shelfSpelling('track 7'));
    expect(shelfSpelling('Beyoncé')).toBe(shelfSpelling('BEYONCE'));
  });

  it('leave names they cannot promise unkeyed, and keyed records sort after unkeyed ones', () => {
    for (const odd of ['Sigur Rós', 'Björk'].map((n) => n)) expect(shelfSpelling(odd)).not.toBeNull();
    for (const odd of ['Ærøskøbing', 'Мумий Тролль', '坂本龍一', 'tab\there', '1\u03012', '\u0301a', 'ﬁve', 'x'.repeat(3) + '9'.repeat(31)])
      expect(shelfSpelling(odd), odd).toBeNull();
    expect(shelfKeyOf({ albumArtist: ' Padded', album: 'A' })).toEqual(UNSHELVED);
    expect(shelfKeyOf({ albumArtist: 'A', album: '' })).toEqual(UNSHELVED);
    expect(shelfKeyOf({ albumArtist: 'Мумий Тролль', album: 'A' })).toEqual(UNSHELVED);
    const keyed = shelfKeyOf({ albumArtist: 'Artist', album: 'Album' });
    expect(isShelved(keyed)).toBe(true);
    expect(isShelved(UNSHELVED)).toBe(false);
    expect(indexedDB.cmp(UNSHELVED, keyed)).toBe(-1);
  });

  it('are only trusted under a collation that orders ASCII as the root one does', () => {
    for (const locale of ['en-US', 'en-GB', 'de', 'fr', 'it', 'nl', 'pt-BR'])
      expect(shelfKeysMatchCollation(new Intl.Collator(locale, { sensitivity: 'base', numeric: true })), locale).toBe(true);
    for (const locale of ['da', 'es', 'sv', 'tr', 'de-u-co-phonebk'])
      expect(shelfKeysMatchCollation(new Intl.Collator(locale, { sensitivity: 'base', numeric: true })), locale).toBe(false);
    expect(shelfKeysMatchCollation(new Intl.Collator('en', { sensitivity: 'base' }))).toBe(false);
  });
});
