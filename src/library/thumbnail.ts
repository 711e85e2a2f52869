/**
 * One small thumbnail per cover: at most 256 px on its longer side, WebP, drawn on an OffscreenCanvas in
 * the import worker. A full cover can be megabytes; 20,000 of them would be gigabytes of IndexedDB.
 */

import { imageSize } from './image-size';
import type { Cover } from './tag-reader';

export const THUMBNAIL_PX = 256;
/**
 * A cover already no larger than a thumbnail, in this few bytes, is kept as it is: drawing and encoding it
 * again cost about 8 ms a cover in the import worker here and would make nothing smaller.
 */
const KEEP_AS_IS_BYTES = 16 * 1024;

/**
 * Null when the bytes are not an image (a "cover" that is not one): the browser could not decode them,
 * or, for a small cover kept as it is, its header names no image format read here.
 */
export async function makeThumbnail(cover: Cover): Promise<{ type: string; bytes: ArrayBuffer } | null> {
  if (typeof createImageBitmap !== 'function' || typeof OffscreenCanvas !== 'function') return null;
  // A small cover's size is read from its header: decoding it only to learn that (a Blob and an image
  // decode, each a round trip to the browser) had this file on the stack in 485 ms of the import worker's
  // 8,587 ms of samples, in a trace of 2,000 tracks with a small cover an album.
  const size = cover.bytes.length <= KEEP_AS_IS_BYTES && /^image\//.test(cover.type) ? imageSize(cover.bytes) : null;
  if (size && size.width <= THUMBNAIL_PX && size.height <= THUMBNAIL_PX) return { type: cover.type, bytes: cover.bytes.slice().buffer };
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([cover.bytes as BlobPart], { type: cover.type }));
  } catch {
    return null;
  }
  try {
    if (
      bitmap.width <= THUMBNAIL_PX &&
      bitmap.height <= THUMBNAIL_PX &&
      cover.bytes.length <= KEEP_AS_IS_BYTES &&
      /^image\//.test(cover.type)
    ) {
      return { type: cover.type, bytes: cover.bytes.slice().buffer };
    }
    const scale = Math.min(1, THUMBNAIL_PX / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) return null;
    context.drawImage(bitmap, 0, 0, width, height);
    const blob = await canvas.convertToBlob({ type: 'image/webp', quality: 0.8 });
    return { type: blob.type, bytes: await blob.arrayBuffer() };
  } finally {
    bitmap.close();
  }
}
