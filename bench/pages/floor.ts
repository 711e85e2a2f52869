/**
 * The floor: the least the job needs. Variants for the investigation are chosen in the query string:
 *   writer=main|worker   where tab A's transaction runs (the app writes from a worker)
 *   durability=default|relaxed|strict
 *   read=1|0             a get that checks the stored rev, sent with the put in one transaction (the app's)
 *   view=text|lit        how tab B shows the value: one text node update, or a Lit property
 */

import { actButton, markReady, role, view } from './common';

const STORE = 'state';
const params = new URLSearchParams(location.search);
const writer = params.get('writer') ?? 'worker';
const durability = (params.get('durability') ?? 'default') as IDBTransactionDurability;
const read = params.get('read') !== '0';

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('bench-floor', 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

if (role === 'a') {
  if (writer === 'worker') {
    const worker = new Worker(new URL('./floor-worker.ts', import.meta.url), { type: 'module' });
    const ready = new Promise<void>((resolve) => worker.addEventListener('message', () => resolve(), { once: true }));
    worker.postMessage({ durability, read });
    await ready;
    actButton((value) => worker.postMessage({ value }));
  } else {
    const channel = new BroadcastChannel('bench-floor');
    const db = await openDatabase();
    actButton((value) => {
      const tx = db.transaction(STORE, 'readwrite', { durability });
      const store = tx.objectStore(STORE);
      if (read) {
        const got = store.get('state');
        got.onsuccess = () => {
          if (((got.result as { rev?: number } | undefined)?.rev ?? 0) >= value) tx.abort();
        };
      }
      store.put({ id: 'state', rev: value, value });
      tx.oncomplete = () => channel.postMessage({ rev: value, value });
    });
  }
} else {
  const show = view(params.get('view') === 'lit' ? 'lit' : 'text');
  const channel = new BroadcastChannel('bench-floor');
  channel.onmessage = (event: MessageEvent<{ value: number }>) => show(event.data.value);
}
markReady();
