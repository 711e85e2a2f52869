/**
 * The flows every engine runs: the seed's two (multi-tab sync; a restart that restores the position),
 * one audible tab and taking the sound, and offline play from the service worker's cache. They mirror the
 * Chromium tests in e2e/ (multi-tab-sync, session-restore, sound-ownership, offline) with the same
 * demo library. A browser is `{ firstTab, newTab(options), restart?() }`; a tab is firefox.mjs's or
 * webkit.mjs's.
 */

import assert from 'node:assert/strict';
import { FILES_INPUT, FOLDER_INPUT } from './music.mjs';
import {
  audioOf,
  button,
  elapsedSeconds,
  expectAudioAt,
  expectButton,
  expectNoAlerts,
  expectNowPlaying,
  expectQueue,
  expectSilent,
  expectSounding,
  expectSoundStatus,
  nowPlayingText,
  openPlayer,
  SEEK,
  seekTo,
} from './player.mjs';
import { poll } from './wait.mjs';

/**
 * Runs `flow` with a browser from `launch`, then closes it whatever happened, and fails on any error the
 * pages reported (uncaught errors, unhandled rejections, CSP violations, console.error).
 */
export async function withBrowser(launch, flow) {
  const browser = await launch();
  let failure = null;
  try {
    await flow(browser);
  } catch (error) {
    failure = error;
    failure.message += await describeTabs(browser);
  }
  try {
    await browser.close();
  } catch (error) {
    failure ??= error;
  }
  const pageErrors = browser.errors.length ? `\n${browser.name} pages reported:\n  ${browser.errors.join('\n  ')}` : '';
  if (failure) {
    failure.message += pageErrors;
    throw failure;
  }
  assert.equal(pageErrors, '', 'no page errors');
}

/** What each open tab showed when a flow failed: for the failure's message. */
async function describeTabs(browser) {
  let text = '';
  try {
    for (const [index, tab] of (await browser.openTabs()).entries()) {
      const seen = {
        visibility: await tab.call('visibility'),
        nowPlaying: await nowPlayingText(tab),
        statuses: await tab.call('texts', { role: 'status' }),
        alerts: await tab.call('texts', { role: 'alert' }),
        audio: await audioOf(tab),
      };
      text += `\n  tab ${index + 1}: ${JSON.stringify(seen)}`;
    }
  } catch (error) {
    text += `\n  (could not look at the tabs: ${error.message.split('\n')[0]})`;
  }
  return text && `\n${browser.name} tabs at the failure:${text}`;
}

/** The seed's multi-tab flow: play in A; B shows it and stays silent; seek in B moves A's sound; queue in A shows in B. */
export async function multiTabFlow(browser, url) {
  const a = browser.firstTab;
  await openPlayer(a, url);
  const b = await browser.newTab();
  await openPlayer(b, url);
  await a.front();
  for (const tab of [a, b]) {
    await expectNowPlaying(tab, 'Nothing playing');
    await expectSoundStatus(tab, 'Paused');
  }

  await a.click(button('Play Morning Drift'));
  await expectNowPlaying(a, 'Morning Drift');
  await expectButton(a, 'Pause');
  await expectSounding(a, 'tab A');

  await expectNowPlaying(b, 'Morning Drift');
  await expectButton(b, 'Pause');
  await expectSoundStatus(b, 'Playing in another tab');
  await expectSoundStatus(a, 'Playing in this tab');
  await expectSilent(b, 'tab B');
  const shownByB = await elapsedSeconds(b);
  await poll(
    'B’s elapsed time to move with the music',
    () => elapsedSeconds(b),
    (seconds) => seconds > shownByB,
  );

  await b.front();
  await seekTo(b, 45);
  await poll(
    'A’s elapsed time to show the seek',
    () => elapsedSeconds(a),
    (seconds) => seconds >= 45,
  );
  assert.ok((await elapsedSeconds(a)) < 50, 'A shows the position B sought to');
  const heard = await expectAudioAt(a, 45, 'tab A');
  assert.ok(heard.currentTime < 50, `A’s audio went to 0:45 (is at ${heard.currentTime})`);
  await poll(
    'B’s seek slider to read 0:4x of 2:xx',
    () => b.call('describe', SEEK),
    (slider) => /^0:4\d of 2:\d\d$/.test(slider.valueText),
  );
  await expectSounding(a, 'tab A after the seek');
  await expectSilent(b, 'tab B');

  await a.front();
  await a.click(button('Add Paper Lanterns to queue'));
  await expectQueue(b, ['Paper Lanterns']);
  await expectQueue(a, ['Paper Lanterns']);
  await expectNoAlerts([a, b]);
  // B opened while A's service worker was being installed for the first time: that is not an update.
  for (const tab of [a, b]) {
    const statuses = await tab.call('texts', { role: 'status' });
    assert.ok(
      !statuses.some((text) => text.startsWith('Update available')),
      `no update is offered (statuses: ${JSON.stringify(statuses)})`,
    );
  }
}

/**
 * The seed's restoration flow: play, queue, seek to 1:23 and let it play on; the browser goes away
 * (`restart`: quit and launch again on the same profile) or, where it cannot be restarted, the tab is
 * closed and the app opened again in a new one. Same track and queue, the position within a second or so
 * of where the music was, paused; Play resumes from there.
 */
export async function restartFlow(browser, url) {
  let tab = browser.firstTab;
  await openPlayer(tab, url);
  await tab.click(button('Play Neon Avenue'));
  await tab.click(button('Add Low Tide to queue'));
  await expectSounding(tab);

  await seekTo(tab, 83);
  await expectAudioAt(tab, 83);
  // The music plays on from there for a moment, past a position checkpoint (at most a second apart).
  const heard = await expectAudioAt(tab, 84.5);
  const heardWhen = Date.now();

  if (browser.restart) tab = await browser.restart();
  else {
    const fresh = await browser.newTab();
    await tab.close();
    tab = fresh;
  }
  const playedOn = (Date.now() - heardWhen) / 1000;
  await openPlayer(tab, url);

  await expectNowPlaying(tab, 'Neon Avenue');
  await expectQueue(tab, ['Low Tide']);
  await expectSoundStatus(tab, 'Paused');
  await expectButton(tab, 'Play');
  const saved = Number((await tab.call('storedRecord'))?.positionSeconds);
  assert.ok(saved > heard.currentTime - 1.3, `saved ${saved} s, heard ${heard.currentTime} s`);
  assert.ok(saved <= heard.currentTime + playedOn + 0.1, `saved ${saved} s, heard ${heard.currentTime} s, ${playedOn} s before it went`);
  const restored = await elapsedSeconds(tab);
  assert.equal(restored, Math.floor(saved));
  assert.ok(restored >= 83);
  assert.equal((await audioOf(tab)).paused, true);

  const pressed = Date.now();
  await tab.click(button('Play'));
  const resumed = await expectSounding(tab, 'the restored tab');
  // It plays on while the driver polls (slowly on a loaded machine): no later than that allows.
  const since = (Date.now() - pressed) / 1000;
  assert.ok(resumed.currentTime >= restored - 1, `resumed at ${resumed.currentTime} s, restored ${restored} s`);
  assert.ok(
    resumed.currentTime < restored + 1 + since,
    `resumed at ${resumed.currentTime} s, restored ${restored} s, ${since} s after Play`,
  );
  await expectNoAlerts([tab]);
}

/**
 * One audible tab, and `Play here` takes the sound from where the music is. With `visibleWindow`, a third
 * tab in a window of its own (a page a person is looking at) takes it too. `note` gets what was seen.
 */
export async function soundFlow(browser, url, { pulse = null, visibleWindow = false, note = () => {} } = {}) {
  const a = browser.firstTab;
  await openPlayer(a, url);
  const b = await browser.newTab();
  await openPlayer(b, url);
  await a.front();

  await a.click(button('Play Kite Season'));
  await expectSounding(a, 'tab A');
  // A few seconds in, so that a tab taking the sound from the start of the track would show.
  const heardInA = await expectAudioAt(a, 4, 'tab A');
  await expectButton(b, 'Pause');
  await expectSilent(b, 'tab B');
  if (pulse)
    await poll(
      'the sound to reach the audio device (a stream into the null sink)',
      () => pulse.streams(),
      (count) => count > 0,
    );

  await b.front();
  await b.click(button('Play here'));
  const heardInB = await expectSounding(b, 'tab B, after Play here');
  note(
    `tab B (${await b.call('visibility')}) took the sound at ${heardInB.currentTime.toFixed(2)} s; A was at ${heardInA.currentTime.toFixed(2)} s`,
  );
  assert.ok(heardInB.currentTime >= heardInA.currentTime, 'B plays on from where the music was, not from the start');
  await expectSilent(a, 'tab A');
  await expectSoundStatus(a, 'Playing in another tab');
  await expectSoundStatus(b, 'Playing in this tab');
  const tabs = [a, b];

  if (visibleWindow) {
    const c = await browser.newTab({ window: true });
    await openPlayer(c, url);
    await c.click(button('Play here'));
    const heardInC = await expectSounding(c, 'tab C, after Play here');
    note(`tab C (${await c.call('visibility')}, its own window) took the sound at ${heardInC.currentTime.toFixed(2)} s`);
    assert.ok(heardInC.currentTime >= heardInB.currentTime, 'C plays on from where the music was');
    await expectSilent(b, 'tab B');
    await expectSilent(a, 'tab A');
    tabs.push(c);
  }

  // Pausing from a tab that does not play pauses the sound; every tab reads Paused.
  await a.front();
  await a.click(button('Pause'));
  for (const tab of tabs) {
    await expectSilent(tab);
    await expectSoundStatus(tab, 'Paused');
  }
  await expectNoAlerts(tabs);
}

/**
 * Offline: the service worker has the app and the track that played; the host then stops (there is no
 * setOffline in these drivers: the test's server closes, so every request to it is refused). The session
 * restores, plays and seeks from the cache.
 */
export async function offlineFlow(browser, server) {
  const tab = browser.firstTab;
  await openPlayer(tab, server.url);
  await tab.call('serviceWorkerReady');
  await tab.reload();
  await openPlayer(tab);
  await poll('the service worker to control the page', () => tab.call('controlled'), Boolean);

  await tab.click(button('Play Morning Drift'));
  await expectSounding(tab);
  await expectButton(tab, 'Remove Morning Drift from offline storage', { timeout: 60_000 });
  await seekTo(tab, 30);
  await expectAudioAt(tab, 30);
  await tab.click(button('Pause'));
  await expectSilent(tab);
  await expectSoundStatus(tab, 'Paused');

  await server.stop();
  await assert.rejects(fetch(server.url), 'the host is gone');
  await tab.reload();
  await openPlayer(tab);
  await expectNowPlaying(tab, 'Morning Drift');
  assert.ok((await elapsedSeconds(tab)) >= 29, 'restored near 0:30');
  await tab.click(button('Play'));
  await expectSounding(tab, 'offline');
  await seekTo(tab, 120);
  await expectAudioAt(tab, 120, 'offline, after a seek');
  await expectSounding(tab, 'offline, after a seek');
  await expectNoAlerts([tab]);
}

/**
 * Firefox with no audio output device fires `error` (code 3, OnMediaSinkAudioError) on an element that
 * goes on playing. The track is not skipped: the person is told the sound has nowhere to go, and the
 * music plays on.
 */
export async function noAudioDeviceFlow(browser, url) {
  const tab = browser.firstTab;
  await openPlayer(tab, url);
  await tab.click(button('Add Paper Lanterns to queue'));
  await tab.click(button('Play Morning Drift'));

  const alerts = await poll(
    'a notice that there is no audio output device',
    () => tab.call('texts', { role: 'alert' }),
    (texts) => texts.some((text) => text.includes('no audio output device')),
  );
  const audio = await expectSounding(tab, 'with no audio device');
  assert.equal(audio.error?.code, 3, 'the browser did report a media error');
  assert.match(audio.error?.message ?? '', /Sink/, 'a media-sink error');
  assert.ok(audio.src.endsWith('/audio/t1.mp3'), 'still the track that was played');
  await expectNowPlaying(tab, 'Morning Drift');
  await expectQueue(tab, ['Paper Lanterns']);
  await expectSoundStatus(tab, 'Playing in this tab');
  const shown = await tab.call('texts', { role: 'alert' });
  assert.deepEqual(shown, alerts, 'no other alert (nothing was reported as unplayable)');
}

/** The one line an import ends with, `Added N tracks; M files skipped`, and what it lists. */
async function expectImportResult(tab, expected) {
  return poll(
    `the import to end with “${expected}”`,
    async () => (await tab.call('texts', { role: 'status' })).find((text) => text.startsWith('Added ')) ?? '',
    (text) => text.startsWith(expected),
    { timeout: 60_000 },
  );
}

/**
 * "Your own music" where there is no showDirectoryPicker (Firefox and Safari): `Add files` through the
 * file chooser's input and `Add folder` through the folder input. The files are copies kept by the
 * browser; they play, and after a reload they are still there and play again.
 */
export async function ownMusicFlow(browser, url, music) {
  const tab = browser.firstTab;
  await openPlayer(tab, url);
  await tab.setFiles(FILES_INPUT, [music.looseFile]);
  await expectImportResult(tab, 'Added 1 track');
  await expectButton(tab, 'Play Lighthouse Keeper');

  await tab.setFiles(FOLDER_INPUT, [music.folder]);
  const result = await expectImportResult(tab, 'Added 2 tracks; 1 file skipped');
  assert.match(result, /notes\.mp3: not audio/);
  await expectButton(tab, 'Play Harbour Lights');
  await expectButton(tab, 'Play Ferry Song');

  await tab.click(button('Play Harbour Lights'));
  await expectNowPlaying(tab, 'Harbour Lights');
  const first = await expectSounding(tab);
  assert.match(first.src, /^blob:/, 'a local track plays from its file');
  await seekTo(tab, 20);
  await expectAudioAt(tab, 20);
  await tab.click(button('Pause'));
  await expectSilent(tab);

  // The copies are the browser's: after a reload the library has them and they play.
  await tab.reload();
  await openPlayer(tab);
  await expectNowPlaying(tab, 'Harbour Lights');
  assert.ok((await elapsedSeconds(tab)) >= 19, 'restored near 0:20');
  await tab.click(button('Play Lighthouse Keeper'));
  await expectNowPlaying(tab, 'Lighthouse Keeper');
  await expectSounding(tab, 'the reloaded tab');
  await expectNoAlerts([tab]);
}
