/**
 * The pure mapping between a device's player and the shared document, with real Yjs documents standing
 * for devices: local changes become document writes, document changes become one engine action.
 */

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ActionInput, PlaybackAction } from '../../src/engine/model/actions';
import { keysBetween } from '../../src/engine/model/order-key';
import { reduce } from '../../src/engine/model/reducer';
import { initialState, type PlaybackState, positionAt } from '../../src/engine/model/state';
import {
  activeDevice,
  commandActions,
  commandFor,
  type DeviceState,
  diffQueues,
  localWrites,
  mirrorActions,
  queueActionsFor,
  remoteOwner,
  sharedOpsFor,
} from '../../src/remote/mapping';
import { applySharedOps, readSharedQueue, sharedMaps } from '../../src/remote/shared-doc';

let nextId = 0;
function act(state: PlaybackState, input: ActionInput, at = 1000): PlaybackState {
  return reduce(state, { ...input, id: `act${String(nextId++).padStart(4, '0')}`, at } as PlaybackAction);
}

/** A device: its engine's state and its copy of the shared document. */
class Device {
  state: PlaybackState;
  readonly doc = new Y.Doc();
  constructor(readonly id: string) {
    this.state = initialState(id);
  }
  /** A local change, written to the document as the bridge does. */
  local(input: ActionInput): void {
    const before = this.state.queue;
    this.state = act(this.state, input);
    const removed = sharedMaps(this.doc).removed;
    applySharedOps(
      this.doc,
      sharedOpsFor(diffQueues(before, this.state.queue), (id) => removed.has(id)),
      'local',
    );
  }
  /** The document's changes as the one action the bridge dispatches; tie-broken keys written back. */
  ingest(): void {
    const { queue, rekeyed } = readSharedQueue(this.doc, keysBetween);
    const removed = sharedMaps(this.doc).removed;
    applySharedOps(
      this.doc,
      sharedOpsFor({ put: rekeyed, remove: [] }, (id) => removed.has(id)),
      'local',
    );
    for (const action of queueActionsFor(this.state.queue, queue)) this.state = act(this.state, action);
  }
  trackIds(): string[] {
    return this.state.queue.map((entry) => entry.trackId);
  }
}

function exchange(a: Device, b: Device): void {
  const fromA = Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc));
  const fromB = Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc));
  Y.applyUpdate(b.doc, fromA);
  Y.applyUpdate(a.doc, fromB);
}

describe('local queue changes as document writes', () => {
  it('an add puts entries, a move rewrites one entry’s key, a remove deletes it and leaves a tombstone', () => {
    const device = new Device('A');
    device.local({ type: 'enqueue', trackIds: ['t1', 't2', 't3'] });
    const { queue, removed } = sharedMaps(device.doc);
    expect([...queue.keys()].sort()).toEqual(device.state.queue.map((e) => e.entryId).sort());
    const [first, , third] = device.state.queue;

    const before = device.state.queue;
    device.state = act(device.state, { type: 'move', entryId: third!.entryId, toIndex: 0 });
    const moveDiff = diffQueues(before, device.state.queue);
    expect(moveDiff).toEqual({ put: [device.state.queue[0]], remove: [] });

    const ops = sharedOpsFor(
      diffQueues(device.state.queue, act(device.state, { type: 'remove', entryId: first!.entryId }).queue),
      () => false,
    );
    expect(ops).toEqual([
      { map: 'queue', key: first!.entryId, delete: true },
      { map: 'removed', key: first!.entryId, value: true },
    ]);
    expect(removed.size).toBe(0);
  });

  it('putting back a removed entry (an undo) clears its tombstone', () => {
    const device = new Device('A');
    device.local({ type: 'enqueue', trackIds: ['t1'] });
    const entry = device.state.queue[0]!;
    device.local({ type: 'remove', entryId: entry.entryId });
    expect(sharedMaps(device.doc).removed.has(entry.entryId)).toBe(true);
    device.local({ type: 'revertQueue', restore: [entry], remove: [] });
    expect(sharedMaps(device.doc).removed.has(entry.entryId)).toBe(false);
    expect(readSharedQueue(device.doc, keysBetween).queue).toEqual([entry]);
  });
});

describe('local writes measured against what the document has', () => {
  it('a move of an entry the document already holds as removed is not written: the remove wins, here too', () => {
    const a = new Device('A');
    const b = new Device('B');
    a.local({ type: 'enqueue', trackIds: ['t1', 't2', 't3'] });
    exchange(a, b);
    b.ingest();
    const shadow = a.state.queue;
    const contested = shadow[0]!;
    b.local({ type: 'remove', entryId: contested.entryId });
    exchange(a, b); // A's document has the tombstone; A's engine does not know yet
    const moved = act(a.state, { type: 'move', entryId: contested.entryId, toIndex: 2 });
    const { queue, removed } = sharedMaps(a.doc);
    const view = { get: (id: string) => queue.get(id), isTombstoned: (id: string) => removed.has(id) };
    expect(localWrites(shadow, moved.queue, view)).toEqual([]);
    // Writes the document has already are not written again (that would undo a concurrent move elsewhere).
    expect(localWrites([], shadow.slice(1), view)).toEqual([]);
  });
});

describe('document changes as one engine action', () => {
  it('a revertQueue that makes the local queue the shared one, entry ids and keys included', () => {
    const a = new Device('A');
    const b = new Device('B');
    a.local({ type: 'enqueue', trackIds: ['t1', 't2', 't3'] });
    exchange(a, b);
    const actions = queueActionsFor(b.state.queue, readSharedQueue(b.doc, keysBetween).queue);
    expect(actions.map((action) => action.type)).toEqual(['revertQueue']);
    b.ingest();
    expect(b.state.queue).toEqual(a.state.queue);
    expect(queueActionsFor(b.state.queue, readSharedQueue(b.doc, keysBetween).queue)).toEqual([]);
  });

  it('two devices offline: 20 adds each at the same spot, a move against a remove: identical queues, every add kept, the removed entry stays removed', () => {
    const a = new Device('A');
    const b = new Device('B');
    a.local({ type: 'enqueue', trackIds: ['base1', 'base2', 'base3'] });
    exchange(a, b);
    b.ingest();
    const contested = a.state.queue[1]!;
    for (let i = 0; i < 20; i++) {
      a.local({ type: 'enqueue', trackIds: [`a${i}`] });
      b.local({ type: 'enqueue', trackIds: [`b${i}`] });
    }
    // Same spot on both: the same keys, made independently.
    expect(a.state.queue.slice(3).map((e) => e.order)).toEqual(b.state.queue.slice(3).map((e) => e.order));
    a.local({ type: 'move', entryId: contested.entryId, toIndex: 22 });
    b.local({ type: 'remove', entryId: contested.entryId });

    exchange(a, b);
    a.ingest();
    b.ingest();
    exchange(a, b); // the tie-broken keys each wrote back
    a.ingest();
    b.ingest();

    expect(a.state.queue).toEqual(b.state.queue);
    expect(a.state.queue).toHaveLength(42);
    expect(a.trackIds()).not.toContain('base2');
    for (let i = 0; i < 20; i++) expect(a.trackIds()).toEqual(expect.arrayContaining([`a${i}`, `b${i}`]));
    // Every key distinct, so the engine's own order (by key) is the shared one.
    expect(new Set(a.state.queue.map((e) => e.order)).size).toBe(42);
    expect(readSharedQueue(a.doc, keysBetween)).toEqual(readSharedQueue(b.doc, keysBetween));
    expect(readSharedQueue(a.doc, keysBetween).rekeyed).toEqual([]);
  });

  it('concurrent adds at the same key are both kept, ordered by entry id on every device', () => {
    const a = new Device('A');
    const b = new Device('B');
    applySharedOps(a.doc, [{ map: 'queue', key: 'x-from-a', value: { trackId: 't1', order: 'a0' } }], 'test');
    applySharedOps(b.doc, [{ map: 'queue', key: 'w-from-b', value: { trackId: 't2', order: 'a0' } }], 'test');
    exchange(a, b);
    const shared = readSharedQueue(a.doc, keysBetween);
    expect(shared.queue.map((e) => e.entryId)).toEqual(['w-from-b', 'x-from-a']);
    expect(shared.rekeyed).toHaveLength(1);
    expect(readSharedQueue(b.doc, keysBetween)).toEqual(shared);
  });
});

describe('who plays', () => {
  const device = (claimAt: number, extra: Partial<DeviceState> = {}): DeviceState => ({
    name: 'x',
    claimAt,
    trackId: 't1',
    positionSeconds: 0,
    positionAt: 0,
    playing: true,
    rate: 1,
    ...extra,
  });

  it('the newest claim plays, ties go to the greater device id, and a device that never claimed does not count', () => {
    expect(activeDevice([])).toBeNull();
    expect(activeDevice([['A', device(0)]])).toBeNull();
    expect(
      activeDevice([
        ['A', device(200)],
        ['B', device(100)],
      ]),
    ).toBe('A');
    expect(
      activeDevice([
        ['B', device(200)],
        ['A', device(200)],
      ]),
    ).toBe('B');
  });

  it('a remote control mirrors the active device: its track and place, with the sound on no tab of its own', () => {
    const now = 50_000;
    let local = initialState('B');
    const a = device(1, { trackId: 't7', positionSeconds: 30, positionAt: now - 2000, playing: true });
    for (const input of mirrorActions(local, 'A', a, now)) local = act(local, input, now);
    expect(local).toMatchObject({ currentTrackId: 't7', playing: true, ownerTabId: remoteOwner('A') });
    expect(positionAt(local, now)).toBeCloseTo(32, 5);
    expect(mirrorActions(local, 'A', a, now + 500)).toEqual([]);

    const paused = { ...a, playing: false, positionSeconds: 40, positionAt: now + 1000 };
    for (const input of mirrorActions(local, 'A', paused, now + 1000)) local = act(local, input, now + 1000);
    expect(local).toMatchObject({ playing: false, positionSeconds: 40, ownerTabId: remoteOwner('A') });
  });

  it('a pause on a remote becomes a command the active device carries out; carrying it out again changes nothing', () => {
    const now = 10_000;
    let mirror = act(initialState('B'), { type: 'play', trackId: 't1', tabId: remoteOwner('A') }, now);
    const paused = act(mirror, { type: 'pause' }, now + 5000);
    const command = commandFor(mirror, paused, 'B', 'A', now + 5000);
    expect(command).toMatchObject({ to: 'A', from: 'B', trackId: 't1', playing: false, positionSeconds: 5 });
    mirror = paused;
    expect(commandFor(mirror, mirror, 'B', 'A', now + 6000)).toBeNull();

    let active = act(initialState('A'), { type: 'play', trackId: 't1', tabId: 'tab-a' }, now);
    for (const input of commandActions(active, command!, 'tab-a')) active = act(active, input, now + 5100);
    expect(active).toMatchObject({ playing: false, positionSeconds: 5, ownerTabId: 'tab-a' });
    const again = commandActions(active, command!, 'tab-a').reduce((state, input) => act(state, input, now + 5200), active);
    expect({ ...again, positionEpoch: '' }).toMatchObject({ playing: false, positionSeconds: 5, currentTrackId: 't1' });
  });
});
