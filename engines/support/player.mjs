/**
 * The player as a person sees it, in any engine: by role and accessible name (CONTRACT.md), plus the one
 * thing a person hears, the tab's `<audio>` element. Sound is judged by its time advancing, never by
 * `paused` alone (an element can read `paused: false` before it has loaded anything); silence by `paused`,
 * which a paused element honours.
 */

import assert from 'node:assert/strict';
import { poll } from './wait.mjs';

export const LIBRARY = { role: 'list', name: 'Library' };
export const NOW_PLAYING = { role: 'region', name: 'Now playing' };
export const SEEK = { role: 'slider', name: 'Seek', within: NOW_PLAYING };
const ELAPSED = { name: 'Elapsed', within: NOW_PLAYING };
const SOUND_STATUSES = ['Playing in this tab', 'Playing in another tab', 'Paused'];

export const button = (name) => ({ role: 'button', name });

/** Opens the app (or waits for the page already loading) until the library lists its tracks. */
export async function openPlayer(tab, url) {
  if (url !== undefined) await tab.goto(url);
  await poll('the library to list its tracks', () => tab.call('describe', { role: 'listitem', within: LIBRARY }), Boolean, {
    timeout: 60_000,
  });
}

export async function expectShown(tab, query, what, options) {
  return poll(what, () => tab.call('describe', query), Boolean, options);
}

export function expectButton(tab, name, options) {
  return expectShown(tab, button(name), `a button “${name}”`, options);
}

export async function nowPlayingText(tab) {
  return (await tab.call('describe', NOW_PLAYING))?.text ?? '';
}

export function expectNowPlaying(tab, title) {
  return poll(
    `Now playing to show ${title}`,
    () => nowPlayingText(tab),
    (text) => text.includes(title),
  );
}

export async function soundStatus(tab) {
  const texts = await tab.call('texts', { role: 'status' });
  return texts.filter((text) => SOUND_STATUSES.includes(text));
}

export function expectSoundStatus(tab, status) {
  return poll(
    `the sound status to read ${status}`,
    () => soundStatus(tab),
    (shown) => shown.length === 1 && shown[0] === status,
  );
}

/** The elapsed time shown (`m:ss`), in seconds. */
export async function elapsedSeconds(tab) {
  const shown = await tab.call('describe', ELAPSED);
  if (!shown) throw new Error('no elapsed time in Now playing');
  const [minutes, seconds] = shown.text.split(':').map(Number);
  return minutes * 60 + seconds;
}

export function seekTo(tab, seconds) {
  return tab.call('fill', SEEK, seconds);
}

export function queueTitles(tab) {
  return tab.call('listTitles', 'Queue');
}

export function expectQueue(tab, titles) {
  return poll(
    `the queue to read ${JSON.stringify(titles)}`,
    () => queueTitles(tab),
    (shown) => JSON.stringify(shown) === JSON.stringify(titles),
  );
}

export function audioOf(tab) {
  return tab.call('audio');
}

/**
 * Waits until the tab's one audio element is playing with its first data in (HAVE_CURRENT_DATA; WebKitGTK
 * reads no more than that while it plays on after a seek) and its time has advanced by half a second since;
 * returns what it read then.
 */
export async function expectSounding(tab, what = 'the tab') {
  const playing = await poll(
    `${what}: its one audio element to play`,
    () => audioOf(tab),
    (audio) => audio.count === 1 && !audio.paused && audio.readyState >= 2,
  );
  return poll(
    `${what}: the audio's time to advance`,
    () => audioOf(tab),
    (audio) => !audio.paused && audio.currentTime >= playing.currentTime + 0.5,
  );
}

/** Waits until the tab's audio is paused (a paused element plays nothing). */
export async function expectSilent(tab, what = 'the tab') {
  await poll(
    `${what}: its one audio element to be paused`,
    () => audioOf(tab),
    (audio) => audio.count === 1 && audio.paused,
  );
}

export async function expectAudioAt(tab, seconds, what = 'the tab') {
  return poll(
    `${what}: the audio at ${seconds} s or later`,
    () => audioOf(tab),
    (audio) => audio.currentTime >= seconds,
  );
}

/** No tab shows an alert (errors are alerts; statuses are not). */
export async function expectNoAlerts(tabs) {
  for (const tab of tabs) assert.deepEqual(await tab.call('texts', { role: 'alert' }), [], 'no alert on the page');
}
