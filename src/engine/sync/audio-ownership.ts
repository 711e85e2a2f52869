/**
 * Which tab outputs the sound: the holder of the Web Lock `mediastream.audio.<deviceId>`.
 *
 * A tab that starts playback steals the lock (it has the user gesture autoplay needs); the former holder's
 * request rejects at once and it is told. Every other tab waits in the lock's queue, so when the holder's
 * tab closes or crashes the browser hands the lock to one of them: that is how a tab learns that the
 * sound's tab has gone, with no heartbeat.
 *
 * A browser that blocks the site's storage denies its locks too (SecurityError). Tabs then share no device
 * id, so each is a player of its own and may sound: the tab behaves as if it held the lock.
 */

export type LockManagerLike = Pick<LockManager, 'request'>;

export interface OwnershipHandlers {
  /** This tab now holds the lock: `claimed` by its own playback, or `inherited` from a tab that went away. */
  onAcquired(how: 'claimed' | 'inherited'): void;
  /** Another tab took the sound: fall silent now. */
  onLost(): void;
}

export function audioLockName(deviceId: string): string {
  return `mediastream.audio.${deviceId}`;
}

export class AudioOwnership {
  private releaseHeld: (() => void) | null = null;
  private stopWaiting: AbortController | null = null;
  private closed = false;
  /** The browser denies locks to this page. */
  private denied = false;

  constructor(
    private readonly locks: LockManagerLike,
    readonly lockName: string,
    private readonly handlers: OwnershipHandlers,
  ) {}

  get isHolder(): boolean {
    return this.denied || this.releaseHeld !== null;
  }

  /** Join the queue for the lock, to inherit it when its holder goes away. */
  wait(): void {
    if (this.closed || this.isHolder || this.stopWaiting) return;
    const controller = new AbortController();
    this.stopWaiting = controller;
    this.hold({ signal: controller.signal }, 'inherited').catch(() => {
      // Aborted because this tab claimed the lock itself, or closed: nothing to do.
    });
  }

  /** Take the lock now, from whichever tab holds it. */
  async claim(): Promise<void> {
    if (this.closed || this.isHolder) return;
    this.stopWaiting?.abort();
    this.stopWaiting = null;
    await new Promise<void>((granted, failed) => {
      this.hold({ steal: true }, 'claimed', granted).catch(failed);
    });
  }

  close(): void {
    this.closed = true;
    this.stopWaiting?.abort();
    this.releaseHeld?.();
  }

  /** Requests the lock and keeps it until released or stolen. */
  private async hold(options: LockOptions, how: 'claimed' | 'inherited', granted?: () => void): Promise<void> {
    try {
      await this.locks.request(this.lockName, { mode: 'exclusive', ...options }, () => {
        if (how === 'inherited') this.stopWaiting = null;
        const held = new Promise<void>((release) => (this.releaseHeld = release));
        this.handlers.onAcquired(how);
        granted?.();
        return held;
      });
      this.releaseHeld = null;
    } catch (error) {
      const wasHolder = this.releaseHeld !== null;
      this.releaseHeld = null;
      if (!wasHolder && error instanceof Error && error.name === 'SecurityError') {
        this.denied = true;
        granted?.();
        return;
      }
      if (!wasHolder) throw error;
      // Stolen by another tab that started playback.
      this.handlers.onLost();
      this.wait();
    }
  }
}
