import type { PropertyValues } from 'lit';
import { describe, expect, it } from 'vitest';
import { initialState, type PlaybackState } from '../../src/engine/model/state';
import { shownChanged } from '../../src/ui/shown-fields';

const before: PlaybackState = { ...initialState('device-1', 0), rev: 4, volume: 0.5 };
const shown = (p: PlaybackState) => [p.volume, p.playing];

function changedFrom(values: Record<string, unknown>): PropertyValues {
  return new Map(Object.entries(values)) as PropertyValues;
}

describe('shownChanged', () => {
  it('skips a new state that differs only in what the component does not show', () => {
    const now = { ...before, rev: 5, positionSeconds: 12 };

    expect(shownChanged(changedFrom({ playback: before }), now, shown)).toBe(false);
  });

  it('updates when a field it shows changed', () => {
    expect(shownChanged(changedFrom({ playback: before }), { ...before, rev: 5, volume: 0.6 }, shown)).toBe(true);
    expect(shownChanged(changedFrom({ playback: before }), { ...before, rev: 5, playing: true }, shown)).toBe(true);
  });

  it('updates when any other property changed too, or when there was no state before, or is none now', () => {
    expect(shownChanged(changedFrom({ playback: before, tabId: 'x' }), { ...before, rev: 5 }, shown)).toBe(true);
    expect(shownChanged(changedFrom({ tabId: 'x' }), before, shown)).toBe(true);
    expect(shownChanged(changedFrom({ playback: undefined }), before, shown)).toBe(true);
    expect(shownChanged(changedFrom({ playback: before }), null, shown)).toBe(true);
  });

  it('updates for a request with no property changed (a clock tick)', () => {
    expect(shownChanged(changedFrom({}), before, shown)).toBe(true);
  });
});
