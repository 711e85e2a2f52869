/**
 * What the person typed into `Sync across devices`, kept in localStorage so that every tab and the next
 * visit reconnect. No Yjs here: the first paint reads whether sync is on, nothing more.
 */

export const SETTINGS_KEY = 'mediastream.sync';

export interface SyncSettings {
  readonly enabled: boolean;
  /** A ws: or wss: URL. */
  readonly server: string;
  readonly token: string;
  readonly deviceName: string;
  /** The user's document, as the server named it (learned on the first connect). */
  readonly document?: string;
}

export function loadSettings(storage: Pick<Storage, 'getItem'> | null): SyncSettings | null {
  try {
    const raw = storage?.getItem(SETTINGS_KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<SyncSettings>;
    if (typeof value.server !== 'string' || typeof value.token !== 'string' || typeof value.deviceName !== 'string') return null;
    return {
      enabled: value.enabled === true,
      server: value.server,
      token: value.token,
      deviceName: value.deviceName,
      ...(typeof value.document === 'string' ? { document: value.document } : {}),
    };
  } catch {
    return null;
  }
}

export function saveSettings(storage: Pick<Storage, 'setItem'> | null, settings: SyncSettings): void {
  try {
    storage?.setItem(SETTINGS_KEY, JSON.stringify(settings));
  } catch {
    // Storage blocked: sync works for this page load only.
  }
}

/** Hosts where a plain `ws:` socket never leaves this computer. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost']);

/**
 * Why a server address cannot be used, for the person who typed it; null when it can. The page's
 * Content-Security-Policy allows `wss:` anywhere and `ws:` only on this computer, and so does this check
 * (connect-policy.ts then narrows it to the server chosen).
 */
export function serverAddressProblem(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'Enter the server address, for example wss://sync.example.com.';
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return `“${trimmed}” is not an address. It starts with wss:// (or ws:// for a server on this computer).`;
  }
  if (url.protocol !== 'wss:' && url.protocol !== 'ws:') {
    return `The server address must start with wss:// (or ws:// for a server on this computer), not ${url.protocol}//.`;
  }
  if (url.protocol === 'ws:' && !LOOPBACK.has(url.hostname)) {
    return 'An unencrypted ws:// address works only for a server on this computer (127.0.0.1 or localhost). Use wss://.';
  }
  return null;
}

export function remoteLockName(deviceId: string): string {
  return `mediastream.remote.${deviceId}`;
}

export function remoteChannelName(deviceId: string): string {
  return `mediastream.remote:${deviceId}`;
}

/** What every tab shows about sync, as the bridge tab tells it. */
export type SyncStatus = 'Connected' | 'Offline — changes will sync' | 'Sign-in refused' | 'Connecting…' | 'Off';

export interface SyncView {
  readonly status: SyncStatus;
  /** Device id → the name it gave itself. */
  readonly deviceNames: Readonly<Record<string, string>>;
}
