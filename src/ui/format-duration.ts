/**
 * A track length or position as the UI shows it: `m:ss`, or `h:mm:ss` from an hour up.
 * Seconds are floored (a clock never shows a second that has not fully passed). NaN, ±Infinity and
 * negative values, which a media element reports before metadata loads or for live streams, show `0:00`.
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '0:00';
  const total = Math.floor(seconds);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${secs}` : `${minutes}:${secs}`;
}
