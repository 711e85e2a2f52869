/**
 * The music library a deployer edits: `library.json`, fetched relative to the page, so the app works from
 * any sub-path of any host.
 * Parsing validates every track and says exactly what is wrong, for a person, because the person who
 * reads the error is the one who hand-edited the file. No UI imports: runs in Node and the browser.
 */

import { isPlainObject, MAX_ID_LENGTH } from '../engine/model/fields';

export interface Track {
  readonly id: string;
  readonly title: string;
  readonly artist: string;
  readonly album?: string;
  /** Optional tags that browsing groups and sorts by (see src/browse/browse-track.ts). */
  readonly albumArtist?: string;
  readonly genre?: string;
  readonly trackNumber?: number;
  readonly discNumber?: number;
  readonly year?: number;
  /** When it joined the library, ms since the epoch. */
  readonly addedAt?: number;
  /** A track of the person's own library: its path inside its folder, which playlist files name it by. */
  readonly relativePath?: string;
  /** Seconds, positive and finite. */
  readonly duration?: number;
  /** The MusicBrainz recording id, where the file is tagged with one: how another device finds its copy. */
  readonly musicBrainzId?: string;
  /** Absolute http(s) URL, already resolved against the catalog's own URL. */
  readonly url: string;
  /** Absolute http(s) URL, already resolved against the catalog's own URL (a blob: URL for a local track). */
  readonly artwork?: string;
  /**
   * Set for a track of the person's own library (src/library): its sound is a local file that the sound's
   * tab resolves when it plays it, so `url` is empty. `copied`: the file is a copy in the browser's own
   * storage; `available`: false while its folder needs its permission asked again (Reconnect); `loose`:
   * added as a file on its own (not in a folder), so it is removed from the library by itself; `open`:
   * the file, for the tab that plays it (never called elsewhere: other tabs need only the tags).
   */
  readonly local?: { readonly copied: boolean; readonly available: boolean; readonly loose: boolean; readonly open: () => Promise<Blob> };
}

export interface Catalog {
  readonly tracks: readonly Track[];
  readonly byId: ReadonlyMap<string, Track>;
}

/** What is wrong with the catalog, in words meant for the person who deploys it. */
export class CatalogError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CatalogError';
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Json = Record<string, unknown>;

/**
 * Parses and validates catalog text. `catalogUrl` is the absolute URL the text came from; relative
 * `url`/`artwork` values are resolved against it, so the app works from any sub-path of any host.
 * One pass over the tracks; duplicate ids are found with a Map, so 100,000 tracks stay fast.
 * Strings are trimmed and otherwise kept verbatim: they are text, and the UI must render them as text.
 */
export function parseCatalog(text: string, catalogUrl: string): Catalog {
  const name = fileName(catalogUrl);
  let base: URL;
  try {
    base = new URL(catalogUrl);
  } catch (cause) {
    throw new CatalogError(`${name}: the catalog's own URL "${catalogUrl}" is not an absolute URL`, { cause });
  }

  let parsed: unknown;
  try {
    // A byte order mark from a Windows editor is not an error a person can see; JSON.parse rejects it.
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (cause) {
    throw new CatalogError(`${name} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  if (!isPlainObject(parsed) || !Array.isArray(parsed.tracks)) {
    throw new CatalogError(`${name} must be an object with a "tracks" array`);
  }

  const fail = (message: string): CatalogError => new CatalogError(`${name}: ${message}`);
  const resolve = urlResolver(base, name, fail);
  const rawTracks: readonly unknown[] = parsed.tracks;
  const tracks: Track[] = new Array<Track>(rawTracks.length);
  const byId = new Map<string, Track>();

  for (let i = 0; i < rawTracks.length; i++) {
    const raw = rawTracks[i];
    const at = `tracks[${i}]`;
    if (!isPlainObject(raw)) throw fail(`${at} must be an object`);

    const id = requiredText(raw, 'id', at, fail);
    if (id.length > MAX_ID_LENGTH) throw fail(`${at}.id must be at most ${MAX_ID_LENGTH} characters`);
    const earlier = byId.get(id);
    if (earlier !== undefined) {
      // indexOf is linear, but it runs once, on the way to throwing.
      throw fail(`${at}.id ${JSON.stringify(id)} is used by tracks[${tracks.indexOf(earlier)}] too`);
    }

    const track: Mutable<Track> = {
      id,
      title: requiredText(raw, 'title', at, fail),
      artist: requiredText(raw, 'artist', at, fail),
      url: resolve(requiredText(raw, 'url', at, fail), `${at}.url`),
    };
    if (raw.duration !== undefined && raw.duration !== null) {
      const d = raw.duration;
      if (typeof d !== 'number' || !Number.isFinite(d) || d <= 0) {
        throw fail(`${at}.duration must be a positive number of seconds`);
      }
      track.duration = d;
    }
    for (const field of TEXT_TAGS) {
      const text = optionalText(raw, field, at, fail);
      if (text !== undefined) track[field] = text;
    }
    for (const field of NUMBER_TAGS) {
      const n = raw[field];
      if (n == null) continue;
      if (!Number.isSafeInteger(n) || (n as number) < 0) throw fail(`${at}.${field} must be a whole number`);
      track[field] = n as number;
    }
    const artwork = optionalText(raw, 'artwork', at, fail);
    if (artwork !== undefined) track.artwork = resolve(artwork, `${at}.artwork`);

    tracks[i] = track;
    byId.set(id, track);
  }
  return { tracks, byId };
}

/**
 * Fetches and parses the catalog. Network failures and non-2xx statuses become CatalogErrors that say
 * the library could not be loaded, so the UI can show one kind of error for everything catalog-related.
 */
export async function loadCatalog(url: string, fetchImpl: typeof fetch = fetch): Promise<Catalog> {
  const couldNot = `Could not load the music library (${fileName(url)})`;
  let response: Response;
  try {
    response = await fetchImpl(url);
  } catch (cause) {
    throw new CatalogError(`${couldNot}: the network request failed`, { cause });
  }
  if (!response.ok) {
    // HTTP/2 responses have no status text; then the number alone.
    throw new CatalogError(`${couldNot}: HTTP ${response.status} ${response.statusText}`.trimEnd());
  }
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    throw new CatalogError(`${couldNot}: the download was interrupted`, { cause });
  }
  // Resolve against where the file really came from (after redirects); a synthetic Response has no url.
  return parseCatalog(text, response.url || absolute(url, couldNot));
}

const TEXT_TAGS = ['album', 'albumArtist', 'genre'] as const;
const NUMBER_TAGS = ['trackNumber', 'discNumber', 'year', 'addedAt'] as const;

function requiredText(raw: Json, field: string, at: string, fail: (m: string) => CatalogError): string {
  const value = raw[field];
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') throw fail(`${at}.${field} must be a non-empty string`);
  return text;
}

/** Absent, null and blank all mean "not given": a blank artwork would otherwise resolve to library.json itself. */
function optionalText(raw: Json, field: string, at: string, fail: (m: string) => CatalogError): string | undefined {
  const value = raw[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw fail(`${at}.${field} must be a string`);
  const text = value.trim();
  return text === '' ? undefined : text;
}

/**
 * A plain relative path: segments of unreserved characters, none starting with "." (so no "." or ".."
 * segments) and no "%" (so no "%2e"). The URL parser leaves such a path untouched, so it resolves to
 * the catalog's directory + the path; skipping `new URL` for it (the usual case) halves parse time.
 */
const PLAIN_PATH = /^[\w~-][\w.~-]*(?:\/[\w~-][\w.~-]*)*$/;

const isHttp = (protocol: string): boolean => protocol === 'http:' || protocol === 'https:';

/**
 * Returns a function that resolves a url/artwork value against the catalog URL and accepts only
 * http(s). The check is on the parsed URL, not the text, so obfuscations such as "java\tscript:" or
 * " JavaScript:" are caught as the browser would read them. `javascript:` would run script;
 * `data:`/`blob:`/`file:` are not something a static host serves, and the service worker caches http(s).
 */
function urlResolver(catalogUrl: URL, name: string, fail: (m: string) => CatalogError) {
  // Kept as a string: `new URL(value, urlObject)` re-serializes and re-parses the base on every call.
  const base = catalogUrl.href;
  // The fast path may skip the protocol check only because the directory it prefixes is http(s).
  const directory = isHttp(catalogUrl.protocol) ? new URL('./', catalogUrl).href : undefined;
  return (value: string, where: string): string => {
    if (directory !== undefined && PLAIN_PATH.test(value)) return directory + value;
    let url: URL;
    try {
      url = new URL(value, base);
    } catch {
      throw fail(`${where} is not a valid URL`);
    }
    if (!isHttp(url.protocol)) {
      throw fail(`${where} must be an http(s) URL or a path relative to ${name}, not a "${url.protocol}" URL`);
    }
    return url.href;
  };
}

/** The last path segment, for messages: "library.json" for ".../library.json?v=2". */
function fileName(url: string): string {
  try {
    const segment = new URL(url, 'http://x/').pathname.split('/').pop() ?? '';
    return decodeURIComponent(segment) || url;
  } catch {
    return url;
  }
}

/** The request URL made absolute against the page, for when the Response does not carry its own. */
function absolute(url: string, couldNot: string): string {
  try {
    return new URL(url, globalThis.location?.href).href;
  } catch (cause) {
    throw new CatalogError(`${couldNot}: "${url}" is not an absolute URL`, { cause });
  }
}
