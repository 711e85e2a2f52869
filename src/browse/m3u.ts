/**
 * M3U and M3U8 playlists, as VLC, foobar2000 and most players write them: an optional `#EXTM3U` header,
 * `#EXTINF:<seconds>[ attributes],<Artist> - <Title>` before an entry, then its path or URL. Reading is
 * forgiving (a byte-order mark, Windows or old Mac line ends, commas in titles, attributes with quoted
 * commas, blank and unknown `#` lines) and says what it could not read rather than dropping it.
 */

export interface M3uEntry {
  /** The path or URL as written, with `\` turned into `/` and `file:` URLs decoded to paths. */
  readonly location: string;
  /** The 1-based line the location is on, for messages. */
  readonly line: number;
  readonly duration?: number;
  readonly artist?: string;
  readonly title?: string;
}

export interface ParsedM3u {
  readonly name?: string;
  readonly entries: readonly M3uEntry[];
  /** Lines that are neither a directive nor a location (control characters, say), with the reason. */
  readonly unreadable: readonly { readonly line: number; readonly reason: string }[];
}

export class M3uError extends Error {
  override name = 'M3uError';
}

/** More lines than any real playlist has: beyond this the file is refused rather than read for minutes. */
export const MAX_M3U_LINES = 200_000;

export function parseM3u(text: string): ParsedM3u {
  if (text.includes('\u0000')) throw new M3uError('This file is not a playlist: it contains binary data.');
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (lines.length > MAX_M3U_LINES)
    throw new M3uError(
      `This playlist has ${lines.length.toLocaleString('en')} lines; at most ${MAX_M3U_LINES.toLocaleString('en')} can be read.`,
    );
  const entries: M3uEntry[] = [];
  const unreadable: { line: number; reason: string }[] = [];
  let name: string | undefined;
  let info: Pick<M3uEntry, 'duration' | 'artist' | 'title'> | null = null;
  lines.forEach((raw, index) => {
    const line = raw.trim();
    const number = index + 1;
    if (line === '') return;
    if (line.startsWith('#')) {
      if (/^#EXTINF:/i.test(line)) info = parseExtinf(line.slice('#EXTINF:'.length));
      else if (/^#PLAYLIST:/i.test(line)) name = line.slice('#PLAYLIST:'.length).trim() || name;
      return; // #EXTM3U and directives this reader does not use
    }
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this looks for
    if (/[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(line)) {
      unreadable.push({ line: number, reason: 'it contains control characters' });
      info = null;
      return;
    }
    entries.push({ location: normaliseLocation(line), line: number, ...(info ?? {}) });
    info = null;
  });
  return { ...(name ? { name } : {}), entries, unreadable };
}

/** `<seconds>[ key="value" …],<display>`: the display is everything after the first comma outside quotes. */
function parseExtinf(rest: string): Pick<M3uEntry, 'duration' | 'artist' | 'title'> {
  let quoted = false;
  let comma = -1;
  for (let i = 0; i < rest.length; i++) {
    const char = rest[i];
    if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) {
      comma = i;
      break;
    }
  }
  const head = comma === -1 ? rest : rest.slice(0, comma);
  const display = comma === -1 ? '' : rest.slice(comma + 1).trim();
  const seconds = Number.parseFloat(head);
  const duration = Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
  const separator = display.indexOf(' - ');
  const [artist, title] =
    separator === -1 ? [undefined, display || undefined] : [display.slice(0, separator).trim(), display.slice(separator + 3).trim()];
  return { ...(duration !== undefined ? { duration } : {}), ...(artist ? { artist } : {}), ...(title ? { title } : {}) };
}

function normaliseLocation(line: string): string {
  if (/^file:/i.test(line)) {
    try {
      const path = decodeURIComponent(new URL(line).pathname);
      // file:///C:/Music/… → C:/Music/…
      return /^\/[A-Za-z]:\//.test(path) ? path.slice(1) : path;
    } catch {
      return line;
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(line)) return line;
  return line.replace(/\\/g, '/');
}

export interface M3uItem {
  readonly location: string;
  readonly title: string;
  readonly artist: string;
  readonly duration?: number;
}

/** An M3U8 (UTF-8) playlist; a line break inside a tag cannot end its line early. */
export function writeM3u(name: string, items: readonly M3uItem[]): string {
  const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ').trim();
  const lines = ['#EXTM3U', `#PLAYLIST:${oneLine(name)}`];
  for (const item of items) {
    const seconds = item.duration !== undefined ? Math.round(item.duration) : -1;
    lines.push(`#EXTINF:${seconds},${oneLine(item.artist)} - ${oneLine(item.title)}`, oneLine(item.location));
  }
  return `${lines.join('\n')}\n`;
}
