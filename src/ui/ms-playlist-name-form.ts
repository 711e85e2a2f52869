import { css, html, LitElement } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { CancelEvent, NameSubmitEvent } from './events';
import { controlStyles, textFieldStyles } from './shared-styles';

/**
 * The one way a playlist is named (New playlist, Rename playlist, Save queue as playlist): a `Playlist name`
 * textbox, a submit button and Cancel. It takes focus when shown; Escape cancels.
 */
@customElement('ms-playlist-name-form')
export class MsPlaylistNameForm extends LitElement {
  static override styles = [
    controlStyles,
    textFieldStyles,
    css`
      form {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        padding-bottom: 0.75rem;
      }
      button {
        border-color: var(--ms-border);
        padding-inline: 1rem;
      }
    `,
  ];

  /** The name the textbox starts with. */
  @property() value = '';
  @property() submitLabel = 'Create';

  @query('input') private input!: HTMLInputElement;

  protected override firstUpdated(): void {
    this.input.focus();
    this.input.select();
  }

  override render() {
    return html`<form @submit=${this.handleSubmit} @keydown=${this.handleKeydown}>
      <input type="text" aria-label="Playlist name" maxlength="200" required autocomplete="off" .value=${this.value} />
      <button type="submit" class="primary">${this.submitLabel}</button>
      <button type="button" @click=${() => this.dispatchEvent(new CancelEvent())}>Cancel</button>
    </form>`;
  }

  private handleSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.dispatchEvent(new NameSubmitEvent(this.input.value));
  }

  private handleKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.dispatchEvent(new CancelEvent());
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ms-playlist-name-form': MsPlaylistNameForm;
  }
}
