/** Keeps a component up to date with this tab's player: subscribed while connected, a render per change. */

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Player } from '../app/player';

export class PlayerController implements ReactiveController {
  private unsubscribe: (() => void) | null = null;

  /** The host adds it (`this.addController(new PlayerController(…))`). */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly player: Player,
  ) {}

  hostConnected(): void {
    this.unsubscribe = this.player.on(() => this.host.requestUpdate());
    void this.player.start();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.player.close();
  }
}
