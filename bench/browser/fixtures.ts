/**
 * The benchmark's data: a 10,000-track catalog built from the demo tracks (their audio, artwork and
 * durations, under 10,000 ids and titles), and saved sessions written with the app's own code (its
 * initial state, its stored-record shape, its order keys), so a seeded session is exactly what the app
 * would have saved.
 */

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import type { Track } from '../../src/catalog/catalog';
import { topicFor } from '../../src/engine/model/events';
import { keysBetween } from '../../src/engine/model/order-key';
import { initialState, type QueueEntry } from '../../src/engine/model/state';
import { DATABASE_NAME, EVENTS, PLAYBACK_STATES, PLAYLIST_ENTRIES, QUEUE_ENTRIES } from '../../src/engine/storage/database';
import { toRecord } from '../../src/engine/storage/record-writes';
import { openApp } from './app-page';
import { PAGES_DIR } from './build';
import { seedStorage } from './page-scripts';
import { type BenchServer, startBenchServer } from './server';

/** A track as library.json spells it (the app's own Track type). */
export type CatalogTrack = Track;

export const LIBRARY_SIZE = 10_000;

/** One origin for a build of the app (under /app/, its catalog the 10,000 songs below) and the baseline pages. */
export function serveAppBuild(appDir: string): Promise<BenchServer> {
  const catalog = Buffer.from(JSON.stringify(makeCatalog(appDir)));
  return startBenchServer([
    { prefix: '/app/', root: appDir, overrides: new Map([['library.json', catalog]]) },
    { prefix: '/pages/', root: PAGES_DIR },
  ]);
}

/** `Song 1` … `Song 10000`, ids `s00000` …, each playing one of the demo tracks. */
export function makeCatalog(appDir: string, size = LIBRARY_SIZE): { tracks: CatalogTrack[] } {
  const demo = (JSON.parse(readFileSync(join(appDir, 'library.json'), 'utf8')) as { tracks: CatalogTrack[] }).tracks;
  const tracks = Array.from({ length: size }, (_, i): CatalogTrack => {
    const source = demo[i % demo.length]!;
    return {
      id: `s${String(i).padStart(5, '0')}`,
      title: titleOf(i),
      artist: `Artist ${i % 700}`,
      album: `Album ${i % 1300}`,
      ...(source.duration ? { duration: source.duration } : {}),
      url: source.url,
      ...(source.artwork ? { artwork: source.artwork } : {}),
    };
  });
  return { tracks };
}

export function titleOf(index: number): string {
  return `Song ${index + 1}`;
}

export function trackIdOf(index: number): string {
  return `s${String(index).padStart(5, '0')}`;
}

export function newDeviceId(): string {
  return randomBytes(8).toString('hex').toUpperCase();
}

export interface SessionSpec {
  readonly deviceId: string;
  readonly queueLength: number;
  readonly currentTrack: number;
  readonly positionSeconds: number;
  /** A saved playlist (`BENCH_PLAYLIST`) of this many entries, tracks from `PLAYLIST_FIRST_TRACK` on. */
  readonly playlistLength?: number;
}

/** The seeded playlist's id and name. */
export const BENCH_PLAYLIST = { playlistId: 'benchplaylist0000000', name: 'Bench playlist' } as const;
/** The seeded playlist's first track (its entries are this track and those after it, in order). */
export const PLAYLIST_FIRST_TRACK = 100;

/** The record and queue entries the app itself would store for this session (paused). */
export function sessionFor(spec: SessionSpec, nowMs = Date.now()) {
  const orders = keysBetween(null, null, spec.queueLength);
  // Entry ids shaped like the app's own (a 21-character action id and an index), so bytes per edit compare.
  const queue: QueueEntry[] = orders.map((order, i) => ({
    entryId: `seed${String(i).padStart(17, '0')}.0`,
    trackId: trackIdOf(i % LIBRARY_SIZE),
    order,
  }));
  const state = {
    ...initialState(spec.deviceId, nowMs),
    rev: 1,
    queueRev: 1,
    currentTrackId: trackIdOf(spec.currentTrack),
    positionSeconds: spec.positionSeconds,
    positionAt: nowMs,
    playing: false,
    queue,
  };
  const playlistLength = spec.playlistLength ?? 0;
  if (playlistLength === 0) return { record: toRecord(state), entries: queue, playlistEntries: [] };
  const playlistEntries: QueueEntry[] = keysBetween(null, null, playlistLength).map((order, i) => ({
    entryId: `list${String(i).padStart(17, '0')}.0`,
    trackId: trackIdOf(PLAYLIST_FIRST_TRACK + i),
    order,
  }));
  const withPlaylist = {
    ...state,
    playlists: [{ ...BENCH_PLAYLIST, createdAt: nowMs }],
    playlistEntries: { [BENCH_PLAYLIST.playlistId]: playlistEntries },
  };
  return {
    record: toRecord(withPlaylist),
    entries: queue,
    playlistEntries: playlistEntries.map((entry) => ({ ...entry, playlistId: BENCH_PLAYLIST.playlistId })),
  };
}

/**
 * Gives a browser context a device with a saved session: the app opens once (creating its database and
 * service worker), then a same-origin page writes the session, as a previous visit would have left it.
 */
export async function seedSession(context: BrowserContext, origin: string, spec: SessionSpec): Promise<void> {
  const warm = await openApp(context, origin, spec.deviceId, {});
  await warm.close();
  const { record, entries, playlistEntries } = sessionFor(spec);
  const page = await context.newPage();
  await page.goto(`${origin}/pages/seed.html`);
  await page.evaluate(seedStorage, {
    deviceId: spec.deviceId,
    topic: topicFor(spec.deviceId),
    databaseName: DATABASE_NAME,
    stores: { states: PLAYBACK_STATES, entries: QUEUE_ENTRIES, events: EVENTS, playlistEntries: PLAYLIST_ENTRIES },
    record,
    entries,
    playlistEntries,
  });
  await page.close();
}
