import { describe, expect, test } from 'vitest';
import { LIBRARY_CHANGED, libraryEvent, parseLibraryEvent } from '../../src/library/library-events';

const TOPIC = 'playback:A1B2C3D4E5F6A7B8';
const good = libraryEvent(TOPIC, 'tab-1', 3, 'evt-1', {
  changed: ['local-1'],
  removed: [],
  sources: false,
  progress: { done: 1, found: 4 },
});

describe('library events on the channel', () => {
  test('a well-formed event parses to itself, with only known fields', () => {
    expect(parseLibraryEvent({ ...good, extra: 1, data: { ...good.data, more: true } }, TOPIC)).toEqual(good);
  });

  test('junk is rejected without throwing', () => {
    const junk: unknown[] = [
      null,
      'library_changed',
      [],
      { ...good, topic: 'playback:OTHER' },
      { ...good, v: 2 },
      { ...good, v: '1' },
      { ...good, id: '' },
      { ...good, rev: -1 },
      { ...good, rev: 1.5 },
      { ...good, source: 42 },
      { ...good, type: 'library_exploded' },
      { ...good, data: null },
      { ...good, data: { ...good.data, changed: 'local-1' } },
      { ...good, data: { ...good.data, changed: [''] } },
      { ...good, data: { ...good.data, removed: Array.from({ length: 10_001 }, (_, i) => `t${i}`) } },
      { ...good, data: { ...good.data, sources: 'yes' } },
      { ...good, data: { ...good.data, progress: { done: 5, found: 4 } } },
      { ...good, data: { ...good.data, progress: { done: 1 } } },
      { ...good, data: { ...good.data, progress: undefined } },
    ];
    for (const message of junk) expect(parseLibraryEvent(message, TOPIC), JSON.stringify(message)?.slice(0, 80)).toBeNull();
  });

  test('the type is its own, so playback tabs of this version count it as unknown and change nothing', () => {
    expect(good.type).toBe(LIBRARY_CHANGED);
    expect(good.type).not.toBe('playback_state_updated');
  });
});
