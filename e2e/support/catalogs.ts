/**
 * Test catalogs served in place of `library.json`, a seeded long queue, scrolling a virtualized list, and
 * HTML5 drag and drop on queue rows.
 */

import { expect, type JSHandle, type Locator, type Page } from '@playwright/test';
import type { Track } from '../../src/catalog/catalog';
import { openPlayer } from './player';

/** A track as library.json spells it (the app's own Track type, before URLs are resolved). */
export type CatalogTrack = Track;

/** `count` tracks titled `Track 00001`, `Track 00002`, … (zero-padded so no title contains another). */
export function numberedTracks(count: number, titleOf: (n: number) => string = paddedTitle(count)): CatalogTrack[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `bulk${i + 1}`,
    title: titleOf(i + 1),
    artist: 'Bulk Ensemble',
    album: 'Very Long Playlist',
    duration: 168,
    url: 'audio/t1.mp3', // the demo's own audio, reused by every track
  }));
}

export function paddedTitle(count: number): (n: number) => string {
  const width = String(count).length;
  return (n) => `Track ${String(n).padStart(width, '0')}`;
}

/** Serves this catalog as the page's `library.json` (set up before the page loads). */
export async function serveCatalog(page: Page, tracks: readonly CatalogTrack[]): Promise<void> {
  const body = JSON.stringify({ tracks });
  await page.route('**/library.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
}

export function libraryList(page: Page): Locator {
  return page.getByRole('list', { name: 'Library' });
}

export function queueList(page: Page): Locator {
  return page.getByRole('list', { name: 'Queue' });
}

/** The queue entry (a listitem of the Queue list) showing this title; `nth` for a track queued twice. */
export function queueEntry(page: Page, title: string, nth = 0): Locator {
  return queueList(page)
    .getByRole('listitem')
    .filter({ has: page.locator('.title', { hasText: exactText(title) }) })
    .nth(nth);
}

function exactText(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/**
 * Scrolls a virtualized list with the mouse wheel, as a person would, until `target` is visible.
 * The virtualizer measures rows as they come into view, so the scroll height may grow while scrolling.
 */
export async function wheelUntilVisible(page: Page, list: Locator, target: Locator, deltaY = 50_000): Promise<void> {
  await list.hover();
  await expect
    .poll(
      async () => {
        if (await target.isVisible()) return true;
        await page.mouse.wheel(0, deltaY);
        return target.isVisible();
      },
      { message: 'scrolled the list to the wanted row', intervals: [100, 200, 250], timeout: 20_000 },
    )
    .toBe(true);
}

/**
 * Wheels a plain list to its end, a few rows at a time as a person would, two frames after each step so
 * that every row on the way is rendered, and returns how far its scroll height moved meanwhile. Rows out
 * of view are skipped (content-visibility) with a size held for them until they render: wrong, the list
 * grows or shrinks under the person's scrolling.
 *
 * The steps go straight to Chromium's input (the command Playwright's own wheel sends) and the checks
 * straight to the page: each of Playwright's actions is recorded for the trace, about 90 ms apiece on a
 * page this size, which made wheeling a 150-row list take over 30 s on a slow machine.
 */
export async function scrollHeightChangeWheelingToEnd(page: Page, list: Locator): Promise<number> {
  const box = await list.boundingBox();
  if (!box) throw new Error('the list to wheel is not shown');
  await list.evaluate((element) => {
    (window as unknown as { __wheeled: Element }).__wheeled = element;
  });
  const cdp = await page.context().newCDPSession(page);
  try {
    const inPage = async <T>(expression: string): Promise<T> =>
      (await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })).result.value as T;
    const scrollHeight = () => inPage<number>('window.__wheeled.scrollHeight');
    const before = await scrollHeight();
    const at = { x: box.x + box.width / 2, y: box.y + Math.min(box.height / 2, 100) };
    await cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', ...at });
    const deadline = Date.now() + 30_000;
    let atEnd = false;
    while (!atEnd && Date.now() < deadline) {
      await cdp.send('Input.dispatchMouseEvent', { type: 'mouseWheel', ...at, deltaX: 0, deltaY: 150 });
      // What came into view is rendered at the next frame: the check waits two.
      atEnd = await inPage<boolean>(`new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => {
        const list = window.__wheeled;
        resolve(list.scrollTop + list.clientHeight >= list.scrollHeight - 1);
      })))`);
    }
    expect(atEnd, 'wheeled to the end of the list').toBe(true);
    return Math.abs((await scrollHeight()) - before);
  } finally {
    await cdp.detach();
  }
}

/**
 * Seeds the queue of this browser's device directly in IndexedDB (there is no bulk add in the UI), one
 * entry per track id, in order. The app must have been opened once (it creates the database and the device
 * id); reload afterwards. Mirrors src/engine/database.ts and `toRecord` in src/engine/state-store.ts.
 */
export async function seedQueue(page: Page, trackIds: readonly string[]): Promise<void> {
  await page.evaluate(async (ids) => {
    const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    if (ids.length > DIGITS.length ** 2) throw new Error('seedQueue: at most 3,844 entries');
    // Fractional order keys: the 3-character integer parts `b00` … `bzz`, in ASCII (= IndexedDB) order.
    const orderOf = (i: number) => `b${DIGITS[Math.floor(i / DIGITS.length)]}${DIGITS[i % DIGITS.length]}`;
    const deviceId = localStorage.getItem('mediastream.deviceId');
    if (!deviceId) throw new Error('seedQueue: open the app first (no device id yet)');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('mediastream');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = db.transaction(['playback_states', 'queue_entries', 'events'], 'readwrite');
    const states = tx.objectStore('playback_states');
    const entries = tx.objectStore('queue_entries');
    const newestRev = await new Promise<number>((resolve) => {
      const request = tx
        .objectStore('events')
        .openKeyCursor(IDBKeyRange.bound([`playback:${deviceId}`, 0], [`playback:${deviceId}`, Infinity]), 'prev');
      request.onsuccess = () => resolve(request.result ? ((request.result.key as [string, number])[1] ?? 0) : 0);
    });
    const existing = await new Promise<Record<string, unknown> | undefined>((resolve) => {
      const request = states.get(deviceId);
      request.onsuccess = () => resolve(request.result as Record<string, unknown> | undefined);
    });
    const rev = Math.max(typeof existing?.rev === 'number' ? existing.rev : 0, newestRev) + 1;
    const now = new Date().toISOString();
    entries.delete(IDBKeyRange.bound([deviceId, ''], [deviceId, '\uffff']));
    ids.forEach((trackId, i) => {
      entries.put({ deviceId, entryId: `seeded.${i}`, trackId, order: orderOf(i) });
    });
    states.put({
      deviceId,
      currentTrackId: null,
      positionSeconds: 0,
      positionAt: Date.now(),
      playing: false,
      volume: 1,
      muted: false,
      rate: 1,
      shuffle: false,
      repeat: 'off',
      ownerTabId: null,
      history: [],
      insertedAt: now,
      ...existing,
      updatedAt: now,
      rev,
      queue: { length: ids.length, rev },
    });
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    db.close();
  }, trackIds);
}

/** The player with a queue of `count` numbered tracks, seeded and then reloaded; returns the tracks. */
export async function openWithQueueOf(page: Page, count: number): Promise<CatalogTrack[]> {
  const tracks = numberedTracks(count);
  await serveCatalog(page, tracks);
  await openPlayer(page);
  await seedQueue(
    page,
    tracks.map((track) => track.id),
  );
  await page.reload();
  await expect(libraryList(page).getByRole('listitem').first()).toBeVisible();
  return tracks;
}

/**
 * An HTML5 drag of a queue row, dispatched as the browser would (dragstart on the row; dragover and drop
 * on the row under the pointer, bubbling to the list) with one shared DataTransfer. Lets a test do
 * something else (in another tab) between picking the row up and dropping it.
 */
export class RowDrag {
  private constructor(
    readonly _page: Page,
    private readonly dataTransfer: JSHandle<DataTransfer>,
  ) {}

  static async start(page: Page, row: Locator): Promise<RowDrag> {
    const dataTransfer = await page.evaluateHandle(() => new DataTransfer());
    await row.dispatchEvent('dragstart', { dataTransfer });
    return new RowDrag(page, dataTransfer);
  }

  /** Drops onto the upper half of `row`: the dragged entry takes that row's place. */
  async dropOn(row: Locator): Promise<void> {
    const box = await row.boundingBox();
    if (!box) throw new Error('drop target row is not on screen');
    const point = { clientX: box.x + box.width / 2, clientY: box.y + box.height / 4 };
    await row.dispatchEvent('dragenter', { dataTransfer: this.dataTransfer, ...point });
    await row.dispatchEvent('dragover', { dataTransfer: this.dataTransfer, ...point });
    await row.dispatchEvent('drop', { dataTransfer: this.dataTransfer, ...point });
  }

  /** The drag ends (the browser fires dragend on the row it started from, if that row is still there). */
  async end(row: Locator): Promise<void> {
    if ((await row.count()) > 0) await row.dispatchEvent('dragend', { dataTransfer: this.dataTransfer });
    await this.dataTransfer.dispose();
  }
}
