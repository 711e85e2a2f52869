/**
 * A track's place on the shelf as an IndexedDB key, so that the first albums can be read through an index
 * in the order the views show them, before the rest of the library is read. The views sort album artist,
 * then album, with `Intl.Collator(undefined, { sensitivity: 'base', numeric: true })`; IndexedDB compares
 * strings by code unit. The key spells a name so that both agree, and only for names where that is known
 * to hold: ASCII letters (case and combining accents dropped, which the collator ignores at this
 * strength), digits (a run compares as a number) and ASCII spaces and punctuation, under a collation whose
 * order of those is the root one (checked at run time by `shelfKeysMatchCollation`). Any other name gives
 * the key `[0]`, which sorts first: a library with one such track is read whole, as before.
 */

import type { LibraryTrackRecord } from './library-records';

/** `[1, album artist, album]` spelled to compare as the collator does; `[0]` where that cannot be promised. */
export type ShelfKey = [1, string, string] | [0];

export const UNSHELVED: Readonly<ShelfKey> = [0];

/** Spaces and punctuation, then digits, then letters: the order of the root collation (and en, de, fr, it, nl, pt). */
const SYMBOLS = ' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$';
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
/** Languages whose collation orders ASCII as the root one does, with no contraction or letter of their own among a–z. */
const ROOT_ORDER_LANGUAGES = new Set(['en', 'de', 'fr', 'it', 'nl', 'pt']);
/** ICU compares digit runs as numbers up to 254 digits; names with longer runs than this are left unkeyed. */
const MAX_DIGITS = 30;

const SYMBOL_BASE = 0x21;
const NUMBER_BASE = 0x100;
const LETTER_BASE = 0x1000;
const COMBINING_ACCENTS = /[\u0300-\u036f]/;

/** The name spelled so that code-unit order is the collator's, or null where that is not known to hold. */
export function shelfSpelling(name: string): string | null {
  const plain = accentsDropped(name.normalize('NFD').toLowerCase());
  if (plain === null) return null;
  let key = '';
  for (let i = 0; i < plain.length; ) {
    const char = plain[i]!;
    if (char >= '0' && char <= '9') {
      let end = i;
      while (end < plain.length && plain[end]! >= '0' && plain[end]! <= '9') end++;
      // Leading zeros do not count: "07" and "7" are the same number to the collator.
      const digits = plain.slice(i, end).replace(/^0+(?=\d)/, '');
      if (digits.length > MAX_DIGITS) return null;
      key += String.fromCharCode(NUMBER_BASE + digits.length) + digits;
      i = end;
      continue;
    }
    const letter = LETTERS.indexOf(char);
    const symbol = letter < 0 ? SYMBOLS.indexOf(char) : -1;
    if (letter < 0 && symbol < 0) return null;
    key += String.fromCharCode(letter >= 0 ? LETTER_BASE + letter : SYMBOL_BASE + symbol);
    i++;
  }
  return key;
}

/** Combining accents on letters dropped; on anything else (a digit, a space) they are left to the collator: null. */
function accentsDropped(text: string): string | null {
  let plain = '';
  for (const char of text) {
    if (!COMBINING_ACCENTS.test(char)) plain += char;
    else if (!isLetter(plain[plain.length - 1])) return null;
  }
  return plain;
}

function isLetter(char: string | undefined): boolean {
  return char !== undefined && char.length === 1 && LETTERS.includes(char);
}

/**
 * The record's shelf key. Names with space around them or missing are left unkeyed: the album view trims
 * them and falls back to the track artist or `Unknown album`, the song list's shelf order does not.
 */
export function shelfKeyOf(record: Pick<LibraryTrackRecord, 'albumArtist' | 'album'>): ShelfKey {
  const { albumArtist, album } = record;
  if (!albumArtist || !album || albumArtist.trim() !== albumArtist || album.trim() !== album) return [0];
  const artistKey = shelfSpelling(albumArtist);
  const albumKey = artistKey === null ? null : shelfSpelling(album);
  return artistKey === null || albumKey === null ? [0] : [1, artistKey, albumKey];
}

export function isShelved(key: unknown): key is [1, string, string] {
  return Array.isArray(key) && key[0] === 1;
}

/** The record as the store keeps it: with its shelf key, made again from its tags at every write. */
export function withShelfKey(record: LibraryTrackRecord): LibraryTrackRecord {
  return { ...record, shelf: shelfKeyOf(record) };
}

/**
 * Whether this browser's collation (the views' own) orders names as the keys do: its language is one
 * that keeps the root order of ASCII, and it sorts the key's alphabet in the key's order.
 */
export function shelfKeysMatchCollation(collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })): boolean {
  const options = collator.resolvedOptions();
  const language = options.locale.split('-')[0] ?? '';
  if (!ROOT_ORDER_LANGUAGES.has(language) || options.locale.includes('-u-') || !options.numeric || options.sensitivity !== 'base')
    return false;
  const alphabet = `${SYMBOLS}0${LETTERS}`;
  return [...alphabet].sort(collator.compare).join('') === alphabet;
}
