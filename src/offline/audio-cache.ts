/**
 * The person's offline music: whole audio files in the Cache API (the service worker serves ranges of
 * them). Files are fetched whole on purpose — the audio element's own requests are 206 ranges, which
 * cannot be cached. Tabs share the cache and tell each other when it changes.
 */

import { Emitter } from '../engine/emitter';
import { AUDIO_CACHE, OFFLINE_CHANNEL } from './cache-names';

/** A download that receives nothing for this long has stalled and is abandoned. */
export const DOWNLOAD_STALL_MS = 15_000;

export class OfflineStorageFullError extends Error {
  override name = 'OfflineStorageFullError';
}

interface OfflineEvents extends Record<string, unknown> {
  change: undefined;
}

export class OfflineAudio {
  private cached = new Set<string>();
  private readonly downloads = new Map<string, { progress: number; done: Promise<void> }>();
  private readonly events = new Emitter<OfflineEvents>();
  private readonly channel = new BroadcastChannel(OFFLINE_CHANNEL);

  private constructor() {
    this.channel.addEventListener('message', () => void this.refresh());
  }

  static async open(): Promise<OfflineAudio> {
    const offline = new OfflineAudio();
    await offline.refresh();
    return offline;
  }

  on(listener: () => void): () => void {
    return this.events.on('change', listener);
  }

  isCached(url: string): boolean {
    return this.cached.has(url);
  }

  /** Download progress from 0 to 1, or undefined when not downloading. */
  progressOf(url: string): number | undefined {
    return this.downloads.get(url)?.progress;
  }

  /** Fetches the whole file into the cache, reporting progress; a second call while it runs shares it. */
  cacheWhole(url: string): Promise<void> {
    if (this.cached.has(url)) return Promise.resolve();
    const running = this.downloads.get(url);
    if (running) return running.done;
    const download = { progress: 0, done: Promise.resolve() };
    download.done = this.download(url, (progress) => {
      download.progress = progress;
      this.events.emit('change', undefined);
    }).finally(() => {
      this.downloads.delete(url);
      this.changed();
    });
    this.downloads.set(url, download);
    this.events.emit('change', undefined);
    return download.done;
  }

  async remove(url: string): Promise<void> {
    const cache = await caches.open(AUDIO_CACHE);
    await cache.delete(url);
    this.cached.delete(url);
    this.changed();
  }

  /** Bytes of audio kept for offline, as stored (from each response's length). */
  async usageBytes(): Promise<number> {
    const cache = await caches.open(AUDIO_CACHE);
    const responses = await Promise.all((await cache.keys()).map((request) => cache.match(request)));
    return responses.reduce((sum, response) => sum + Number(response?.headers.get('content-length') ?? 0), 0);
  }

  close(): void {
    this.channel.close();
    this.events.clear();
  }

  private async download(url: string, onProgress: (progress: number) => void): Promise<void> {
    const abort = new AbortController();
    let stallTimer: ReturnType<typeof setTimeout> | undefined;
    const stillAlive = () => {
      clearTimeout(stallTimer);
      stallTimer = setTimeout(() => abort.abort(new Error('the download stalled')), DOWNLOAD_STALL_MS);
    };
    stillAlive();
    const chunks: Uint8Array[] = [];
    let received = 0;
    let response: Response;
    try {
      response = await fetch(url, { cache: 'no-store', signal: abort.signal });
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
      const total = Number(response.headers.get('content-length') ?? 0);
      const reader = response.body.getReader();
      for (let next = await reader.read(); !next.done; next = await reader.read()) {
        stillAlive();
        chunks.push(next.value);
        received += next.value.byteLength;
        if (total > 0) onProgress(Math.min(1, received / total));
      }
    } finally {
      clearTimeout(stallTimer);
    }
    const headers = new Headers({
      'content-type': response.headers.get('content-type') ?? 'audio/mpeg',
      'content-length': String(received),
    });
    const cache = await caches.open(AUDIO_CACHE);
    try {
      await cache.put(url, new Response(new Blob(chunks as BlobPart[]), { status: 200, headers }));
    } catch (error) {
      if (error instanceof DOMException && error.name === 'QuotaExceededError') {
        throw new OfflineStorageFullError(
          'There is no room left for offline music. Remove some tracks from offline storage to make space; nothing already saved was lost.',
        );
      }
      throw error;
    }
    this.cached.add(url);
  }

  private changed(): void {
    this.events.emit('change', undefined);
    this.channel.postMessage('changed');
  }

  private async refresh(): Promise<void> {
    const cache = await caches.open(AUDIO_CACHE);
    this.cached = new Set((await cache.keys()).map((request) => request.url));
    this.events.emit('change', undefined);
  }
}
