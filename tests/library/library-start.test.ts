import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { nanoid } from 'nanoid';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OwnMusic } from '../../src/app/own-music';
import type { Catalog } from '../../src/catalog/catalog';
import type { PlaybackEngine } from '../../src/engine/playback-engine';
import { DATABASE_NAME, openPlaybackDatabase } from '../../src/engine/storage/database';
import { compareShelf } from '../../src/library/library-catalog';
import { libraryEvent } from '../../src/library/library-events';
import type { LibrarySource, LibraryTrackRecord } from '../../src/library/library-records';
import { createLibraryCopiesStore, createLibraryStores, LIBRARY_SOURCES, LIBRARY_TRACKS } from '../../src/library/library-schema';
import { LibraryService } from '../../src/library/library-service';
import { LibraryStore } from '../../src/library/library-store';
import { shelfKeyOf } from '../../src/library/shelf-key';

const noDatabaseTrouble = { onBlocked() {}, onVersionChange() {}, onTerminated() {} };
const DEVICE = 'A1B2C3D4E5F6A7B8';
const SOURCE: LibrarySource = { id: 'copied-1', kind: 'copied-folder', name: 'Music', addedAt: 1, scanComplete: true };

/**
 * `albums` albums of `perAlbum` tracks, named so that code-unit order is not the views' order: numbers
 * ("Artist 10" after "Artist 9"), case ("alpha" before "Beta") and accents.
 */
function records(albums: number, perAlbum: number, artistOf = (album: number) => `${['alpha', 'Beta', 'Émile'][album % 3]} ${album % 17}`) {
  return Array.from({ length: albums * perAlbum }, (_, i): LibraryTrackRecord => {
    const album = Math.floor(i / perAlbum);
    return {
      // Ids in the opposite order to the shelf: reading by id would not give the first albums.
      id: `t${String(albums * perAlbum - i).padStart(5, '0')}`,
      sourceId: SOURCE.id,
      path: `${album}/${i}.mp3`,
      size: 1,
      lastModified: 1,
      addedAt: 1,
      copied: true,
      title: `Song ${i}`,
      artist: artistOf(album),
      albumArtist: artistOf(album),
      album: `Album ${album}`,
      trackNumber: (i % perAlbum) + 1,
    };
  });
}

async function seed(tracks: readonly LibraryTrackRecord[]): Promise<LibraryStore> {
  const store = new LibraryStore(await openPlaybackDatabase(noDatabaseTrouble));
  await store.putSource(SOURCE);
  await store.writeBatch(tracks, []);
  return store;
}

const open = () => LibraryService.open({ deviceId: DEVICE, tabId: 'this-tab' });
const ids = (service: LibraryService) => service.tracks.map((track) => track.id);
const shelfOrder = (tracks: readonly LibraryTrackRecord[]) => [...tracks].sort(compareShelf).map((track) => track.id);
const services: LibraryService[] = [];

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

afterEach(() => {
  for (const service of services.splice(0)) service.close();
});

async function opened(): Promise<LibraryService> {
  const service = await open();
  services.push(service);
  return service;
}

describe('the library at start', () => {
  it('shows the first whole albums in the final shelf order first, then the whole library', async () => {
    const all = records(100, 3);
    await seed(all);

    const service = await opened();

    expect(service.complete).toBe(false);
    const first = ids(service);
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(all.length);
    // The start of the shelf as it will be once everything is read, and every album in it whole.
    expect(first).toEqual(shelfOrder(all).slice(0, first.length));
    const albumsShown = new Set(service.tracks.map((track) => track.album));
    expect(service.tracks.length).toBe(albumsShown.size * 3);

    await service.loaded;
    expect(service.complete).toBe(true);
    expect(ids(service)).toEqual(shelfOrder(all));
  });

  it('a small library is read whole at once', async () => {
    const all = records(5, 2);
    await seed(all);
    const service = await opened();
    expect(service.complete).toBe(true);
    expect(ids(service)).toEqual(shelfOrder(all));
  });

  it('shows nothing before the whole library where one name cannot be ordered by the index', async () => {
    const all = records(80, 3, (album) => (album === 41 ? 'Мумий Тролль' : `Artist ${album}`));
    await seed(all);
    const service = await opened();
    expect(service.complete).toBe(false);
    expect(service.tracks).toEqual([]);
    await service.loaded;
    expect(ids(service)).toEqual(shelfOrder(all));
  });

  it('reads tracks stored before version 6 whole, and gives them their key for the next start', async () => {
    const all = records(80, 3);
    await createVersionFive(all);
    const store = new LibraryStore(await openPlaybackDatabase(noDatabaseTrouble));

    const service = await opened();
    expect(service.tracks).toEqual([]);
    await service.loaded;
    expect(ids(service)).toEqual(shelfOrder(all));
    await vi.waitFor(async () => expect((await store.tracks()).every((r) => r.shelf !== undefined)).toBe(true));
    expect((await store.tracksById([all[0]!.id]))[0]).toEqual({ ...all[0], shelf: shelfKeyOf(all[0]!) });

    const next = await opened();
    expect(next.complete).toBe(false);
    expect(ids(next)).toEqual(shelfOrder(all).slice(0, next.tracks.length));
  });

  it('what another tab changes while the rest is read is there once it is', async () => {
    const all = records(100, 3);
    const store = await seed(all);
    const service = await opened();
    expect(service.complete).toBe(false);
    const [retagged, removed] = [all[150]!, all[151]!];
    await store.writeBatch([{ ...retagged, title: 'Retagged' }], [], [removed.id]);
    const channel = new BroadcastChannel(`playback:${DEVICE}`);
    channel.postMessage(
      libraryEvent(`playback:${DEVICE}`, 'other-tab', 1, nanoid(), {
        changed: [retagged.id],
        removed: [removed.id],
        sources: false,
        progress: null,
      }),
    );
    channel.close();

    await service.loaded;
    await vi.waitFor(() => {
      expect(service.tracks.find((track) => track.id === retagged.id)?.title).toBe('Retagged');
      expect(service.record(removed.id)).toBeUndefined();
    });
    expect(service.tracks.length).toBe(all.length - 1);
  });

  it('own music opens (for the session’s tidying and playback) only once every track is read, after showing the first albums', async () => {
    const all = records(100, 3);
    await seed(all);
    const catalogs: Catalog[] = [];
    let openedYet = false;
    const engine = { deviceId: DEVICE, tabId: 'this-tab' } as PlaybackEngine;
    const notices = { notify: () => {} } as never;
    const ownMusic = OwnMusic.open(engine, notices, null, (catalog) => {
      catalogs.push(catalog);
      // The first albums reached the player while own music was still opening.
      if (catalogs.length === 1) expect(openedYet).toBe(false);
    });
    const music = await ownMusic;
    openedYet = true;
    expect(music?.library?.complete).toBe(true);
    expect(catalogs.length).toBeGreaterThanOrEqual(2);
    expect(catalogs[0]!.tracks.length).toBeLessThan(all.length);
    expect(catalogs.at(-1)!.tracks.map((track) => track.id)).toEqual(shelfOrder(all));
    music?.close();
  });
});

/** The library's stores as version 5 left them (with `meta`, from version 3), holding these tracks (no shelf keys). */
async function createVersionFive(tracks: readonly LibraryTrackRecord[]): Promise<void> {
  const v5 = await openDB(DATABASE_NAME, 5, {
    upgrade(db) {
      db.createObjectStore('meta');
      createLibraryStores(db as unknown as IDBDatabase);
      createLibraryCopiesStore(db as unknown as IDBDatabase);
    },
  });
  await v5.put(LIBRARY_SOURCES, SOURCE);
  for (const track of tracks) await v5.put(LIBRARY_TRACKS, track);
  v5.close();
}

describe('the version 6 upgrade', () => {
  it('adds the shelf index and leaves the tracks stored before as they were', async () => {
    const [track] = records(1, 1);
    await createVersionFive([track!]);

    const db = await openPlaybackDatabase(noDatabaseTrouble);
    const tx = db.transaction(LIBRARY_TRACKS as never);
    expect(tx.store.indexNames.contains('by_shelf' as never)).toBe(true);
    expect(await tx.store.getAll()).toEqual([track]);
    expect(await tx.store.index('by_shelf' as never).count()).toBe(0);
    db.close();
  });
});
