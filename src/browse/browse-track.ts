/**
 * What browsing needs to know of a track, from the deployer's catalog or a person's own files: the tags
 * beyond title and artist are optional, and every view copes without them.
 */

export interface BrowseTrack {
  readonly id: string;
  readonly title: string;
  readonly artist: string;
  readonly album?: string;
  /** The album's own artist ("Various Artists" on a compilation); the track artist where absent. */
  readonly albumArtist?: string;
  readonly trackNumber?: number;
  readonly discNumber?: number;
  readonly year?: number;
  readonly genre?: string;
  /** Seconds. */
  readonly duration?: number;
  /** When it joined the library (ms since the epoch). */
  readonly addedAt?: number;
  readonly artwork?: string;
}
