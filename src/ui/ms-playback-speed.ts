import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { PlaybackState } from '../engine/model/state';
import { IntentEvent } from './events';
import { controlStyles, selectStyles } from './shared-styles';
import { shownChanged } from './shown-fields';

/** What the control offers (the engine takes 0.25 to 4; the control keeps to what people use). */
export const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.5, 3] as const;
export const SPEED_RANGE = { min: 0.5, max: 3 } as const;

/** A rate as the control shows it: within its range, to two decimals. */
export function shownRate(rate: number): number {
  return Math.round(Math.min(SPEED_RANGE.max, Math.max(SPEED_RANGE.min, rate)) * 100) / 100;
}

/** `Playback speed`: the shared state's rate in every tab, and `setRate` when the person picks another. */
@customElement('ms-playback-speed')
export class MsPlaybackSpeed extends LitElement {
  static override styles = [
    controlStyles,
    selectStyles,
    css`
      :host {
        display: flex;
        justify-content: center;
        margin-top: 0.5rem;
      }
      label {
        display: flex;
        align-items: center;
        gap: 0.4rem;
        font-size: 0.875rem;
      }
    `,
  ];

  @property({ attribute: false }) playback: PlaybackState | null = null;

  /** The shown choice follows the shared state; an option's `selected` stops counting once a person has chosen. */
  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    return shownChanged(changed, this.playback, (p) => [p.rate]);
  }

  protected override updated(): void {
    const select = this.renderRoot.querySelector('select');
    if (select && this.playback) select.value = String(shownRate(this.playback.rate));
  }

  override render() {
    if (!this.playback) return nothing;
    const rate = shownRate(this.playback.rate);
    const speeds: readonly number[] = SPEEDS.includes(rate as (typeof SPEEDS)[number]) ? SPEEDS : [...SPEEDS, rate].sort((a, b) => a - b);
    return html`
      <label>
        <span aria-hidden="true">Speed</span>
        <select aria-label="Playback speed" @change=${this.handleChange}>
          ${speeds.map((speed) => html`<option value=${speed} ?selected=${speed === rate}>${speed}×</option>`)}
        </select>
      </label>
    `;
  }

  private handleChange(event: Event): void {
    const rate = Number((event.target as HTMLSelectElement).value);
    if (Number.isFinite(rate)) this.dispatchEvent(new IntentEvent({ type: 'setRate', rate: shownRate(rate) }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ms-playback-speed': MsPlaybackSpeed;
  }
}
