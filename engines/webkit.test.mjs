/**
 * WebKitGTK (MiniBrowser) in an X display of the suite's own, driven by selenium-webdriver through
 * WebKitWebDriver. Each test has a browser session and a server of its own.
 *
 * No sound server: into the PulseAudio null sink, WebKitGTK's GStreamer player here stalls on about one
 * start in eight with its stream left corked, and neither pause and play nor loading the track again brings
 * it back. With GStreamer's own fallback output that does not happen, and the app's recovery covers the rest
 * (see src/audio/audio-output.ts). So the sound has no device here, and is judged, as everywhere, by the
 * element's time advancing.
 */

import { after, before, test } from 'node:test';
import { multiTabFlow, offlineFlow, ownMusicFlow, restartFlow, soundFlow, withBrowser } from './support/flows.mjs';
import { ownMusic } from './support/music.mjs';
import { startServer } from './support/server.mjs';
import { startXvfb } from './support/system.mjs';
import { launchWebKit } from './support/webkit.mjs';

const TEST_TIMEOUT_MS = 240_000;

let xvfb;
before(async () => {
  xvfb = await startXvfb();
});
after(async () => {
  await xvfb?.stop();
});

async function inWebKit(flow) {
  const server = await startServer();
  try {
    await withBrowser(
      () => launchWebKit({ display: xvfb.display }),
      (browser) => flow(browser, server),
    );
  } finally {
    await server.stop();
  }
}

test('WebKitGTK: the seed’s multi-tab flow (play, seek and queue across two tabs)', { timeout: TEST_TIMEOUT_MS }, () =>
  inWebKit((browser, server) => multiTabFlow(browser, server.url)),
);

test(
  'WebKitGTK: closing the tab and opening the app again restores the track, the queue and the position',
  { timeout: TEST_TIMEOUT_MS },
  () => inWebKit((browser, server) => restartFlow(browser, server.url)),
);

test(
  'WebKitGTK: one tab sounds, and Play here takes the sound, in a background tab and in a window of its own',
  { timeout: TEST_TIMEOUT_MS },
  (t) => inWebKit((browser, server) => soundFlow(browser, server.url, { visibleWindow: true, note: (text) => t.diagnostic(text) })),
);

test('WebKitGTK: offline, the session restores, plays and seeks from the service worker’s cache', { timeout: TEST_TIMEOUT_MS }, () =>
  inWebKit((browser, server) => offlineFlow(browser, server)),
);

test('WebKitGTK: Add files and Add folder (the file inputs): the copies play, and are there after a reload', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const music = await ownMusic();
  try {
    await inWebKit((browser, server) => ownMusicFlow(browser, server.url, music));
  } finally {
    music.remove();
  }
});
