/**
 * When the sound's tab writes its position: at most once a second while playing, and at once when it
 * matters (pause, seek, track change, the page going away). Paused, nothing is written.
 */

export const CHECKPOINT_INTERVAL_MS = 1000;

export class CheckpointThrottle {
  private lastWriteAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly now: () => number) {}

  /** Whether a regular tick while playing should write now. */
  shouldWrite(): boolean {
    const now = this.now();
    // A clock that jumped backwards must not silence checkpoints until it catches up.
    if (now - this.lastWriteAt >= CHECKPOINT_INTERVAL_MS || now < this.lastWriteAt) {
      this.lastWriteAt = now;
      return true;
    }
    return false;
  }

  /** Record that the stored position was written outside the regular ticks (by a checkpoint or any change that moves it). */
  wrote(): void {
    this.lastWriteAt = this.now();
  }
}
