import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ActionQueue, PACE_MS, type PendingAction } from '../../src/engine/action-queue';
import type { ActionInput, PlaybackAction } from '../../src/engine/model/actions';
import type { CommitResult } from '../../src/engine/storage/playback-state-store';

let sequence = 0;
const action = (input: ActionInput): PlaybackAction => ({ ...input, id: `a${++sequence}`, at: 0 }) as PlaybackAction;

/** A queue whose commits take no time and are written down, batch by batch, as what they carried. */
function recordingQueue() {
  const batches: string[][] = [];
  const queue = new ActionQueue(
    async (batch: readonly PendingAction[]) => {
      batches.push(batch.map(({ action }) => (action.type === 'setVolume' ? `volume ${action.volume}` : action.type)));
      for (const item of batch) for (const { resolve } of item.settle) resolve({} as CommitResult);
    },
    () => false,
    () => Date.now(),
  );
  return { queue, batches };
}

describe('the action queue paces what replaces itself', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a volume change after a quiet spell is committed at once', async () => {
    const { queue, batches } = recordingQueue();

    await queue.add(action({ type: 'setVolume', volume: 0.5 }), 'change');

    expect(batches).toEqual([['volume 0.5']]);
  });

  it('during a drag, one commit per interval carries the newest value, and the last value is always committed', async () => {
    const { queue, batches } = recordingQueue();
    const settled: Promise<unknown>[] = [];

    for (let step = 0; step < 20; step++) {
      settled.push(queue.add(action({ type: 'setVolume', volume: step / 100 }), 'change'));
      await vi.advanceTimersByTimeAsync(10);
    }
    await vi.advanceTimersByTimeAsync(PACE_MS);
    await Promise.all(settled);

    expect(batches.length).toBeLessThanOrEqual(Math.ceil((20 * 10) / PACE_MS) + 1);
    expect(batches[0]).toEqual(['volume 0']);
    expect(batches.at(-1)).toEqual(['volume 0.19']);
  });

  it('any other action ends the wait at once, and goes out after the volume made before it', async () => {
    const { queue, batches } = recordingQueue();
    await queue.add(action({ type: 'setVolume', volume: 0.5 }), 'change');
    const held = queue.add(action({ type: 'setVolume', volume: 0.4 }), 'change');
    await vi.advanceTimersByTimeAsync(1);
    expect(batches).toHaveLength(1);

    const next = queue.add(action({ type: 'next' }), 'change');
    await vi.advanceTimersByTimeAsync(0);

    expect(batches).toEqual([['volume 0.5'], ['volume 0.4', 'next']]);
    await Promise.all([held, next]);
  });

  it('a seek soon after another, with other actions committed in between, is not part of a drag and goes at once', async () => {
    const { queue, batches } = recordingQueue();
    await queue.add(action({ type: 'seek', positionSeconds: 10 }), 'change');
    await queue.add(action({ type: 'enqueue', trackIds: ['t2'] }), 'change');

    const seek = queue.add(action({ type: 'seek', positionSeconds: 20 }), 'change');
    await vi.advanceTimersByTimeAsync(0);

    expect(batches).toEqual([['seek'], ['enqueue'], ['seek']]);
    await seek;
  });

  it('a checkpoint never waits', async () => {
    const { queue, batches } = recordingQueue();
    const checkpoint = (positionSeconds: number) =>
      action({ type: 'checkpoint', tabId: 'tab', trackId: 't1', positionSeconds, positionEpoch: '' });
    await queue.add(checkpoint(1), 'change');

    await queue.add(checkpoint(2), 'change');

    expect(batches).toEqual([['checkpoint'], ['checkpoint']]);
  });

  it('settled() waits for a change that is waiting out its interval', async () => {
    const { queue, batches } = recordingQueue();
    await queue.add(action({ type: 'seek', positionSeconds: 1 }), 'change');
    void queue.add(action({ type: 'seek', positionSeconds: 2 }), 'change');

    const settled = queue.settled();
    await vi.advanceTimersByTimeAsync(PACE_MS);
    await settled;

    expect(batches).toEqual([['seek'], ['seek']]);
  });
});
