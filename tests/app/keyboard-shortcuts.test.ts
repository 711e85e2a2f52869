import { describe, expect, it } from 'vitest';
import { shortcutFor } from '../../src/app/keyboard-shortcuts';

/** A keydown as the document sees it, from `target` (the page body unless said otherwise). */
function key(
  key: string,
  modifiers: Partial<Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>> = {},
  target: object = {},
) {
  return {
    key,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...modifiers,
    composedPath: () => [target],
  } as unknown as KeyboardEvent;
}

const context = { volume: 0.5, muted: false };

describe('keyboard shortcuts', () => {
  it('space plays or pauses; n and p go to the next and previous track; m mutes', () => {
    expect(shortcutFor(key(' '), context)).toEqual({ type: 'togglePlay' });
    expect(shortcutFor(key('n'), context)).toEqual({ type: 'next' });
    expect(shortcutFor(key('P'), context)).toEqual({ type: 'previous' });
    expect(shortcutFor(key('m'), context)).toEqual({ type: 'setMuted', muted: true });
  });

  it('left and right arrows seek 5 seconds; up and down change the volume, within 0 and 1', () => {
    expect(shortcutFor(key('ArrowLeft'), context)).toEqual({ type: 'skipBy', seconds: -5 });
    expect(shortcutFor(key('ArrowRight'), context)).toEqual({ type: 'skipBy', seconds: 5 });
    expect(shortcutFor(key('ArrowUp'), context)).toEqual({ type: 'setVolume', volume: 0.55 });
    expect(shortcutFor(key('ArrowDown'), { volume: 0.02, muted: false })).toEqual({ type: 'setVolume', volume: 0 });
    expect(shortcutFor(key('ArrowUp'), { volume: 0.98, muted: false })).toEqual({ type: 'setVolume', volume: 1 });
  });

  it('? shows the shortcuts; Ctrl/Cmd+Z undoes, with Shift (or Ctrl+Y) redoes', () => {
    expect(shortcutFor(key('?'), context)).toBe('show-shortcuts');
    expect(shortcutFor(key('z', { ctrlKey: true }), context)).toEqual({ type: 'undo' });
    expect(shortcutFor(key('Z', { metaKey: true, shiftKey: true }), context)).toEqual({ type: 'redo' });
    expect(shortcutFor(key('y', { ctrlKey: true }), context)).toEqual({ type: 'redo' });
    expect(shortcutFor(key('s', { ctrlKey: true }), context)).toBeNull();
  });

  it('leaves keys to the control that has them: text fields, and space on a focused button', () => {
    expect(shortcutFor(key('n', {}, new FakeInput('search')), context)).toBeNull();
    expect(shortcutFor(key('z', { ctrlKey: true }, new FakeInput('search')), context)).toBeNull();
    expect(shortcutFor(key('ArrowLeft', {}, new FakeInput('range')), context)).toBeNull();
    expect(shortcutFor(key(' ', {}, { tagName: 'BUTTON' }), context)).toBeNull();
    expect(shortcutFor(key('n', {}, { tagName: 'BUTTON' }), context)).toEqual({ type: 'next' });
  });

  it('leaves every key alone while a dialog is open', () => {
    const inDialog = (name: string) =>
      ({ ...key(name), composedPath: () => [{ tagName: 'BUTTON' }, { tagName: 'DIALOG', open: true }, {}] }) as unknown as KeyboardEvent;

    expect(shortcutFor(inDialog('n'), context)).toBeNull();
    expect(shortcutFor(inDialog(' '), context)).toBeNull();
    expect(shortcutFor(inDialog('?'), context)).toBeNull();
  });

  it('a skip forward knows the track’s length, so it stops at its end', () => {
    expect(shortcutFor(key('ArrowRight'), { ...context, durationSeconds: 181 })).toEqual({
      type: 'skipBy',
      seconds: 5,
      durationSeconds: 181,
    });
  });
});

/** Just enough of an <input> for the shortcut rules, in Node. */
class FakeInput {
  readonly tagName = 'INPUT';
  constructor(readonly type: string) {}
}
