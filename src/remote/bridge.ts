/**
 * The bridge between this browser's player and the person's other devices. It runs in one tab per
 * browser (the holder of the Web Lock `mediastream.remote.<deviceId>`, see remote-sync.ts) and holds the
 * socket. Committed local changes become writes to the shared Yjs document; the document's changes from
 * elsewhere become ordinary actions through this tab's engine (its normal commit path), so every tab of
 * the browser sees them as normal events. The rules are pure functions in mapping.ts.
 *
 * Loaded with `import()` only when sync is on: it brings yjs and @hocuspocus/provider.
 */

import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';
import type { Catalog } from '../catalog/catalog';
import type { ActionRole } from '../engine/action-queue';
import type { ActionInput } from '../engine/model/actions';
import type { PlaybackState } from '../engine/model/state';
import type { ChangeCause, PlaybackEngine } from '../engine/playback-engine';
import { loadPlanning } from '../engine/storage/load-commit-planning';
import { DocStore } from './doc-store';
import { remoteActions, type SyncShadow, writeLocalChanges } from './doc-sync';
import {
  activeDevice,
  type Command,
  changedBy,
  commandActions,
  commandFor,
  type DeviceState,
  deviceStateOf,
  isCommand,
  isDeviceState,
  mirrorActions,
  remoteDeviceOf,
} from './mapping';
import { NO_PLAYLISTS } from './playlist-mapping';
import type { SyncSettings, SyncStatus } from './settings';
import { type SharedMaps, sharedMaps } from './shared-doc';
import type { TrackIdentity } from './track-elsewhere';
import { type TrackTranslation, trackTranslation } from './track-translation';

/** The origin of this bridge's own writes to the document. */
const LOCAL = Symbol('local');
/** A command older than this is not run: the person who gave it has long stopped waiting. */
const COMMAND_MAX_AGE_MS = 60_000;
const WHOAMI = 'whoami';
/** What the server says when it cannot read the document's file (server/sync-server.mjs): try again later. */
const DOCUMENT_UNAVAILABLE = 'document-unavailable';
/** How long to wait before asking again for a document the server could not read, at first and at most. */
const UNAVAILABLE_RETRY_MS = { first: 1000, most: 30_000 } as const;

export interface BridgeHooks {
  readonly status: (status: SyncStatus) => void;
  readonly devices: (names: Record<string, string>) => void;
  /** The server told us the name of the user's document: kept for the next start. */
  readonly document: (name: string) => void;
  /** Whether sync is still on (the settings, as another tab may have just changed them). */
  readonly enabled: () => boolean;
  /** This tab's catalog (the deployer's tracks and the person's own), to match tracks of other devices. */
  readonly catalog: () => Catalog | null;
}

export class Bridge {
  private readonly doc = new Y.Doc();
  private readonly maps: SharedMaps;
  private shadow: SyncShadow = { queue: [], playlists: NO_PLAYLISTS };
  private translation: { catalog: Catalog | null; tracks: TrackTranslation } | null = null;
  private readonly socket: HocuspocusProviderWebsocket;
  private provider: HocuspocusProvider | null = null;
  private whoami: HocuspocusProvider | null = null;
  private refused = false;
  private retryMs: number = UNAVAILABLE_RETRY_MS.first;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private readonly disposers: (() => void)[] = [];
  /** Remote work (ingest, mirror, commands) runs one at a time, in order. */
  private work: Promise<void> = Promise.resolve();
  private workPending = false;
  /** The state as the bridge last made it mirror the active device: what a person's change is measured against. */
  private mirrored: PlaybackState | null = null;
  private claimAt = 0;
  private published = '';

  static async start(engine: PlaybackEngine, settings: SyncSettings, hooks: BridgeHooks): Promise<Bridge> {
    const store = await DocStore.open(`${settings.server} ${settings.token}`);
    const bridge = new Bridge(engine, settings, hooks, store);
    await bridge.restore();
    return bridge;
  }

  private constructor(
    private readonly engine: PlaybackEngine,
    private readonly settings: SyncSettings,
    private readonly hooks: BridgeHooks,
    private readonly store: DocStore,
  ) {
    this.maps = sharedMaps(this.doc);
    this.socket = new HocuspocusProviderWebsocket({
      url: settings.server,
      // Back quickly after a cut or a server restart.
      delay: 100,
      minDelay: 100,
      maxDelay: 1000,
      factor: 1.5,
      maxAttempts: 0,
      autoConnect: false,
    });
  }

  private async restore(): Promise<void> {
    const stored = await this.store.load((updates) => Y.mergeUpdates(updates));
    for (const update of stored.updates) Y.applyUpdate(this.doc, update, 'storage');
    if (stored.shadow) this.shadow = { queue: stored.shadow.queue, playlists: stored.shadow.playlists ?? NO_PLAYLISTS };
    this.doc.on('update', (update: Uint8Array) => this.store.addUpdate(update));
    this.doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (transaction.origin !== LOCAL) this.scheduleRemoteWork();
    });
    this.disposers.push(this.engine.on('state', ({ state, cause }) => this.onLocalChange(state, cause)));
    // Edits made here while no tab was connected (or before sync was on) go into the document first.
    this.pushLocal(this.engine.state);
    this.publishName();
    this.scheduleRemoteWork();
    this.connect();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.retryTimer);
    for (const dispose of this.disposers.splice(0)) dispose();
    this.provider?.destroy();
    this.whoami?.destroy();
    this.socket.destroy();
    this.store.close();
    this.doc.destroy();
  }

  /** The catalog changed (the person's library grew or shrank): tracks of other devices are matched again. */
  catalogChanged(): void {
    this.scheduleRemoteWork();
  }

  /** Resolves once everything so far is kept in this browser. */
  flush(): Promise<void> {
    return this.store.flush();
  }

  // ── The connection ────────────────────────────────────────────────────────────────────────────────

  private connect(): void {
    this.hooks.status('Offline — changes will sync');
    this.socket.on('status', ({ status }: { status: string }) => {
      if (this.refused || this.closed) return;
      if (status === 'disconnected') this.hooks.status('Offline — changes will sync');
    });
    if (this.settings.document) this.openDocument(this.settings.document);
    else this.askWhoAmI();
    void this.socket.connect();
  }

  private askWhoAmI(): void {
    this.whoami = new HocuspocusProvider({
      websocketProvider: this.socket,
      name: WHOAMI,
      token: this.settings.token,
      awareness: null,
      onAuthenticationFailed: () => this.refuse(),
      onStateless: ({ payload }) => {
        const answer = JSON.parse(payload) as { document?: unknown };
        if (typeof answer.document !== 'string' || this.provider) return;
        this.hooks.document(answer.document);
        this.whoami?.destroy();
        this.whoami = null;
        this.openDocument(answer.document);
      },
    });
    this.whoami.attach();
  }

  private openDocument(name: string): void {
    const provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name,
      document: this.doc,
      token: this.settings.token,
      onAuthenticationFailed: ({ reason }) => (reason === DOCUMENT_UNAVAILABLE ? this.unavailable() : this.refuse()),
      onSynced: ({ state }) => {
        if (!state || this.refused) return;
        this.retryMs = UNAVAILABLE_RETRY_MS.first;
        this.hooks.status('Connected');
      },
      onAwarenessChange: () => this.scheduleRemoteWork(),
    });
    this.provider = provider;
    provider.attach();
    if (this.socket.status === 'connected' && provider.isSynced) this.hooks.status('Connected');
  }

  /**
   * The server could not read this user's document (a damaged file, say) and would not serve it empty:
   * nothing here is touched, edits wait as when offline, and it asks again later on a new connection
   * (the server does not take a second sign-in for a document on the same one).
   */
  private unavailable(): void {
    this.hooks.status('Offline — changes will sync');
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (this.closed || this.refused) return;
      this.socket.disconnect();
      void this.socket.connect();
    }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, UNAVAILABLE_RETRY_MS.most);
  }

  private refuse(): void {
    this.refused = true;
    this.hooks.status('Sign-in refused');
    // A refused token stays refused: no retries, and nothing is sent.
    this.provider?.destroy();
    this.whoami?.destroy();
    this.socket.disconnect();
  }

  // ── Local changes into the document ───────────────────────────────────────────────────────────────

  private onLocalChange(state: PlaybackState, cause: ChangeCause): void {
    if (this.closed) return;
    this.pushLocal(state);
    this.pushPlayback(state, cause);
  }

  private pushLocal(state: PlaybackState): void {
    const shadow = writeLocalChanges(this.doc, this.shadow, state, this.tracks(), LOCAL);
    if (shadow === this.shadow) return;
    this.shadow = shadow;
    this.store.setShadow(shadow);
  }

  /** Track ids between here and the document, for the catalog as it is now. */
  private tracks(): TrackTranslation {
    const catalog = this.hooks.catalog();
    if (this.translation?.catalog !== catalog) this.translation = { catalog, tracks: trackTranslation(catalog) };
    return this.translation.tracks;
  }

  private get me(): string {
    return this.engine.deviceId;
  }

  private devices(): [string, DeviceState][] {
    return [...this.maps.devices.entries()].filter((entry): entry is [string, DeviceState] => isDeviceState(entry[1]));
  }

  private publishName(): void {
    const mine = this.maps.devices.get(this.me);
    if (isDeviceState(mine) && mine.name === this.settings.deviceName) {
      this.claimAt = mine.claimAt;
    } else {
      this.claimAt = isDeviceState(mine) ? mine.claimAt : 0;
      this.publish(this.engine.state, true);
    }
    this.reportDevices();
  }

  /** Writes this device's own entry (never another's) when what it says has changed. */
  private publish(state: PlaybackState, force = false): void {
    const now = Date.now();
    const device = this.sharedTrack(deviceStateOf(state, this.settings.deviceName, this.claimAt, now));
    // Live progress (every checkpoint) goes by awareness only; the document hears of real changes.
    this.provider?.awareness?.setLocalStateField('progress', { deviceId: this.me, ...device });
    const key = JSON.stringify([device.name, device.claimAt, device.trackId, device.playing, device.rate, state.positionEpoch]);
    if (!force && key === this.published) return;
    this.published = key;
    this.doc.transact(() => this.maps.devices.set(this.me, device), LOCAL);
  }

  private pushPlayback(state: PlaybackState, cause: ChangeCause): void {
    const active = activeDevice(this.devices());
    const soundHere = state.ownerTabId !== null && remoteDeviceOf(state.ownerTabId) === null;
    if (soundHere && state.playing && active !== this.me) {
      // A tab here started the sound (Play here, or a track): this device claims it, after every claim so far.
      const newest = Math.max(0, ...this.devices().map(([, device]) => device.claimAt));
      this.claimAt = Math.max(Date.now(), newest + 1);
      this.publish(state, true);
      this.reportDevices();
      return;
    }
    if (active === this.me || (active === null && soundHere)) {
      this.publish(state);
      if (active === this.me && state.playing && remoteDeviceOf(state.ownerTabId) !== null) this.scheduleRemoteWork();
      return;
    }
    const target = remoteDeviceOf(state.ownerTabId);
    if (active === null || target !== active || !this.mirrored) return;
    const by = changedBy(cause);
    // The sound's tab here went away, or a checkpoint: not the person asking anything of the other device.
    if (by === 'player') {
      this.scheduleRemoteWork();
      return;
    }
    // The bridge's own mirroring, even while a person's change is on its way: that one has its own cause.
    if (by === 'bridge') return;
    const command = commandFor(this.mirrored, state, this.me, active, Date.now());
    this.mirrored = state;
    // Sync turned off in another tab, whose pause of the mirror arrived before the news: not a command.
    if (!command || !this.hooks.enabled()) return;
    const shared = this.sharedTrack(command);
    this.doc.transact(() => this.maps.commands.set(`${this.me}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}`, shared), LOCAL);
  }

  // ── The document's changes into the engine ────────────────────────────────────────────────────────

  private scheduleRemoteWork(): void {
    if (this.workPending || this.closed) return;
    this.workPending = true;
    this.work = this.work.then(async () => {
      this.workPending = false;
      if (this.closed) return;
      try {
        await this.ingest();
        await this.followActiveDevice();
        await this.runCommands();
      } catch {
        // An action refused (the engine stopped writing, say): the next change tries again.
      }
      this.reportDevices();
    });
  }

  private async dispatchAll(actions: readonly ActionInput[], role: ActionRole = 'mirror'): Promise<void> {
    if (actions.length === 0) return;
    await Promise.all(actions.map((action) => this.engine.dispatch(action, role)));
  }

  private async ingest(): Promise<void> {
    this.pushLocal(this.engine.state);
    const { keysBetween } = await loadPlanning();
    // In turn: a later action may need what an earlier one did (an entry taken out to be put back).
    for (const action of remoteActions(this.doc, this.engine.state, this.tracks(), keysBetween, LOCAL))
      await this.dispatchAll([action], 'remote');
  }

  private async followActiveDevice(): Promise<void> {
    const active = activeDevice(this.devices());
    if (active === this.me) return this.takeBackTheSound();
    if (active === null) return;
    const device = this.localTrack(this.freshest(active, this.maps.devices.get(active) as DeviceState));
    const state = this.engine.state;
    if (remoteDeviceOf(state.ownerTabId) === null && state.ownerTabId !== null && state.playing && device.claimAt < this.claimAt) return;
    await this.dispatchAll(mirrorActions(state, active, device, Date.now()));
    this.mirrored = this.engine.state;
  }

  /**
   * This device holds the newest claim, yet its state has the sound on another device: a mirror action
   * planned just before a person here pressed Play committed just after it. The claims are the truth, so
   * the sound comes back here, in this tab, rather than play nowhere while each device shows the other.
   */
  private async takeBackTheSound(): Promise<void> {
    const state = this.engine.state;
    if (!state.playing || remoteDeviceOf(state.ownerTabId) === null) return;
    await this.dispatchAll([{ type: 'resume', tabId: this.engine.tabId }]);
  }

  /** The device's entry, with its live progress (awareness) where that is newer, for the same track. */
  private freshest(deviceId: string, device: DeviceState): DeviceState {
    const states = this.provider?.awareness?.getStates();
    if (!states) return device;
    for (const value of states.values()) {
      const progress = (value as { progress?: DeviceState & { deviceId?: string } }).progress;
      if (progress?.deviceId !== deviceId || !isDeviceState(progress)) continue;
      if (progress.trackId === device.trackId && progress.playing === device.playing && progress.positionAt > device.positionAt) {
        return { ...device, positionSeconds: progress.positionSeconds, positionAt: progress.positionAt };
      }
    }
    return device;
  }

  private async runCommands(): Promise<void> {
    const mine: Command[] = [];
    const now = Date.now();
    this.doc.transact(() => {
      for (const [id, value] of this.maps.commands.entries()) {
        if (!isCommand(value)) continue;
        if (value.to === this.me) {
          // Taken off the document before it runs: run once, here, whatever else happens.
          this.maps.commands.delete(id);
          if (now - value.at < COMMAND_MAX_AGE_MS) mine.push(this.localTrack(value));
        } else if (value.from === this.me && now - value.at > COMMAND_MAX_AGE_MS) {
          this.maps.commands.delete(id);
        }
      }
    }, LOCAL);
    if (mine.length === 0 || activeDevice(this.devices()) !== this.me) return;
    for (const command of mine.sort((a, b) => a.at - b.at)) {
      const state = this.engine.state;
      const owner = state.ownerTabId !== null && remoteDeviceOf(state.ownerTabId) === null ? state.ownerTabId : this.engine.tabId;
      await this.dispatchAll(commandActions(state, command, owner));
    }
    this.publish(this.engine.state);
  }

  /** A device's track or a command's, as the document names it. */
  private sharedTrack<T extends { readonly trackId: string | null }>(value: T): T {
    return value.trackId === null ? value : { ...value, ...this.tracks().shared(value.trackId) };
  }

  /** A device's track or a command's, as this device names it. */
  private localTrack<T extends { readonly trackId: string | null; readonly track?: unknown }>(value: T): T {
    if (value.trackId === null) return value;
    const { track, ...rest } = value;
    return {
      ...rest,
      trackId: this.tracks().local({ trackId: value.trackId, ...(track ? { track: track as TrackIdentity } : {}) }),
    } as unknown as T;
  }

  private reportDevices(): void {
    const names: Record<string, string> = {};
    for (const [deviceId, device] of this.devices()) names[deviceId] = device.name;
    this.hooks.devices(names);
  }
}
