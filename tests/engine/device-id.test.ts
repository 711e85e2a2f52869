import { describe, expect, it, vi } from 'vitest';
import { DEVICE_ID_KEY, DEVICE_ID_PATTERN, resolveDeviceId, type StorageLike } from '../../src/engine/storage/device-id';

function memoryStorage(initial: Record<string, string> = {}): StorageLike & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

describe('device id', () => {
  it('is 16 uppercase hexadecimal characters, saved under mediastream.deviceId', () => {
    const storage = memoryStorage();

    const identity = resolveDeviceId(() => storage);

    expect(identity.deviceId).toMatch(DEVICE_ID_PATTERN);
    expect(identity.deviceId).toMatch(/^[0-9A-F]{16}$/);
    expect(storage.data.get(DEVICE_ID_KEY)).toBe(identity.deviceId);
    expect(identity.persistent).toBe(true);
  });

  it('is the same for every tab and every reload of the browser', () => {
    const storage = memoryStorage();

    const first = resolveDeviceId(() => storage).deviceId;
    const second = resolveDeviceId(() => storage).deviceId;

    expect(second).toBe(first);
  });

  it('different ids are generated for different browsers', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => resolveDeviceId(() => memoryStorage()).deviceId));

    expect(ids.size).toBe(1000);
  });

  it('a stored value of the wrong shape is replaced, with a console warning', () => {
    for (const bad of ['A1B2C3D4E5F6G7H8', 'a1b2c3d4e5f6a7b8', 'short', '', '<script>', 'A1B2C3D4E5F6A7B8X']) {
      const storage = memoryStorage({ [DEVICE_ID_KEY]: bad });
      const warn = vi.fn();

      const identity = resolveDeviceId(() => storage, warn);

      expect(identity.deviceId).toMatch(DEVICE_ID_PATTERN);
      expect(identity.replaced).toBe(bad);
      expect(storage.data.get(DEVICE_ID_KEY)).toBe(identity.deviceId);
      expect(warn).toHaveBeenCalledOnce();
    }
  });

  it('when localStorage is blocked, the page still gets an id of its own, marked not persistent', () => {
    const blocked = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };

    const identity = resolveDeviceId(blocked);

    expect(identity.deviceId).toMatch(DEVICE_ID_PATTERN);
    expect(identity.persistent).toBe(false);
  });

  it('when saving throws (quota, private mode), the id is used for this page only', () => {
    const storage: StorageLike = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };

    const identity = resolveDeviceId(() => storage);

    expect(identity.persistent).toBe(false);
    expect(identity.deviceId).toMatch(DEVICE_ID_PATTERN);
  });
});
