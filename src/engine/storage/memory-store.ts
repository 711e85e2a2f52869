/**
 * The store of last resort, for a browser that will not open IndexedDB (blocked storage, some private
 * modes): the state lives in this page only. Tabs still play together — changes travel on the channel and
 * a tab that is behind asks its peers for a snapshot — but nothing survives the last tab closing, and
 * there is no shared transaction to serialise two tabs acting at the same instant.
 */

import type { PlaybackAction } from '../model/actions';
import { topicFor } from '../model/events';
import type { RepairResult } from '../model/repair';
import { initialState, type PlaybackState } from '../model/state';
import { planning } from './load-commit-planning';
import type { CommitMeta, CommitResult, PlaybackStateStore } from './playback-state-store';

export class MemoryStore implements PlaybackStateStore {
  readonly topic: string;
  readonly persistent = false;

  constructor(readonly deviceId: string) {
    this.topic = topicFor(deviceId);
  }

  async load(): Promise<RepairResult> {
    return { state: initialState(this.deviceId), problems: [] };
  }

  async readSince(base: PlaybackState): Promise<PlaybackState> {
    return base;
  }

  async readRev(): Promise<number | null> {
    return null;
  }

  async findOtherSession(): Promise<PlaybackState | null> {
    return null;
  }

  async commit(base: PlaybackState, actions: readonly PlaybackAction[], meta: CommitMeta): Promise<CommitResult> {
    const { planCommit } = await planning();
    const { event, committed, rejected } = planCommit(base, actions, meta, this.topic);
    return { base, state: committed(), event, rejected, posted: false };
  }

  close(): void {}
}
