/** A message for the person, fired by any component and shown by the app's notice area. */
export type NoticeKind = 'info' | 'error';

export class NoticeEvent extends Event {
  static readonly type = 'ms-notice';

  constructor(
    readonly message: string,
    readonly kind: NoticeKind = 'info',
  ) {
    super(NoticeEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'ms-notice': NoticeEvent;
  }
}
