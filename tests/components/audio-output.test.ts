/**
 * The sound's tab opening a local track's file (src/audio/audio-output.ts), in real Chromium with a real
 * `<audio>` element and a real engine (in memory, with the browser's Web Locks and BroadcastChannel): a
 * file that does not answer is asked for again, and one that never answers is given up on with a message.
 */

import { nanoid } from 'nanoid';
import { afterEach, describe, expect, test } from 'vitest';
import { AudioOutput, LOCAL_OPEN_RETRY_MS } from '../../src/audio/audio-output';
import type { Track } from '../../src/catalog/catalog';
import { PlaybackEngine } from '../../src/engine/playback-engine';
import { MemoryStore } from '../../src/engine/storage/memory-store';
import { mp3Audio } from '../support/audio-fixtures';
import { catalogOf } from './support/data';

/** A generous bound for what should happen within a second or two. */
const WAIT_MS = 8000;
const STALL_TIMEOUT_MS = 5000;

interface Failure {
  readonly trackId: string;
  readonly reason: string;
}

/** A local track whose file opens as the test says: each call of `open` is answered by the next of `answers`. */
function localTrack(id: string, answers: readonly (() => Promise<Blob>)[]): Track & { readonly opened: () => number } {
  let calls = 0;
  return {
    id,
    title: `Local ${id}`,
    artist: 'Aurora Lane',
    duration: 4,
    url: '',
    local: { copied: true, available: true, loose: false, open: () => (answers[calls++] ?? answers[answers.length - 1]!)() },
    opened: () => calls,
  };
}

const NEVER = () => new Promise<Blob>(() => {});
const SOUND = () => Promise.resolve(new Blob([mp3Audio(4) as BlobPart], { type: 'audio/mpeg' }));

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function player(tracks: readonly Track[]) {
  const deviceId = nanoid(16).toUpperCase();
  const engine = await PlaybackEngine.start({
    deviceId,
    tabId: `tab-${nanoid(6)}`,
    store: new MemoryStore(deviceId),
    openChannel: (name) => new BroadcastChannel(name),
    locks: navigator.locks,
    now: () => Date.now(),
    newId: () => nanoid(),
  });
  const audio = document.body.appendChild(document.createElement('audio'));
  const failures: Failure[] = [];
  const output = new AudioOutput(
    audio,
    engine,
    catalogOf(tracks),
    {
      perform: () => {},
      onTrackFailed: (track, reason) => failures.push({ trackId: track.id, reason }),
      onPlayRefused: () => {},
      onGaveUp: () => {},
      onNoAudioOutput: () => {},
    },
    STALL_TIMEOUT_MS,
  );
  cleanups.push(() => {
    output.dispose();
    engine.close();
    audio.remove();
  });
  return { engine, audio, failures };
}

async function until(condition: () => boolean, what: string, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const sounding = (audio: HTMLAudioElement) => !audio.paused && audio.readyState > 2 && audio.currentTime > 0;

describe('a local track’s file', () => {
  test('that does not answer is asked for again, and the track plays from the second answer', async () => {
    const track = localTrack('slow', [NEVER, SOUND]);
    const { engine, audio, failures } = await player([track]);
    await engine.startPlayback({ type: 'play', trackId: track.id });
    await until(() => sounding(audio), 'the track sounds');
    expect(track.opened()).toBe(2);
    expect(audio.currentSrc).toMatch(/^blob:/);
    expect(failures).toEqual([]);
  });

  test('that never answers is given up on after the stall timeout: the person is told, and nothing sounds', async () => {
    const track = localTrack('hung', [NEVER]);
    const { engine, audio, failures } = await player([track]);
    const playedAt = Date.now();
    await engine.startPlayback({ type: 'play', trackId: track.id });
    await until(() => failures.length > 0, 'the failure is reported', STALL_TIMEOUT_MS + WAIT_MS);
    expect(Date.now() - playedAt).toBeGreaterThanOrEqual(STALL_TIMEOUT_MS - 100);
    expect(failures).toEqual([{ trackId: 'hung', reason: 'its file did not open (the browser did not answer)' }]);
    expect(track.opened()).toBe(2);
    expect(audio.currentSrc).toBe('');
  });

  test('that answers after a track of the catalog was chosen does not take the element from it', async () => {
    let answerLate!: (blob: Blob) => void;
    const late = localTrack('late', [() => new Promise<Blob>((resolve) => (answerLate = resolve))]);
    const url = URL.createObjectURL(await SOUND());
    cleanups.push(() => URL.revokeObjectURL(url));
    const other: Track = { id: 'other', title: 'From the catalog', artist: 'The Night Shift', duration: 4, url };
    const { engine, audio, failures } = await player([late, other]);
    await engine.startPlayback({ type: 'play', trackId: late.id });
    await until(() => late.opened() === 1, 'the first file is asked for');
    await engine.startPlayback({ type: 'play', trackId: other.id });
    await until(() => sounding(audio), 'the other track sounds');
    const playing = audio.currentSrc;
    answerLate(await SOUND());
    // Longer than the retry, so that a second ask for the first track would have been made by now.
    await new Promise((resolve) => setTimeout(resolve, LOCAL_OPEN_RETRY_MS + 500));
    expect(audio.currentSrc).toBe(playing);
    expect(late.opened()).toBe(1);
    expect(engine.state.currentTrackId).toBe('other');
    expect(failures).toEqual([]);
  });
});
