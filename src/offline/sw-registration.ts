/**
 * Registers the service worker (production builds only) and runs the update flow: a new version waits →
 * the person is told `Update available` → `Reload` activates it and reloads. Nothing reloads on its own,
 * so an update never cuts into playback.
 */

import { Workbox } from 'workbox-window';

export interface UpdateHandlers {
  /** A new version is ready; `apply` activates it and reloads the page. */
  onUpdateAvailable(apply: () => void): void;
}

/** How often an open tab asks whether a new version was deployed. */
const UPDATE_CHECK_MS = 30 * 60 * 1000;

export function registerServiceWorker(handlers: UpdateHandlers): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  // Relative to the page, so the worker's scope is the app's own folder on any host and sub-path.
  const workbox = new Workbox('./sw.js');
  const reload = () => window.location.reload();
  // Whether the new version has taken over already: this tab's Reload, or another tab's.
  let takenOver = false;
  let reloadWanted = false;
  const apply = () => {
    reloadWanted = true;
    if (takenOver) reload();
    else workbox.messageSkipWaiting();
  };
  workbox.addEventListener('waiting', (event) => {
    // A worker waits only for an older one to let go. Firefox shows a first install as waiting, for an
    // instant before it activates, to a tab that registers meanwhile: with no other worker active, that
    // is no update.
    void navigator.serviceWorker.getRegistration().then((registration) => {
      if (registration?.active && registration.active !== event.sw) handlers.onUpdateAvailable(apply);
    });
  });
  workbox.addEventListener('controlling', (event) => {
    if (!event.isUpdate) return; // the first install, not an update
    takenOver = true;
    // This tab still runs the old code: reload now if the person asked, else offer it.
    if (reloadWanted) reload();
    else handlers.onUpdateAvailable(apply);
  });
  const checkForUpdate = () => void workbox.update().catch(() => {});
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') checkForUpdate();
  });
  setInterval(checkForUpdate, UPDATE_CHECK_MS);
  void workbox.register().catch((error: unknown) => console.warn('MediaStream: service worker registration failed', error));
}
