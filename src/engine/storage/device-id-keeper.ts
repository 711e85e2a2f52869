/**
 * The device id kept in IndexedDB (store `meta`, key `deviceId`) as well as in localStorage: loaded only
 * when needed (see keptIn in device-id.ts), so the first paint does not wait for it.
 */

import { META, type MediaStreamDatabase } from './database';
import { DEVICE_ID_PATTERN, type DeviceIdKeeper } from './device-id';

const KEY = 'deviceId';

export function deviceIdKeeper(db: MediaStreamDatabase): DeviceIdKeeper {
  return {
    async keep(candidate, replace) {
      const tx = db.transaction(META, 'readwrite');
      const kept = await tx.store.get(KEY);
      const keepsCandidate = replace || typeof kept !== 'string' || !DEVICE_ID_PATTERN.test(kept);
      if (keepsCandidate && kept !== candidate) void tx.store.put(candidate, KEY);
      await tx.done;
      return keepsCandidate ? candidate : (kept as string);
    },
  };
}
