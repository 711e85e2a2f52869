import { describe, expect, test } from 'vitest';
import { HEAD_EXTRA_BYTES, HEAD_GUESS_BYTES, id3v2Size, PrefetchingBlob, TAIL_BYTES } from '../../src/library/prefetching-blob';
import { readTrack } from '../../src/library/tag-reader';
import { pngCover, taggedMp3 } from '../support/audio-fixtures';

/** A Blob that counts the slices read from it, as the browser process would see them. */
function countingBlob(bytes: Uint8Array) {
  const inner = new Blob([bytes as BlobPart], { type: 'audio/mpeg' });
  const reads: [number, number][] = [];
  return {
    reads,
    size: inner.size,
    type: inner.type,
    lastModified: 0,
    slice(start?: number, end?: number) {
      reads.push([start ?? 0, end ?? inner.size]);
      return inner.slice(start, end);
    },
  };
}

describe('the prefetching reader', () => {
  test('reads the first 256 KB and the last 4 KB at once; answers slices inside them from memory', async () => {
    const bytes = new Uint8Array(600_000).map((_, i) => (i * 7) & 0xff);
    bytes.set([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0x10, 0x00], 0); // ID3v2.3, synchsafe size 2048
    expect(id3v2Size(bytes)).toBe(10 + 2048);
    const file = countingBlob(bytes);
    const blob = await PrefetchingBlob.open(file);
    expect(file.reads).toEqual([
      [0, HEAD_GUESS_BYTES],
      [600_000 - TAIL_BYTES, 600_000],
    ]);
    const inHead = new Uint8Array(await blob.slice(100, 5000).arrayBuffer());
    const inTail = new Uint8Array(await blob.slice(600_000 - 128, 600_000).arrayBuffer());
    expect([...inHead]).toEqual([...bytes.slice(100, 5000)]);
    expect([...inTail]).toEqual([...bytes.slice(600_000 - 128)]);
    expect(file.reads).toHaveLength(2);
    expect(blob.counts.bufferedReads).toBe(2);
    // Outside both buffers the file answers.
    const middle = new Uint8Array(await blob.slice(300_000, 300_010).arrayBuffer());
    expect([...middle]).toEqual([...bytes.slice(300_000, 300_010)]);
    expect(file.reads).toHaveLength(3);
  });

  test('a tag larger than the first read is read on to its size plus 128 KB', async () => {
    const bytes = new Uint8Array(2_000_000).map((_, i) => (i * 13) & 0xff);
    bytes.set([0x49, 0x44, 0x33, 3, 0, 0, 0, 0x14, 0, 0], 0); // synchsafe size 0x14 << 14 = 327,680
    const tagEnd = 10 + (0x14 << 14);
    const file = countingBlob(bytes);
    const blob = await PrefetchingBlob.open(file);
    expect(file.reads).toEqual([
      [0, HEAD_GUESS_BYTES],
      [2_000_000 - TAIL_BYTES, 2_000_000],
      [HEAD_GUESS_BYTES, tagEnd + HEAD_EXTRA_BYTES],
    ]);
    // Across the two reads of the head, from memory.
    const across = new Uint8Array(await blob.slice(HEAD_GUESS_BYTES - 50, HEAD_GUESS_BYTES + 50).arrayBuffer());
    expect([...across]).toEqual([...bytes.slice(HEAD_GUESS_BYTES - 50, HEAD_GUESS_BYTES + 50)]);
    expect(file.reads).toHaveLength(3);
  });

  test('parsing a tagged MP3 with a cover needs no read beyond the prefetch', async () => {
    const file = countingBlob(taggedMp3({ title: 'Quiet', artist: 'Someone', cover: pngCover() }, 60));
    expect(file.size).toBeGreaterThan(HEAD_GUESS_BYTES + TAIL_BYTES);
    const { tags } = await readTrack(file, 'quiet.mp3');
    expect(tags.title).toBe('Quiet');
    expect(file.reads).toHaveLength(2);
  });

  test('a file smaller than the buffers is read whole in one read, and slices still match', async () => {
    const bytes = new Uint8Array(1000).map((_, i) => i & 0xff);
    const file = countingBlob(bytes);
    const blob = await PrefetchingBlob.open(file);
    expect(file.reads).toEqual([[0, 1000]]);
    expect([...new Uint8Array(await blob.slice(990).arrayBuffer())]).toEqual([...bytes.slice(990)]);
    expect([...new Uint8Array(await blob.slice(-5).arrayBuffer())]).toEqual([...bytes.slice(-5)]);
  });
});
