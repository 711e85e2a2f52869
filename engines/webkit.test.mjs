/**
 * WebKitGTK (MiniBrowser) in an X display of the suite's own, driven by selenium-webdriver through
 * WebKitWebDriver. Each test has a browser session and a server of its own; the sound goes to the suite's
 * PulseAudio null sink (through GStreamer).
 */

import { after, before, test } from 'node:test';
import { multiTabFlow, offlineFlow, restartFlow, soundFlow, withBrowser } from './support/flows.mjs';
import { startServer } from './support/server.mjs';
import { startPulseAudio, startXvfb } from './support/system.mjs';
import { launchWebKit } from './support/webkit.mjs';

const TEST_TIMEOUT_MS = 240_000;

let pulse;
let xvfb;
before(async () => {
  xvfb = await startXvfb();
  pulse = await startPulseAudio();
});
after(async () => {
  await pulse?.stop();
  await xvfb?.stop();
});

async function inWebKit(flow) {
  const server = await startServer();
  try {
    await withBrowser(
      () => launchWebKit({ display: xvfb.display, pulse: pulse.server }),
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
  (t) => inWebKit((browser, server) => soundFlow(browser, server.url, { pulse, visibleWindow: true, note: (text) => t.diagnostic(text) })),
);

test('WebKitGTK: offline, the session restores, plays and seeks from the service worker’s cache', { timeout: TEST_TIMEOUT_MS }, () =>
  inWebKit((browser, server) => offlineFlow(browser, server)),
);
