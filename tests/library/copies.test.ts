import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { canKeepCopiesInOpfs, readCopy, removeCopies, writeCopy } from '../../src/library/copies';

// Node has no navigator.storage, as WebKitGTK has none: copies go to the `library_copies` store.
describe('copies where the browser has no origin-private file system', () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
  });

  it('keeps the copy in IndexedDB and reads the same bytes and type back', async () => {
    expect(canKeepCopiesInOpfs()).toBe(false);
    const bytes = new Uint8Array([73, 68, 51, 3, 0, 0, 0, 0, 0, 9, 255, 251]);
    await writeCopy('track-1', new File([bytes], 'Harbour.mp3', { type: 'audio/mpeg' }));

    const copy = await readCopy('track-1');
    expect(copy.type).toBe('audio/mpeg');
    expect(new Uint8Array(await copy.arrayBuffer())).toEqual(bytes);
  });

  it('removes copies, and a missing copy is a NotFoundError that says so', async () => {
    await writeCopy('track-1', new Blob([new Uint8Array([1, 2, 3])], { type: 'audio/wav' }));
    await writeCopy('track-2', new Blob([new Uint8Array([4])], { type: 'audio/wav' }));
    await removeCopies(['track-1', 'never-copied']);

    await expect(readCopy('track-1')).rejects.toMatchObject({ name: 'NotFoundError', message: /no longer in this browser/ });
    expect((await readCopy('track-2')).size).toBe(1);
  });
});
