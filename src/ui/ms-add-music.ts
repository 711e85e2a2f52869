import { css, html, LitElement } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type { LibraryRequest } from '../app/own-music';
import { LibraryRequestEvent } from './library-request-event';
import { controlStyles } from './shared-styles';

/** What the file chooser offers: audio by type, and the usual extensions for systems that type by name. */
const AUDIO_ACCEPT = 'audio/*,.mp3,.m4a,.aac,.flac,.ogg,.oga,.opus,.wav,.webm,.weba';

type DirectoryPicker = (options: { mode: 'read' }) => Promise<FileSystemDirectoryHandle>;

/**
 * `Add music`, which opens `Add folder` and `Add files`. A folder comes through showDirectoryPicker where
 * the browser has it (its handle is kept; nothing is copied), else through the folder input; files always
 * through the browser's own file chooser. The inputs are in the page, hidden, so tests can hand them files.
 */
@customElement('ms-add-music')
export class MsAddMusic extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        position: relative;
        display: inline-block;
      }
      .add {
        border: 1px solid var(--ms-border);
        padding: 0.35rem 0.9rem;
      }
      .choices {
        position: absolute;
        z-index: 2;
        right: 0;
        top: calc(100% + 0.3rem);
        display: grid;
        min-width: 11rem;
        background: var(--ms-surface);
        border: 1px solid var(--ms-border);
        border-radius: 0.8rem;
        padding: 0.3rem;
        box-shadow: 0 0.5rem 1.5rem rgb(0 0 0 / 0.15);
      }
      .choices button {
        justify-content: flex-start;
        border-radius: 0.5rem;
        padding: 0.45rem 0.8rem;
      }
      input[type='file'],
      [hidden] {
        display: none;
      }
    `,
  ];

  @state() private open = false;
  @query('input[webkitdirectory]') private folderInput!: HTMLInputElement;
  @query('input[multiple]:not([webkitdirectory])') private filesInput!: HTMLInputElement;

  override render() {
    return html`
      <button class="add primary" aria-expanded=${String(this.open)} aria-controls="choices" @click=${this.toggle}>Add music</button>
      <div class="choices" id="choices" ?hidden=${!this.open}>
        <button @click=${this.addFolder}>Add folder</button>
        <button @click=${this.addFiles}>Add files</button>
      </div>
      <input type="file" multiple accept=${AUDIO_ACCEPT} tabindex="-1" aria-hidden="true" @change=${this.filesChosen} />
      <input type="file" multiple webkitdirectory tabindex="-1" aria-hidden="true" @change=${this.folderChosen} />
    `;
  }

  private toggle(): void {
    this.open = !this.open;
    // The importer starts while the person picks (its worker and its parser took part of the first second).
    if (this.open) this.fire({ type: 'prepareImport' });
  }

  private async addFolder(): Promise<void> {
    this.open = false;
    const picker = (window as unknown as { showDirectoryPicker?: DirectoryPicker }).showDirectoryPicker;
    if (!picker) {
      this.folderInput.click();
      return;
    }
    let handle: FileSystemDirectoryHandle;
    try {
      handle = await picker({ mode: 'read' });
    } catch (error) {
      // The person closed the picker (AbortError): nothing to do. A browser that refuses the API (a
      // headless one, a policy) gets the folder input instead.
      if (error instanceof DOMException && error.name === 'AbortError') return;
      this.folderInput.click();
      return;
    }
    this.fire({ type: 'addFolderHandle', handle });
  }

  private addFiles(): void {
    this.open = false;
    this.filesInput.click();
  }

  private filesChosen(event: Event): void {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length > 0) this.fire({ type: 'addFiles', files });
  }

  private folderChosen(event: Event): void {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length > 0) this.fire({ type: 'addFolderFiles', files });
  }

  private fire(request: LibraryRequest): void {
    this.dispatchEvent(new LibraryRequestEvent(request));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ms-add-music': MsAddMusic;
  }
}
