/**
 * How one browser's player maps onto the shared Yjs document of a person's devices, as pure functions on
 * plain data (no Yjs, no DOM): the bridge (bridge.ts) only reads the maps, calls these and writes what
 * they return. See docs/SYNC.md for the document's shape.
 *
 * - The queue: `queue` maps entry id → { trackId, order, track? }; `removed` maps entry id → true, a
 *   tombstone. An entry is in the queue when it is in `queue` and not in `removed`, so a remove always
 *   wins over a concurrent move (a move writes only `queue`). Order is (order key, entry id): equal keys
 *   made on two devices at once cannot collide; the first device to see a tie gives the later entries
 *   keys of their own (the same ones on every device, as they depend only on the document).
 * - Who plays: `devices` maps device id → that device's own DeviceState, written only by it. The active
 *   device is the newest claim, by (claimAt, device id); the others mirror it and are remote controls.
 * - Commands: `commands` maps command id → Command, written by a remote, run and deleted by its target.
 */

import type { ActionInput } from '../engine/model/actions';
import { type PlaybackState, positionAt, type QueueEntry } from '../engine/model/state';
import type { ChangeCause } from '../engine/playback-engine';
import { remoteOwner } from './owner';
import type { TrackIdentity } from './track-elsewhere';
import { SAME_TRACKS, type SharedTrackRef, type TrackTranslation } from './track-translation';

export { REMOTE_OWNER_PREFIX, remoteDeviceOf, remoteOwner } from './owner';

export type { TrackIdentity } from './track-elsewhere';

/** An entry's value in the shared `queue` (or `playlistEntries`) map. */
export interface SharedEntry extends SharedTrackRef {
  readonly order: string;
  /** Only in `playlistEntries`: the playlist the entry is in. */
  readonly playlistId?: string;
}

/** One write to the shared document: set `key` of the map named `map`, or delete it. */
export type SharedOp =
  | { readonly map: string; readonly key: string; readonly value: unknown }
  | { readonly map: string; readonly key: string; readonly delete: true };

/**
 * Where a list of entries lives in the document: the map of its entries, the map of its tombstones, and
 * an entry's key in both. The queue's keys are entry ids; a playlist's are `<playlist id>:<entry id>` in
 * maps that every playlist shares (one nested map per playlist, made on two devices at once, would lose one).
 */
export interface SharedList {
  readonly entries: string;
  readonly removed: string;
  keyOf(entryId: string): string;
  /** Written with every entry of the list. */
  readonly extra?: { readonly playlistId: string };
}

export const QUEUE_LIST: SharedList = { entries: 'queue', removed: 'removed', keyOf: (entryId) => entryId };

export interface QueueDiff {
  /** Entries that are new or whose order key (or track) changed. */
  readonly put: readonly QueueEntry[];
  /** Entry ids no longer in the queue. */
  readonly remove: readonly string[];
}

/** What changed between two queues. Entries are immutable, so an unchanged one is usually the same object. */
export function diffQueues(before: readonly QueueEntry[], after: readonly QueueEntry[]): QueueDiff {
  const old = new Map(before.map((entry) => [entry.entryId, entry]));
  const put: QueueEntry[] = [];
  for (const entry of after) {
    const was = old.get(entry.entryId);
    old.delete(entry.entryId);
    if (was === entry) continue;
    if (!was || was.order !== entry.order || was.trackId !== entry.trackId) put.push(entry);
  }
  return { put, remove: [...old.keys()] };
}

/**
 * A local change of a list as writes to the shared document. A put that brings back an entry id (undo of
 * a remove) clears its tombstone; a remove deletes the entry and leaves a tombstone.
 */
export function sharedOpsFor(
  diff: QueueDiff,
  isTombstoned: (entryId: string) => boolean,
  sharedValue: (entry: QueueEntry) => SharedEntry = (entry) => ({ trackId: entry.trackId, order: entry.order }),
  list: SharedList = QUEUE_LIST,
): SharedOp[] {
  const ops: SharedOp[] = [];
  for (const entry of diff.put) {
    const key = list.keyOf(entry.entryId);
    ops.push({ map: list.entries, key, value: sharedValue(entry) });
    if (isTombstoned(entry.entryId)) ops.push({ map: list.removed, key, delete: true });
  }
  for (const entryId of diff.remove) {
    const key = list.keyOf(entryId);
    ops.push({ map: list.entries, key, delete: true });
    ops.push({ map: list.removed, key, value: true });
  }
  return ops;
}

/** What the shared document holds now for one list, by entry id, as far as writing local changes needs to know. */
export interface SharedView {
  get(entryId: string): SharedEntry | undefined;
  isTombstoned(entryId: string): boolean;
}

/**
 * An entry's value in the document: the one there, with this order key, while it still names the same
 * track here (so another device's id and tags for it stay); else this device's track, as the document names it.
 */
export function sharedValueOf(shared: SharedView, tracks: TrackTranslation, list: SharedList = QUEUE_LIST) {
  return (entry: QueueEntry): SharedEntry => {
    const there = shared.get(entry.entryId);
    if (there && tracks.local(there) === entry.trackId) return { ...there, order: entry.order };
    return { ...tracks.shared(entry.trackId), order: entry.order, ...list.extra };
  };
}

/**
 * The writes that bring the shared document up to this device's list, from the list as it was last
 * written (`shadow`). Writes the document already has are left out (re-writing them would undo a
 * concurrent move elsewhere), and an entry that was in the list here and is tombstoned there stays
 * removed: a remove wins over a move. Only an entry put back after it left (an undo) clears its tombstone.
 */
export function localWrites(
  shadow: readonly QueueEntry[],
  local: readonly QueueEntry[],
  shared: SharedView,
  tracks: TrackTranslation = SAME_TRACKS,
  list: SharedList = QUEUE_LIST,
): SharedOp[] {
  const diff = diffQueues(shadow, local);
  if (diff.put.length === 0 && diff.remove.length === 0) return [];
  const wasHere = new Set(shadow.map((entry) => entry.entryId));
  const put = diff.put.filter((entry) => {
    if (shared.isTombstoned(entry.entryId)) return !wasHere.has(entry.entryId);
    const there = shared.get(entry.entryId);
    return !there || there.order !== entry.order || tracks.local(there) !== entry.trackId;
  });
  const remove = diff.remove.filter((entryId) => !shared.isTombstoned(entryId));
  return sharedOpsFor({ put, remove }, (entryId) => shared.isTombstoned(entryId), sharedValueOf(shared, tracks, list), list);
}

/** By order key, then entry id: the shared queue's order, the same on every device. */
export function bySharedOrder(a: { entryId: string; order: string }, b: { entryId: string; order: string }): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0;
}

export type KeysBetween = (a: string | null, b: string | null, count: number) => string[];

export interface SharedQueue {
  /** The queue as this device's engine holds it: every order key distinct, in the shared order. */
  readonly queue: QueueEntry[];
  /** Entries whose order key had to change to break a tie: written back, so every device agrees. */
  readonly rekeyed: QueueEntry[];
}

/**
 * The queue the shared document describes. Entries with equal order keys are ordered by entry id, and all
 * but the first of them get distinct keys between theirs and the next one's, so the engine (which orders
 * by key alone) shows the same order on every device.
 */
export function queueFromShared(
  entries: Iterable<readonly [string, SharedEntry]>,
  isTombstoned: (entryId: string) => boolean,
  /** The engine's keysBetween (order-key.ts), handed in so that this chunk does not carry a copy. */
  keysBetween: KeysBetween,
  tracks: TrackTranslation = SAME_TRACKS,
): SharedQueue {
  const live: QueueEntry[] = [];
  for (const [entryId, value] of entries) {
    if (isTombstoned(entryId) || !isSharedEntry(value)) continue;
    live.push({ entryId, trackId: tracks.local(value), order: value.order });
  }
  live.sort(bySharedOrder);
  const rekeyed: QueueEntry[] = [];
  for (let i = 0; i < live.length; ) {
    let end = i + 1;
    while (end < live.length && live[end]!.order === live[i]!.order) end++;
    if (end - i > 1) {
      const keys = keysBetween(live[i]!.order, live[end]?.order ?? null, end - i - 1);
      for (let k = i + 1; k < end; k++) {
        const entry = { ...live[k]!, order: keys[k - i - 1]! };
        live[k] = entry;
        rekeyed.push(entry);
      }
    }
    i = end;
  }
  return { queue: live, rekeyed };
}

export function isSharedEntry(value: unknown): value is SharedEntry {
  if (typeof value !== 'object' || value === null) return false;
  const { trackId, order } = value as Record<string, unknown>;
  return typeof trackId === 'string' && trackId.length > 0 && typeof order === 'string' && order.length > 0;
}

/**
 * The actions that make this device's queue the shared one, to run in turn; none when they already agree.
 * Usually one. An entry whose track changed here (its copy found in a library that just grew) is taken
 * out first and put back by the second: a revert puts back an entry only where it is not already.
 */
export function queueActionsFor(local: readonly QueueEntry[], shared: readonly QueueEntry[]): ActionInput<'revertQueue'>[] {
  const diff = diffQueues(local, shared);
  if (diff.put.length === 0 && diff.remove.length === 0) return [];
  const retracked = retrackedIds(local, diff.put);
  const all: ActionInput<'revertQueue'> = { type: 'revertQueue', restore: diff.put, remove: diff.remove };
  return retracked.length ? [{ type: 'revertQueue', restore: [], remove: retracked }, all] : [all];
}

/** Ids of entries in `put` that `before` holds with another track. */
export function retrackedIds(before: readonly QueueEntry[], put: readonly QueueEntry[]): string[] {
  if (put.length === 0) return [];
  const tracks = new Map(before.map((entry) => [entry.entryId, entry.trackId]));
  return put.filter((entry) => tracks.has(entry.entryId) && tracks.get(entry.entryId) !== entry.trackId).map((entry) => entry.entryId);
}

// ── Who plays ────────────────────────────────────────────────────────────────────────────────────────

/** What a device says about itself in the shared `devices` map; only that device writes it. */
export interface DeviceState {
  readonly name: string;
  /** When it last took the sound (wall-clock ms); 0 if it never did. */
  readonly claimAt: number;
  readonly trackId: string | null;
  readonly track?: TrackIdentity;
  readonly positionSeconds: number;
  /** Wall-clock ms at which positionSeconds was true. */
  readonly positionAt: number;
  readonly playing: boolean;
  readonly rate: number;
}

export function isDeviceState(value: unknown): value is DeviceState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.name === 'string' &&
    typeof v.claimAt === 'number' &&
    (v.trackId === null || typeof v.trackId === 'string') &&
    typeof v.positionSeconds === 'number' &&
    typeof v.positionAt === 'number' &&
    typeof v.playing === 'boolean' &&
    typeof v.rate === 'number'
  );
}

/** The device the sound is on: the newest claim, by (time, device id); null when no device has claimed. */
export function activeDevice(devices: Iterable<readonly [string, DeviceState]>): string | null {
  let best: [string, number] | null = null;
  for (const [deviceId, state] of devices) {
    if (!isDeviceState(state) || state.claimAt <= 0) continue;
    if (!best || state.claimAt > best[1] || (state.claimAt === best[1] && deviceId > best[0])) best = [deviceId, state.claimAt];
  }
  return best?.[0] ?? null;
}

/** What this device publishes about its playback, from its engine's state. */
export function deviceStateOf(state: PlaybackState, name: string, claimAt: number, nowMs: number): DeviceState {
  return {
    name,
    claimAt,
    trackId: state.currentTrackId,
    positionSeconds: positionAt(state, nowMs),
    positionAt: nowMs,
    playing: state.playing,
    rate: state.rate,
  };
}

/** Where a device's track is at `nowMs`, extrapolated while it plays. */
export function devicePosition(device: DeviceState, nowMs: number): number {
  return positionAt({ ...device, positionEpoch: '' } as never, nowMs);
}

/** Below this, a mirrored position is close enough not to be corrected. */
export const POSITION_TOLERANCE_SECONDS = 0.15;

/**
 * The actions that make this device's engine mirror the active device `deviceId` (its sound elsewhere:
 * the owner is `device:<id>`, so no tab here plays). Empty when it already does.
 */
export function mirrorActions(local: PlaybackState, deviceId: string, device: DeviceState, nowMs: number): ActionInput[] {
  const owner = remoteOwner(deviceId);
  const actions: ActionInput[] = [];
  if (device.trackId === null) {
    if (local.playing) actions.push({ type: 'pause' });
    return actions;
  }
  const target = devicePosition(device, nowMs);
  let mirrored = { track: local.currentTrackId, position: positionAt(local, nowMs), playing: local.playing, owner: local.ownerTabId };
  if (local.currentTrackId !== device.trackId) {
    actions.push({ type: 'play', trackId: device.trackId, tabId: owner });
    mirrored = { track: device.trackId, position: 0, playing: true, owner };
  }
  if (device.playing) {
    if (!mirrored.playing || mirrored.owner !== owner) {
      actions.push({ type: 'resume', tabId: owner });
      mirrored = { ...mirrored, playing: true, owner };
    }
    if (Math.abs(mirrored.position - target) > POSITION_TOLERANCE_SECONDS) actions.push({ type: 'seek', positionSeconds: target });
  } else {
    if (mirrored.owner !== owner) actions.push({ type: 'resume', tabId: owner });
    if (mirrored.playing || mirrored.owner !== owner || Math.abs(mirrored.position - target) > POSITION_TOLERANCE_SECONDS) {
      actions.push({ type: 'pause', positionSeconds: target });
    }
  }
  return actions;
}

// ── Commands from a remote ────────────────────────────────────────────────────────────────────────────

/**
 * What a remote control asks the active device to do: be at this track, this place, playing or not. A
 * target, not a step, so that running it twice would change nothing (it runs once anyway).
 */
export interface Command {
  readonly to: string;
  readonly from: string;
  readonly at: number;
  readonly trackId: string | null;
  /** For a track of the remote's own library: how the active device finds its copy. */
  readonly track?: TrackIdentity;
  readonly positionSeconds: number;
  readonly playing: boolean;
}

export function isCommand(value: unknown): value is Command {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.to === 'string' &&
    typeof v.from === 'string' &&
    typeof v.at === 'number' &&
    (v.trackId === null || typeof v.trackId === 'string') &&
    typeof v.positionSeconds === 'number' &&
    typeof v.playing === 'boolean'
  );
}

/**
 * Who made a committed change on a remote control (this device, mirroring the active one): a person here
 * (in this tab, another tab of this browser, or a change re-read from the store: only the bridge's tab
 * mirrors, and its own commits are local); the player itself (a checkpoint, the sound's tab going away),
 * which asks nothing of the other device; or the bridge, following the active device or taking in another
 * device's queue (roles `mirror` and `remote`, which only the bridge dispatches). A batch that holds
 * a person's action with the bridge's is the person's: the command is a target, the state as it is now.
 */
export function changedBy(cause: ChangeCause): 'person' | 'player' | 'bridge' {
  if (cause.kind !== 'resync' && cause.actions.some((type) => type === 'ownerGone' || type === 'checkpoint')) return 'player';
  if (cause.kind === 'local' && cause.roles.every((role) => role === 'mirror' || role === 'remote')) return 'bridge';
  return 'person';
}

/**
 * A person on a remote control changed what its mirror shows (pause, seek, next…): the command that asks
 * the active device for the same, or null when nothing it mirrors changed.
 */
export function commandFor(mirrored: PlaybackState, now: PlaybackState, from: string, to: string, nowMs: number): Command | null {
  const moved = now.positionEpoch !== mirrored.positionEpoch;
  if (now.currentTrackId === mirrored.currentTrackId && now.playing === mirrored.playing && !moved) return null;
  return { to, from, at: nowMs, trackId: now.currentTrackId, positionSeconds: positionAt(now, nowMs), playing: now.playing };
}

/** The actions by which the active device (its sound in tab `ownerTabId`) carries out a command. */
export function commandActions(local: PlaybackState, command: Command, ownerTabId: string): ActionInput[] {
  const actions: ActionInput[] = [];
  if (command.trackId === null) return local.playing ? [{ type: 'pause' }] : [];
  if (command.trackId !== local.currentTrackId) actions.push({ type: 'play', trackId: command.trackId, tabId: ownerTabId });
  actions.push({ type: 'seek', positionSeconds: command.positionSeconds });
  if (command.playing) actions.push({ type: 'resume', tabId: ownerTabId });
  else if (local.playing || command.trackId !== local.currentTrackId)
    actions.push({ type: 'pause', positionSeconds: command.positionSeconds });
  return actions;
}
