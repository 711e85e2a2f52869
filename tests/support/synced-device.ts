/**
 * A device for the sync mapping's tests: an engine state (changed by the real reducer) and its own copy
 * of the shared Yjs document, joined by the bridge's own two steps (doc-sync.ts), with its catalog for
 * matching tracks. `exchange` stands for the server between two devices.
 */

import * as Y from 'yjs';
import type { Catalog, Track } from '../../src/catalog/catalog';
import type { ActionInput, PlaybackAction } from '../../src/engine/model/actions';
import { keysBetween } from '../../src/engine/model/order-key';
import { reduce } from '../../src/engine/model/reducer';
import { initialState, type PlaybackState } from '../../src/engine/model/state';
import { remoteActions, type SyncShadow, writeLocalChanges } from '../../src/remote/doc-sync';
import { NO_PLAYLISTS } from '../../src/remote/playlist-mapping';
import { trackTranslation } from '../../src/remote/track-translation';

let nextId = 0;

export class SyncedDevice {
  state: PlaybackState;
  readonly doc = new Y.Doc();
  private shadow: SyncShadow = { queue: [], playlists: NO_PLAYLISTS };

  constructor(
    readonly id: string,
    public catalog: Catalog | null = null,
  ) {
    this.state = initialState(id);
  }

  /** A person's change here, written to the document as the bridge does. Returns the action's id. */
  local(input: ActionInput): string {
    const id = `${this.id}${String(nextId++).padStart(5, '0')}`;
    this.state = reduce(this.state, { ...input, id, at: 1000 + nextId } as PlaybackAction);
    this.push();
    return id;
  }

  /** The document's changes, as the bridge turns them into actions (each one a commit that it writes back). */
  ingest(): void {
    this.push();
    for (const action of remoteActions(this.doc, this.state, trackTranslation(this.catalog), keysBetween, 'local')) {
      this.state = reduce(this.state, { ...action, id: `${this.id}-in${nextId++}`, at: 1000 } as PlaybackAction);
      this.push();
    }
  }

  /** Writes this device's changes since the last write; the number of document updates that made. */
  push(): number {
    let updates = 0;
    const count = () => updates++;
    this.doc.on('update', count);
    this.shadow = writeLocalChanges(this.doc, this.shadow, this.state, trackTranslation(this.catalog), 'local');
    this.doc.off('update', count);
    return updates;
  }

  trackIds(): string[] {
    return this.state.queue.map((entry) => entry.trackId);
  }
}

/** The server between two devices: each gets what the other has. */
export function exchange(a: SyncedDevice, b: SyncedDevice): void {
  const fromA = Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc));
  const fromB = Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc));
  Y.applyUpdate(b.doc, fromA);
  Y.applyUpdate(a.doc, fromB);
}

/** Both ingest until neither has anything more to say (tie-broken keys written back, say). */
export function settle(a: SyncedDevice, b: SyncedDevice): void {
  for (let round = 0; round < 3; round++) {
    exchange(a, b);
    a.ingest();
    b.ingest();
  }
  exchange(a, b);
}

/** A catalog of these tracks, the ones with `local` being the person's own. */
export function catalogOf(tracks: readonly Omit<Track, 'url'>[]): Catalog {
  const full = tracks.map((track) => ({ url: '', ...track }) as Track);
  return { tracks: full, byId: new Map(full.map((track) => [track.id, track])) };
}

export function ownTrack(id: string, tags: Pick<Track, 'title' | 'artist' | 'album' | 'duration' | 'musicBrainzId'>): Omit<Track, 'url'> {
  return {
    id,
    ...tags,
    local: { copied: true, available: true, loose: false, open: () => Promise.reject(new Error('not read in tests')) },
  };
}
