/** Re-renders its host a few times a second while `isRunning()` holds, so an extrapolated position moves. */

import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class ClockController implements ReactiveController {
  private timer: ReturnType<typeof setInterval> | undefined;
  now = Date.now();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly isRunning: () => boolean,
    private readonly intervalMs = 250,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    this.now = Date.now();
    const running = this.isRunning();
    if (running && this.timer === undefined) {
      this.timer = setInterval(() => this.host.requestUpdate(), this.intervalMs);
    } else if (!running && this.timer !== undefined) {
      this.stop();
    }
  }

  hostDisconnected(): void {
    this.stop();
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
