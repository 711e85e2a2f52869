/**
 * Audio requests: served from the audio cache when the whole file is there — cut to the requested range,
 * so seeking works offline (206 from the cache) — and from the network otherwise. Nothing is cached while
 * streaming: the audio element asks with `Range` and gets 206 answers, which cannot be cached; the page
 * caches whole files on purpose instead (see src/offline/audio-cache.ts).
 */

import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { RangeRequestsPlugin } from 'workbox-range-requests';
import { CacheFirst } from 'workbox-strategies';
import { AUDIO_CACHE } from '../offline/cache-names';

export function isAudioRequest({ request }: { request: Request }): boolean {
  return request.destination === 'audio';
}

export const audioStrategy = new CacheFirst({
  cacheName: AUDIO_CACHE,
  // Range requests match the cached whole file; only whole 200 answers may ever be stored.
  matchOptions: { ignoreVary: true },
  plugins: [new CacheableResponsePlugin({ statuses: [200] }), new RangeRequestsPlugin()],
});
