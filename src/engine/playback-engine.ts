/**
 * One tab's view of the shared player. It keeps the tab's copy of the state, commits actions through the
 * store (IndexedDB is the truth), tells the other tabs on the channel (a hint, never trusted alone), and
 * re-reads the store whenever it might have missed something.
 *
 * Actions made while a commit is in flight wait in an ActionQueue and are committed together; what can be
 * undone is kept by an UndoRecorder.
 */

import { ActionQueue, type ActionRole, committedRoles, type PendingAction } from './action-queue';
import { AskedSettings } from './asked-settings';
import { CheckpointThrottle } from './checkpoints';
import { Emitter } from './emitter';
import { messageOf } from './error-message';
import { ActionError, type ActionInput, type ActionType, type PlaybackAction } from './model/actions';
import {
  applyEvent,
  type ChannelEvent,
  type PlaybackEvent,
  PROTOCOL_VERSION,
  STATE_REQUESTED,
  STATE_SNAPSHOT,
  STATE_UPDATED,
  topicFor,
} from './model/events';
import type { UndoStep } from './model/queue-history';
import type { PlaybackState } from './model/state';
import { loadedPlanning } from './storage/load-commit-planning';
import type { CommitAhead, CommitMeta, CommitResult, PlaybackStateStore } from './storage/playback-state-store';
import type { AudioOwnership, LockManagerLike } from './sync/audio-ownership';
import { type ChannelLike, SyncChannel } from './sync/sync-channel';
import type { UndoRecorder } from './undo-recorder';

/** Refused because a newer version of the app is running and this tab no longer writes. */
export class ReadOnlyError extends Error {
  override name = 'ReadOnlyError';
}

export interface EnginePlatform {
  readonly deviceId: string;
  /** Unique per page load. */
  readonly tabId: string;
  readonly store: PlaybackStateStore;
  readonly openChannel: (name: string) => ChannelLike;
  /** `navigator.locks`; null where there is none (then every tab may play). */
  readonly locks: LockManagerLike | null;
  readonly now: () => number;
  readonly newId: () => string;
  /** How often a visible tab checks the stored rev for changes whose broadcast never came; 0 turns it off. */
  readonly staleCheckMs?: number;
  /** Whether the page is hidden: a hidden tab skips that check unless its sound is playing. */
  readonly isHidden?: () => boolean;
}

export type ChangeCause =
  /** `roles`: why this tab dispatched the committed actions (one batch can hold a person's and the bridge's). */
  | { readonly kind: 'local'; readonly actions: readonly ActionType[]; readonly roles: readonly ActionRole[] }
  | { readonly kind: 'remote'; readonly actions: readonly ActionType[]; readonly source: string }
  | { readonly kind: 'resync' };

export type EngineNotice =
  /** This tab no longer writes (a newer version of the app is running, or storage went away): reload. */
  { readonly kind: 'read-only'; readonly message: string } | { readonly kind: 'storage-error'; readonly message: string };

interface EngineEvents extends Record<string, unknown> {
  state: { readonly state: PlaybackState; readonly cause: ChangeCause };
  ownership: { readonly holder: boolean };
  notice: EngineNotice;
}

/** Inputs that start playback: the tab that sends them becomes the sound's tab. */
type StartInput = Omit<ActionInput<'play'>, 'tabId'> | Omit<ActionInput<'resume'>, 'tabId'>;

export class PlaybackEngine {
  private current: PlaybackState;
  private readonly events = new Emitter<EngineEvents>();
  private readonly channel: SyncChannel;
  private readonly checkpoints: CheckpointThrottle;
  /** Which tab sounds: loaded after the first paint, which does not need it (null where there are no locks). */
  private ownership: AudioOwnership | null = null;
  private readonly ownershipLoaded: Promise<AudioOwnership | null>;
  /** Made with the first commit, from the planning code (nothing can be undone before one). */
  private undo: UndoRecorder | null = null;
  private readonly queue = new ActionQueue(
    (batch, behind) => this.commitBatch(batch, behind),
    () => this.closed,
  );
  /**
   * The commit on its way: what it will leave once its write has gone (null when it must catch up first
   * instead), for a batch to go behind it.
   */
  private going: Promise<CommitAhead | null> | null = null;
  private resyncing: Promise<void> | null = null;
  private resyncAgain = false;
  private staleTimer: ReturnType<typeof setInterval> | undefined;
  /** Why this tab stopped writing, once it has. */
  private stoppedBecause: string | null = null;
  private closed = false;
  /** This tab holds the sound because it took it (not inherited it), and has not lost it since. */
  private tookSound = false;
  /** A resume re-asserting where the sound is, in flight. */
  private reasserting = false;
  /** The newest volume and seek this tab asked for that are not committed yet. */
  private readonly asked = new AskedSettings();

  /** Opens the channel, restores the saved state (repairing it if needed) and joins the sound's lock queue. */
  static async start(platform: EnginePlatform): Promise<PlaybackEngine> {
    const { state, problems } = await platform.store.load(platform.now());
    return new PlaybackEngine(platform, state, problems);
  }

  private constructor(
    private readonly platform: EnginePlatform,
    initial: PlaybackState,
    /** What was wrong with the saved state and has been repaired at start: for the UI to tell, once. */
    readonly repairs: readonly string[],
  ) {
    this.current = initial;
    this.checkpoints = new CheckpointThrottle(platform.now);
    this.channel = new SyncChannel(platform.openChannel(topicFor(platform.deviceId)), topicFor(platform.deviceId), {
      onEvent: (event) => this.receive(event),
      onNewerVersion: () => this.becomeReadOnly('A newer version of MediaStream is open in another tab. Reload to update.'),
    });
    const locks = platform.locks;
    this.ownershipLoaded = locks
      ? import('./sync/audio-ownership').then(({ AudioOwnership, audioLockName }) => {
          if (this.closed) return null;
          this.ownership = new AudioOwnership(locks, audioLockName(platform.deviceId), {
            onAcquired: (how) => this.handleAcquired(how),
            onLost: () => {
              this.tookSound = false;
              this.events.emit('ownership', { holder: false });
            },
          });
          this.ownership.wait();
          return this.ownership;
        })
      : Promise.resolve(null);
    const staleCheckMs = platform.staleCheckMs ?? 2000;
    if (staleCheckMs > 0) {
      this.staleTimer = setInterval(() => {
        if (!platform.isHidden?.() || this.shouldOutputSound) void this.checkForMissedChanges();
      }, staleCheckMs);
    }
    // A message sent before our channel existed is lost; the store has it, and a stored rev ahead of the
    // one just read says so (a cheap read: the catching-up code loads only when there is something to catch up).
    void (platform.store.persistent ? this.checkForMissedChanges() : this.resync());
  }

  get state(): PlaybackState {
    return this.current;
  }

  get tabId(): string {
    return this.platform.tabId;
  }

  get deviceId(): string {
    return this.platform.deviceId;
  }

  /** Whether this tab holds the sound's lock (always true where there are no locks). */
  get holdsAudio(): boolean {
    return this.platform.locks ? (this.ownership?.isHolder ?? false) : true;
  }

  /** Whether this tab's audio element should be playing right now. */
  get shouldOutputSound(): boolean {
    return this.current.playing && this.current.ownerTabId === this.platform.tabId && this.holdsAudio;
  }

  /** Whether this tab has stopped writing for good (a newer version is running, or storage went away). */
  get readOnly(): boolean {
    return this.stoppedBecause !== null;
  }

  get channelStats(): Pick<SyncChannel, 'received' | 'sent' | 'bytesSent' | 'rejected'> {
    return this.channel;
  }

  on<K extends keyof EngineEvents>(type: K, listener: (payload: EngineEvents[K]) => void): () => void {
    return this.events.on(type, listener);
  }

  /**
   * For a device with nothing saved yet: a session saved in this browser under another device id (its
   * localStorage was cleared, say), which the person may want back. Null when there is none.
   */
  async findOtherSession(): Promise<PlaybackState | null> {
    if (this.current.rev > 0) return null;
    return this.platform.store.findOtherSession(this.platform.now());
  }

  /**
   * The volume a step up or down goes from: the newest this tab asked for while it is still on its way,
   * else the state's. Two quick presses of ↓ make two steps, not one step asked twice.
   */
  get volumeAsked(): number {
    return this.asked.volumeFrom(this.current);
  }

  /**
   * Where a skip (← or →) goes from now: the newest seek this tab asked for while it is on its way (and
   * no track change or pause came after it), played on since, else the state's place.
   */
  positionAsked(nowMs = this.platform.now()): number {
    return this.asked.positionFrom(this.current, nowMs);
  }

  /** Whether this tab has a queue change to undo, or an undone one to redo. */
  get canUndo(): boolean {
    return this.undo?.canUndo ?? false;
  }

  get canRedo(): boolean {
    return this.undo?.canRedo ?? false;
  }

  /** Undoes this tab's last queue change (in every tab); null when there is none. */
  undoQueueChange(): Promise<CommitResult> | null {
    const revert = this.undo?.takeUndo();
    return revert ? this.revert(revert, 'undo') : null;
  }

  redoQueueChange(): Promise<CommitResult> | null {
    const revert = this.undo?.takeRedo();
    return revert ? this.revert(revert, 'redo') : null;
  }

  /**
   * An undo or redo that finds nothing left to change (what it concerns was played or removed since) is
   * refused with the reason, for the person to read; the step is used up, as it could never apply again.
   */
  private revert(revert: UndoStep, role: 'undo' | 'redo'): Promise<CommitResult> {
    return this.dispatch(revert, role).catch((error: unknown) => {
      throw error instanceof ActionError ? new ActionError(`Nothing to ${role}. ${error.message}`) : error;
    });
  }

  /** Commits an action; resolves once it is stored and broadcast, rejects with an ActionError if it cannot apply. */
  dispatch(input: ActionInput, role: ActionRole = 'change'): Promise<CommitResult> {
    const refusal = this.refusal();
    if (refusal) return Promise.reject(refusal);
    const action = { ...input, id: this.platform.newId(), at: this.platform.now() } as PlaybackAction;
    const committed = this.queue.add(action, role);
    this.asked.note(action, committed);
    return committed;
  }

  /** Starts playback from this tab, taking the sound from whichever tab had it. */
  async startPlayback(input: StartInput): Promise<CommitResult> {
    // A tab that may not write must not take the sound either: the tab playing now would fall silent.
    const refusal = this.refusal();
    if (refusal) throw refusal;
    await (await this.ownershipLoaded)?.claim();
    return this.dispatch({ ...input, tabId: this.platform.tabId } as ActionInput);
  }

  /**
   * The sound's tab reports where its audio is. `immediate` for pause, seek, track change and the page
   * going away; otherwise at most once a second. Other tabs never write the position.
   */
  checkpoint(
    trackId: string,
    positionSeconds: number,
    immediate = false,
    /** The position epoch the audio element last reflected; a checkpoint from before a seek is refused. */
    positionEpoch = this.current.positionEpoch,
    /** The track's length as the audio reports it (a long track keeps its own place). */
    durationSeconds?: number,
  ): Promise<CommitResult> | null {
    if (!this.shouldOutputSound && !(immediate && this.current.ownerTabId === this.platform.tabId)) return null;
    if (immediate) this.checkpoints.wrote();
    else if (!this.checkpoints.shouldWrite()) return null;
    return this.dispatch({
      type: 'checkpoint',
      tabId: this.platform.tabId,
      trackId,
      positionSeconds,
      positionEpoch,
      ...(durationSeconds !== undefined ? { durationSeconds } : {}),
    });
  }

  /** Brings this tab up to the stored state. Safe to call at any time; concurrent calls share one read. */
  resync(): Promise<void> {
    if (!this.platform.store.persistent) {
      // Nothing is stored: the other tabs are the only copy, so ask them.
      this.post(STATE_REQUESTED, {});
      return Promise.resolve();
    }
    if (this.resyncing) {
      this.resyncAgain = true;
      return this.resyncing;
    }
    this.resyncing = (async () => {
      try {
        do {
          this.resyncAgain = false;
          const state = await this.platform.store.readSince(this.current, this.platform.now());
          this.adopt(state, { kind: 'resync' });
        } while (this.resyncAgain && !this.closed);
      } catch (error) {
        this.reportStorageError(error);
      } finally {
        this.resyncing = null;
      }
    })();
    return this.resyncing;
  }

  /** A cheap look at the stored rev; re-reads if a change slipped past the channel. */
  async checkForMissedChanges(): Promise<void> {
    if (this.closed) return;
    try {
      const storedRev = await this.platform.store.readRev();
      if (storedRev !== null && storedRev > this.current.rev) await this.resync();
    } catch (error) {
      this.reportStorageError(error);
    }
  }

  /** Resolves when every action dispatched so far is committed. */
  settled(): Promise<void> {
    return this.queue.settled();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.staleTimer);
    this.ownership?.close();
    this.channel.close();
    this.events.clear();
  }

  /** Why this tab can take no action now, if it cannot. */
  private refusal(): Error | null {
    if (this.closed) return new Error('This player has been closed.');
    if (this.stoppedBecause !== null) return new ReadOnlyError(`This change was not made. ${this.stoppedBecause}`);
    return null;
  }

  private async commitBatch(batch: readonly PendingAction[], behind: Promise<void> | null): Promise<void> {
    const settleAll = (settle: (handlers: PendingAction['settle'][number]) => void) => {
      for (const item of batch) item.settle.forEach(settle);
    };
    const actions = batch.map((item) => item.action);
    const meta = { source: this.platform.tabId, eventId: this.platform.newId(), at: this.platform.now() };
    let result: CommitResult | null = null;
    try {
      const going = behind ? this.going : null;
      const ahead = going && (await going);
      // Written right behind the commit on its way; that one's state is taken first, as every tab takes them.
      const written = ahead && this.platform.store.commitAfter?.(ahead, actions, meta);
      await behind;
      result = (await written) ?? null;
      // Not written behind it (it was not written, say): planned again on what it left.
      result ??= await this.commitNow(actions, meta);
    } catch (error) {
      this.reportStorageError(error);
      settleAll(({ reject }) => reject(error));
      return;
    }
    if (result.event) {
      if (!result.posted) this.channel.post(result.event);
      // Something was committed, so the planning code is loaded.
      this.undo ??= new (loadedPlanning()!.UndoRecorder)();
      this.undo.record(batch, result);
      this.adopt(result.state, { kind: 'local', actions: result.event.data.actions, roles: committedRoles(batch, result) });
    } else {
      this.adopt(result.state, { kind: 'resync' });
    }
    for (const item of batch) {
      const rejection = result.rejected.find((rejected) => rejected.action === item.action);
      for (const { resolve, reject } of item.settle) {
        if (rejection) reject(rejection.error);
        else resolve(result);
      }
    }
  }

  /** Commits on this tab's state, saying what it will leave as soon as its write is on its way. */
  private async commitNow(actions: readonly PlaybackAction[], meta: CommitMeta): Promise<CommitResult> {
    let announce!: (ahead: CommitAhead | null) => void;
    const going = new Promise<CommitAhead | null>((resolve) => (announce = resolve));
    this.going = going;
    try {
      return await this.platform.store.commit(this.current, actions, meta, { onAhead: announce });
    } finally {
      announce(null);
      if (this.going === going) this.going = null;
    }
  }

  private receive(event: ChannelEvent): void {
    if (this.closed || event.source === this.platform.tabId) return;
    switch (event.type) {
      case STATE_UPDATED:
        this.receiveChange(event);
        return;
      case STATE_REQUESTED:
        if (!this.platform.store.persistent && this.current.rev > event.rev) this.post(STATE_SNAPSHOT, { state: this.current });
        return;
      case STATE_SNAPSHOT:
        // With storage, the store is the truth and snapshots are not needed.
        if (!this.platform.store.persistent) this.adopt(event.data.state, { kind: 'resync' });
        return;
    }
  }

  private post<T extends ChannelEvent['type']>(type: T, data: Extract<ChannelEvent, { type: T }>['data']): void {
    const { deviceId, tabId, newId } = this.platform;
    this.channel.post({
      v: PROTOCOL_VERSION,
      id: newId(),
      type,
      topic: topicFor(deviceId),
      source: tabId,
      rev: this.current.rev,
      data,
    } as ChannelEvent);
  }

  private receiveChange(event: PlaybackEvent): void {
    if (event.rev <= this.current.rev) return;
    if (event.data.baseRev === this.current.rev) {
      this.adopt(applyEvent(this.current, event), { kind: 'remote', actions: event.data.actions, source: event.source });
    } else {
      // A gap: some message never arrived. The store has everything.
      void this.resync();
    }
  }

  /** Takes a newer state; an older or equal one (a late reply, a stale read) is ignored. */
  private adopt(state: PlaybackState, cause: ChangeCause): void {
    if (state.rev <= this.current.rev) return;
    // The store has just been told where the music is (a play, a seek, a checkpoint, from any tab): the
    // sound's regular checkpoint has nothing to add for a second, and writing one would only delay the
    // next action behind it and wake every tab.
    if (state.positionAt !== this.current.positionAt) this.checkpoints.wrote();
    this.current = state;
    this.events.emit('state', { state, cause });
    this.reassertSound();
  }

  /**
   * The tab that took the sound last holds it until another takes it, and another tab's play or resume
   * commits only once this one has let go (see AudioOwnership). So while this tab still holds the sound it
   * took, a state naming another tab as the one playing comes from a tab that had lost the sound by then
   * (its commit was slow): left so, nobody would sound. Say where the sound is.
   */
  private reassertSound(): void {
    const state = this.current;
    if (!this.tookSound || this.reasserting || this.readOnly || this.closed || !this.holdsAudio) return;
    if (!state.playing || state.ownerTabId === this.platform.tabId) return;
    this.reasserting = true;
    this.dispatch({ type: 'resume', tabId: this.platform.tabId })
      .catch(() => {})
      .finally(() => (this.reasserting = false));
  }

  private handleAcquired(how: 'claimed' | 'inherited'): void {
    this.tookSound = how === 'claimed';
    this.events.emit('ownership', { holder: true });
    if (how === 'inherited' && !this.readOnly) {
      // The sound's tab went away (closed or crashed): whatever it last saved is the truth; if it was
      // playing, nobody plays now.
      void this.resync()
        .then(() => this.dispatch({ type: 'ownerGone', tabId: this.platform.tabId }))
        // Refused because this tab stopped writing meanwhile: reportStorageError stays silent then.
        .catch((error: unknown) => this.reportStorageError(error));
    }
  }

  /**
   * Stops writing for good: a newer version of the app is running (newer protocol on the channel, or a
   * newer database), so old code must never overwrite newer state; or the browser closed the storage.
   * Sound already playing here goes on, and changes from other tabs still show.
   */
  becomeReadOnly(message: string): void {
    if (this.stoppedBecause !== null) return;
    this.stoppedBecause = message;
    this.events.emit('notice', { kind: 'read-only', message });
  }

  private reportStorageError(error: unknown): void {
    // A tab that stopped writing has already asked for a reload; its storage may be closed on purpose.
    if (this.closed || this.readOnly) return;
    const name = error instanceof Error ? error.name : '';
    const message =
      name === 'QuotaExceededError'
        ? 'Storage is full: your latest change could not be saved. Free some space; your last saved session is intact.'
        : `Could not reach this browser’s storage: ${messageOf(error)}`;
    this.events.emit('notice', { kind: 'storage-error', message });
  }
}
