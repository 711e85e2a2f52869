/** Whether two tabs show the same thing: for tests of tabs that change the shared state together. */

import { expect } from 'vitest';
import type { PlaybackState } from '../../src/engine/model/state';
import type { PlaybackEngine } from '../../src/engine/playback-engine';
import { eventually } from './tabs';

/** What a person sees of the state: everything but the bookkeeping of when it was written. */
export function visible(state: PlaybackState) {
  const { updatedAt: _updatedAt, insertedAt: _insertedAt, ...rest } = state;
  return rest;
}

/** Waits until B is at A's rev, and then it must show what A shows. */
export async function inSync(a: PlaybackEngine, b: PlaybackEngine): Promise<void> {
  await eventually(() => b.state.rev === a.state.rev, `B reaches rev ${a.state.rev}`);
  expect(visible(b.state)).toEqual(visible(a.state));
}
