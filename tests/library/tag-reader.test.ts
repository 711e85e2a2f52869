import { describe, expect, test } from 'vitest';
import { readTrack, SkipError, UNKNOWN_ARTIST } from '../../src/library/tag-reader';
import { flacFile, mp3Audio, pngCover, taggedMp3, textFile } from '../support/audio-fixtures';

const blob = (bytes: Uint8Array, type = 'audio/mpeg') => new Blob([bytes as BlobPart], { type });

async function skipReason(bytes: Uint8Array, path: string, type?: string): Promise<string> {
  const error = await readTrack(blob(bytes, type), path).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SkipError);
  return (error as SkipError).reason;
}

describe('tags → track', () => {
  test('a tagged MP3 gives every tag and its cover', async () => {
    const cover = pngCover();
    const file = taggedMp3({
      title: 'Harbour Lights',
      artist: 'The Tidewaters',
      album: 'Salt',
      albumArtist: 'Various',
      track: '3/12',
      disc: '2/2',
      year: 1999,
      genre: 'Folk',
      cover,
    });
    const { tags, cover: read } = await readTrack(blob(file), 'Salt/03 Harbour Lights.mp3');
    expect(tags).toMatchObject({
      title: 'Harbour Lights',
      artist: 'The Tidewaters',
      album: 'Salt',
      albumArtist: 'Various',
      trackNumber: 3,
      discNumber: 2,
      year: 1999,
      genre: 'Folk',
    });
    expect(tags.duration).toBeCloseTo(2, 0);
    expect(read?.type).toBe('image/png');
    expect([...(read?.bytes ?? [])]).toEqual([...cover]);
  });

  test('a FLAC with Vorbis comments and a picture', async () => {
    const cover = pngCover([10, 200, 30]);
    const file = flacFile({
      comments: {
        TITLE: 'Glass',
        ARTIST: 'Oona',
        ALBUM: 'Prisms',
        ALBUMARTIST: 'Oona',
        TRACKNUMBER: '7',
        DISCNUMBER: '1',
        DATE: '2011',
        GENRE: 'Ambient',
      },
      picture: { mime: 'image/png', data: cover },
      seconds: 4,
    });
    const { tags, cover: read } = await readTrack(blob(file, 'audio/flac'), 'Prisms/07.flac');
    expect(tags).toMatchObject({
      title: 'Glass',
      artist: 'Oona',
      album: 'Prisms',
      trackNumber: 7,
      discNumber: 1,
      year: 2011,
      genre: 'Ambient',
    });
    expect(tags.duration).toBeCloseTo(4, 3);
    expect([...(read?.bytes ?? [])]).toEqual([...cover]);
  });

  test('an untagged file is titled by its file name, its album is its folder, its artist Unknown artist', async () => {
    const { tags, cover } = await readTrack(blob(mp3Audio(1)), 'Road Trip/Side A/02 Night Drive.mp3');
    expect(tags).toMatchObject({ title: '02 Night Drive', album: 'Side A', artist: UNKNOWN_ARTIST, albumArtist: UNKNOWN_ARTIST });
    expect(cover).toBeUndefined();
  });

  test('tags with HTML, right-to-left text and emoji are kept as text, control characters dropped', async () => {
    const file = taggedMp3({ title: '<img src=x onerror=alert(1)>', artist: 'فيروز 🎶', album: 'Line\u0007Bell' });
    const { tags } = await readTrack(blob(file), 'x.mp3');
    expect(tags.title).toBe('<img src=x onerror=alert(1)>');
    expect(tags.artist).toBe('فيروز 🎶');
    expect(tags.album).toBe('LineBell');
  });

  test('a text file named .mp3 is not audio; an empty file is empty; a truncated one is unreadable', async () => {
    expect(await skipReason(textFile(), 'notes.mp3')).toBe('not audio');
    expect(await skipReason(textFile(), 'notes.txt', 'text/plain')).toBe('not audio');
    expect(await skipReason(new Uint8Array(), 'empty.mp3')).toBe('empty');
    expect(await skipReason(taggedMp3({ title: 'Cut', cover: pngCover() }).slice(0, 40), 'cut.mp3')).toBe('unreadable');
  });
});
