/**
 * The floor: the least the job needs. Variants for the investigation are chosen in the query string:
 *   writer=main|worker   where tab A's transaction runs (the app writes from a worker)
 *   durability=default|relaxed|strict
 *   read=1|0             a get that checks the stored rev, sent with the put in one transaction (the app's)
 *   view=text|lit        how tab B shows the value: one text node update, or a Lit property
 *   shape=floor|app      the floor's one record, or what the app writes and posts (bench/pages/floor-worker.ts)
 *   log=in|apart|none    with shape=app: the event log in the commit, in its own transaction after it, or none
 */

import { actButton, markReady, role, view } from './common';

const STORE = 'state';
const params = new URLSearchParams(location.search);
const writer = params.get('writer') ?? 'worker';
const durability = (params.get('durability') ?? 'default') as IDBTransactionDurability;
const read = params.get('read') !== '0';
const shape = params.get('shape') === 'app' ? 'app' : 'floor';
const log = (params.get('log') ?? 'in') as 'in' | 'apart' | 'none';

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
    worker.postMessage({ durability, read, shape, log });
    await ready;
    actButton((value) => worker.postMessage(shape === 'app' ? { value, planned: appPlanned(value) } : { value }));
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

/** A planned write of the app's shape and size (an enqueue of one entry): what its tab sends its worker. */
function appPlanned(rev: number) {
  const deviceId = 'A1B2C3D4E5F60718';
  const topic = `playback:${deviceId}`;
  const at = Date.now();
  const entry = { entryId: `V1StGXR8_Z5jdHi6B-myT.${rev}`, trackId: 's00003', order: `a${rev.toString(36)}V` };
  const record = {
    v: 1,
    deviceId,
    rev,
    currentTrackId: 's00009',
    positionSeconds: 41.25,
    positionAt: at,
    positionEpoch: 3,
    playing: true,
    ownerTabId: 'Uakgb_J5m9g-0JDMbcJqL',
    volume: 1,
    muted: false,
    rate: 1,
    shuffle: false,
    repeat: 'off',
    // Tracks played before: the app keeps up to 100.
    history: Array.from({ length: 40 }, (_, i) => `s${String(i * 7).padStart(5, '0')}`),
    queue: { length: 20 + rev, rev },
    insertedAt: new Date(at - 60_000).toISOString(),
    updatedAt: new Date(at).toISOString(),
  };
  const event = {
    v: 1,
    id: `ev${rev}-NhCpM4K1T2kqJ3xLb`,
    type: 'playback_state_updated',
    topic,
    source: 'Uakgb_J5m9g-0JDMbcJqL',
    rev,
    data: { baseRev: rev - 1, at, actions: ['enqueue'], patch: { set: {}, putEntries: [entry] } },
  };
  return { record, event, entry: { ...entry, deviceId } };
}
