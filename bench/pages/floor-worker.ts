/**
 * The floor's writer, off the page's main thread as the app's commit worker is: one readwrite transaction
 * (a get that checks the stored rev and a put, sent together), then one post when it commits.
 *
 * For the investigation only, `shape: 'app'` writes what the app writes instead, with none of its code:
 * three stores (the record, queue entries with their order index, the event log), the record's get and
 * put, the event's put and one entry's put, values the size of the app's, and a message of the app's size
 * to the worker and on the channel. What it costs over the floor is the app's storage model.
 */

interface Options {
  readonly durability: IDBTransactionDurability;
  readonly read: boolean;
  readonly shape: 'floor' | 'app';
  /** With `shape: 'app'`: the event log written in the commit (`in`), in a transaction of its own begun after it (`apart`), or not at all. */
  readonly log: 'in' | 'apart' | 'none';
}

/** The first message sets the options; every later one is a value to write (with the app's planned write). */
type FloorRequest = Options | { readonly value: number; readonly planned?: AppPlanned };

interface AppPlanned {
  readonly record: Record<string, unknown>;
  readonly event: { readonly rev: number; readonly topic: string } & Record<string, unknown>;
  readonly entry: Record<string, unknown>;
}

let options: Options = { durability: 'default', read: true, shape: 'floor', log: 'in' };
const channel = new BroadcastChannel('bench-floor');

function open(shape: Options['shape']): Promise<IDBDatabase> {
  return new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(shape === 'app' ? 'bench-floor-app' : 'bench-floor', 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (shape === 'floor') {
        db.createObjectStore('state', { keyPath: 'id' });
        return;
      }
      db.createObjectStore('states', { keyPath: 'deviceId' });
      db.createObjectStore('entries', { keyPath: ['deviceId', 'entryId'] }).createIndex('by_order', ['deviceId', 'order']);
      db.createObjectStore('events', { keyPath: ['topic', 'rev'] });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

let db: IDBDatabase | null = null;

self.onmessage = ({ data }: MessageEvent<FloorRequest>) => {
  if (!('value' in data)) {
    options = data;
    void open(options.shape).then((database) => {
      db = database;
      postMessage('ready');
    });
    return;
  }
  const { value, planned } = data;
  if (options.shape === 'app' && planned) return writeLikeTheApp(value, planned);
  const tx = db!.transaction('state', 'readwrite', { durability: options.durability });
  const store = tx.objectStore('state');
  if (options.read) {
    const got = store.get('state');
    got.onsuccess = () => {
      // The stored rev must be older than the one written (it always is here): the app's check, kept.
      if (((got.result as { rev?: number } | undefined)?.rev ?? 0) >= value) tx.abort();
    };
  }
  store.put({ id: 'state', rev: value, value });
  tx.oncomplete = () => channel.postMessage({ rev: value, value });
};

function writeLikeTheApp(value: number, planned: AppPlanned): void {
  const stores = options.log === 'in' ? ['states', 'entries', 'events'] : ['states', 'entries'];
  const tx = db!.transaction(stores, 'readwrite', { durability: options.durability });
  const states = tx.objectStore('states');
  const got = states.get(planned.record.deviceId as string);
  got.onsuccess = () => {
    if (((got.result as { rev?: number } | undefined)?.rev ?? 0) >= value) tx.abort();
  };
  states.put(planned.record);
  tx.objectStore('entries').put(planned.entry);
  if (options.log === 'in') tx.objectStore('events').put(planned.event);
  if (options.log === 'apart') {
    db!.transaction('events', 'readwrite', { durability: options.durability }).objectStore('events').put(planned.event);
  }
  tx.oncomplete = () => channel.postMessage({ ...planned.event, value });
}
