/**
 * Long tracks (a mix, an audiobook chapter, a podcast: 20 minutes or more) remember where they were left
 * and at what speed, so playing one again resumes there. The sound's tab says a track is long (its
 * checkpoints carry the length the audio reports); the point is written when the track is left, not at
 * every checkpoint, so a checkpoint stays as small as ever. A long track played to its end forgets it.
 */

import { HISTORY_LIMIT, type PlaybackFields, type PlaybackState, positionAt, type ResumePoint } from './state';

/** From this length on, a track keeps its own position. */
export const LONG_TRACK_SECONDS = 20 * 60;
/** The most long tracks remembered; the least recently left is forgotten first. */
export const RESUME_POINT_LIMIT = HISTORY_LIMIT;

export function resumePointOf(state: Pick<PlaybackFields, 'resumePoints'>, trackId: string): ResumePoint | undefined {
  return state.resumePoints.find((point) => point.trackId === trackId);
}

/**
 * What changes besides the track when `nextTrackId` becomes current: a long track being left keeps its
 * place (or, `finished`, forgets it), and the next track resumes from its own place and speed if it has
 * one; a track without one plays at the speed short tracks play at.
 */
export function resumeOnTrackChange(state: PlaybackState, nextTrackId: string, at: number, finished = false): Partial<PlaybackFields> {
  let points = state.resumePoints;
  const leaving = state.currentTrackId;
  if (leaving !== null && state.currentTrackLong) {
    points = points.filter((point) => point.trackId !== leaving);
    if (!finished)
      points = [{ trackId: leaving, positionSeconds: positionAt(state, at), rate: state.rate, at }, ...points].slice(0, RESUME_POINT_LIMIT);
  }
  const resume = nextTrackId === leaving && finished ? undefined : points.find((point) => point.trackId === nextTrackId);
  const fields: { -readonly [K in keyof PlaybackFields]?: PlaybackFields[K] } = {};
  if (points !== state.resumePoints) fields.resumePoints = points;
  const long = resume !== undefined;
  if (long !== state.currentTrackLong) fields.currentTrackLong = long;
  const rate = resume ? resume.rate : state.baseRate;
  if (rate !== state.rate) fields.rate = rate;
  if (resume) fields.positionSeconds = resume.positionSeconds;
  return fields;
}

/** The sound's tab reports the current track's length: a long one starts keeping its place. */
export function markLongTrack(state: PlaybackState, durationSeconds: number | undefined): Partial<PlaybackFields> {
  if (state.currentTrackLong || durationSeconds === undefined || !(durationSeconds >= LONG_TRACK_SECONDS)) return {};
  return { currentTrackLong: true };
}
