import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { PlayerIntent } from '../app/intents';
import type { Catalog } from '../catalog/catalog';
import type { PlaybackState, QueueEntry } from '../engine/model/state';
import { elsewhereTrack } from '../remote/track-elsewhere';
import { editingIcons } from './editing-icons';
import { IntentEvent, type NameSubmitEvent } from './events';
import { icons } from './icons';
import { LongList } from './long-list';
import { controlStyles, listPanelStyles } from './shared-styles';
import { PLAIN_LIST_LIMIT } from './virtualizer';

const ENTRY_MIME = 'application/x-mediastream-entry';

/** What comes next, in order: remove, move (drag, or the up/down buttons for the keyboard), clear. */
@customElement('ms-queue')
export class MsQueue extends LitElement {
  static override styles = [
    controlStyles,
    listPanelStyles,
    css`
      header {
        justify-content: space-between;
        flex-wrap: wrap;
      }
      .drag-notice {
        margin: 0;
        padding: 0.5rem;
        border-radius: 0.6rem;
        background: var(--ms-surface-2);
      }
      header button {
        border-color: var(--ms-border);
        padding-inline: 0.8rem;
      }
      header .edit {
        display: flex;
        flex-wrap: wrap;
        justify-content: flex-end;
        gap: 0.25rem;
      }
      header button.undo {
        border-color: transparent;
        padding-inline: 0.4rem;
      }
      header button:disabled {
        opacity: 0.4;
        cursor: default;
      }
      .list {
        min-height: 8rem;
      }
      .entry {
        width: 100%;
        box-sizing: border-box;
        display: grid;
        grid-template-columns: auto 1.75rem 1fr auto;
        gap: 0.5rem;
        align-items: center;
        padding: 0.2rem 0.4rem;
        border-radius: 0.6rem;
        border-top: 2px solid transparent;
        /* A row out of the list's view is neither laid out nor painted: a change to the queue then costs
           the next frame the rows on screen, not all of them. Until a row has rendered, its content is
           held at a row's height (its buttons'), so the list's length does not move as rows come in view. */
        content-visibility: auto;
        contain-intrinsic-size: auto 2.25rem;
      }
      .entry:hover {
        background: var(--ms-hover);
      }
      .entry.dragging {
        opacity: 0.4;
      }
      .entry.drop-target {
        border-top-color: var(--ms-accent);
      }
      .handle {
        cursor: grab;
        display: flex;
        color: var(--ms-text-muted);
      }
      /* Where every row is in the DOM its number is counted here, so a row does not change when another is
         added or removed before it; a virtualized list's rows carry their number themselves. */
      .list {
        counter-reset: position;
      }
      .entry {
        counter-increment: position;
      }
      .index:empty::before {
        content: counter(position);
      }
      .index {
        font-variant-numeric: tabular-nums;
        text-align: end;
        font-size: 0.85rem;
      }
      .meta {
        font-size: 0.8rem;
      }
      .actions {
        display: flex;
      }
      .actions button {
        min-width: 2.25rem;
        min-height: 2.25rem;
      }
    `,
  ];

  @property({ attribute: false }) playback: PlaybackState | null = null;
  @property({ attribute: false }) catalog: Catalog | null = null;
  /** The person's own music is still opening: an entry whose track is not in the catalog yet is not gone from it. */
  @property({ type: Boolean }) loading = false;
  /** Whether this tab has a queue change to undo, or an undone one to redo. */
  @property({ type: Boolean }) canUndo = false;
  @property({ type: Boolean }) canRedo = false;

  @state() private draggingId: string | null = null;
  @state() private dropIndex: number | null = null;
  @state() private dragNotice: string | null = null;
  @state() private savingAsPlaylist = false;
  private readonly list = new LongList(this);

  /**
   * Where keyboard focus goes once the queue has re-rendered after a move or a removal: re-rendering
   * moves row elements, and a focused element that is moved loses focus.
   */
  private focusAfterChange: { readonly entryId: string; readonly control: 'up' | 'down' | 'remove' } | 'heading' | null = null;

  /**
   * A change that leaves the queue as it was (a seek, a checkpoint, a play) shows nothing new here; the
   * current track matters only to whether there is one (Save queue as playlist saves it too).
   */
  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    if (changed.size !== 1 || !changed.has('playback')) return true;
    const before = changed.get('playback') as PlaybackState | null | undefined;
    return before?.queue !== this.playback?.queue || !before?.currentTrackId !== !this.playback?.currentTrackId;
  }

  /**
   * The queue changed under a drag (another tab edited it): said here, in the queue's own status line,
   * while the drag lasts. Derived from the change, so no event is fired because a property was set.
   */
  protected override willUpdate(changed: PropertyValues<this>): void {
    const before = changed.get('playback') as PlaybackState | null | undefined;
    if (this.draggingId && before && this.playback && before.queueRev !== this.playback.queueRev) {
      const title = this.titleIn(before, this.draggingId);
      const stillThere = this.playback.queue.some((entry) => entry.entryId === this.draggingId);
      this.dragNotice = stillThere
        ? `The queue changed in another tab while you were moving “${title}”. Nothing was lost; your move applies to the queue as it is now.`
        : `Another tab removed “${title}” from the queue while you were moving it.`;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('playback') && this.focusAfterChange) {
      const target = this.focusAfterChange;
      this.focusAfterChange = null;
      if (target === 'heading') {
        this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
        return;
      }
      // The virtualized rows render after this element: wait for them.
      requestAnimationFrame(() => this.restoreFocus(target));
    }
  }

  override render() {
    const queue = this.playback?.queue ?? [];
    // Where every row is in the DOM, assistive technology counts them itself and CSS numbers them; a
    // virtualized list's rows say where they stand.
    const setSize = queue.length > PLAIN_LIST_LIMIT ? queue.length : undefined;
    return html`
      <header>
        <h2 tabindex="-1">Up next <span class="muted">(${queue.length})</span></h2>
        <div class="edit">
          <button class="undo" aria-label="Undo queue change" title="Undo (Ctrl+Z)" ?disabled=${!this.canUndo} @click=${() => this.fire({ type: 'undo' })}>
            ${editingIcons.undo}
          </button>
          <button class="undo" aria-label="Redo queue change" title="Redo (Ctrl+Shift+Z)" ?disabled=${!this.canRedo} @click=${() => this.fire({ type: 'redo' })}>
            ${editingIcons.redo}
          </button>
          <button
            class="undo"
            aria-label="Save queue as playlist"
            title="Save queue as playlist"
            ?disabled=${queue.length === 0 && !this.playback?.currentTrackId}
            @click=${this.handleSaveQueue}
          >
            ${editingIcons.playlistSave}
          </button>
          <button ?disabled=${queue.length === 0} @click=${() => this.fire({ type: 'clearQueue' })}>Clear queue</button>
        </div>
      </header>
      ${
        this.savingAsPlaylist
          ? html`<ms-playlist-name-form
            submitLabel="Create"
            @ms-name-submit=${this.handleSaveAsPlaylist}
            @ms-cancel=${() => (this.savingAsPlaylist = false)}
          ></ms-playlist-name-form>`
          : nothing
      }
      ${queue.length === 0 ? html`<p class="empty muted">The queue is empty. Add tracks from the library.</p>` : nothing}
      ${this.dragNotice ? html`<p class="drag-notice" role="status">${this.dragNotice}</p>` : nothing}
      <div class="list" role="list" aria-label="Queue" @dragover=${this.handleDragOver} @drop=${this.handleDrop}>
        ${this.list.rows(
          queue,
          (entry) => entry.entryId,
          (entry, index) => this.renderEntry(entry, index, index === queue.length - 1, setSize),
          // A row shows its place only at the ends (Move up, Move down) or in a virtualized list.
          (entry, index) => [
            entry,
            index === 0,
            index === queue.length - 1,
            setSize && index,
            this.catalog,
            this.loading,
            this.draggingId === entry.entryId,
            this.dropIndex === index,
          ],
        )}
      </div>
    `;
  }

  /** Its handlers look the entry's place up when pressed: the row is not rendered again as others move. */
  private renderEntry(entry: QueueEntry, index: number, last: boolean, setSize: number | undefined) {
    const track = this.catalog?.byId.get(entry.trackId);
    // A track of another device's own library that this one lacks (sync across devices): kept, and said so.
    const elsewhere = track ? null : elsewhereTrack(entry.trackId);
    const title = track?.title ?? elsewhere?.title ?? entry.trackId;
    const classes = [
      'entry',
      this.draggingId === entry.entryId ? 'dragging' : '',
      this.dropIndex === index && this.draggingId !== entry.entryId ? 'drop-target' : '',
    ].join(' ');
    return html`
      <div
        class=${classes}
        role="listitem"
        aria-setsize=${setSize ?? nothing}
        aria-posinset=${setSize ? index + 1 : nothing}
        draggable="true"
        data-index=${setSize ? index : nothing}
        data-entry-id=${entry.entryId}
        @dragstart=${(event: DragEvent) => this.handleDragStart(event, entry)}
        @dragend=${this.handleDragEnd}
      >
        <span class="handle" aria-hidden="true">${editingIcons.drag}</span>
        <span class="index muted">${setSize ? index + 1 : nothing}</span>
        <div class="text">
          <p class="title">${title}</p>
          <p class="meta muted">${track?.artist ?? (elsewhere ? `${elsewhere.artist} · Not on this device` : this.loading ? 'Opening your music…' : 'Not in the library')}</p>
        </div>
        <div class="actions">
          <button class="up" aria-label="Move ${title} up" ?disabled=${index === 0} @click=${() => this.move(entry, -1, 'up')}>${editingIcons.up}</button>
          <button class="down" aria-label="Move ${title} down" ?disabled=${last} @click=${() => this.move(entry, 1, 'down')}>
            ${editingIcons.down}
          </button>
          <button class="remove" aria-label="Remove ${title} from queue" @click=${() => this.removeEntry(entry)}>${icons.remove}</button>
        </div>
      </div>
    `;
  }

  private titleIn(playback: PlaybackState, entryId: string): string {
    const entry = playback.queue.find((candidate) => candidate.entryId === entryId);
    return (entry && (this.catalog?.byId.get(entry.trackId)?.title ?? elsewhereTrack(entry.trackId)?.title ?? entry.trackId)) ?? 'an entry';
  }

  private indexOf(entryId: string): number {
    return (this.playback?.queue ?? []).findIndex((entry) => entry.entryId === entryId);
  }

  private move(entry: QueueEntry, by: -1 | 1, control: 'up' | 'down'): void {
    this.focusAfterChange = { entryId: entry.entryId, control };
    this.fire({ type: 'move', entryId: entry.entryId, by });
  }

  private removeEntry(entry: QueueEntry): void {
    // Focus goes to the entry that takes its place (or the one before, at the end).
    const queue = this.playback?.queue ?? [];
    const index = this.indexOf(entry.entryId);
    const next = queue[index + 1] ?? queue[index - 1];
    // The last one gone, focus rests on the queue's heading rather than being lost.
    this.focusAfterChange = next ? { entryId: next.entryId, control: 'remove' } : 'heading';
    this.fire({ type: 'remove', entryId: entry.entryId });
  }

  private restoreFocus(target: { entryId: string; control: 'up' | 'down' | 'remove' }): void {
    const row = this.renderRoot.querySelector<HTMLElement>(`[data-entry-id="${CSS.escape(target.entryId)}"]`);
    if (!row) return;
    const wanted = row.querySelector<HTMLButtonElement>(`button.${target.control}`);
    // At an end of the queue the pressed button is disabled: the other direction is the useful one.
    const fallback = row.querySelector<HTMLButtonElement>(target.control === 'up' ? 'button.down' : 'button.up');
    (wanted && !wanted.disabled ? wanted : fallback)?.focus();
  }

  /** The naming form is loaded when first asked for: the first paint does not need it. */
  private async handleSaveQueue(): Promise<void> {
    await import('./ms-playlist-name-form');
    this.savingAsPlaylist = true;
  }

  /** The current track, then what comes next: the session as it will play, kept as a playlist. */
  private handleSaveAsPlaylist(event: NameSubmitEvent): void {
    event.stopPropagation();
    const playback = this.playback;
    if (!playback) return;
    const trackIds = [
      ...(playback.currentTrackId === null ? [] : [playback.currentTrackId]),
      ...playback.queue.map((entry) => entry.trackId),
    ];
    this.fire({ type: 'createPlaylist', name: event.name, trackIds });
    if (event.name.trim()) this.savingAsPlaylist = false;
  }

  private handleDragStart(event: DragEvent, entry: QueueEntry): void {
    this.draggingId = entry.entryId;
    event.dataTransfer?.setData(ENTRY_MIME, entry.entryId);
    if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
  }

  private handleDragOver(event: DragEvent): void {
    if (!this.draggingId) return;
    event.preventDefault();
    this.dropIndex = this.indexAt(event);
  }

  private handleDrop(event: DragEvent): void {
    event.preventDefault();
    const entryId = event.dataTransfer?.getData(ENTRY_MIME) || this.draggingId;
    const target = this.indexAt(event);
    const queue = this.playback?.queue ?? [];
    const from = entryId ? this.indexOf(entryId) : -1;
    this.handleDragEnd();
    if (!entryId || target === null) return;
    if (from === -1) {
      this.fire({ type: 'move', entryId, toIndex: 0 }); // Refused with a message: another tab removed it.
      return;
    }
    // Dropping on a row puts the entry where that row is; past the dragged entry, one less.
    const toIndex = Math.min(target > from ? target - 1 : target, queue.length - 1);
    if (toIndex !== from) this.fire({ type: 'move', entryId, toIndex });
  }

  private handleDragEnd(): void {
    this.draggingId = null;
    this.dropIndex = null;
    this.dragNotice = null;
  }

  /** The queue index a drop at this point means: the row under it, or the end below the last row. */
  private indexAt(event: DragEvent): number | null {
    const row = (event.composedPath().find((node) => node instanceof HTMLElement && node.dataset.entryId !== undefined) ??
      null) as HTMLElement | null;
    if (!row) return this.playback?.queue.length ?? null;
    const index = this.indexOf(row.dataset.entryId!);
    if (index === -1) return null;
    const { top, height } = row.getBoundingClientRect();
    return event.clientY > top + height / 2 ? index + 1 : index;
  }

  private fire(intent: PlayerIntent): void {
    this.dispatchEvent(new IntentEvent(intent));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ms-queue': MsQueue;
  }
}
