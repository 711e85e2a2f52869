/**
 * Re-renders its host whenever a service it shows says it changed (offline music, say), and follows the
 * service when the host is handed another. Lit's controller pattern: subscribed only while connected.
 */

import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface ChangeSource {
  on(listener: () => void): () => void;
}

export class ChangeController implements ReactiveController {
  private followed: ChangeSource | null = null;
  private unsubscribe: (() => void) | null = null;

  /** The host adds it (`this.addController(new ChangeController(…))`); it keeps no reference back. */
  constructor(
    host: ReactiveControllerHost,
    private readonly source: () => ChangeSource | null,
    /** What a change does; by default, a render. */
    private readonly onChange: () => void = () => host.requestUpdate(),
  ) {}

  hostConnected(): void {
    this.follow();
  }

  /** Before each render: the host may have been handed another service. */
  hostUpdate(): void {
    this.follow();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.followed = null;
  }

  private follow(): void {
    const source = this.source();
    if (source === this.followed) return;
    this.unsubscribe?.();
    this.followed = source;
    this.unsubscribe = source ? source.on(this.onChange) : null;
  }
}
