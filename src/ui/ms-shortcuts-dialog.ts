import { css, html, LitElement } from 'lit';
import { customElement, query } from 'lit/decorators.js';
import { SHORTCUTS } from '../app/keyboard-shortcuts';
import { APP_VERSION } from '../app/version';
import { controlStyles, dialogStyles } from './shared-styles';

/** The list of keyboard shortcuts, shown with `?`. */
@customElement('ms-shortcuts-dialog')
export class MsShortcutsDialog extends LitElement {
  static override styles = [
    controlStyles,
    dialogStyles,
    css`
      table {
        border-collapse: collapse;
        width: 100%;
      }
      th,
      td {
        text-align: start;
        padding: 0.35rem 0.5rem 0.35rem 0;
      }
      kbd {
        font: inherit;
        font-weight: 600;
        border: 1px solid var(--ms-border);
        border-radius: 0.35rem;
        padding: 0.05rem 0.4rem;
        white-space: nowrap;
      }
      .close {
        margin-top: 1rem;
        border-color: var(--ms-border);
        padding-inline: 1rem;
      }
    `,
  ];

  @query('dialog') private dialog!: HTMLDialogElement;

  show(): void {
    if (!this.dialog.open) this.dialog.showModal();
  }

  override render() {
    return html`
      <dialog aria-labelledby="shortcuts-title">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <table>
          <tbody>
            ${SHORTCUTS.map((shortcut) => html`<tr><th scope="row"><kbd>${shortcut.keys}</kbd></th><td>${shortcut.does}</td></tr>`)}
          </tbody>
        </table>
        <p class="muted">MediaStream ${APP_VERSION}</p>
        <button class="close" @click=${() => this.dialog.close()}>Close</button>
      </dialog>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ms-shortcuts-dialog': MsShortcutsDialog;
  }
}
