import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { PlayerIntent } from '../app/intents';
import type { Track } from '../catalog/catalog';
import type { PlaybackState } from '../engine/model/state';
import { IntentEvent } from './events';
import { formatDuration } from './format-duration';
import { icons } from './icons';
import { controlStyles } from './shared-styles';
import { shownChanged } from './shown-fields';

/** The long tracks left part-way (mixes, chapters, podcasts), with how far along each is: Play resumes there. */
@customElement('ms-continue-listening')
export class MsContinueListening extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      h2 {
        font-size: 1rem;
        margin: 0 0 0.5rem;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.25rem;
      }
      li {
        display: grid;
        grid-template-columns: 1fr auto;
        align-items: center;
        gap: 0.5rem;
        padding: 0.3rem 0.5rem;
        border-radius: 0.6rem;
      }
      li:hover {
        background: var(--ms-hover);
      }
      .title {
        margin: 0;
        font-weight: 600;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .meta {
        margin: 0;
        font-size: 0.85rem;
      }
      progress {
        width: 100%;
        height: 0.3rem;
        accent-color: var(--ms-accent);
      }
    `,
  ];

  @property({ attribute: false }) playback: PlaybackState | null = null;
  @property({ attribute: false }) tracksById: ReadonlyMap<string, Track> = new Map();

  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    return shownChanged(changed, this.playback, (p) => [p.resumePoints, p.currentTrackId]);
  }

  override render() {
    const points = (this.playback?.resumePoints ?? []).filter(
      (point) => this.tracksById.has(point.trackId) && point.trackId !== this.playback?.currentTrackId,
    );
    if (points.length === 0) return nothing;
    return html`<section role="region" aria-labelledby="continue-title">
      <h2 id="continue-title">Continue listening</h2>
      <ul>
        ${points.map((point) => {
          const track = this.tracksById.get(point.trackId)!;
          const where = track.duration
            ? `${formatDuration(point.positionSeconds)} of ${formatDuration(track.duration)}`
            : `${formatDuration(point.positionSeconds)} in`;
          return html`<li>
            <div>
              <p class="title">${track.title}</p>
              <p class="meta muted">${track.artist} · ${where}${point.rate !== 1 ? ` · ${point.rate}×` : ''}</p>
              ${track.duration ? html`<progress aria-label="${track.title}: how far along" max=${track.duration} .value=${point.positionSeconds}></progress>` : nothing}
            </div>
            <button aria-label="Resume ${track.title}" title="Resume" @click=${() => this.fire({ type: 'playTrack', trackId: track.id })}>${icons.play}</button>
          </li>`;
        })}
      </ul>
    </section>`;
  }

  private fire(intent: PlayerIntent): void {
    this.dispatchEvent(new IntentEvent(intent));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ms-continue-listening': MsContinueListening;
  }
}
