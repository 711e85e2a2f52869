/**
 * Keeps what is about to play available offline: the current track and the next few in the queue, cached
 * whole by the tab that outputs the sound (one tab downloads, not every tab). Downloads run one at a time.
 */

import type { Catalog } from '../catalog/catalog';
import type { PlaybackEngine } from '../engine/playback-engine';
import { type OfflineAudio, OfflineStorageFullError } from './audio-cache';

/** How many queue entries after the current track are kept ready. */
export const AUTO_CACHE_AHEAD = 3;

export function urlsToKeep(engine: PlaybackEngine, catalog: Catalog): string[] {
  const { currentTrackId, queue } = engine.state;
  const trackIds = [currentTrackId, ...queue.slice(0, AUTO_CACHE_AHEAD).map((entry) => entry.trackId)];
  const urls = trackIds.map((id) => (id === null ? undefined : catalog.byId.get(id)?.url));
  // The person's own tracks have no URL (they are local files): nothing to cache.
  return [...new Set(urls.filter((url): url is string => url !== undefined && url !== ''))];
}

/**
 * @param onStorageFull told when there is no room left; other failures (a missing file, say) are the
 *   audio's to report when it plays, so a file that failed is just not tried again this session.
 */
export function startAutoCache(
  engine: PlaybackEngine,
  catalog: Catalog,
  offline: OfflineAudio,
  onStorageFull: (error: OfflineStorageFullError) => void,
): () => void {
  const failed = new Set<string>();
  let running = false;
  let again = false;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        if (!engine.shouldOutputSound || !navigator.onLine) break;
        for (const url of urlsToKeep(engine, catalog)) {
          if (offline.isCached(url) || failed.has(url)) continue;
          try {
            await offline.cacheWhole(url);
          } catch (error) {
            failed.add(url);
            if (error instanceof OfflineStorageFullError) return onStorageFull(error);
          }
        }
      } while (again);
    } finally {
      running = false;
    }
  };
  const stopState = engine.on('state', () => void run());
  const stopOwnership = engine.on('ownership', () => void run());
  void run();
  return () => {
    stopState();
    stopOwnership();
  };
}
