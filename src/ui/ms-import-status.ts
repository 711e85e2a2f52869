import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ImportOutcome } from '../app/own-music';
import type { ImportStatus } from '../library/library-service';
import { LibraryRequestEvent } from './library-request-event';
import { controlStyles } from './shared-styles';

/**
 * An import as it runs (the progressbar `Importing music`: files done of files found, in every tab) with
 * `Cancel import` in the tab that runs it, then its one result line: `Added N tracks; M files skipped`,
 * each skipped file named with its reason.
 */
@customElement('ms-import-status')
export class MsImportStatus extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      .running {
        display: flex;
        align-items: center;
        gap: 0.6rem;
      }
      progress {
        flex: 1;
        accent-color: var(--ms-accent);
      }
      .count {
        font-variant-numeric: tabular-nums;
        font-size: 0.85rem;
      }
      .outcome {
        display: flex;
        align-items: flex-start;
        gap: 0.5rem;
      }
      .outcome > div {
        flex: 1;
      }
      .summary {
        margin: 0.3rem 0;
        font-weight: 600;
      }
      ul {
        margin: 0;
        padding-left: 1.2rem;
        font-size: 0.85rem;
        max-height: 8rem;
        overflow: auto;
      }
      .cancel,
      .dismiss {
        border: 1px solid var(--ms-border);
        padding: 0.25rem 0.8rem;
        min-height: 2rem;
      }
    `,
  ];

  @property({ attribute: false }) status: ImportStatus | null = null;
  @property({ attribute: false }) outcome: ImportOutcome | null = null;

  override render() {
    return html`${this.renderRunning()}${this.renderOutcome()}`;
  }

  private renderRunning() {
    const status = this.status;
    if (!status) return nothing;
    return html`<div class="running">
      <progress aria-label="Importing music" max=${Math.max(1, status.found)} .value=${status.done}></progress>
      <span class="count muted">${status.done.toLocaleString('en-US')} of ${status.found.toLocaleString('en-US')} files</span>
      ${
        status.here
          ? html`<button class="cancel" @click=${() => this.dispatchEvent(new LibraryRequestEvent({ type: 'cancelImport' }))}>Cancel import</button>`
          : html`<span class="muted">in another tab</span>`
      }
    </div>`;
  }

  private renderOutcome() {
    const outcome = this.outcome;
    if (!outcome || this.status?.here) return nothing;
    return html`<div class="outcome">
      <div role="status">
        <p class="summary">${outcome.summary}</p>
        ${
          outcome.skipped.length > 0
            ? html`<ul aria-label="Skipped files">
              ${outcome.skipped.map((file) => html`<li>${file.path}: ${file.reason}</li>`)}
            </ul>`
            : nothing
        }
      </div>
      <button class="dismiss" @click=${() => this.dispatchEvent(new LibraryRequestEvent({ type: 'dismissOutcome' }))}>Dismiss</button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ms-import-status': MsImportStatus;
  }
}
