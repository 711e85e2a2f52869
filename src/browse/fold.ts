/**
 * Text as search compares it: case and diacritics folded, so `korason` finds `Mi Korasón` and `beyonce`
 * finds `Beyoncé`. Letters that Unicode does not decompose (ß, æ, ø, ł, đ, þ) get their usual spelling.
 */

const SPELLED: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };
const MARKS = /\p{M}+/gu;
const UNSPELLED = /[ßæœøłđðþı]/g;

export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(UNSPELLED, (letter) => SPELLED[letter] ?? letter);
}

/** The words of a query, folded; empty words dropped. */
export function queryWords(query: string): string[] {
  return fold(query).split(/\s+/).filter(Boolean);
}
