import { html, LitElement, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { CopyQuestion } from '../app/own-music';
import { LibraryRequestEvent } from './library-request-event';
import { controlStyles, dialogStyles } from './shared-styles';

/**
 * The question asked before copying more than about 2 GB of picked files into the browser (there is room,
 * the free space was checked first): `Copy files?` with `Copy` and `Don't copy`. Closing it is `Don't copy`.
 */
@customElement('ms-copy-dialog')
export class MsCopyDialog extends LitElement {
  static override styles = [controlStyles, dialogStyles];

  @property({ attribute: false }) question: CopyQuestion | null = null;
  @query('dialog') private dialog!: HTMLDialogElement | null;

  protected override updated(): void {
    if (this.question && this.dialog && !this.dialog.open) this.dialog.showModal();
  }

  override render() {
    if (!this.question) return nothing;
    return html`
      <dialog aria-labelledby="copy-title" @cancel=${() => this.answer(false)}>
        <h2 id="copy-title">Copy files?</h2>
        <p>${this.question.message}</p>
        <div class="actions">
          <button @click=${() => this.answer(false)}>Don't copy</button>
          <button @click=${() => this.answer(true)}>Copy</button>
        </div>
      </dialog>
    `;
  }

  private answer(agreed: boolean): void {
    this.dialog?.close();
    this.dispatchEvent(new LibraryRequestEvent({ type: 'answerCopy', agreed }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ms-copy-dialog': MsCopyDialog;
  }
}
