/**
 * Tracks on another device: catalog ids are the same everywhere; a track of a device's own library is
 * found on another by MusicBrainz recording id, else by folded artist, album and title with durations
 * within 2 s, and is otherwise kept as `Not on this device` (an `elsewhere:` id), never dropped.
 */

import { describe, expect, it } from 'vitest';
import { sharedMaps } from '../../src/remote/shared-doc';
import { elsewhereTrack, isElsewhereTrackId } from '../../src/remote/track-elsewhere';
import { elsewhereTrackId, foldText, matchTrack, trackTranslation } from '../../src/remote/track-translation';
import { catalogOf, ownTrack, SyncedDevice, settle } from '../support/synced-device';

describe('matching a track', () => {
  const mine = [
    { id: 'l1', artist: 'Beyoncé', album: 'I Am… Sasha Fierce', title: 'Halo', duration: 261.6 },
    { id: 'l2', artist: 'Nina Simone', album: 'Pastel Blues', title: 'Sinnerman', duration: 622, musicBrainzId: 'mb-sinnerman' },
  ];

  it('folds case, accents and punctuation', () => {
    expect(foldText('  Beyoncé – HALO! ')).toBe('beyonce halo');
  });

  it('matches by MusicBrainz id where tagged, else by folded artist, album and title with duration within 2 s', () => {
    expect(matchTrack({ artist: 'x', title: 'y', musicBrainzId: 'mb-sinnerman' }, mine)?.id).toBe('l2');
    expect(matchTrack({ artist: 'BEYONCE', album: 'i am sasha fierce', title: 'halo', duration: 263.4 }, mine)?.id).toBe('l1');
    expect(matchTrack({ artist: 'Beyonce', album: 'I Am... Sasha Fierce', title: 'Halo', duration: 264 }, mine)).toBeNull();
    expect(matchTrack({ artist: 'Beyonce', album: 'Another album', title: 'Halo', duration: 261 }, mine)).toBeNull();
    // Tagged differently on both sides: different recordings, even with the same names.
    expect(matchTrack({ artist: 'Nina Simone', album: 'Pastel Blues', title: 'Sinnerman', musicBrainzId: 'mb-live' }, mine)).toBeNull();
  });

  it('through a catalog: the same id for catalog tracks, the copy here for own tracks, an elsewhere id for the rest', () => {
    const here = catalogOf([
      { id: 't1', title: 'Morning Drift', artist: 'Demo' },
      ownTrack('local-b1', { title: 'halo', artist: 'BEYONCE', album: 'I am sasha fierce', duration: 262 }),
      ownTrack('local-b2', { title: 'Other name', artist: 'Other', album: 'Other', musicBrainzId: 'mb-1' }),
    ]);
    const tracks = trackTranslation(here);
    expect(tracks.local({ trackId: 't1' })).toBe('t1');
    expect(
      tracks.local({ trackId: 'local-a1', track: { title: 'Halo', artist: 'Beyoncé', album: 'I Am… Sasha Fierce', duration: 261.6 } }),
    ).toBe('local-b1');
    expect(tracks.local({ trackId: 'local-a9', track: { title: 'x', artist: 'y', musicBrainzId: 'mb-1' } })).toBe('local-b2');
    const away = tracks.local({ trackId: 'local-a2', track: { title: 'Only There', artist: 'Someone', duration: 200 } });
    expect(isElsewhereTrackId(away)).toBe(true);
    expect(elsewhereTrack(away)).toEqual({ originalId: 'local-a2', title: 'Only There', artist: 'Someone', duration: 200 });
    // And back: the document names it as the device that has it does.
    expect(tracks.shared(away)).toEqual({ trackId: 'local-a2', track: { title: 'Only There', artist: 'Someone', duration: 200 } });
    expect(tracks.shared('local-b1')).toEqual({
      trackId: 'local-b1',
      track: { title: 'halo', artist: 'BEYONCE', album: 'I am sasha fierce', duration: 262 },
    });
    expect(tracks.shared('t1')).toEqual({ trackId: 't1' });
  });

  it('an elsewhere id fits the engine’s 200-character ids, however long the tags', () => {
    const id = elsewhereTrackId('local-0123456789abcdef', {
      title: 'T'.repeat(300),
      artist: 'A'.repeat(200),
      album: 'B'.repeat(250),
      duration: 1,
    });
    expect(id.length).toBeLessThanOrEqual(200);
    expect(elsewhereTrack(id)).toMatchObject({ originalId: 'local-0123456789abcdef', duration: 1 });
    expect(elsewhereTrack(id)!.title.length).toBeGreaterThan(20);
    expect(elsewhereTrack('elsewhere:not json')).toBeNull();
    expect(elsewhereTrack('t1')).toBeNull();
  });
});

describe('two devices with different libraries', () => {
  const laptop = () =>
    catalogOf([
      { id: 't1', title: 'Morning Drift', artist: 'Demo' },
      ownTrack('local-a1', { title: 'Halo', artist: 'Beyoncé', album: 'I Am… Sasha Fierce', duration: 261.6 }),
      ownTrack('local-a2', { title: 'Only On The Laptop', artist: 'Someone', album: 'Away', duration: 200 }),
    ]);
  const phone = () =>
    catalogOf([
      { id: 't1', title: 'Morning Drift', artist: 'Demo' },
      ownTrack('local-b1', { title: 'halo', artist: 'BEYONCE', album: 'I am sasha fierce', duration: 262.9 }),
    ]);

  it('the phone queues its copy of a matched track and keeps the other as not on this device; nothing churns', () => {
    const a = new SyncedDevice('A', laptop());
    const b = new SyncedDevice('B', phone());
    a.local({ type: 'enqueue', trackIds: ['local-a1', 'local-a2', 't1'] });
    settle(a, b);
    expect(b.trackIds()[0]).toBe('local-b1');
    expect(elsewhereTrack(b.trackIds()[1]!)).toMatchObject({ originalId: 'local-a2', title: 'Only On The Laptop' });
    expect(b.trackIds()[2]).toBe('t1');
    expect(a.trackIds()).toEqual(['local-a1', 'local-a2', 't1']);
    // Ingesting wrote nothing back: the document still names each track as the laptop does.
    expect([...sharedMaps(a.doc).queue.values()].map((entry) => entry.trackId).sort()).toEqual(['local-a1', 'local-a2', 't1']);
    expect(b.push()).toBe(0);
  });

  it('a move or a remove on the phone reaches the laptop with the laptop’s own tracks', () => {
    const a = new SyncedDevice('A', laptop());
    const b = new SyncedDevice('B', phone());
    a.local({ type: 'enqueue', trackIds: ['local-a1', 'local-a2', 't1'] });
    settle(a, b);
    const away = b.state.queue[1]!;
    b.local({ type: 'move', entryId: away.entryId, toIndex: 0 });
    settle(a, b);
    expect(a.trackIds()).toEqual(['local-a2', 'local-a1', 't1']);
    b.local({ type: 'remove', entryId: b.state.queue[1]!.entryId });
    settle(a, b);
    expect(a.trackIds()).toEqual(['local-a2', 't1']);
    expect(b.state.queue.map((entry) => entry.entryId)).toEqual(a.state.queue.map((entry) => entry.entryId));
  });

  it('a track not on this device is found once the library here gains a copy', () => {
    const a = new SyncedDevice('A', laptop());
    const b = new SyncedDevice('B', phone());
    a.local({ type: 'enqueue', trackIds: ['local-a2'] });
    settle(a, b);
    expect(isElsewhereTrackId(b.trackIds()[0]!)).toBe(true);
    const entryId = b.state.queue[0]!.entryId;
    b.catalog = catalogOf([
      ...phone().tracks,
      ownTrack('local-b2', { title: 'Only on the laptop', artist: 'someone', album: 'Away', duration: 201 }),
    ]);
    settle(a, b);
    expect(b.state.queue).toMatchObject([{ entryId, trackId: 'local-b2' }]);
    expect(a.trackIds()).toEqual(['local-a2']);
  });
});
