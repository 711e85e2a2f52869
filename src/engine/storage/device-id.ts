/**
 * The device id: 16 uppercase hexadecimal characters under localStorage `mediastream.deviceId`, shared by
 * every tab of the browser, so all of them are one player. If the browser blocks storage, the page still
 * gets an id of its own, and the caller is told that sync and restore are off.
 */

import { customAlphabet } from 'nanoid';

export const DEVICE_ID_KEY = 'mediastream.deviceId';
export const DEVICE_ID_PATTERN = /^[0-9A-F]{16}$/;

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
export function resolveDeviceId(getStorage: () => StorageLike, warn: (message: string) => void = console.warn): DeviceIdentity {
  let storage: StorageLike;
  let stored: string | null;
  try {
    storage = getStorage();
    stored = storage.getItem(DEVICE_ID_KEY);
  } catch {
    return { deviceId: generateDeviceId(), persistent: false };
  }
  if (stored !== null && DEVICE_ID_PATTERN.test(stored)) return { deviceId: stored, persistent: true };
  const deviceId = generateDeviceId();
  if (stored !== null) warn(`MediaStream: replaced an invalid device id in localStorage (${JSON.stringify(stored.slice(0, 40))}).`);
  try {
    storage.setItem(DEVICE_ID_KEY, deviceId);
  } catch {
    return { deviceId, persistent: false };
  }
  return stored === null ? { deviceId, persistent: true } : { deviceId, persistent: true, replaced: stored };
}
