/** The one result line of an import, as the person reads it: `Added 1,204 tracks; 3 files skipped`. */

import type { ImportResult } from './import-job';

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export function summarizeImport(result: ImportResult): string {
  const parts = [`Added ${count(result.added, 'track', 'tracks')}`];
  if (result.skipped.length > 0) parts.push(`${count(result.skipped.length, 'file', 'files')} skipped`);
  if (result.updated > 0) parts.push(`${count(result.updated, 'track', 'tracks')} re-read`);
  if (result.removed.length > 0) parts.push(`${count(result.removed.length, 'track', 'tracks')} removed`);
  const line = parts.join('; ');
  return result.cancelled ? `${line}; the import was cancelled (what was added is kept)` : line;
}
