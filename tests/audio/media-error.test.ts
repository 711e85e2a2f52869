import { describe, expect, it } from 'vitest';
import { judgeMediaError, type MediaErrorFacts } from '../../src/audio/media-error';

/** An element that was playing well (HAVE_ENOUGH_DATA, not paused), online. */
const playing: MediaErrorFacts = { code: 3, message: '', paused: false, ended: false, readyState: 4, online: true };
/** An element that never got going: play() was called, nothing loaded. */
const neverLoaded: MediaErrorFacts = { code: 4, message: '', paused: false, ended: false, readyState: 0, online: true };

describe('an error event on the audio element', () => {
  it('from Firefox with no audio output device (code 3, OnMediaSinkAudioError, still playing) means the sound has nowhere to go', () => {
    expect(judgeMediaError({ ...playing, message: 'OnMediaSinkAudioError' })).toEqual({ kind: 'no-output' });
  });

  it('from a media sink is never a broken file, whatever state the element is left in', () => {
    expect(judgeMediaError({ ...neverLoaded, code: 3, paused: true, message: 'OnMediaSinkAudioError' })).toEqual({ kind: 'no-output' });
    expect(judgeMediaError({ ...playing, message: 'AudioSink: init failed' })).toEqual({ kind: 'no-output' });
  });

  it('while the element plays on is not a broken file: it is skipped only if it then stops advancing', () => {
    expect(judgeMediaError(playing)).toEqual({ kind: 'still-playing', reasonIfStuck: 'the file could not be decoded' });
  });

  it('on a file that never loaded (missing, not audio) is a broken file', () => {
    expect(judgeMediaError(neverLoaded)).toEqual({ kind: 'broken', reason: 'the file is missing or is not audio this browser can play' });
    expect(judgeMediaError({ ...neverLoaded, code: 3, readyState: 1 })).toEqual({
      kind: 'broken',
      reason: 'the file could not be decoded',
    });
  });

  it('names the network, or being offline, when that is what failed', () => {
    expect(judgeMediaError({ ...neverLoaded, code: 2 })).toEqual({ kind: 'broken', reason: 'the network failed while loading it' });
    expect(judgeMediaError({ ...neverLoaded, online: false })).toEqual({ kind: 'broken', reason: 'it is not available offline' });
  });

  it('on a paused or ended element is judged as a broken file (it is not playing on)', () => {
    expect(judgeMediaError({ ...playing, paused: true }).kind).toBe('broken');
    expect(judgeMediaError({ ...playing, ended: true }).kind).toBe('broken');
  });
});
