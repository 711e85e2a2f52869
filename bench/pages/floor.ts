/**
 * The floor: the least the job needs. Tab A writes one record with one IndexedDB put and, once it has
 * committed, posts one BroadcastChannel message; tab B sets one Lit property from it.
 */

import { actButton, markReady, role, view } from './common';

const STORE = 'state';

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('bench-floor', 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

const channel = new BroadcastChannel('bench-floor');
if (role === 'a') {
  const db = await openDatabase();
  actButton((value) => {
    const tx = db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).put({ id: 'state', rev: value, value });
    tx.oncomplete = () => channel.postMessage({ rev: value, value });
  });
} else {
  const element = view();
  channel.onmessage = (event: MessageEvent<{ value: number }>) => {
    element.value = event.data.value;
  };
}
markReady();
