/**
 * Every event the app's components fire, in one place. Each is fired on a person's action only (never
 * because code set a property), bubbles and is composed, so it reaches the app through shadow roots.
 */

import type { PlayerIntent } from '../app/intents';
import type { NoticeKind } from '../app/notices';
import type { OfflineRequest } from '../app/player';

abstract class ComposedEvent extends Event {
  constructor(type: string) {
    super(type, { bubbles: true, composed: true });
  }
}

/** Something the person asked the player to do. */
export class IntentEvent extends ComposedEvent {
  static readonly type = 'ms-intent';

  constructor(readonly intent: PlayerIntent) {
    super(IntentEvent.type);
  }
}

/** A message for the person, shown by the app's notice area. */
export class NoticeEvent extends ComposedEvent {
  static readonly type = 'ms-notice';

  constructor(
    readonly message: string,
    readonly kind: NoticeKind = 'info',
  ) {
    super(NoticeEvent.type);
  }
}

/** Keep these tracks for offline, or let them go. */
export class OfflineEvent extends ComposedEvent {
  static readonly type = 'ms-offline';

  constructor(readonly request: OfflineRequest) {
    super(OfflineEvent.type);
  }
}

/** The person dismissed a notice (or used its action). */
export class DismissEvent extends ComposedEvent {
  static readonly type = 'ms-dismiss';

  constructor(readonly noticeId: number) {
    super(DismissEvent.type);
  }
}

/** A name the person typed and submitted (a playlist's). */
export class NameSubmitEvent extends ComposedEvent {
  static readonly type = 'ms-name-submit';

  constructor(readonly name: string) {
    super(NameSubmitEvent.type);
  }
}

/** The person asked to add a track to a playlist: the page that knows the playlists lets them choose which. */
export class AddToPlaylistEvent extends ComposedEvent {
  static readonly type = 'ms-add-to-playlist';

  constructor(
    readonly trackId: string,
    readonly title: string,
  ) {
    super(AddToPlaylistEvent.type);
  }
}

/** The person closed a form without submitting it. */
export class CancelEvent extends ComposedEvent {
  static readonly type = 'ms-cancel';

  constructor() {
    super(CancelEvent.type);
  }
}

declare global {
  interface HTMLElementEventMap {
    'ms-intent': IntentEvent;
    'ms-notice': NoticeEvent;
    'ms-offline': OfflineEvent;
    'ms-dismiss': DismissEvent;
    'ms-name-submit': NameSubmitEvent;
    'ms-cancel': CancelEvent;
    'ms-add-to-playlist': AddToPlaylistEvent;
  }
}
