import { css, html, LitElement, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { type PlayerIntent, skipIntent } from '../app/intents';
import type { PlaybackState, RepeatMode } from '../engine/model/state';
import { remoteDeviceOf } from '../remote/owner';
import { IntentEvent } from './events';
import { icons } from './icons';
import { controlStyles } from './shared-styles';
import { shownChanged } from './shown-fields';

const NEXT_REPEAT: Record<RepeatMode, RepeatMode> = { off: 'all', all: 'one', one: 'off' };
const SKIP_SECONDS = 10;

/** Where the sound comes from, as the status reads it. */
export function soundStatus(playback: PlaybackState, tabId: string, deviceName?: (deviceId: string) => string | undefined): string {
  if (!playback.playing) return 'Paused';
  if (playback.ownerTabId === tabId) return 'Playing in this tab';
  // With sync across devices, the sound may be on another device.
  const device = remoteDeviceOf(playback.ownerTabId);
  return device ? `Playing on ${deviceName?.(device) ?? 'another device'}` : 'Playing in another tab';
}

/** Previous, play/pause, next, skips, shuffle, repeat, volume, and where the sound is. */
export class MsTransport extends LitElement {
  // Declared here rather than with Lit's decorators, whose code then stays out of the first paint.
  static override properties: PropertyDeclarations = {
    playback: { attribute: false },
    tabId: {},
    deviceName: { attribute: false },
    durationSeconds: { type: Number },
    canPlay: { type: Boolean },
  };
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      .row {
        display: flex;
        align-items: center;
        justify-content: center;
        gap: 0.25rem;
        flex-wrap: wrap;
      }
      .toggle {
        min-width: 3.5rem;
        min-height: 3.5rem;
      }
      .toggle svg {
        width: 1.75rem;
        height: 1.75rem;
      }
      .secondary {
        justify-content: space-between;
        margin-top: 0.5rem;
      }
      .volume {
        display: flex;
        align-items: center;
        gap: 0.25rem;
      }
      .volume input {
        width: 7rem;
      }
      .where {
        display: flex;
        align-items: center;
        gap: 0.5rem;
        font-size: 0.875rem;
      }
      .where button {
        border-color: var(--ms-border);
        padding-inline: 0.8rem;
      }
    `,
  ];

  playback: PlaybackState | null = null;
  tabId = '';
  /** With sync across devices: the name of another device, by its id. */
  deviceName: ((deviceId: string) => string | undefined) | undefined = undefined;
  /** Seconds, for forward skips not to run past the end. */
  durationSeconds = 0;
  /** False while nothing can play (the catalog did not load). */
  canPlay = false;

  /** `Play here` was pressed: once it is gone (the sound is here), focus goes to the play/pause toggle. */
  private focusToggleWhenHere = false;

  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    return shownChanged(changed, this.playback, (p) => [
      p.playing,
      p.ownerTabId,
      p.shuffle,
      p.repeat,
      p.muted,
      p.volume,
      p.currentTrackId !== null || p.queue.length > 0,
    ]);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('playback') || !this.focusToggleWhenHere || this.playback?.ownerTabId !== this.tabId) return;
    this.focusToggleWhenHere = false;
    this.renderRoot.querySelector<HTMLButtonElement>('.toggle')?.focus();
  }

  override render() {
    const playback = this.playback;
    if (!playback) return nothing;
    const hasTrack = playback.currentTrackId !== null || playback.queue.length > 0;
    const toggleDisabled = playback.playing ? false : !hasTrack || !this.canPlay;
    const repeatIcon = playback.repeat === 'one' ? icons.repeatOne : icons.repeat;
    const soundElsewhere = playback.playing && playback.ownerTabId !== this.tabId;
    return html`
      <div class="row">
        <button aria-label="Shuffle" aria-pressed=${playback.shuffle} title="Shuffle" @click=${() => this.fire({ type: 'setShuffle', shuffle: !playback.shuffle })}>
          ${icons.shuffle}
        </button>
        <button aria-label="Previous" title="Previous (p)" @click=${() => this.fire({ type: 'previous' })}>${icons.previous}</button>
        <button aria-label="Back ${SKIP_SECONDS} seconds" title="Back ${SKIP_SECONDS} seconds" @click=${() => this.skip(-SKIP_SECONDS)}>
          ${icons.back10}
        </button>
        <button
          class="toggle primary"
          aria-label=${playback.playing ? 'Pause' : 'Play'}
          title=${playback.playing ? 'Pause (space)' : 'Play (space)'}
          ?disabled=${toggleDisabled}
          @click=${() => this.fire({ type: 'togglePlay' })}
        >
          ${playback.playing ? icons.pause : icons.play}
        </button>
        <button aria-label="Forward ${SKIP_SECONDS} seconds" title="Forward ${SKIP_SECONDS} seconds" @click=${() => this.skip(SKIP_SECONDS)}>
          ${icons.forward10}
        </button>
        <button aria-label="Next" title="Next (n)" @click=${() => this.fire({ type: 'next' })}>${icons.next}</button>
        <button
          aria-label="Repeat: ${playback.repeat}"
          aria-pressed=${playback.repeat !== 'off'}
          title="Repeat: ${playback.repeat}"
          @click=${() => this.fire({ type: 'setRepeat', repeat: NEXT_REPEAT[playback.repeat] })}
        >
          ${repeatIcon}
        </button>
      </div>
      <div class="row secondary">
        <div class="where">
          ${icons.speaker}
          <span role="status">${soundStatus(playback, this.tabId, this.deviceName)}</span>
          ${soundElsewhere ? html`<button ?disabled=${!this.canPlay} @click=${this.handlePlayHere}>Play here</button>` : nothing}
        </div>
        <div class="volume">
          <button aria-label=${playback.muted ? 'Unmute' : 'Mute'} @click=${() => this.fire({ type: 'setMuted', muted: !playback.muted })}>
            ${playback.muted ? icons.muted : icons.volume}
          </button>
          <input
            type="range"
            aria-label="Volume"
            min="0"
            max="100"
            step="1"
            .value=${String(Math.round(playback.volume * 100))}
            aria-valuetext="${Math.round(playback.volume * 100)}%"
            @input=${this.handleVolume}
          />
        </div>
      </div>
    `;
  }

  private handlePlayHere(): void {
    this.focusToggleWhenHere = true;
    this.fire({ type: 'playHere' });
  }

  private skip(seconds: number): void {
    this.fire(skipIntent(seconds, this.durationSeconds));
  }

  private handleVolume(event: Event): void {
    this.fire({ type: 'setVolume', volume: Number((event.target as HTMLInputElement).value) / 100 });
  }

  private fire(intent: PlayerIntent): void {
    this.dispatchEvent(new IntentEvent(intent));
  }
}
customElements.define('ms-transport', MsTransport);

declare global {
  interface HTMLElementTagNameMap {
    'ms-transport': MsTransport;
  }
}
