/**
 * Sync across devices, as every tab sees it: the settings, the status and the other devices' names. The
 * tab that gets the Web Lock `mediastream.remote.<deviceId>` loads the bridge (bridge.ts, with Yjs and
 * the socket) and tells the others what it sees on the BroadcastChannel `mediastream.remote:<deviceId>`.
 * No Yjs here.
 */

import type { Catalog } from '../catalog/catalog';
import { Emitter } from '../engine/emitter';
import type { PlaybackEngine } from '../engine/playback-engine';
import type { Bridge } from './bridge';
import { ConnectPolicy } from './connect-policy';
import { remoteDeviceOf } from './owner';
import {
  loadSettings,
  remoteChannelName,
  remoteLockName,
  type SyncSettings,
  type SyncStatus,
  type SyncView,
  saveSettings,
} from './settings';

type Message =
  | { readonly type: 'view'; readonly view: SyncView }
  | { readonly type: 'hello' }
  /** The settings changed in a tab: every tab reads them again. */
  | { readonly type: 'settings' };

const OFF: SyncView = { status: 'Off', deviceNames: {} };

export class RemoteSync {
  view: SyncView = OFF;
  settings: SyncSettings | null;
  private readonly events = new Emitter<{ change: undefined }>();
  private readonly channel: BroadcastChannel;
  private release: (() => void) | null = null;
  private bridge: Bridge | null = null;
  private closed = false;
  /** Which turn in the queue for the bridge's lock is this tab's current one. */
  private lockRequest = 0;
  private readonly policy = new ConnectPolicy(typeof document === 'undefined' ? null : document.head);

  constructor(
    private readonly engine: PlaybackEngine,
    private readonly storage: Storage | null,
    /** This tab's catalog, as it is now: tracks of other devices are matched against it. */
    private readonly catalog: () => Catalog | null = () => null,
  ) {
    this.settings = loadSettings(storage);
    this.channel = new BroadcastChannel(remoteChannelName(engine.deviceId));
    this.channel.onmessage = (event: MessageEvent<Message>) => this.receive(event.data);
    this.follow();
  }

  on(listener: () => void): () => void {
    return this.events.on('change', listener);
  }

  /** The name of the device whose id this is, when another device said it. */
  deviceName(deviceId: string): string | undefined {
    return this.view.deviceNames[deviceId];
  }

  connect(settings: Omit<SyncSettings, 'enabled' | 'document'>): void {
    const previous = this.settings;
    const same = previous && previous.server === settings.server && previous.token === settings.token;
    const next: SyncSettings = { ...settings, enabled: true, ...(same && previous.document ? { document: previous.document } : {}) };
    this.settings = next;
    saveSettings(this.storage, next);
    this.stopBridge();
    this.channel.postMessage({ type: 'settings' } satisfies Message);
    // This page's policy names another server, and a policy cannot be widened: the page reloads, and the
    // new one names this server (the session, queue and position come back as after any reload).
    if (!this.policy.allows(next.server) && typeof location !== 'undefined') location.reload();
    else this.follow();
  }

  disconnect(): void {
    if (!this.settings) return;
    this.settings = { ...this.settings, enabled: false };
    saveSettings(this.storage, this.settings);
    // A remote control no longer follows the other device: it stops showing that device's sound as playing.
    if (remoteDeviceOf(this.engine.state.ownerTabId) && this.engine.state.playing)
      void this.engine.dispatch({ type: 'pause' }).catch(() => {});
    this.channel.postMessage({ type: 'settings' } satisfies Message);
    this.follow();
  }

  /** The catalog changed (the person's library grew or shrank): the bridge matches other devices' tracks again. */
  catalogChanged(): void {
    this.bridge?.catalogChanged();
  }

  close(): void {
    this.closed = true;
    this.stopBridge();
    this.channel.close();
    this.events.clear();
  }

  /** Joins the queue for the bridge's lock when sync is on; lets go of it when off. */
  private follow(): void {
    if (this.closed) return;
    if (!this.settings?.enabled) {
      this.stopBridge();
      this.setView(OFF);
      return;
    }
    if (this.view.status === 'Off') this.setView({ status: 'Connecting…', deviceNames: this.view.deviceNames });
    this.channel.postMessage({ type: 'hello' } satisfies Message);
    // A tab whose policy names an earlier server (it was open when the address changed) leaves the socket
    // to the tabs opened or reloaded since, and shows what they see.
    if (!this.policy.admit(this.settings.server, () => this.audioUrls())) return;
    if (this.release || !('locks' in navigator)) {
      if (!('locks' in navigator)) void this.startBridge();
      return;
    }
    const held = new Promise<void>((resolve) => (this.release = resolve));
    const request = this.lockRequest;
    void navigator.locks.request(remoteLockName(this.engine.deviceId), async () => {
      // Granted after this tab let go of its turn, or as another tab changed the settings (its message on the
      // way): a newer turn, if any, bridges, with the settings as they are now.
      if (this.closed || request !== this.lockRequest || !this.settings?.enabled) return;
      const stored = loadSettings(this.storage);
      if (this.storage && (stored?.server !== this.settings.server || stored.token !== this.settings.token || !stored.enabled)) return;
      await this.startBridge();
      await held;
    });
  }

  /** Where the catalog's audio comes from: the offline-music download fetches it, so the policy keeps those hosts. */
  private *audioUrls(): Iterable<string> {
    for (const track of this.catalog()?.tracks ?? []) if (track.url) yield track.url;
  }

  private async startBridge(): Promise<void> {
    const settings = this.settings;
    if (!settings) return;
    const { Bridge } = await import('./bridge');
    let names: Record<string, string> = {};
    let status: SyncStatus = 'Connecting…';
    const tell = () => this.setView({ status, deviceNames: names }, true);
    this.bridge = await Bridge.start(this.engine, settings, {
      status: (next) => {
        status = next;
        tell();
      },
      devices: (next) => {
        names = next;
        tell();
      },
      enabled: () => loadSettings(this.storage)?.enabled === true,
      catalog: this.catalog,
      document: (name) => {
        if (!this.settings || this.settings.server !== settings.server || this.settings.token !== settings.token) return;
        this.settings = { ...this.settings, document: name };
        saveSettings(this.storage, this.settings);
      },
    });
  }

  private stopBridge(): void {
    this.lockRequest++;
    this.bridge?.close();
    this.bridge = null;
    this.release?.();
    this.release = null;
  }

  private receive(message: Message): void {
    if (this.closed || typeof message !== 'object' || message === null) return;
    switch (message.type) {
      case 'view':
        if (!this.bridge) this.setView(message.view);
        return;
      case 'hello':
        if (this.bridge) this.channel.postMessage({ type: 'view', view: this.view } satisfies Message);
        return;
      case 'settings': {
        const next = loadSettings(this.storage);
        const changed = JSON.stringify({ ...next, document: undefined }) !== JSON.stringify({ ...this.settings, document: undefined });
        this.settings = next;
        if (changed) this.stopBridge();
        this.follow();
        return;
      }
    }
  }

  private setView(view: SyncView, announce = false): void {
    this.view = view;
    if (announce) this.channel.postMessage({ type: 'view', view } satisfies Message);
    this.events.emit('change', undefined);
  }
}
