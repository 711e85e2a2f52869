/** Key ranges over the entry stores, which are keyed by device first: one device's entries, one playlist's. */

/** All queue entries of one device. */
export function entryRange(deviceId: string): IDBKeyRange {
  return IDBKeyRange.bound([deviceId, ''], [deviceId, '\uffff']);
}

/** Every playlist entry of one device (an array key sorts above every string, so `[deviceId, []]` ends it). */
export function allPlaylistEntriesRange(deviceId: string): IDBKeyRange {
  return IDBKeyRange.bound([deviceId], [deviceId, []]);
}

export function playlistEntryRange(deviceId: string, playlistId: string): IDBKeyRange {
  return IDBKeyRange.bound([deviceId, playlistId], [deviceId, playlistId, []]);
}
