import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { META, type MediaStreamDatabase, openPlaybackDatabase } from '../../src/engine/storage/database';
import { DEVICE_ID_KEY, keptIn, resolveDeviceId, resolveKeptDeviceId, type StorageLike } from '../../src/engine/storage/device-id';
import { DEVICE_ID_PATTERN } from '../../src/engine/storage/device-id-format';
import { eventually } from '../support/tabs';

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

describe('the device id kept in IndexedDB too', () => {
  const noDatabaseTrouble = { onBlocked() {}, onVersionChange() {}, onTerminated() {} };
  let opened: MediaStreamDatabase[] = [];
  const openDatabase = async () => {
    const db = await openPlaybackDatabase(noDatabaseTrouble);
    opened.push(db);
    return db;
  };
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
  });
  afterEach(() => {
    for (const db of opened) db.close();
    opened = [];
  });

  it('a browser killed before localStorage reached the disk gets the same id back, and localStorage has it again', async () => {
    const firstVisit = memoryStorage();
    const first = await resolveKeptDeviceId(() => firstVisit, keptIn(await openDatabase()));
    const afterTheKill = memoryStorage();

    const restarted = await resolveKeptDeviceId(() => afterTheKill, keptIn(await openDatabase()));

    expect(restarted).toEqual({ deviceId: first.deviceId, persistent: true });
    expect(afterTheKill.data.get(DEVICE_ID_KEY)).toBe(first.deviceId);
  });

  it('an id in localStorage from before it was kept in IndexedDB is kept there too', async () => {
    const storage = memoryStorage({ [DEVICE_ID_KEY]: 'A1B2C3D4E5F6A7B8' });
    const db = await openDatabase();

    const identity = await resolveKeptDeviceId(() => storage, keptIn(db));

    expect(identity.deviceId).toBe('A1B2C3D4E5F6A7B8');
    await eventually(async () => (await db.get(META, 'deviceId')) === 'A1B2C3D4E5F6A7B8', 'the id is kept in IndexedDB');
    const afterTheKill = await resolveKeptDeviceId(() => memoryStorage(), keptIn(db));
    expect(afterTheKill.deviceId).toBe('A1B2C3D4E5F6A7B8');
  });

  it('localStorage, where it has an id, is where the id comes from', async () => {
    const kept = keptIn(await openDatabase());
    await resolveKeptDeviceId(() => memoryStorage(), kept);

    const identity = await resolveKeptDeviceId(() => memoryStorage({ [DEVICE_ID_KEY]: '00000000000000C3' }), kept);

    expect(identity.deviceId).toBe('00000000000000C3');
  });

  it('a value of the wrong shape in localStorage is replaced by the id kept in IndexedDB, with a warning', async () => {
    const kept = keptIn(await openDatabase());
    const { deviceId } = await resolveKeptDeviceId(() => memoryStorage(), kept);
    const tampered = memoryStorage({ [DEVICE_ID_KEY]: '<script>' });
    const warn = vi.fn();

    const identity = await resolveKeptDeviceId(() => tampered, kept, warn);

    expect(identity).toEqual({ deviceId, persistent: true, replaced: '<script>' });
    expect(tampered.data.get(DEVICE_ID_KEY)).toBe(deviceId);
    expect(warn).toHaveBeenCalledOnce();
  });

  it('two tabs of a first visit that start at the same moment get one id', async () => {
    const [one, two] = await Promise.all([openDatabase(), openDatabase()]);

    const ids = await Promise.all([
      resolveKeptDeviceId(() => memoryStorage(), keptIn(one)),
      resolveKeptDeviceId(() => memoryStorage(), keptIn(two)),
    ]);

    expect(ids[0].deviceId).toBe(ids[1].deviceId);
  });

  it('where IndexedDB fails, the id comes from localStorage alone, as before', async () => {
    const storage = memoryStorage();
    const broken = async () => ({ keep: () => Promise.reject(new DOMException('gone', 'UnknownError')) });

    const identity = await resolveKeptDeviceId(() => storage, broken);

    expect(identity.persistent).toBe(true);
    expect(storage.data.get(DEVICE_ID_KEY)).toBe(identity.deviceId);
  });

  it('where localStorage is blocked, the page gets an id of its own, as before', async () => {
    const kept = keptIn(await openDatabase());
    const blocked = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };

    const identity = await resolveKeptDeviceId(blocked, kept);

    expect(identity.persistent).toBe(false);
  });
});
