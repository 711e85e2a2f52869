import { css, html, LitElement, type PropertyDeclarations } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { NoticeAction, NoticeKind } from '../app/notices';
import { DismissEvent } from './events';
import { icons } from './icons';
import { controlStyles } from './shared-styles';

export interface Notice {
  readonly id: number;
  readonly message: string;
  readonly kind: NoticeKind;
  readonly action?: NoticeAction;
}

/** The app's messages to the person: errors as alerts, the rest as polite statuses. */
export class MsNotices extends LitElement {
  // Declared here rather than with Lit's decorators, whose code then stays out of the first paint.
  static override properties: PropertyDeclarations = {
    notices: { attribute: false },
  };
  static override styles = [
    controlStyles,
    css`
      :host {
        display: grid;
        gap: 0.5rem;
      }
      .notice {
        display: flex;
        align-items: center;
        gap: 0.75rem;
        padding: 0.6rem 0.6rem 0.6rem 1rem;
        border-radius: 0.75rem;
        background: var(--ms-surface-2);
        border: 1px solid var(--ms-border);
      }
      .notice.error {
        border-color: var(--ms-danger);
      }
      p {
        margin: 0;
        flex: 1;
      }
      .action {
        border-color: var(--ms-border);
        padding-inline: 0.8rem;
      }
    `,
  ];

  notices: readonly Notice[] = [];

  private dismiss(id: number): void {
    this.dispatchEvent(new DismissEvent(id));
  }

  override render() {
    return repeat(
      this.notices,
      (notice) => notice.id,
      (notice) => html`
        <div class="notice ${notice.kind}" role=${notice.kind === 'error' ? 'alert' : 'status'}>
          <p>${notice.message}</p>
          ${
            notice.action
              ? html`<button
                class="action"
                @click=${() => {
                  notice.action!.run();
                  this.dismiss(notice.id);
                }}
              >
                ${notice.action.label}
              </button>`
              : ''
          }
          <button aria-label="Dismiss" title="Dismiss" @click=${() => this.dismiss(notice.id)}>
            ${icons.remove}
          </button>
        </div>
      `,
    );
  }
}
customElements.define('ms-notices', MsNotices);

declare global {
  interface HTMLElementTagNameMap {
    'ms-notices': MsNotices;
  }
}
