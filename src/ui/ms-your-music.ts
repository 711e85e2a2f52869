import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { LibraryRequest, OwnMusic } from '../app/own-music';
import { LibraryRequestEvent } from './library-request-event';
import './ms-add-music';
import './ms-copy-dialog';
import './ms-import-status';
import './ms-music-folders';
import { controlStyles } from './shared-styles';

/** No loose tracks, the same array each time (a new empty one would draw the folders list again). */
const NO_TRACKS: readonly never[] = [];

/**
 * The person's own music: `Add music`, the folders it came from, the import under way or just done. Files
 * and folders dropped anywhere on the window are added too. Defined after the first paint.
 */
@customElement('ms-your-music')
export class MsYourMusic extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: grid;
        gap: 0.6rem;
        padding-bottom: 0.6rem;
        margin-bottom: 0.5rem;
        border-bottom: 1px solid var(--ms-border);
      }
      :host([dropping]) {
        outline: 2px dashed var(--ms-accent);
      }
      .top {
        display: flex;
        align-items: center;
        gap: 0.6rem;
      }
      h2 {
        flex: 1;
        font-size: 1rem;
        margin: 0;
      }
    `,
  ];

  @property({ attribute: false }) ownMusic: OwnMusic | null = null;
  /** Files are being dragged over the window. */
  @state() private dropping = false;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('dragover', this.handleDragOver);
    window.addEventListener('dragleave', this.handleDragLeave);
    window.addEventListener('drop', this.handleDrop);
  }

  private unsubscribe: (() => void) | null = null;

  /** What the person asked for before the library had opened (a pick made in the first moments): done once it has. */
  private readonly waiting: LibraryRequest[] = [];

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (!changed.has('ownMusic')) return;
    this.unsubscribe?.();
    this.unsubscribe = this.ownMusic?.on(() => this.requestUpdate()) ?? null;
    if (this.ownMusic) for (const request of this.waiting.splice(0)) this.ownMusic.handle(request);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = null;
    window.removeEventListener('dragover', this.handleDragOver);
    window.removeEventListener('dragleave', this.handleDragLeave);
    window.removeEventListener('drop', this.handleDrop);
  }

  /** Requests from the controls inside (and drops) go straight to the person's music. */
  constructor() {
    super();
    this.addEventListener(LibraryRequestEvent.type, (event) => {
      event.stopPropagation();
      this.fire((event as LibraryRequestEvent).request);
    });
  }

  override render() {
    this.toggleAttribute('dropping', this.dropping);
    // Shown from the start, before the person's library has opened, so that the library list below does not
    // move when it opens (a click aimed at a row would land on another).
    const library = this.ownMusic?.library ?? null;
    return html`
      <div class="top">
        <h2>Your music</h2>
        <ms-add-music></ms-add-music>
      </div>
      ${!library || (library.sources.length === 0 && !library.importStatus) ? html`<p class="muted">Add a folder or files, or drop them here.</p>` : nothing}
      <ms-music-folders
        .sources=${library?.sources ?? []}
        .looseTracks=${library?.looseTracks ?? NO_TRACKS}
        .busy=${library?.importStatus != null}
      ></ms-music-folders>
      <ms-import-status .status=${library?.importStatus ?? null} .outcome=${this.ownMusic?.outcome ?? null}></ms-import-status>
      <ms-copy-dialog .question=${this.ownMusic?.copyQuestion ?? null}></ms-copy-dialog>
    `;
  }

  /** Files and folders dropped anywhere on the window are added like the Add music choices. */
  private readonly handleDragOver = (event: DragEvent): void => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    this.dropping = true;
  };

  private readonly handleDragLeave = (event: DragEvent): void => {
    if (event.relatedTarget === null) this.dropping = false;
  };

  private readonly handleDrop = (event: DragEvent): void => {
    const transfer = event.dataTransfer;
    if (!transfer?.types.includes('Files')) return;
    event.preventDefault();
    this.dropping = false;
    // Handles must be asked for now, while the drop event runs: the items are emptied once it returns.
    type WithHandle = DataTransferItem & { getAsFileSystemHandle?: () => Promise<FileSystemHandle | null> };
    const items = [...transfer.items].filter((item) => item.kind === 'file') as WithHandle[];
    const files = [...transfer.files];
    const handles = items.every((item) => typeof item.getAsFileSystemHandle === 'function')
      ? items.map((item) => item.getAsFileSystemHandle!())
      : null;
    void this.addDropped(files, handles);
  };

  /** Dropped folders with a handle are kept as folders; every other file is copied like Add files. */
  private async addDropped(files: readonly File[], handles: Promise<FileSystemHandle | null>[] | null): Promise<void> {
    if (!handles) {
      if (files.length > 0) this.fire({ type: 'addFiles', files });
      return;
    }
    const resolved = await Promise.all(handles.map((handle) => handle.catch(() => null)));
    const loose: File[] = [];
    for (const [index, handle] of resolved.entries()) {
      if (handle?.kind === 'directory') this.fire({ type: 'addFolderHandle', handle: handle as FileSystemDirectoryHandle });
      else if (handle?.kind === 'file') loose.push(await (handle as FileSystemFileHandle).getFile());
      else if (files[index]) loose.push(files[index]);
    }
    if (loose.length > 0) this.fire({ type: 'addFiles', files: loose });
  }

  private fire(request: LibraryRequest): void {
    if (this.ownMusic) this.ownMusic.handle(request);
    else this.waiting.push(request);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ms-your-music': MsYourMusic;
  }
}
