import { describe, expect, test } from 'vitest';
import { imageSize } from '../../src/library/image-size';
import { pngCover } from '../support/audio-fixtures';

const le16 = (n: number) => [n & 0xff, n >> 8];
const le24 = (n: number) => [n & 0xff, (n >> 8) & 0xff, n >> 16];
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

function webp(chunk: string, body: number[]): Uint8Array {
  return new Uint8Array([...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WEBP'), ...ascii(chunk), 0, 0, 0, 0, ...body, ...new Array(16).fill(0)]);
}

describe('imageSize', () => {
  test('reads a PNG’s size from its IHDR', () => {
    expect(imageSize(pngCover())).toEqual({ width: 1, height: 1 });
  });

  test('reads a GIF’s logical screen size', () => {
    expect(imageSize(new Uint8Array([...ascii('GIF89a'), ...le16(300), ...le16(200), 0, 0, 0]))).toEqual({ width: 300, height: 200 });
  });

  test('reads a JPEG’s size from its first start-of-frame segment, past the segments before it', () => {
    const app0 = [0xff, 0xe0, 0, 4, 0, 0];
    const sof0 = [0xff, 0xc0, 0, 17, 8, 0, 120, 0, 160, 3];
    expect(imageSize(new Uint8Array([0xff, 0xd8, ...app0, ...sof0, 0, 0, 0, 0]))).toEqual({ width: 160, height: 120 });
  });

  test('reads the three kinds of WebP', () => {
    expect(imageSize(webp('VP8X', [0, 0, 0, 0, ...le24(255), ...le24(99)]))).toEqual({ width: 256, height: 100 });
    const bits = (64 - 1) | ((32 - 1) << 14);
    expect(imageSize(webp('VP8L', [0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, bits >>> 24]))).toEqual({
      width: 64,
      height: 32,
    });
    expect(imageSize(webp('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, ...le16(48), ...le16(40)]))).toEqual({ width: 48, height: 40 });
  });

  test('names no size for bytes that are no image, or an image cut short', () => {
    expect(imageSize(new TextEncoder().encode('<html>not a cover</html>'))).toBeNull();
    expect(imageSize(pngCover().subarray(0, 20))).toBeNull();
    expect(imageSize(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 4]))).toBeNull();
    expect(imageSize(new Uint8Array())).toBeNull();
  });
});
