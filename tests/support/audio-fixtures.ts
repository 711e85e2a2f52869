/**
 * Audio files made at test time, so no fixture audio is checked in: one short MP3 clip encoded once with
 * lamejs and repeated frame by frame for any length, tagged with browser-id3-writer (ID3v2.3 with a cover);
 * a FLAC with Vorbis comments and a picture, written by hand; and the bad inputs (text named .mp3,
 * truncated, empty). Used by the unit tests, the end-to-end tests and the import benchmark.
 */

import { Mp3Encoder } from '@breezystack/lamejs';
import { ID3Writer } from 'browser-id3-writer';

const SAMPLE_RATE = 32_000;
const KBPS = 64;
const FRAME_SAMPLES = 1152;
/** One MPEG-1 Layer III frame at 64 kbps, 32 kHz: 144 * 64000 / 32000 = 288 bytes, 36 ms. */
export const FRAME_SECONDS = FRAME_SAMPLES / SAMPLE_RATE;

let clipFrames: Uint8Array | null = null;

/** About 0.5 s of a quiet tone, encoded once per process; CBR, so its frames can be repeated freely. */
function clip(): Uint8Array {
  if (clipFrames) return clipFrames;
  const encoder = new Mp3Encoder(1, SAMPLE_RATE, KBPS);
  const chunk = new Int16Array(FRAME_SAMPLES);
  const parts: Uint8Array[] = [];
  for (let frame = 0; frame < 16; frame++) {
    for (let i = 0; i < FRAME_SAMPLES; i++)
      chunk[i] = Math.round(4000 * Math.sin((2 * Math.PI * 440 * (frame * FRAME_SAMPLES + i)) / SAMPLE_RATE));
    parts.push(new Uint8Array(encoder.encodeBuffer(chunk)));
  }
  parts.push(new Uint8Array(encoder.flush()));
  const all = concat(parts);
  // Keep whole frames only, from the first frame sync: repeating them makes a valid longer stream.
  const start = all.findIndex((byte, i) => byte === 0xff && ((all[i + 1] ?? 0) & 0xe0) === 0xe0);
  const frameBytes = 288;
  const count = Math.floor((all.length - start) / frameBytes);
  clipFrames = all.slice(start, start + count * frameBytes);
  return clipFrames;
}

/** An untagged MP3 of about `seconds` (whole frames). */
export function mp3Audio(seconds: number): Uint8Array {
  const frames = clip();
  const frameCount = frames.length / 288;
  const wanted = Math.max(1, Math.round(seconds / FRAME_SECONDS));
  const out = new Uint8Array(wanted * 288);
  for (let i = 0; i < wanted; i++) out.set(frames.subarray((i % frameCount) * 288, (i % frameCount) * 288 + 288), i * 288);
  return out;
}

export interface Mp3Tags {
  readonly title?: string;
  readonly artist?: string;
  readonly album?: string;
  readonly albumArtist?: string;
  readonly track?: string;
  readonly disc?: string;
  readonly year?: number;
  readonly genre?: string;
  readonly cover?: Uint8Array;
}

/** An MP3 of about `seconds` with an ID3v2.3 tag (and an APIC front cover when given). */
export function taggedMp3(tags: Mp3Tags, seconds = 2): Uint8Array {
  const writer = new ID3Writer(mp3Audio(seconds).buffer as ArrayBuffer);
  if (tags.title) writer.setFrame('TIT2', tags.title);
  if (tags.artist) writer.setFrame('TPE1', [tags.artist]);
  if (tags.album) writer.setFrame('TALB', tags.album);
  if (tags.albumArtist) writer.setFrame('TPE2', tags.albumArtist);
  if (tags.track) writer.setFrame('TRCK', tags.track);
  if (tags.disc) writer.setFrame('TPOS', tags.disc);
  if (tags.year) writer.setFrame('TYER', tags.year);
  if (tags.genre) writer.setFrame('TCON', [tags.genre]);
  if (tags.cover) writer.setFrame('APIC', { type: 3, data: tags.cover.buffer as ArrayBuffer, description: 'Cover' });
  return new Uint8Array(writer.addTag());
}

/** A valid 1×1 PNG of one colour: the smallest real cover (the browser decodes it into a thumbnail). */
export function pngCover(rgb: readonly [number, number, number] = [200, 40, 90]): Uint8Array {
  const raw = new Uint8Array([0, rgb[0], rgb[1], rgb[2]]);
  const ihdr = bytes(u32(1), u32(1), [8, 2, 0, 0, 0]);
  return bytes(
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    chunk('IHDR', ihdr),
    chunk('IDAT', zlibStored(raw)),
    chunk('IEND', new Uint8Array()),
  );
}

export interface FlacTags {
  readonly comments: Readonly<Record<string, string>>;
  readonly picture?: { readonly mime: string; readonly data: Uint8Array };
  readonly seconds?: number;
}

/**
 * A FLAC file by hand: "fLaC", STREAMINFO (44.1 kHz, 16 bit, stereo, the sample count giving the length),
 * VORBIS_COMMENT and PICTURE. No audio frames: the tags and the length are all the reader needs.
 */
export function flacFile({ comments, picture, seconds = 3 }: FlacTags): Uint8Array {
  const rate = 44_100;
  const samples = Math.round(seconds * rate);
  const streamInfo = new Uint8Array(34);
  const view = new DataView(streamInfo.buffer);
  view.setUint16(0, 4096);
  view.setUint16(2, 4096);
  // 20 bits sample rate, 3 bits channels - 1, 5 bits bits-per-sample - 1, 36 bits total samples.
  const packed = (BigInt(rate) << 44n) | (1n << 41n) | (15n << 36n) | BigInt(samples);
  view.setBigUint64(10, packed);
  const encoder = new TextEncoder();
  const vendor = encoder.encode('mediastream-tests');
  const entries = Object.entries(comments).map(([key, value]) => encoder.encode(`${key}=${value}`));
  const vorbis = bytes(le32(vendor.length), vendor, le32(entries.length), ...entries.flatMap((entry) => [le32(entry.length), entry]));
  const blocks: [number, Uint8Array][] = [
    [0, streamInfo],
    [4, vorbis],
  ];
  if (picture) {
    const mime = encoder.encode(picture.mime);
    blocks.push([
      6,
      bytes(u32(3), u32(mime.length), mime, u32(0), u32(1), u32(1), u32(24), u32(0), u32(picture.data.length), picture.data),
    ]);
  }
  const parts: Uint8Array[] = [encoder.encode('fLaC')];
  blocks.forEach(([type, body], index) => {
    const last = index === blocks.length - 1 ? 0x80 : 0;
    parts.push(new Uint8Array([last | type, (body.length >> 16) & 0xff, (body.length >> 8) & 0xff, body.length & 0xff]), body);
  });
  return concat(parts);
}

/** Not audio at all, whatever its name says. */
export function textFile(): Uint8Array {
  return new TextEncoder().encode('These are my notes, not a song.\n'.repeat(20));
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const body = bytes(new TextEncoder().encode(type), data);
  return bytes(u32(data.length), body, u32(crc32(body)));
}

/** zlib with one stored (uncompressed) deflate block. */
function zlibStored(data: Uint8Array): Uint8Array {
  const len = data.length;
  return bytes([0x78, 0x01, 0x01, len & 0xff, len >> 8, ~len & 0xff, (~len >> 8) & 0xff], data, u32(adler32(data)));
}

function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function u32(value: number): Uint8Array {
  return new Uint8Array([(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]);
}

function le32(value: number): Uint8Array {
  return new Uint8Array([value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff]);
}

function bytes(...parts: (Uint8Array | readonly number[])[]): Uint8Array {
  return concat(parts.map((part) => (part instanceof Uint8Array ? part : new Uint8Array(part))));
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
