/**
 * The library's tracks kept in shelf order while an import adds them a batch at a time: each new record
 * goes in by binary search, so a batch of 100 costs about 100 × log n comparisons instead of a sort of
 * the whole library (at 20,000 tracks, a sort with the collator took a long task of its own, every batch).
 */

import { compareShelf } from './library-catalog';
import type { LibraryTrackRecord } from './library-records';

/** A batch this large against the list is cheaper sorted in with the rest than inserted one by one. */
const RESORT_FRACTION = 1 / 8;

export class ShelfOrder {
  private list: LibraryTrackRecord[] = [];

  get records(): readonly LibraryTrackRecord[] {
    return this.list;
  }

  reset(records: Iterable<LibraryTrackRecord>): void {
    this.list = [...records].sort(compareShelf);
  }

  /** Puts `records` in their places; `replaced` are the records they stand in for (same id), where any. */
  put(records: readonly LibraryTrackRecord[], replaced: readonly LibraryTrackRecord[]): void {
    this.remove(replaced);
    if (records.length > this.list.length * RESORT_FRACTION) {
      this.reset([...this.list, ...records]);
      return;
    }
    for (const record of records) this.list.splice(this.lowerBound(record), 0, record);
  }

  remove(records: readonly LibraryTrackRecord[]): void {
    if (records.length === 0) return;
    if (records.length > this.list.length * RESORT_FRACTION) {
      const ids = new Set(records.map((record) => record.id));
      this.list = this.list.filter((record) => !ids.has(record.id));
      return;
    }
    for (const record of records) {
      const index = this.indexOf(record);
      if (index >= 0) this.list.splice(index, 1);
    }
  }

  /** The first index whose record does not sort before `record`. */
  private lowerBound(record: LibraryTrackRecord): number {
    let low = 0;
    let high = this.list.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareShelf(this.list[middle]!, record) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Where `record` (by id) is: records that sort equal sit side by side from the lower bound. */
  private indexOf(record: LibraryTrackRecord): number {
    for (let index = this.lowerBound(record); index < this.list.length; index++) {
      const found = this.list[index]!;
      if (found.id === record.id) return index;
      if (compareShelf(found, record) !== 0) break;
    }
    return -1;
  }
}
