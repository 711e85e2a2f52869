/**
 * The device id: 16 uppercase hexadecimal characters under localStorage `mediastream.deviceId`, shared by
 * every tab of the browser, so all of them are one player. If the browser blocks storage, the page still
 * gets an id of its own, and the caller is told that sync and restore are off.
 *
 * The id is kept in IndexedDB too (store `meta`): Chromium writes localStorage to disk a few seconds late,
 * so a browser killed in the first seconds of a first visit came back without it, while the session it
 * had saved in IndexedDB survived under the lost id. localStorage stays the place to look first.
 */

import { customAlphabet } from 'nanoid';
import type { MediaStreamDatabase } from './database';
import { DEVICE_ID_PATTERN, type DeviceIdKeeper } from './device-id-format';

export const DEVICE_ID_KEY = 'mediastream.deviceId';

export const generateDeviceId: () => string = customAlphabet('0123456789ABCDEF', 16);

export type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

export interface DeviceIdentity {
  readonly deviceId: string;
  /** False when storage is blocked: the id lasts only as long as this page. */
  readonly persistent: boolean;
  /** A stored value of the wrong shape that was replaced. */
  readonly replaced?: string;
}

/**
 * @param getStorage returns localStorage; called inside a try because merely reading `window.localStorage`
 *   throws where the browser blocks storage.
 */
export function resolveDeviceId(
  getStorage: () => StorageLike,
  warn: (message: string) => void = console.warn,
  /** Where a new id comes from (the one kept in IndexedDB, see resolveKeptDeviceId). */
  newId: () => string = generateDeviceId,
): DeviceIdentity {
  let storage: StorageLike;
  let stored: string | null;
  try {
    storage = getStorage();
    stored = storage.getItem(DEVICE_ID_KEY);
  } catch {
    return { deviceId: generateDeviceId(), persistent: false };
  }
  if (stored !== null && DEVICE_ID_PATTERN.test(stored)) return { deviceId: stored, persistent: true };
  const deviceId = newId();
  if (stored !== null) warn(`MediaStream: replaced an invalid device id in localStorage (${JSON.stringify(stored.slice(0, 40))}).`);
  try {
    storage.setItem(DEVICE_ID_KEY, deviceId);
  } catch {
    return { deviceId, persistent: false };
  }
  return stored === null ? { deviceId, persistent: true } : { deviceId, persistent: true, replaced: stored };
}

/** The keeper of `db`, loaded when first needed (a first visit, or an id not yet kept there). */
export function keptIn(db: MediaStreamDatabase): () => Promise<DeviceIdKeeper> {
  return () => import('./device-id-keeper').then((module) => module.deviceIdKeeper(db));
}

/**
 * The device id as `resolveDeviceId` finds it, with IndexedDB as the second place: an id in localStorage is
 * used (and kept in IndexedDB as well, without waiting); with none there, or one of the wrong shape, the id
 * kept in IndexedDB comes back and is written to localStorage again. Where IndexedDB fails, it is
 * localStorage alone.
 */
export async function resolveKeptDeviceId(
  getStorage: () => StorageLike,
  keeper: () => Promise<DeviceIdKeeper>,
  warn: (message: string) => void = console.warn,
): Promise<DeviceIdentity> {
  let stored: string | null;
  try {
    stored = getStorage().getItem(DEVICE_ID_KEY);
  } catch {
    return resolveDeviceId(getStorage, warn);
  }
  if (stored !== null && DEVICE_ID_PATTERN.test(stored)) {
    const deviceId = stored;
    keeper()
      .then((kept) => kept.keep(deviceId, true))
      .catch(() => {});
    return { deviceId, persistent: true };
  }
  const kept = await keeper()
    .then((kept) => kept.keep(generateDeviceId(), false))
    .catch(() => null);
  return resolveDeviceId(getStorage, warn, kept === null ? generateDeviceId : () => kept);
}
