/**
 * Firefox ESR (Gecko), headless, driven by puppeteer-core over WebDriver BiDi. Each test has a browser,
 * a profile and a server of its own; the sound goes to the suite's PulseAudio null sink.
 */

import { after, before, test } from 'node:test';
import { launchFirefox } from './support/firefox.mjs';
import { multiTabFlow, noAudioDeviceFlow, offlineFlow, ownMusicFlow, restartFlow, soundFlow, withBrowser } from './support/flows.mjs';
import { ownMusic } from './support/music.mjs';
import { startServer } from './support/server.mjs';
import { startPulseAudio } from './support/system.mjs';

const TEST_TIMEOUT_MS = 240_000;

let pulse;
before(async () => {
  pulse = await startPulseAudio();
});
after(async () => {
  await pulse?.stop();
});

/** A server and a Firefox for one test; both gone when it ends. */
async function inFirefox(flow, { sound = true } = {}) {
  const server = await startServer();
  try {
    await withBrowser(
      () => launchFirefox({ pulse: sound ? pulse.server : null }),
      (browser) => flow(browser, server),
    );
  } finally {
    await server.stop();
  }
}

test('Firefox: the seed’s multi-tab flow (play, seek and queue across two tabs)', { timeout: TEST_TIMEOUT_MS }, () =>
  inFirefox((browser, server) => multiTabFlow(browser, server.url)),
);

test('Firefox: a browser restart on the same profile restores the track, the queue and the position', { timeout: TEST_TIMEOUT_MS }, () =>
  inFirefox((browser, server) => restartFlow(browser, server.url)),
);

test('Firefox: one tab sounds, and Play here takes the sound from where it was', { timeout: TEST_TIMEOUT_MS }, (t) =>
  inFirefox((browser, server) => soundFlow(browser, server.url, { pulse, note: (text) => t.diagnostic(text) })),
);

test('Firefox: offline, the session restores, plays and seeks from the service worker’s cache', { timeout: TEST_TIMEOUT_MS }, () =>
  inFirefox((browser, server) => offlineFlow(browser, server)),
);

test(
  'Firefox with no audio output device: the track is not skipped, it plays on and the person is told',
  { timeout: TEST_TIMEOUT_MS },
  () => inFirefox((browser, server) => noAudioDeviceFlow(browser, server.url), { sound: false }),
);

test('Firefox: Add files and Add folder (the file inputs): the copies play, and are there after a reload', {
  timeout: TEST_TIMEOUT_MS,
}, async () => {
  const music = await ownMusic();
  try {
    await inFirefox((browser, server) => ownMusicFlow(browser, server.url, music));
  } finally {
    music.remove();
  }
});
