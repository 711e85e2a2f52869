/**
 * What many apps do with Dexie: tab A puts the record; tab B's liveQuery sees the change (Dexie tells other
 * tabs of a committed write itself) and re-reads it.
 */

import Dexie, { liveQuery, type Table } from 'dexie';
import { actButton, markReady, role, view } from './common';

interface StateRecord {
  readonly id: string;
  readonly rev: number;
  readonly value: number;
}

const db = new Dexie('bench-dexie');
db.version(1).stores({ state: 'id' });
const table: Table<StateRecord, string> = db.table('state');

if (role === 'a') {
  await db.open();
  actButton((value) => void table.put({ id: 'state', rev: value, value }));
} else {
  const show = view();
  await new Promise<void>((resolve) => {
    liveQuery(() => table.get('state')).subscribe({
      next: (record) => {
        if (record) show(record.value);
        resolve();
      },
    });
  });
}
markReady();
