/** Whether the browser is online, kept current for its host. */

import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class OnlineController implements ReactiveController {
  online = navigator.onLine;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('online', this.update);
    window.addEventListener('offline', this.update);
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.update);
    window.removeEventListener('offline', this.update);
  }

  private readonly update = (): void => {
    this.online = navigator.onLine;
    this.host.requestUpdate();
  };
}
