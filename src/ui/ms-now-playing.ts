import { css, html, LitElement, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { Track } from '../catalog/catalog';
import { type PlaybackState, positionAt } from '../engine/model/state';
import { ClockController } from './clock-controller';
import { IntentEvent } from './events';
import { formatDuration } from './format-duration';
import { icons } from './icons';
import { nextFrame } from './next-frame';
import { controlStyles } from './shared-styles';
import { shownChanged } from './shown-fields';

/** The current track: artwork, title, artist, elapsed and total time, and the seek slider. */
export class MsNowPlaying extends LitElement {
  // Declared here rather than with Lit's decorators, whose code then stays out of the first paint.
  static override properties: PropertyDeclarations = {
    playback: { attribute: false },
    track: { attribute: false },
    mediaDuration: { type: Number },
    scrubbing: { state: true },
    artwork: { state: true },
  };
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      section {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.75rem 1rem;
        align-items: center;
      }
      .art {
        width: var(--ms-art-size, 6rem);
        aspect-ratio: 1;
        border-radius: 0.75rem;
        background: var(--ms-surface-2);
        display: grid;
        place-items: center;
        overflow: hidden;
        box-shadow: 0 6px 24px rgb(0 0 0 / 0.18);
      }
      .art img {
        width: 100%;
        height: 100%;
        object-fit: cover;
      }
      .art svg {
        width: 40%;
        height: 40%;
        opacity: 0.5;
      }
      .title {
        font-size: 1.25rem;
        font-weight: 650;
        margin: 0;
        overflow-wrap: anywhere;
      }
      .artist {
        margin: 0.15rem 0 0;
      }
      .timeline {
        grid-column: 1 / -1;
        display: grid;
        grid-template-columns: 3.5rem 1fr 3.5rem;
        gap: 0.5rem;
        align-items: center;
        font-variant-numeric: tabular-nums;
        font-size: 0.875rem;
      }
      .timeline time:last-child {
        text-align: end;
      }
      input[type='range'] {
        width: 100%;
      }
    `,
  ];

  playback: PlaybackState | null = null;
  track: Track | undefined = undefined;
  /** The audio's own duration, for catalogs that do not give one. */
  mediaDuration = 0;

  /** While the slider is held, it shows where it would seek to, not where the music is. */
  private scrubbing: number | null = null;

  /**
   * The cover on show. A new track's title is drawn at once and its cover in the task after that frame:
   * setting an image's `src` costs the main thread about 0.3 ms even for a cover the browser has, and
   * in a tab that hears of a play from another one it held the title back by that much. A cover the
   * browser must fetch comes later than its title anyway; until the new one is set, the old one shows.
   */
  private artwork: string | undefined = undefined;
  private artworkPending = false;

  private readonly clock = new ClockController(this, () => Boolean(this.playback?.playing));

  get durationSeconds(): number {
    return this.track?.duration ?? this.mediaDuration;
  }

  /** The track and where it is; the clock's ticks move the position while it plays. */
  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    return shownChanged(changed, this.playback, (p) => [p.currentTrackId, p.positionSeconds, p.positionAt, p.playing, p.rate]);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('track') || this.track?.artwork === this.artwork) return;
    // The first paint (a restored session) shows its cover with it.
    if (!this.hasUpdated) this.artwork = this.track?.artwork;
    else this.showArtworkAfterFrame();
  }

  private showArtworkAfterFrame(): void {
    if (this.artworkPending) return;
    this.artworkPending = true;
    void nextFrame().then(() => {
      this.artworkPending = false;
      // The track's cover then, not when it was asked for: a quick run of changes sets only the last one.
      this.artwork = this.track?.artwork;
    });
  }

  override render() {
    const playback = this.playback;
    const track = this.track;
    const duration = this.durationSeconds;
    const position = playback ? Math.min(positionAt(playback, this.clock.now), duration || Infinity) : 0;
    const shown = this.scrubbing ?? position;
    return html`
      <section aria-label="Now playing">
        <div class="art">${this.artwork ? html`<img src=${this.artwork} alt="" />` : icons.music}</div>
        <div>
          <p class="title">${track?.title ?? 'Nothing playing'}</p>
          <p class="artist muted">${track ? track.artist : 'Pick a track from the library'}${track?.album ? html` · ${track.album}` : nothing}</p>
        </div>
        <div class="timeline">
          <time class="elapsed" aria-label="Elapsed">${formatDuration(shown)}</time>
          <input
            type="range"
            aria-label="Seek"
            min="0"
            max=${Math.max(duration, 0)}
            step="1"
            .value=${String(Math.floor(shown))}
            aria-valuetext=${`${formatDuration(shown)} of ${formatDuration(duration)}`}
            ?disabled=${!track}
            @input=${this.handleScrub}
            @change=${this.handleSeek}
          />
          <time class="duration muted" aria-label="Duration">${formatDuration(duration)}</time>
        </div>
      </section>
    `;
  }

  private handleScrub(event: Event): void {
    this.scrubbing = Number((event.target as HTMLInputElement).value);
  }

  private handleSeek(event: Event): void {
    const positionSeconds = Number((event.target as HTMLInputElement).value);
    this.scrubbing = null;
    this.dispatchEvent(new IntentEvent({ type: 'seek', positionSeconds }));
  }
}
customElements.define('ms-now-playing', MsNowPlaying);

declare global {
  interface HTMLElementTagNameMap {
    'ms-now-playing': MsNowPlaying;
  }
}
