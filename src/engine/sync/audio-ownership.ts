/**
 * Which tab outputs the sound: the holder of the Web Lock `mediastream.audio.<deviceId>`.
 *
 * A tab that starts playback steals the lock (it has the user gesture autoplay needs); the former holder's
 * request rejects and it is told. Every other tab waits in the lock's queue, so when the holder's tab
 * closes or crashes the browser hands the lock to one of them: that is how a tab learns that the sound's
 * tab has gone, with no heartbeat.
 *
 * A steal is granted at once, but the tab it was taken from hears of it only when its own main thread gets
 * to it, and until then its audio plays on. So the holder also holds a second lock, `<name>.sound`, and
 * lets go of it only once it has fallen silent; a tab that has taken the first lock waits for the second
 * before it counts as the holder and may sound. Two tabs never sound at once, however fast the sound is
 * moved back and forth. A holder that never answers (a frozen tab, which is not playing) loses the second
 * lock too after SOUND_HANDOVER_TIMEOUT_MS.
 *
 * A browser that blocks the site's storage denies its locks too (SecurityError). Tabs then share no device
 * id, so each is a player of its own and may sound: the tab behaves as if it held the lock.
 */

export type LockManagerLike = Pick<LockManager, 'request'>;

export interface OwnershipHandlers {
  /** This tab now holds the lock: `claimed` by its own playback, or `inherited` from a tab that went away. */
  onAcquired(how: 'claimed' | 'inherited'): void;
  /** Another tab took the sound: fall silent now (before this returns: the other tab starts after it). */
  onLost(): void;
}

export function audioLockName(deviceId: string): string {
  return `mediastream.audio.${deviceId}`;
}

/** Held, with the audio lock, by the one tab that may sound; let go of only once that tab is silent. */
export function soundLockName(deviceId: string): string {
  return `${audioLockName(deviceId)}.sound`;
}

/** How long a tab that took the audio lock waits for the former holder to fall silent before it takes over. */
export const SOUND_HANDOVER_TIMEOUT_MS = 2000;

export class AudioOwnership {
  /** Set while this tab holds both locks: it may sound. Calling it lets go of both. */
  private releaseHeld: (() => void) | null = null;
  private stopWaiting: AbortController | null = null;
  /** Set while this tab holds the audio lock and waits for the sound lock. */
  private handover: AbortController | null = null;
  private claiming: Promise<void> | null = null;
  private closed = false;
  /** The browser denies locks to this page. */
  private denied = false;
  readonly soundLockName: string;

  constructor(
    private readonly locks: LockManagerLike,
    readonly lockName: string,
    private readonly handlers: OwnershipHandlers,
  ) {
    this.soundLockName = `${lockName}.sound`;
  }

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

  /**
   * Take the lock now, from whichever tab holds it; resolves once the tab it was taken from is silent.
   * Rejects (AbortError) if yet another tab takes it first.
   */
  claim(): Promise<void> {
    if (this.closed || this.isHolder) return Promise.resolve();
    this.claiming ??= new Promise<void>((granted, failed) => {
      this.stopWaiting?.abort();
      this.stopWaiting = null;
      this.hold({ steal: true }, 'claimed', granted).catch(failed);
    }).finally(() => (this.claiming = null));
    return this.claiming;
  }

  close(): void {
    this.closed = true;
    this.stopWaiting?.abort();
    this.handover?.abort();
    this.releaseHeld?.();
  }

  /** Requests the lock and keeps it until released or stolen. */
  private async hold(options: LockOptions, how: 'claimed' | 'inherited', granted?: () => void): Promise<void> {
    const handover = new AbortController();
    let hadLock = false;
    try {
      await this.locks.request(this.lockName, { mode: 'exclusive', ...options }, async () => {
        hadLock = true;
        if (how === 'inherited') this.stopWaiting = null;
        this.handover = handover;
        const releaseSound = await this.takeSoundLock(handover.signal);
        if (this.handover === handover) this.handover = null;
        if (!releaseSound) return;
        if (handover.signal.aborted) return releaseSound();
        const held = new Promise<void>((release) => (this.releaseHeld = release));
        this.handlers.onAcquired(how);
        granted?.();
        await held;
        releaseSound();
      });
      this.releaseHeld = null;
    } catch (error) {
      handover.abort();
      const release = this.releaseHeld;
      this.releaseHeld = null;
      if (!hadLock) {
        if (error instanceof Error && error.name === 'SecurityError') {
          this.denied = true;
          granted?.();
          return;
        }
        throw error;
      }
      // Stolen by another tab that started playback. Fall silent, and only then let that tab sound.
      if (release) {
        this.handlers.onLost();
        release();
      }
      this.wait();
      // Taken before this tab had the sound: its claim has failed.
      if (!release) throw error;
    }
  }

  /**
   * Waits for the sound lock, which the former holder lets go of once it is silent; resolves with its
   * release, or null if the hand-over was called off (the audio lock was taken from this tab meanwhile).
   */
  private async takeSoundLock(handover: AbortSignal): Promise<(() => void) | null> {
    const queued = new AbortController();
    const stopQueueing = () => queued.abort();
    handover.addEventListener('abort', stopQueueing, { once: true });
    const timer = setTimeout(stopQueueing, SOUND_HANDOVER_TIMEOUT_MS);
    try {
      return await this.requestSoundLock({ signal: queued.signal });
    } catch {
      if (handover.aborted) return null;
      // The tab that has it does not answer (frozen, so not playing): take it.
      return await this.requestSoundLock({ steal: true }).catch(() => null);
    } finally {
      clearTimeout(timer);
      handover.removeEventListener('abort', stopQueueing);
    }
  }

  /** Resolves with the sound lock's release once it is granted; rejects if the request fails first. */
  private requestSoundLock(options: LockOptions): Promise<() => void> {
    return new Promise((granted, failed) => {
      this.locks
        .request(this.soundLockName, { mode: 'exclusive', ...options }, () => new Promise<void>((release) => granted(release)))
        // After the grant (stolen by a tab that timed out waiting for this one), nothing is left to do.
        .catch(failed);
    });
  }
}
