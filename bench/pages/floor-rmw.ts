/**
 * The floor with the app's transaction shape (for the breakdown only): tab A reads the record and, once the
 * read has returned, writes the next one in the same readwrite transaction, then posts; tab B as the floor.
 */

import { actButton, markReady, role, view } from './common';

const STORE = 'state';

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('bench-floor-rmw', 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

const channel = new BroadcastChannel('bench-floor-rmw');
if (role === 'a') {
  const db = await openDatabase();
  actButton((value) => {
    const tx = db.transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    const read = store.get('state');
    read.onsuccess = () => {
      const rev = ((read.result as { rev?: number } | undefined)?.rev ?? 0) + 1;
      store.put({ id: 'state', rev, value });
    };
    tx.oncomplete = () => channel.postMessage({ value });
  });
} else {
  const element = view();
  channel.onmessage = (event: MessageEvent<{ value: number }>) => {
    element.value = event.data.value;
  };
}
markReady();
