/**
 * A Blob stand-in that answers small reads from two buffers read up front: the head (the ID3v2 tag plus
 * 128 KB of audio frames) and the last 4 KB (ID3v1, APE, Lyrics3 footers). music-metadata's parseBlob asks
 * the blob for many small slices; in Chromium each is a round trip to the browser process (about 45
 * tracks/s). With the buffers, almost every slice is a copy in memory; anything outside them falls
 * through to the real file.
 *
 * The head and the tail are read at once: the first 256 KB (most tags, covers included, and their 128 KB
 * of frames) and the last 4 KB; only a tag too large for that is read on, to its size plus 128 KB. In
 * Chromium every slice costs a round trip of its own whatever its size (2,000 files: three slices of which
 * two waited on the first, 5.7–8.1 s; two slices at once, 3.2–3.7 s; measured here in a worker), and a
 * file as small as the two buffers is read whole, without a slice (1.8 s).
 */

export const HEAD_EXTRA_BYTES = 128 * 1024;
export const TAIL_BYTES = 4 * 1024;
/** The head read before the tag's size is known. */
export const HEAD_GUESS_BYTES = 256 * 1024;
/** A head larger than this (a tag with a huge cover, or a bogus size) is read through the file instead. */
const MAX_HEAD_BYTES = 16 * 1024 * 1024;

/** What parseBlob needs of a Blob: its size and type, and slices that read. */
export interface BlobLike {
  readonly size: number;
  readonly type: string;
  slice(start?: number, end?: number): { arrayBuffer(): Promise<ArrayBuffer> };
  /** The whole file, where it can be read without a slice (a File or a Blob). */
  arrayBuffer?(): Promise<ArrayBuffer>;
}

export interface ReadCounts {
  /** Reads the file had to answer itself (the prefetches included). */
  fileReads: number;
  /** Reads answered from the prefetched buffers. */
  bufferedReads: number;
}

/** The size of an ID3v2 tag from its header (synchsafe integer), or 0 if the file does not start with one. */
export function id3v2Size(header: Uint8Array): number {
  if (header.length < 10 || header[0] !== 0x49 || header[1] !== 0x44 || header[2] !== 0x33) return 0;
  const footer = (header[5]! & 0x10) !== 0 ? 10 : 0;
  return 10 + footer + ((header[6]! & 0x7f) << 21) + ((header[7]! & 0x7f) << 14) + ((header[8]! & 0x7f) << 7) + (header[9]! & 0x7f);
}

export class PrefetchingBlob implements BlobLike {
  readonly counts: ReadCounts = { fileReads: 0, bufferedReads: 0 };

  private constructor(
    private readonly file: BlobLike,
    private readonly head: Uint8Array,
    private readonly tailStart: number,
    private readonly tail: Uint8Array,
  ) {}

  get size(): number {
    return this.file.size;
  }

  get type(): string {
    return this.file.type;
  }

  /** Reads the head and the tail at once (one more read for a tag over 128 KB); a small file whole. */
  static async open(file: BlobLike): Promise<PrefetchingBlob> {
    const size = file.size;
    if (size <= HEAD_GUESS_BYTES + TAIL_BYTES) {
      const whole = await (file.arrayBuffer ? file.arrayBuffer() : file.slice(0, size).arrayBuffer());
      const blob = new PrefetchingBlob(file, new Uint8Array(whole), size, new Uint8Array());
      blob.counts.fileReads = 1;
      return blob;
    }
    const tailStart = size - TAIL_BYTES;
    const [guess, tail] = await Promise.all([file.slice(0, HEAD_GUESS_BYTES).arrayBuffer(), file.slice(tailStart, size).arrayBuffer()]);
    let head = new Uint8Array(guess);
    const headLength = Math.min(tailStart, MAX_HEAD_BYTES, id3v2Size(head) + HEAD_EXTRA_BYTES);
    let fileReads = 2;
    if (headLength > head.length) {
      const rest = new Uint8Array(await file.slice(head.length, headLength).arrayBuffer());
      const longer = new Uint8Array(head.length + rest.length);
      longer.set(head);
      longer.set(rest, head.length);
      head = longer;
      fileReads++;
    }
    const blob = new PrefetchingBlob(file, head, tailStart, new Uint8Array(tail));
    blob.counts.fileReads = fileReads;
    return blob;
  }

  slice(start = 0, end = this.size): { arrayBuffer(): Promise<ArrayBuffer> } {
    const from = clamp(start < 0 ? this.size + start : start, this.size);
    const to = clamp(end < 0 ? this.size + end : end, this.size);
    const buffered = this.buffered(from, Math.max(from, to));
    if (buffered) {
      this.counts.bufferedReads++;
      return { arrayBuffer: () => Promise.resolve(buffered) };
    }
    this.counts.fileReads++;
    return this.file.slice(from, to);
  }

  /** A copy of [from, to) if one buffer holds all of it. */
  private buffered(from: number, to: number): ArrayBuffer | null {
    if (to <= this.head.length) return copy(this.head, from, to);
    if (from >= this.tailStart && to - this.tailStart <= this.tail.length)
      return copy(this.tail, from - this.tailStart, to - this.tailStart);
    return null;
  }
}

function clamp(value: number, size: number): number {
  return Math.min(Math.max(0, value), size);
}

function copy(buffer: Uint8Array, from: number, to: number): ArrayBuffer {
  return buffer.slice(from, to).buffer;
}
