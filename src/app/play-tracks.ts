/**
 * `Play album`, `Shuffle album`, `Play artist`, `Shuffle artist`: the first track plays and the rest replace
 * the queue, so what comes next is exactly these tracks, in every tab. Made of intents the player already
 * has (clear the queue, add to it, play a track), fired in that order: the other tabs see the engine's
 * ordinary queue changes, `Play <title>`'s checks apply to the first track, and Undo puts the old queue
 * back (one step where the clear and the add commit together, two where they commit apart). Nothing of it
 * is in the first paint's script.
 */

import type { PlayerIntent } from './intents';

export function playTracksIntents(trackIds: readonly string[], shuffle = false): PlayerIntent[] {
  const [first, ...rest] = shuffle ? shuffled(trackIds) : trackIds;
  if (first === undefined) return [];
  return [
    { type: 'clearQueue' },
    ...(rest.length > 0 ? [{ type: 'enqueue', trackIds: rest } as const] : []),
    { type: 'playTrack', trackId: first },
  ];
}

/** A copy in random order (Fisher–Yates). */
export function shuffled<T>(items: readonly T[], random: () => number = Math.random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
