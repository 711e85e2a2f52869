/** A request about offline music, fired by any component and handled by the app. */
export type OfflineRequest =
  | { readonly type: 'save'; readonly trackIds: readonly string[] }
  | { readonly type: 'remove'; readonly trackIds: readonly string[] };

export class OfflineEvent extends Event {
  static readonly type = 'ms-offline';

  constructor(readonly request: OfflineRequest) {
    super(OfflineEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'ms-offline': OfflineEvent;
  }
}
