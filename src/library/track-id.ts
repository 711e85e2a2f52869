/**
 * Track ids that stay the same across rescans and restarts: derived from the source id and the file's
 * relative path, so a saved queue still names the same file tomorrow, and picking the same folder twice
 * lands on the same ids (no duplicates). Synchronous and dependency-free: it runs in the import worker,
 * in Node (npm run catalog) and in tests.
 */

/** Every local track id starts with this, so anything can tell one from a catalog id. */
export const LOCAL_TRACK_PREFIX = 'local-';

export function trackIdFor(sourceId: string, path: string): string {
  return `${LOCAL_TRACK_PREFIX}${hash64(`${sourceId}\u0000${path}`)}`;
}

export function isLocalTrackId(id: string): boolean {
  return id.startsWith(LOCAL_TRACK_PREFIX);
}

/**
 * 64 bits of two independent 32-bit FNV-1a-style hashes over the UTF-16 code units, as 16 hex digits. Not
 * cryptographic: collisions among a person's 20,000 paths are about 1 in 10^10.
 */
export function hash64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
  b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  return (a >>> 0).toString(16).padStart(8, '0') + ((b ^ (b >>> 16)) >>> 0).toString(16).padStart(8, '0');
}

/** Hash of bytes (a cover), for sharing one thumbnail among the tracks that carry the same picture. */
export function hashBytes(bytes: Uint8Array): string {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
  return `${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}-${bytes.length.toString(36)}`;
}
