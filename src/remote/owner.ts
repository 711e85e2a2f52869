/**
 * A state mirrored from another device names `device:<id>` as the tab that owns the sound: no tab of this
 * browser has that id, so none of them plays. Tiny and import-free: the first paint's code asks it.
 */

export const REMOTE_OWNER_PREFIX = 'device:';

export function remoteOwner(deviceId: string): string {
  return REMOTE_OWNER_PREFIX + deviceId;
}

/** The device a state's sound is on, when it is on another device. */
export function remoteDeviceOf(ownerTabId: string | null): string | null {
  return ownerTabId?.startsWith(REMOTE_OWNER_PREFIX) ? ownerTabId.slice(REMOTE_OWNER_PREFIX.length) : null;
}
