/**
 * Looking after the saved session once it is on screen: tracks the catalog no longer has are dropped,
 * and a session saved under another device id is offered back. Loaded after the first paint.
 */

import type { Catalog } from '../catalog/catalog';
import { messageOf } from '../engine/error-message';
import type { PlaybackEngine } from '../engine/playback-engine';
import { isElsewhereTrackId } from '../remote/track-elsewhere';
import type { PlayerIntent } from './intents';
import type { Notices } from './notices';

export async function tidySession(
  engine: PlaybackEngine,
  catalog: Catalog,
  notices: Notices,
  perform: (intent: PlayerIntent) => void,
): Promise<void> {
  await forgetUnknownTracks(engine, catalog, notices);
  await offerOtherSession(engine, catalog, notices, perform);
}

/** A saved session may name tracks the deployer (or a rescan of the person's folder) has removed: drop them, once, and say so. */
export async function forgetUnknownTracks(engine: PlaybackEngine, catalog: Catalog, notices: Notices): Promise<void> {
  const state = engine.state;
  // A track of another device's library (sync across devices) was never in this one: it stays, `Not on this device`.
  const known = (trackId: string) => catalog.byId.has(trackId) || isElsewhereTrackId(trackId);
  const unknown = new Set(
    [state.currentTrackId, ...state.history, ...state.queue.map((entry) => entry.trackId)].filter(
      (trackId): trackId is string => trackId !== null && !known(trackId),
    ),
  );
  if (unknown.size === 0) return;
  try {
    await engine.dispatch({ type: 'forgetTracks', isKnown: known });
    const count = unknown.size === 1 ? 'One track' : `${unknown.size} tracks`;
    notices.notify(
      `${count} in your saved session ${unknown.size === 1 ? 'is' : 'are'} no longer in the library and ${unknown.size === 1 ? 'was' : 'were'} removed.`,
      'info',
    );
  } catch (error) {
    notices.notify(`Could not tidy the saved session: ${messageOf(error)}`, 'error');
  }
}

/**
 * The seed's "several device ids": if this browser forgot its device id (cleared site data, say) but a
 * session saved under another id is still there, offer to take it back.
 */
async function offerOtherSession(
  engine: PlaybackEngine,
  catalog: Catalog,
  notices: Notices,
  perform: (intent: PlayerIntent) => void,
): Promise<void> {
  const other = await engine.findOtherSession().catch(() => null);
  if (!other) return;
  const track = other.currentTrackId ? catalog.byId.get(other.currentTrackId) : undefined;
  const queued = other.queue.length === 1 ? 'one track queued' : `${other.queue.length} tracks queued`;
  const what = track ? `“${track.title}”, ${queued}` : queued;
  notices.notify(`This browser has a session saved under another device id (${what}).`, 'info', {
    label: 'Restore it',
    run: () => perform({ type: 'importSession', session: other }),
  });
}
