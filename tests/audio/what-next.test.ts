import { describe, expect, it } from 'vitest';
import { whatNext } from '../../src/audio/audio-output';

describe('what the person is told after a track fails', () => {
  it('another track playing: skipped to the next track', () => {
    expect(whatNext({ playing: true, currentTrackId: 't3' }, 't2')).toBe('Skipped to the next track.');
  });

  it('nothing queued after it, so stopped: says it stopped, and why', () => {
    expect(whatNext({ playing: false, currentTrackId: 't2' }, 't2')).toBe('Nothing is queued after it, so playback stopped.');
  });

  it('the same track again (Repeat: one): says it tries again', () => {
    expect(whatNext({ playing: true, currentTrackId: 't2' }, 't2')).toBe('Trying it again.');
  });
});
