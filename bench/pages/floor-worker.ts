/**
 * The floor's writer when it runs off the page's main thread, as the app's commit worker does: one
 * readwrite transaction (a get that checks the stored rev and a put, sent together), then one post.
 */

/** The first message sets the transaction's options; every later one is a value to write. */
type FloorRequest = { readonly durability: IDBTransactionDurability; readonly read: boolean } | { readonly value: number };

const STORE = 'state';
let durability: IDBTransactionDurability = 'default';
let read = true;
const channel = new BroadcastChannel('bench-floor');

const opened = new Promise<IDBDatabase>((resolve, reject) => {
  const request = indexedDB.open('bench-floor', 1);
  request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
  request.onsuccess = () => resolve(request.result);
  request.onerror = () => reject(request.error);
});

let db: IDBDatabase | null = null;

self.onmessage = ({ data }: MessageEvent<FloorRequest>) => {
  if (!('value' in data)) {
    ({ durability, read } = data);
    void opened.then((database) => {
      db = database;
      postMessage('ready');
    });
    return;
  }
  const { value } = data;
  const tx = db!.transaction(STORE, 'readwrite', { durability });
  const store = tx.objectStore(STORE);
  if (read) {
    const got = store.get('state');
    got.onsuccess = () => {
      // The stored rev must be older than the one written (it always is here): the app's check, kept.
      if (((got.result as { rev?: number } | undefined)?.rev ?? 0) >= value) tx.abort();
    };
  }
  store.put({ id: 'state', rev: value, value });
  tx.oncomplete = () => channel.postMessage({ rev: value, value });
};
