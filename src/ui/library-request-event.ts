/**
 * The one event of your own music's controls: what the person asked of their library (add, cancel,
 * rescan, reconnect, remove). Its own file, not ui/events.ts, because only components loaded after the
 * first paint fire it: kept in events.ts it would ride in the first paint's JS.
 */

import type { LibraryRequest } from '../app/own-music';

export class LibraryRequestEvent extends Event {
  static readonly type = 'ms-library-request';

  constructor(readonly request: LibraryRequest) {
    super(LibraryRequestEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'ms-library-request': LibraryRequestEvent;
  }
}
