import { expect, test } from 'vitest';
import type { ImportResult } from '../../src/library/import-job';
import { summarizeImport } from '../../src/library/import-summary';

const result = (over: Partial<ImportResult>): ImportResult => ({
  added: 0,
  updated: 0,
  unchanged: 0,
  removed: [],
  skipped: [],
  cancelled: false,
  ...over,
});

test('the result line: Added N tracks, then M files skipped, with thousands separators', () => {
  expect(summarizeImport(result({ added: 1 }))).toBe('Added 1 track');
  expect(
    summarizeImport(result({ added: 1204, skipped: [1, 2, 3].map((i) => ({ path: `${i}.mp3`, reason: 'not audio' as const })) })),
  ).toBe('Added 1,204 tracks; 3 files skipped');
  expect(summarizeImport(result({ added: 0, skipped: [{ path: 'a', reason: 'empty' }] }))).toBe('Added 0 tracks; 1 file skipped');
  expect(summarizeImport(result({ added: 2, updated: 1, removed: ['x'] }))).toBe('Added 2 tracks; 1 track re-read; 1 track removed');
  expect(summarizeImport(result({ added: 12, cancelled: true }))).toBe(
    'Added 12 tracks; the import was cancelled (what was added is kept)',
  );
});
