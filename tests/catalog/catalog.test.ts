import { describe, expect, it } from 'vitest';
import { CatalogError, loadCatalog, parseCatalog } from '../../src/catalog/catalog';

const CATALOG_URL = 'https://cdn.example.com/some/where/library.json';

const validTrack = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 't1',
  title: 'First Light',
  artist: 'The Examples',
  url: 'audio/t1.mp3',
  ...overrides,
});

const parse = (value: unknown): ReturnType<typeof parseCatalog> => parseCatalog(JSON.stringify(value), CATALOG_URL);

/** Parses `text` expecting a CatalogError, and returns its message. */
function errorOf(text: string): string {
  try {
    parseCatalog(text, CATALOG_URL);
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogError);
    expect((error as Error).name).toBe('CatalogError');
    return (error as Error).message;
  }
  throw new Error('expected parseCatalog to throw');
}

/** The message for a catalog whose track at index 2 (after two valid ones) has `overrides` applied. */
function errorForThirdTrack(overrides: Record<string, unknown>): string {
  const tracks = [validTrack({ id: 'a' }), validTrack({ id: 'b' }), validTrack({ id: 'c', ...overrides })];
  return errorOf(JSON.stringify({ tracks }));
}

describe('parseCatalog: valid catalogs', () => {
  it('resolves relative url and artwork against the catalog URL', () => {
    const catalog = parse({
      tracks: [
        validTrack({ album: 'Dawn', duration: 187.5, artwork: 'art/t1.webp' }),
        validTrack({ id: 't2', url: '../up/t2.ogg', artwork: '/root/t2.png' }),
      ],
    });

    expect(catalog.tracks).toEqual([
      {
        id: 't1',
        title: 'First Light',
        artist: 'The Examples',
        album: 'Dawn',
        duration: 187.5,
        url: 'https://cdn.example.com/some/where/audio/t1.mp3',
        artwork: 'https://cdn.example.com/some/where/art/t1.webp',
      },
      {
        id: 't2',
        title: 'First Light',
        artist: 'The Examples',
        url: 'https://cdn.example.com/some/up/t2.ogg',
        artwork: 'https://cdn.example.com/root/t2.png',
      },
    ]);
  });

  it('keeps absolute http and https URLs as they are', () => {
    const catalog = parse({
      tracks: [validTrack({ url: 'https://media.example.org/a/t1.mp3?sig=abc', artwork: 'http://img.example.net/t1.jpg' })],
    });
    expect(catalog.tracks[0]?.url).toBe('https://media.example.org/a/t1.mp3?sig=abc');
    expect(catalog.tracks[0]?.artwork).toBe('http://img.example.net/t1.jpg');
  });

  it('resolves every kind of relative path exactly as the URL parser does', () => {
    const catalogUrl = 'https://cdn.example.com/some/where/library.json?v=3#top';
    const paths = [
      'audio/t1.ogg',
      'a',
      'a.',
      'a..',
      '-x',
      '~x',
      '_x',
      'A_b-c~d.E',
      'a/b/c.mp3',
      './a',
      '../a',
      '.a',
      'a/./b',
      'a/../b',
      'a//b',
      '/a',
      'a/',
      '%2e%2e/a',
      'a%20b',
      'a b',
      'a?x=1',
      'a#x',
      'a\\b',
      'é.mp3',
      '//other.example/x',
    ];
    const tracks = paths.map((url, i) => validTrack({ id: `t${i}`, url }));
    const catalog = parseCatalog(JSON.stringify({ tracks }), catalogUrl);
    expect(catalog.tracks.map((t) => t.url)).toEqual(paths.map((p) => new URL(p, catalogUrl).href));
  });

  it('rejects relative paths when the catalog itself is not served over http(s)', () => {
    expect(() => parseCatalog(JSON.stringify({ tracks: [validTrack()] }), 'file:///music/library.json')).toThrow(
      'library.json: tracks[0].url must be an http(s) URL or a path relative to library.json, not a "file:" URL',
    );
  });

  it('indexes tracks by id', () => {
    const catalog = parse({ tracks: [validTrack(), validTrack({ id: 't2', title: 'Second' })] });
    expect(catalog.byId.size).toBe(2);
    expect(catalog.byId.get('t2')?.title).toBe('Second');
    expect(catalog.byId.get('t1')).toBe(catalog.tracks[0]);
  });

  it('accepts an empty tracks array as an empty library', () => {
    const catalog = parse({ tracks: [] });
    expect(catalog.tracks).toEqual([]);
    expect(catalog.byId.size).toBe(0);
  });

  it('ignores unknown fields at the top level and on tracks', () => {
    const catalog = parse({ version: 3, tracks: [validTrack({ mood: 'ambient', rating: 5 })] });
    expect(catalog.tracks[0]).toEqual({
      id: 't1',
      title: 'First Light',
      artist: 'The Examples',
      url: 'https://cdn.example.com/some/where/audio/t1.mp3',
    });
  });

  it('trims strings and treats null or blank optional fields as absent', () => {
    const catalog = parse({
      tracks: [validTrack({ id: '  t1 ', title: ' Title  ', album: '   ', artwork: null, duration: null })],
    });
    expect(catalog.tracks[0]).toEqual({
      id: 't1',
      title: 'Title',
      artist: 'The Examples',
      url: 'https://cdn.example.com/some/where/audio/t1.mp3',
    });
  });

  it('keeps an HTML-looking title verbatim as text', () => {
    const html = '<img src=x onerror=alert(1)>';
    const catalog = parse({ tracks: [validTrack({ title: html, artist: '<b>&amp;</b>', album: '"\'<script>' })] });
    expect(catalog.tracks[0]?.title).toBe(html);
    expect(catalog.tracks[0]?.artist).toBe('<b>&amp;</b>');
    expect(catalog.tracks[0]?.album).toBe('"\'<script>');
  });

  it('accepts a leading byte order mark', () => {
    expect(parseCatalog(`\uFEFF${JSON.stringify({ tracks: [validTrack()] })}`, CATALOG_URL).tracks).toHaveLength(1);
  });

  it('parses 100,000 tracks', () => {
    const tracks = Array.from({ length: 100_000 }, (_, i) =>
      validTrack({ id: `t${i}`, title: `Track ${i}`, duration: 60 + (i % 300), url: `audio/${i}.mp3`, artwork: `art/${i}.webp` }),
    );
    const catalog = parse({ tracks });
    expect(catalog.tracks).toHaveLength(100_000);
    expect(catalog.byId.size).toBe(100_000);
    expect(catalog.byId.get('t76543')).toEqual({
      id: 't76543',
      title: 'Track 76543',
      artist: 'The Examples',
      duration: 60 + (76543 % 300),
      url: 'https://cdn.example.com/some/where/audio/76543.mp3',
      artwork: 'https://cdn.example.com/some/where/art/76543.webp',
    });
  });
});

describe('parseCatalog: malformed catalogs', () => {
  it('reports text that is not JSON, with the parser’s reason', () => {
    expect(errorOf('{ "tracks": [ }')).toMatch(/^library\.json is not valid JSON: .+/);
    expect(errorOf('')).toMatch(/^library\.json is not valid JSON: /);
  });

  it.each([
    ['an array', '[]'],
    ['null', 'null'],
    ['a string', '"tracks"'],
    ['an object without tracks', '{"songs": []}'],
    ['an object whose tracks is not an array', '{"tracks": {"t1": {}}}'],
  ])('reports a top level that is %s', (_kind, text) => {
    expect(errorOf(text)).toBe('library.json must be an object with a "tracks" array');
  });

  it('reports a track that is not an object', () => {
    expect(errorOf(JSON.stringify({ tracks: [validTrack(), 'oops'] }))).toBe('library.json: tracks[1] must be an object');
  });

  describe.each(['id', 'title', 'artist', 'url'])('required field %s', (field) => {
    it.each([
      ['missing', undefined],
      ['null', null],
      ['a number', 42],
      ['an empty string', ''],
      ['only whitespace', '   '],
      ['an array', ['x']],
    ])('reports it when %s', (_kind, value) => {
      expect(errorForThirdTrack({ [field]: value })).toBe(`library.json: tracks[2].${field} must be a non-empty string`);
    });
  });

  it('reports an id longer than 200 characters', () => {
    expect(() => parse({ tracks: [validTrack({ id: 'x'.repeat(200) })] })).not.toThrow();
    expect(errorForThirdTrack({ id: 'x'.repeat(201) })).toBe('library.json: tracks[2].id must be at most 200 characters');
  });

  it('reports a duplicate id with both indexes', () => {
    const tracks = ['t0', 't2', 'x', 'y', 'z', 'w', 'v', 't2'].map((id) => validTrack({ id }));
    expect(errorOf(JSON.stringify({ tracks }))).toBe('library.json: tracks[7].id "t2" is used by tracks[1] too');
  });

  it.each([
    ['zero', 0],
    ['negative', -3],
    ['a string', '187'],
    ['a boolean', true],
  ])('reports a duration that is %s', (_kind, duration) => {
    expect(errorForThirdTrack({ duration })).toBe('library.json: tracks[2].duration must be a positive number of seconds');
  });

  it('reports a non-finite duration (JSON cannot say Infinity, but a huge literal overflows to it)', () => {
    expect(errorOf(`{"tracks":[{"id":"a","title":"T","artist":"A","url":"a.mp3","duration":1e999}]}`)).toBe(
      'library.json: tracks[0].duration must be a positive number of seconds',
    );
  });

  it.each(['album', 'artwork'])('reports an optional %s that is not a string', (field) => {
    expect(errorForThirdTrack({ [field]: 12 })).toBe(`library.json: tracks[2].${field} must be a string`);
  });

  it('reports a url that cannot be parsed', () => {
    expect(errorForThirdTrack({ url: 'https://exa mple.com/a.mp3' })).toBe('library.json: tracks[2].url is not a valid URL');
    expect(errorForThirdTrack({ artwork: 'http://[oops/a.png' })).toBe('library.json: tracks[2].artwork is not a valid URL');
  });

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['javascript:', ' JavaScript:alert(1)'],
    ['javascript:', 'java\tscript:alert(1)'],
    ['data:', 'data:audio/mp3;base64,AAAA'],
    ['file:', 'file:///etc/passwd'],
    ['blob:', 'blob:https://cdn.example.com/uuid'],
  ])('rejects a %s url (%j)', (scheme, url) => {
    expect(errorForThirdTrack({ url })).toBe(
      `library.json: tracks[2].url must be an http(s) URL or a path relative to library.json, not a "${scheme}" URL`,
    );
  });

  it('rejects a javascript: artwork', () => {
    expect(errorForThirdTrack({ artwork: 'javascript:alert(1)' })).toBe(
      'library.json: tracks[2].artwork must be an http(s) URL or a path relative to library.json, not a "javascript:" URL',
    );
  });

  it('names the catalog file from its URL', () => {
    expect(() => parseCatalog('nope', 'https://x.example/music/my-list.json?v=2')).toThrow(/^my-list\.json is not valid JSON: /);
  });
});

describe('loadCatalog', () => {
  const body = JSON.stringify({ tracks: [validTrack()] });

  it('fetches the catalog and resolves URLs against the requested URL', async () => {
    const requested: string[] = [];
    const fakeFetch = (async (input: RequestInfo | URL) => {
      requested.push(String(input));
      return new Response(body, { status: 200 });
    }) as typeof fetch;

    const catalog = await loadCatalog(CATALOG_URL, fakeFetch);

    expect(requested).toEqual([CATALOG_URL]);
    expect(catalog.tracks[0]?.url).toBe('https://cdn.example.com/some/where/audio/t1.mp3');
  });

  it('resolves URLs against where the response really came from after a redirect', async () => {
    const redirected = new Response(body, { status: 200 });
    Object.defineProperty(redirected, 'url', { value: 'https://mirror.example.net/v2/library.json' });
    const catalog = await loadCatalog(CATALOG_URL, (async () => redirected) as typeof fetch);
    expect(catalog.tracks[0]?.url).toBe('https://mirror.example.net/v2/audio/t1.mp3');
  });

  it('reports a 404 with its status', async () => {
    const fakeFetch = (async () => new Response('nope', { status: 404, statusText: 'Not Found' })) as typeof fetch;
    const error = await loadCatalog(CATALOG_URL, fakeFetch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogError);
    expect((error as Error).message).toBe('Could not load the music library (library.json): HTTP 404 Not Found');
  });

  it('reports a status without status text by its number alone', async () => {
    const fakeFetch = (async () => new Response('', { status: 503 })) as typeof fetch;
    await expect(loadCatalog(CATALOG_URL, fakeFetch)).rejects.toThrow('Could not load the music library (library.json): HTTP 503');
  });

  it('reports a failed network request', async () => {
    const cause = new TypeError('Failed to fetch');
    const fakeFetch = (async () => {
      throw cause;
    }) as typeof fetch;
    const error = await loadCatalog(CATALOG_URL, fakeFetch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogError);
    expect((error as Error).message).toBe('Could not load the music library (library.json): the network request failed');
    expect((error as Error).cause).toBe(cause);
  });

  it('passes a malformed catalog’s CatalogError through', async () => {
    const fakeFetch = (async () => new Response('{"tracks": 1}', { status: 200 })) as typeof fetch;
    await expect(loadCatalog(CATALOG_URL, fakeFetch)).rejects.toThrow('library.json must be an object with a "tracks" array');
  });
});
