/**
 * Code that runs inside the benchmark's pages (handed to Playwright's addInitScript / evaluate, which
 * send each function's source text): every function here must be self-contained — no imports, no
 * module-level names. Times are `performance.timeOrigin + performance.now()`, comparable across tabs.
 */

/** What a tab B shows, as the harness waits for it: the app's queue count, first rows, track title, seek. */
export type Snapshot = Record<string, string | number | null>;

/** A change to wait for: a field equal to a value, or a number within `tol` of one. */
export type Spec =
  | { readonly key: string; readonly eq: string | number | null }
  | { readonly key: string; readonly near: number; readonly tol: number };

export interface Match {
  readonly index: number;
  /** When the change was in B's DOM (the MutationObserver's callback). */
  readonly t: number;
  /** When B had rendered its next frame (rAF, then a task: after that frame's paint on the main thread). */
  readonly frame: number;
  readonly s: Snapshot;
}

export interface ActionRecord {
  readonly t: number;
  readonly kind: 'click' | 'seek';
  readonly value?: number;
}

export interface Counters {
  writeTransactions: number;
  writeRequests: number;
  broadcasts: number;
  broadcastBytes: number[];
}

/** Init script: the app page takes the device id the harness names in `?benchDevice=`. */
export function useDeviceFromQuery(): void {
  const deviceId = new URLSearchParams(location.search).get('benchDevice');
  if (deviceId) localStorage.setItem('mediastream.deviceId', deviceId);
}

/**
 * Init script (and, evaluated in the app's commit worker, a worker script): counts IndexedDB writes
 * (readwrite transactions that committed after at least one put, add, delete or clear) and the messages
 * posted on the player's channels, with each message's size as UTF-8 JSON. Installs once per scope.
 */
export function installCounters(): void {
  const scope = globalThis as unknown as { __benchCounters?: Counters };
  if (scope.__benchCounters) return;
  const counters: Counters = { writeTransactions: 0, writeRequests: 0, broadcasts: 0, broadcastBytes: [] };
  scope.__benchCounters = counters;
  const counted = new WeakSet<IDBTransaction>();
  const proto = IDBObjectStore.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ['put', 'add', 'delete', 'clear']) {
    const original = proto[name]!;
    proto[name] = function (this: IDBObjectStore, ...args: unknown[]) {
      counters.writeRequests++;
      const tx = this.transaction;
      if (!counted.has(tx)) {
        counted.add(tx);
        tx.addEventListener('complete', () => counters.writeTransactions++);
      }
      return original.apply(this, args);
    };
  }
  const post = BroadcastChannel.prototype.postMessage;
  const encoder = new TextEncoder();
  BroadcastChannel.prototype.postMessage = function (this: BroadcastChannel, message: unknown) {
    if (this.name.startsWith('playback:')) {
      counters.broadcasts++;
      counters.broadcastBytes.push(encoder.encode(JSON.stringify(message)).length);
    }
    return post.call(this, message);
  };
}

export function readCounters(): Counters {
  const counters = (globalThis as unknown as { __benchCounters: Counters }).__benchCounters;
  return { ...counters, broadcastBytes: [...counters.broadcastBytes] };
}

/**
 * Init script for page loads: each animation frame, notes what the app shows; a change is stamped with the
 * frame (rAF) and with the end of that frame's rendering (a task posted from the rAF callback). Also keeps
 * the first contentful paint.
 */
export function installPaintLog(): void {
  if (!location.pathname.includes('/app/')) return;
  type Entry = { raf: number; painted: number; title: string | null; elapsed: string | null; libraryRow: boolean };
  const log: Entry[] = [];
  let fcp = 0;
  const w = window as unknown as { __benchPaint: Entry[]; __benchFcp: () => number };
  w.__benchPaint = log;
  w.__benchFcp = () => fcp;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') fcp = entry.startTime;
  }).observe({ type: 'paint', buffered: true });
  let last = '';
  const tick = () => {
    const app = document.querySelector('mediastream-app')?.shadowRoot;
    const now = app?.querySelector('ms-now-playing')?.shadowRoot;
    const library = app?.querySelector('ms-library')?.shadowRoot;
    const state = {
      title: now?.querySelector('.title')?.textContent ?? null,
      elapsed: now?.querySelector('.elapsed')?.textContent ?? null,
      libraryRow: Boolean(library?.querySelector('[role="listitem"]')),
    };
    const key = JSON.stringify(state);
    if (key !== last) {
      last = key;
      const entry: Entry = { raf: performance.now(), painted: 0, ...state };
      log.push(entry);
      const channel = new MessageChannel();
      channel.port1.onmessage = () => (entry.painted = performance.now());
      channel.port2.postMessage(null);
    }
    if (performance.now() < 120_000) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** What the app shows now, for readiness checks. */
export function appView(): { title: string | null; elapsed: string | null; count: number; first: string | null; libraryRows: number } {
  const app = document.querySelector('mediastream-app')?.shadowRoot;
  const queue = app?.querySelector('ms-queue')?.shadowRoot;
  const now = app?.querySelector('ms-now-playing')?.shadowRoot;
  const library = app?.querySelector('ms-library')?.shadowRoot;
  const heading = queue?.querySelector('h2 .muted')?.textContent ?? '';
  // A virtualized queue numbers its rows; a short one has them all, in order.
  const first = queue?.querySelector('[data-index="0"]') ?? queue?.querySelector('.list > [role="listitem"]');
  return {
    title: now?.querySelector('.title')?.textContent ?? null,
    elapsed: now?.querySelector('.elapsed')?.textContent ?? null,
    count: Number(/\((\d+)\)/.exec(heading)?.[1] ?? -1),
    first: first?.getAttribute('data-entry-id') ?? null,
    libraryRows: library?.querySelectorAll('[role="listitem"]').length ?? 0,
  };
}

/**
 * Tab B: a MutationObserver on the shadow roots that show the change logs every change of what is shown
 * (`app`: the queue's count and first two rows, the track title, the seek slider, the first entry of the
 * playlist on show; `view`: a baseline page's number), stamped when the DOM changed and when the next frame
 * had rendered. A playlist's page comes and goes with its route: `watchPlaylist` watches the one on show.
 */
export function installWatch(mode: 'app' | 'view'): void {
  type Snap = Record<string, string | number | null>;
  type Entry = { t: number; frame: number; s: Snap; painted: Promise<void> };
  const stamp = () => performance.timeOrigin + performance.now();
  let roots: Node[];
  let snap: () => Snap;
  if (mode === 'app') {
    const app = document.querySelector('mediastream-app')!.shadowRoot!;
    const queue = app.querySelector('ms-queue')!.shadowRoot!;
    const now = app.querySelector('ms-now-playing')!.shadowRoot!;
    const playlist = () => app.querySelector('ms-browse')?.shadowRoot?.querySelector('ms-playlist')?.shadowRoot;
    roots = [queue, now];
    // A virtualized queue numbers its rows; a short one has them all, in order.
    const row = (index: number) =>
      queue.querySelector(`[data-index="${index}"]`) ??
      queue.querySelectorAll('.list > [role="listitem"]:not([data-index])')[index] ??
      null;
    snap = () => {
      const count = Number(/\((\d+)\)/.exec(queue.querySelector('h2 .muted')?.textContent ?? '')?.[1] ?? -1);
      return {
        count,
        // The count once the queue's last row exists (a new entry's row is in the DOM), else -1.
        last: row(count - 1) ? count : -1,
        first: row(0)?.getAttribute('data-entry-id') ?? null,
        second: row(1)?.getAttribute('data-entry-id') ?? null,
        title: now.querySelector('.title')?.textContent ?? null,
        seek: Number(now.querySelector<HTMLInputElement>('input[aria-label="Seek"]')?.value ?? -1),
        playlistFirst: playlist()?.querySelector('[role="listitem"] .title')?.textContent ?? null,
      };
    };
  } else {
    const view = document.querySelector('bench-view')!.shadowRoot!;
    roots = [view];
    snap = () => ({ value: Number(view.querySelector('output')?.textContent ?? -1) });
  }
  const log: Entry[] = [];
  const waiters = new Set<() => void>();
  let last = JSON.stringify(snap());
  const record = () => {
    // When the observer heard of the change, before this script's own look at the DOM.
    const t = stamp();
    const s = snap();
    const key = JSON.stringify(s);
    if (key === last) return;
    last = key;
    let painted!: () => void;
    const entry: Entry = { t, frame: 0, s, painted: new Promise<void>((resolve) => (painted = resolve)) };
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        entry.frame = stamp();
        painted();
      };
      channel.port2.postMessage(null);
    });
    log.push(entry);
    for (const waiter of [...waiters]) waiter();
  };
  const observer = new MutationObserver(record);
  const observe = (root: Node) => observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  for (const root of roots) observe(root);
  const stops = new Set<() => void>();
  (window as unknown as { __benchWatch: unknown }).__benchWatch = { log, waiters, stops, observe, current: () => JSON.parse(last) as Snap };
}

/** Tab B of the app: watches the playlist page on show too (see installWatch); false if none is. */
export function watchPlaylist(): boolean {
  const root = document
    .querySelector('mediastream-app')
    ?.shadowRoot?.querySelector('ms-browse')
    ?.shadowRoot?.querySelector('ms-playlist')?.shadowRoot;
  if (!root?.querySelector('[role="listitem"]')) return false;
  (window as unknown as { __benchWatch: { observe(root: Node): void } }).__benchWatch.observe(root);
  return true;
}

/** Tab B: the first logged change from `from` on that matches, once its frame has rendered; null on timeout. */
export function waitForChange(args: { spec: Spec; from: number; timeoutMs: number }): Promise<Match | null> {
  type Snap = Record<string, string | number | null>;
  type Entry = { t: number; frame: number; s: Snap; painted: Promise<void> };
  const watch = (window as unknown as { __benchWatch: { log: Entry[]; waiters: Set<() => void>; stops: Set<() => void> } }).__benchWatch;
  const { spec, timeoutMs } = args;
  const matches = (s: Snap) =>
    'eq' in spec ? s[spec.key] === spec.eq : typeof s[spec.key] === 'number' && Math.abs((s[spec.key] as number) - spec.near) <= spec.tol;
  return new Promise((resolve) => {
    let index = args.from;
    const check = () => {
      for (; index < watch.log.length; index++) {
        const entry = watch.log[index]!;
        if (!matches(entry.s)) continue;
        stop();
        const found = index;
        void entry.painted.then(() => resolve({ index: found, t: entry.t, frame: entry.frame, s: entry.s }));
        return true;
      }
      return false;
    };
    const timer = setTimeout(() => {
      stop();
      resolve(null);
    }, timeoutMs);
    const giveUp = () => {
      stop();
      resolve(null);
    };
    const stop = () => {
      clearTimeout(timer);
      watch.waiters.delete(check);
      watch.stops.delete(giveUp);
    };
    watch.stops.add(giveUp);
    if (!check()) watch.waiters.add(check);
  });
}

/** Tab B: every waitForChange still waiting answers null now (the action it waited for went astray). */
export function stopWaiting(): void {
  const watch = (window as unknown as { __benchWatch: { waiters: Set<() => void>; stops: Set<() => void> } }).__benchWatch;
  for (const stop of [...watch.stops]) stop();
}

/** Tab A of the app: whether its Play/Pause button says it plays, and where the button is. */
export function toggleState(): { playing: boolean; x: number; y: number } | null {
  const button = document
    .querySelector('mediastream-app')
    ?.shadowRoot?.querySelector('ms-transport')
    ?.shadowRoot?.querySelector<HTMLButtonElement>('button.toggle');
  if (!button) return null;
  const box = button.getBoundingClientRect();
  return { playing: button.getAttribute('aria-label') === 'Pause', x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Tab B: how many changes are logged, and what it shows now after two frames (the page has settled). */
export function settledView(): Promise<{ logged: number; s: Record<string, string | number | null> }> {
  const watch = (window as unknown as { __benchWatch: { log: unknown[]; current: () => Record<string, string | number | null> } })
    .__benchWatch;
  return new Promise((resolve) =>
    requestAnimationFrame(() => requestAnimationFrame(() => resolve({ logged: watch.log.length, s: watch.current() }))),
  );
}

/**
 * Resolves once this page's main thread has run `ms` without a task longer than a few milliseconds (at
 * most 5 s): what the last action set going has finished here.
 */
export function quietFor(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const deadline = performance.now() + 5000;
    let last = performance.now();
    let quietSince = last;
    const tick = () => {
      const now = performance.now();
      if (now - last > 25) quietSince = now;
      last = now;
      if (now - quietSince >= ms || now > deadline) resolve();
      else setTimeout(tick, 10);
    };
    setTimeout(tick, 10);
  });
}

/** Tab A: stamps each person's action as its event is dispatched: a click, or a change of the seek slider. */
export function installActionLog(): void {
  const log: ActionRecord[] = [];
  const stamp = () => performance.timeOrigin + performance.now();
  const isRange = (node: EventTarget | undefined): node is HTMLInputElement => node instanceof HTMLInputElement && node.type === 'range';
  window.addEventListener(
    'click',
    (event) => {
      if (!isRange(event.composedPath()[0])) log.push({ t: stamp(), kind: 'click' });
    },
    true,
  );
  // `change` does not leave a shadow root: listen where the seek slider lives.
  const now = document.querySelector('mediastream-app')?.shadowRoot?.querySelector('ms-now-playing')?.shadowRoot;
  now?.addEventListener(
    'change',
    (event) => {
      const target = event.composedPath()[0];
      if (isRange(target)) log.push({ t: stamp(), kind: 'seek', value: Number(target.value) });
    },
    true,
  );
  (window as unknown as { __benchActions: ActionRecord[] }).__benchActions = log;
}

export function lastAction(): { count: number; last: ActionRecord | null } {
  const log = (window as unknown as { __benchActions: ActionRecord[] }).__benchActions;
  return { count: log.length, last: log[log.length - 1] ?? null };
}

/** Waits two frames: what was clicked has re-rendered. */
export function twoFrames(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

export interface SeedArgs {
  readonly deviceId: string;
  readonly topic: string;
  readonly databaseName: string;
  readonly stores: { readonly states: string; readonly entries: string; readonly events: string; readonly playlistEntries: string };
  readonly record: unknown;
  readonly entries: readonly { readonly entryId: string; readonly trackId: string; readonly order: string }[];
  readonly playlistEntries: readonly {
    readonly playlistId: string;
    readonly entryId: string;
    readonly trackId: string;
    readonly order: string;
  }[];
  /** More records to put in the same transaction, store by store (a library's tracks, say). */
  readonly more?: readonly { readonly store: string; readonly records: readonly unknown[] }[];
}

/**
 * On a same-origin page, writes a device's saved session straight into the database the app created:
 * the record, the queue and playlist entries (replacing any), and an empty event log for it; and any `more`
 * records.
 */
export async function seedStorage(args: SeedArgs): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(args.databaseName);
    request.onupgradeneeded = () => {
      request.transaction?.abort();
      reject(new Error('The app has not created its database yet.'));
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const { states, entries, events, playlistEntries } = args.stores;
  const more = args.more ?? [];
  const tx = db.transaction([states, entries, events, playlistEntries, ...more.map((put) => put.store)], 'readwrite');
  for (const put of more) for (const record of put.records) tx.objectStore(put.store).put(record);
  const entryStore = tx.objectStore(entries);
  entryStore.delete(IDBKeyRange.bound([args.deviceId, ''], [args.deviceId, '\uffff']));
  const playlistStore = tx.objectStore(playlistEntries);
  // Every playlist entry of the device: an array key sorts above every string.
  playlistStore.delete(IDBKeyRange.bound([args.deviceId], [args.deviceId, []]));
  for (const entry of args.playlistEntries) playlistStore.put({ ...entry, deviceId: args.deviceId });
  tx.objectStore(events).delete(IDBKeyRange.bound([args.topic, 0], [args.topic, Infinity]));
  tx.objectStore(states).put(args.record);
  for (const entry of args.entries) entryStore.put({ ...entry, deviceId: args.deviceId });
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('seed transaction aborted'));
  });
  db.close();
  localStorage.setItem('mediastream.deviceId', args.deviceId);
  return args.entries.length;
}

export interface Stamp {
  readonly t: number;
  readonly what:
    | 'tx-start'
    | 'get-done'
    | 'first-write'
    | 'ping'
    | 'tx-complete'
    | 'post'
    | 'worker-request'
    | 'worker-reply'
    | 'message'
    | 'handled'
    | 'frame'
    | 'w-message'
    | 'w-handled'
    | 'w-complete'
    | 'w-post';
}

/**
 * Init script for the breakdown: stamps, in this page, each readwrite IndexedDB transaction's start and
 * commit, each BroadcastChannel post, and each message's arrival and the end of the page's own handler.
 */
export function installStamps(): void {
  const stamps: Stamp[] = [];
  (window as unknown as { __benchStamps: Stamp[] }).__benchStamps = stamps;
  const stamp = (what: Stamp['what']) => {
    stamps.push({ t: performance.timeOrigin + performance.now(), what });
    // Also on the performance timeline, where a trace can find it.
    performance.mark(`bench-${what}`);
  };
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
    const tx = transaction.apply(this, args);
    if (tx.mode === 'readwrite') {
      stamp('tx-start');
      readwrite.add(tx);
      tx.addEventListener('complete', () => stamp('tx-complete'));
      // How long a task waits for this page's main thread right now.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => stamp('ping');
      channel.port2.postMessage(null);
    }
    return tx;
  } as IDBDatabase['transaction'];
  const readwrite = new WeakSet<IDBTransaction>();
  const wrote = new WeakSet<IDBTransaction>();
  const store = IDBObjectStore.prototype as unknown as Record<string, (...args: unknown[]) => IDBRequest>;
  const get = store.get!;
  store.get = function (this: IDBObjectStore, ...args: unknown[]) {
    const request = get.apply(this, args);
    if (readwrite.has(this.transaction)) request.addEventListener('success', () => stamp('get-done'));
    return request;
  };
  for (const name of ['put', 'add', 'delete']) {
    const write = store[name]!;
    store[name] = function (this: IDBObjectStore, ...args: unknown[]) {
      if (readwrite.has(this.transaction) && !wrote.has(this.transaction)) {
        wrote.add(this.transaction);
        stamp('first-write');
      }
      return write.apply(this, args);
    };
  }
  // The app's commit worker (and the floor's) writes and posts off the main thread: the page sees it
  // asked, and the answer. The app's first message opens the database, the floor's sets its options.
  const toWorker = Worker.prototype.postMessage as (this: Worker, message: unknown, ...rest: unknown[]) => void;
  Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
    const type = (message as { type?: string } | null)?.type;
    if (type === 'write' || (type === undefined && typeof (message as { value?: unknown })?.value === 'number')) stamp('worker-request');
    return toWorker.call(this, message, ...rest);
  } as Worker['postMessage'];
  // The first frame after each click: does a task queued meanwhile wait for it?
  window.addEventListener('click', () => requestAnimationFrame(() => stamp('frame')), true);
  const workerListen = Worker.prototype.addEventListener as (this: Worker, type: string, listener: unknown, options?: unknown) => void;
  Worker.prototype.addEventListener = function (this: Worker, type: string, listener: unknown, options?: unknown) {
    if (type === 'message' && typeof listener === 'function') {
      const original = listener as (event: MessageEvent) => unknown;
      listener = function (this: Worker, event: MessageEvent) {
        if ((event.data as { type?: string } | null)?.type === 'written') stamp('worker-reply');
        return original.call(this, event);
      };
    }
    return workerListen.call(this, type, listener, options);
  } as Worker['addEventListener'];
  const post = BroadcastChannel.prototype.postMessage;
  BroadcastChannel.prototype.postMessage = function (this: BroadcastChannel, message: unknown) {
    stamp('post');
    return post.call(this, message);
  };
  const wrap = (listener: (this: BroadcastChannel, event: MessageEvent) => unknown) =>
    function (this: BroadcastChannel, event: MessageEvent) {
      stamp('message');
      try {
        return listener.call(this, event);
      } finally {
        stamp('handled');
      }
    };
  const add = BroadcastChannel.prototype.addEventListener as (
    this: BroadcastChannel,
    type: string,
    listener: unknown,
    options?: unknown,
  ) => void;
  BroadcastChannel.prototype.addEventListener = function (this: BroadcastChannel, type: string, listener: unknown, options?: unknown) {
    const wrapped = type === 'message' && typeof listener === 'function' ? wrap(listener as (event: MessageEvent) => unknown) : listener;
    return add.call(this, type, wrapped, options);
  } as BroadcastChannel['addEventListener'];
  const onmessage = Object.getOwnPropertyDescriptor(BroadcastChannel.prototype, 'onmessage')!;
  Object.defineProperty(BroadcastChannel.prototype, 'onmessage', {
    configurable: true,
    get(this: BroadcastChannel) {
      return onmessage.get!.call(this);
    },
    set(this: BroadcastChannel, listener: ((event: MessageEvent) => unknown) | null) {
      onmessage.set!.call(this, listener ? wrap(listener) : null);
    },
  });
}

export function readStamps(): Stamp[] {
  return (globalThis as unknown as { __benchStamps: Stamp[] }).__benchStamps;
}

/**
 * Evaluated in a worker that writes and posts (the app's commit worker, the floor's): stamps when each
 * message was dispatched to it (the event's own time) and when its handler returned, each readwrite
 * transaction's commit and each BroadcastChannel post. Installs once.
 */
export function installWorkerStamps(): void {
  const scope = globalThis as unknown as { __benchStamps?: Stamp[] };
  if (scope.__benchStamps) return;
  const stamps: Stamp[] = [];
  scope.__benchStamps = stamps;
  const stamp = (what: Stamp['what'], t = performance.timeOrigin + performance.now()) => stamps.push({ t, what });
  const spans: { what: string; ms: number }[] = [];
  (globalThis as unknown as { __benchSpans: typeof spans }).__benchSpans = spans;
  const timed = <T>(what: string, run: () => T): T => {
    const t0 = performance.now();
    try {
      return run();
    } finally {
      spans.push({ what, ms: performance.now() - t0 });
    }
  };
  // A capture listener runs before the worker's own handler (an event handler attribute), this one
  // after it: the message's arrival, the reading (deserializing) of its data, and the handler's end.
  globalThis.addEventListener(
    'message',
    (event) => {
      stamp('w-message', performance.timeOrigin + event.timeStamp);
      timed('read message data', () => (event as MessageEvent).data);
    },
    { capture: true },
  );
  globalThis.addEventListener('message', () => stamp('w-handled'));
  // The worker's own handler timed by itself: the rest of "worker handler" is the listeners' dispatch.
  const scopeWithHandler = globalThis as unknown as { onmessage: ((event: MessageEvent) => void) | null };
  const own = scopeWithHandler.onmessage;
  if (own) scopeWithHandler.onmessage = (event) => timed('onmessage (its own handler)', () => own.call(globalThis, event));
  const store = IDBObjectStore.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ['get', 'put', 'add', 'delete']) {
    const original = store[name]!;
    store[name] = function (this: IDBObjectStore, ...args: unknown[]) {
      return timed(`${this.name}.${name}()`, () => original.apply(this, args));
    };
  }
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
    const tx = timed('transaction()', () => transaction.apply(this, args));
    if (tx.mode === 'readwrite') tx.addEventListener('complete', () => stamp('w-complete'));
    return tx;
  } as IDBDatabase['transaction'];
  const post = BroadcastChannel.prototype.postMessage;
  BroadcastChannel.prototype.postMessage = function (this: BroadcastChannel, message: unknown) {
    stamp('w-post');
    return timed('channel.postMessage()', () => post.call(this, message));
  };
}

export interface Span {
  readonly what: string;
  readonly t0: number;
  readonly t1: number;
}

/**
 * Tab B of the app, for the breakdown: times every Lit update of each of the app's components, and every
 * getBoundingClientRect (a forced layout when the DOM has changed), as spans on the shared clock.
 */
export function installUpdateTimers(): void {
  const spans: Span[] = [];
  (window as unknown as { __benchSpans: Span[] }).__benchSpans = spans;
  const stamp = () => performance.timeOrigin + performance.now();
  const tags = ['mediastream-app', 'ms-library', 'ms-now-playing', 'ms-transport', 'ms-queue', 'ms-offline-dialog', 'ms-notices'];
  for (const tag of tags) {
    const element = customElements.get(tag);
    if (!element) continue;
    const proto = element.prototype as { update: (...args: unknown[]) => unknown };
    const update = proto.update;
    proto.update = function (this: unknown, ...args: unknown[]) {
      const t0 = stamp();
      try {
        return update.apply(this, args);
      } finally {
        spans.push({ what: tag, t0, t1: stamp() });
      }
    };
  }
  const measure = Element.prototype.getBoundingClientRect;
  Element.prototype.getBoundingClientRect = function (this: Element) {
    const t0 = stamp();
    try {
      return measure.call(this);
    } finally {
      spans.push({ what: 'getBoundingClientRect', t0, t1: stamp() });
    }
  };
}

export function takeSpans(): Span[] {
  const spans = (window as unknown as { __benchSpans: Span[] }).__benchSpans;
  return spans.splice(0, spans.length);
}

/** What recordFirstPaint keeps on the page: when the first paint was, and what it showed. */
export interface FirstPaintRecord {
  /** performance.now() once the frame that first showed the session had been rendered (rAF, then a task). */
  paintedAt: number | null;
  /** The now-playing title that frame showed. */
  title: string | null;
  /** performance.now() in the frame that first showed a row of the library, and of the queue (after the paint). */
  libraryRowAt: number | null;
  queueRowAt: number | null;
}

/**
 * Init script: the first paint is the first frame that shows the session, the now-playing title and the
 * transport's play button; `__benchFirstPaint.paintedAt` is stamped once that frame has rendered, so the
 * bundle section can tell which scripts the page had asked for before it (its layout shifts are kept by
 * e2e/support/layout-shifts.ts). Self-contained: it runs in the page before any of the app's code.
 */
export function recordFirstPaint(): void {
  const record: FirstPaintRecord = { paintedAt: null, title: null, libraryRowAt: null, queueRowAt: null };
  // Every script must be in the resource timeline, however many covers the library asks for first.
  performance.setResourceTimingBufferSize(10_000);
  (window as unknown as { __benchFirstPaint: FirstPaintRecord }).__benchFirstPaint = record;
  const look = () => {
    const app = document.querySelector('mediastream-app')?.shadowRoot;
    const row = (list: string) => app?.querySelector(list)?.shadowRoot?.querySelector('[role="listitem"]');
    if (record.libraryRowAt === null && row('ms-library')) record.libraryRowAt = performance.now();
    if (record.queueRowAt === null && row('ms-queue')) record.queueRowAt = performance.now();
    const title = app?.querySelector('ms-now-playing')?.shadowRoot?.querySelector('.title')?.textContent?.trim();
    const play = app?.querySelector('ms-transport')?.shadowRoot?.querySelector('button[aria-label="Play"], button[aria-label="Pause"]');
    if (record.title === null && title && play) {
      record.title = title;
      const channel = new MessageChannel();
      channel.port1.onmessage = () => (record.paintedAt = performance.now());
      channel.port2.postMessage(null);
    }
    const waiting = record.libraryRowAt === null || record.queueRowAt === null || record.title === null;
    // (A new visitor's queue is empty: it shows no row.)
    if (waiting && performance.now() < 60_000) requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}
