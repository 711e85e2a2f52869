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

describe('a person’s action and a checkpoint on its way', () => {
  /** A queue whose commits finish only when told to, each noting whether it went behind another. */
  function heldQueue() {
    const started: { types: string[]; behind: boolean; finish: () => void }[] = [];
    const queue = new ActionQueue(
      (batch: readonly PendingAction[], behind: Promise<void> | null) =>
        new Promise<void>((done) => {
          started.push({
            types: batch.map(({ action }) => action.type),
            behind: behind !== null,
            finish: () => {
              for (const item of batch) for (const { resolve } of item.settle) resolve({} as CommitResult);
              done();
            },
          });
        }),
      () => false,
    );
    return { queue, started };
  }
  const checkpoint = () => action({ type: 'checkpoint', tabId: 'tab', trackId: 't1', positionSeconds: 1, positionEpoch: '' });

  it('goes out at once, behind the checkpoint, rather than waiting for its answer', async () => {
    const { queue, started } = heldQueue();
    const written = queue.add(checkpoint(), 'change');
    await Promise.resolve();

    const next = queue.add(action({ type: 'next' }), 'change');
    await new Promise((resolve) => setTimeout(resolve, 0));

    expect(started.map(({ types, behind }) => ({ types, behind }))).toEqual([
      { types: ['checkpoint'], behind: false },
      { types: ['next'], behind: true },
    ]);
    for (const { finish } of started) finish();
    await Promise.all([written, next]);
  });

  it('another checkpoint waits for it, and goes behind it with the person’s action; what follows that waits', async () => {
    const { queue, started } = heldQueue();
    const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
    const first = queue.add(checkpoint(), 'change');
    const second = queue.add(checkpoint(), 'change');
    await tick();
    expect(started).toHaveLength(1);

    const next = queue.add(action({ type: 'next' }), 'change');
    await tick();
    const previous = queue.add(action({ type: 'previous' }), 'change');
    await tick();
    expect(started.map(({ types, behind }) => ({ types, behind }))).toEqual([
      { types: ['checkpoint'], behind: false },
      { types: ['checkpoint', 'next'], behind: true },
    ]);

    started[0]!.finish();
    started[1]!.finish();
    await Promise.all([first, second, next]);
    await tick();
    expect(started.map(({ types, behind }) => ({ types, behind }))[2]).toEqual({ types: ['previous'], behind: false });
    started[2]!.finish();
    await previous;
  });
});
