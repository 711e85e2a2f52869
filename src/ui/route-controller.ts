/**
 * Which view this tab shows, from the URL's hash (src/browse/routes.ts): follows Back, Forward, a typed or
 * bookmarked URL, and links. Nothing here is shared with other tabs.
 */

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { formatRoute, parseRoute, type Route } from '../browse/routes';

export class RouteController implements ReactiveController {
  route: Route = parseRoute(location.hash);

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('hashchange', this.follow);
    window.addEventListener('popstate', this.follow);
    this.follow();
  }

  hostDisconnected(): void {
    window.removeEventListener('hashchange', this.follow);
    window.removeEventListener('popstate', this.follow);
  }

  /** A new history entry (a person chose a view). */
  go(route: Route): void {
    location.hash = formatRoute(route);
    this.follow();
  }

  /** The same history entry, rewritten (a search being typed: one entry, not one per keystroke). */
  replace(route: Route): void {
    history.replaceState(history.state, '', formatRoute(route));
    this.follow();
  }

  private readonly follow = (): void => {
    const route = parseRoute(location.hash);
    if (formatRoute(route) === formatRoute(this.route)) return;
    this.route = route;
    this.host.requestUpdate();
  };
}
