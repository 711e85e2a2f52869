/**
 * Most components show a few fields of the shared state, and every committed change (a checkpoint's
 * position once a second, a queue edit) is a new state object. A component whose `shouldUpdate` asks
 * `shownChanged` re-renders only when what it shows changed: in a receiving tab, each update skipped is
 * time before the change that did matter reaches the screen (the app's updates of one change all run
 * before the browser shows any of them).
 */

import type { PropertyValues } from 'lit';
import type { PlaybackState } from '../engine/model/state';

/** What a component shows of the state, as values compared one by one (`===`). */
export type Shown = (playback: PlaybackState) => readonly unknown[];

/**
 * Whether to update: always, unless `playback` is the only property that changed and each value `shown`
 * picks out of it is the same as before.
 */
export function shownChanged(changed: PropertyValues, now: PlaybackState | null, shown: Shown): boolean {
  if (changed.size !== 1 || !changed.has('playback')) return true;
  const before = changed.get('playback') as PlaybackState | null | undefined;
  if (!before || !now) return before !== now;
  const [was, is] = [shown(before), shown(now)];
  return was.length !== is.length || was.some((value, i) => value !== is[i]);
}
