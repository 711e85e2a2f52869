/// <reference lib="webworker" />
/**
 * MediaStream's service worker: wires install, activate, fetch and messages. The app shell (HTML, JS,
 * CSS, catalog, artwork, icons) is precached so the app opens with no network; audio has its own route,
 * registered before the precache route (workbox #1663) so range requests for audio never reach it.
 */

import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { AUDIO_CACHE, AUDIO_CACHE_PREFIX } from '../offline/cache-names';
import { audioStrategy, isAudioRequest } from './audio-strategy';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

registerRoute(isAudioRequest, audioStrategy);
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));

self.addEventListener('activate', (event) => {
  // Audio caches of older versions go; the current one (the person's offline music) stays.
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((name) => name.startsWith(AUDIO_CACHE_PREFIX) && name !== AUDIO_CACHE).map((name) => caches.delete(name))),
      ),
  );
});

self.addEventListener('message', (event) => {
  // A new version waits until the person chooses to reload (workbox-window's messageSkipWaiting):
  // never in the middle of playback on its own.
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
