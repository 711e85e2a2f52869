/**
 * The stored state of one device, and the only way to change it: each commit checks the stored rev, brings
 * the tab's copy up to date if it is behind, applies the actions and writes the result with `rev + 1` — all
 * inside one readwrite transaction, which IndexedDB serialises across every tab of the origin. Two tabs
 * that act at the same moment therefore both keep their change: neither overwrites the other.
 *
 * Transaction hygiene: nothing but the transaction's own requests is awaited inside it.
 */

import type { PlaybackAction } from '../model/actions';
import { topicFor } from '../model/events';
import { type RepairResult, repairRecord } from '../model/repair';
import type { PlaybackState } from '../model/state';
import type { AnyTransaction, StoreAccess } from './catch-up';
import { COMMIT_STORES, EVENTS, type MediaStreamDatabase, PLAYBACK_STATES, PLAYLIST_ENTRIES, QUEUE_ENTRIES } from './database';
import { allPlaylistEntriesRange, entryRange } from './entry-ranges';
import { planning } from './load-commit-planning';
import type { CommitAhead, CommitMeta, CommitOptions, CommitResult, PlaybackStateStore } from './playback-state-store';
import type { ConditionalWriter, PlannedWrite } from './record-writes';

/** Catching up with the store (and the logged events' validation it needs) loads with the first gap, not before the first paint. */
function catchingUp(): Promise<typeof import('./catch-up')> {
  return import('./catch-up');
}

type RecordWrites = typeof import('./record-writes');

/** How changes are written: the first paint only reads, so the writing code loads with the first write. */
function recordWrites(): Promise<RecordWrites> {
  return import('./record-writes');
}

export class PlaybackStore implements PlaybackStateStore {
  readonly topic: string;
  readonly persistent = true;

  /** Where a change planned on an up-to-date copy is written: in this thread unless told otherwise. */
  private writer: ConditionalWriter;
  private readonly access: StoreAccess;

  constructor(
    private readonly db: MediaStreamDatabase,
    readonly deviceId: string,
  ) {
    this.topic = topicFor(deviceId);
    this.access = { db, deviceId, topic: this.topic, readSnapshot: (tx, nowMs, id) => this.readSnapshot(tx, nowMs, id) };
    const write = async (planned: PlannedWrite) => (await recordWrites()).writeIfCurrent(db, planned);
    this.writer = {
      announces: false,
      // Behind a write on its way: only once it is written, as it was planned on what that one leaves.
      write: (planned, after) =>
        after
          ? after.then(
              (outcome) => (outcome === 'written' ? write(planned) : 'stale'),
              () => 'stale' as const,
            )
          : write(planned),
    };
  }

  /** Writes planned changes through `writer` from now on (the commit worker, once it is ready). */
  useWriter(writer: ConditionalWriter): void {
    this.writer = writer;
  }

  /** The saved state, repaired if it needs to be (and then saved back with a raised rev). */
  async load(nowMs: number): Promise<RepairResult> {
    // Almost always there is nothing to repair, and reading is all the first paint waits for. When there
    // is, it is read again in a readwrite transaction once the writing code is here, and written back in
    // that one (so a write by another tab in between is repaired too, never overwritten).
    return (await this.loadOnce(nowMs, null)) ?? (await this.loadOnce(nowMs, await recordWrites()))!;
  }

  /** The saved state; null when it needs repair and there is no `writes` to save the repair with. */
  private async loadOnce(nowMs: number, writes: RecordWrites | null): Promise<RepairResult | null> {
    if (!writes) {
      const tx = this.db.transaction(COMMIT_STORES, 'readonly');
      const read = await this.readSnapshot(tx, nowMs);
      await tx.done;
      return read.problems.length === 0 ? read : null;
    }
    const tx = this.db.transaction(COMMIT_STORES, 'readwrite');
    const { state, problems } = await this.readSnapshot(tx, nowMs);
    if (problems.length === 0) {
      await tx.done;
      return { state, problems };
    }
    const repaired = { ...state, rev: state.rev + 1, queueRev: state.rev + 1 };
    writes.writeWhole(tx, repaired, writes.toRecord(repaired));
    await tx.done;
    return { state: repaired, problems };
  }

  async loadPreview(nowMs: number): Promise<PlaybackState | null> {
    // One small get: the entries (a 1,000-entry queue is most of a restore's read) are `load`'s to read.
    const { state, problems } = repairRecord(await this.db.get(PLAYBACK_STATES, this.deviceId), [], this.deviceId, nowMs);
    return problems.length === 0 ? state : null;
  }

  /** `base` brought up to the stored rev: from the event log when it covers the gap, else read whole. */
  async readSince(base: PlaybackState, nowMs: number): Promise<PlaybackState> {
    return (await catchingUp()).readSince(this.access, base, nowMs);
  }

  /** The stored rev alone: a cheap check for changes whose broadcast never arrived. */
  async readRev(): Promise<number | null> {
    const record = await this.db.get(PLAYBACK_STATES, this.deviceId);
    return record && typeof record.rev === 'number' ? record.rev : null;
  }

  /**
   * Commits in one round trip when this tab is up to date, which it almost always is (see writeIfCurrent);
   * when it is not, or when the actions change nothing here, the commit catches up first.
   */
  async commit(base: PlaybackState, actions: readonly PlaybackAction[], meta: CommitMeta, options?: CommitOptions): Promise<CommitResult> {
    const { planCommit } = await planning();
    const { patch, event, record, rejected, committed } = planCommit(base, actions, meta, this.topic);
    if (event && base.rev > 0) {
      const writer = this.writer;
      const writing = writer.write({ deviceId: this.deviceId, baseRev: base.rev, record, patch, event });
      // Not written: the commit below tries again, and reports what stops it.
      const written = writing.catch(() => 'failed' as const);
      // Built while the write is on its way (a long queue's new array takes a few milliseconds).
      const state = committed();
      options?.onAhead?.({ state, written: writing });
      if ((await written) === 'written') return { base, state, event, rejected, posted: writer.announces };
    }
    return (await catchingUp()).catchUpAndCommit(this.access, base, actions, meta);
  }

  /**
   * Planned on what `ahead` leaves and sent at once, for the writer to write right after it: a person's
   * action then waits for nothing but the transaction before it, not for its answer to reach this tab.
   */
  async commitAfter(ahead: CommitAhead, actions: readonly PlaybackAction[], meta: CommitMeta): Promise<CommitResult | null> {
    const { planCommit } = await planning();
    const base = ahead.state;
    const { patch, event, record, rejected, committed } = planCommit(base, actions, meta, this.topic);
    if (!event) return null;
    const writer = this.writer;
    const written = writer
      .write({ deviceId: this.deviceId, baseRev: base.rev, record, patch, event }, ahead.written)
      .catch(() => 'failed' as const);
    const state = committed();
    return (await written) === 'written' ? { base, state, event, rejected, posted: writer.announces } : null;
  }

  close(): void {
    this.db.close();
  }

  /**
   * The newest session saved in this browser under another device id (localStorage was cleared, say),
   * so the person can take it back; null when there is none.
   */
  async findOtherSession(nowMs: number): Promise<PlaybackState | null> {
    return (await catchingUp()).findOtherSession(this.access, nowMs);
  }

  private async readSnapshot(tx: AnyTransaction, nowMs: number, deviceId = this.deviceId): Promise<RepairResult> {
    const range = entryRange(deviceId);
    const topic = topicFor(deviceId);
    const [record, entries, playlistEntries, newestEvent] = await Promise.all([
      tx.objectStore(PLAYBACK_STATES).get(deviceId),
      tx.objectStore(QUEUE_ENTRIES).index('by_order').getAll(range),
      tx.objectStore(PLAYLIST_ENTRIES).getAll(allPlaylistEntriesRange(deviceId)),
      tx.objectStore(EVENTS).openKeyCursor(IDBKeyRange.bound([topic, 0], [topic, Infinity]), 'prev'),
    ]);
    const loggedRev = newestEvent ? (newestEvent.key[1] as number) : 0;
    return repairRecord(record, entries, deviceId, nowMs, loggedRev, playlistEntries);
  }
}
