import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { startPlayer, type StartedPlayer } from '../app/start-player';

/** The application shell: starts this tab's player and shows what it knows. */
@customElement('mediastream-app')
export class MediaStreamApp extends LitElement {
  static override styles = css`
    :host { display: block; padding: 1rem; }
  `;

  @state() private player: StartedPlayer | null = null;
  @state() private notices: string[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    startPlayer({ notify: (message) => (this.notices = [...this.notices, message]) }).then(
      (player) => (this.player = player),
      (error: unknown) => (this.notices = [...this.notices, `MediaStream could not start: ${String(error)}`]),
    );
  }

  override render() {
    return html`
      <h1>MediaStream</h1>
      ${this.notices.map((notice) => html`<p role="status">${notice}</p>`)}
      ${this.player ? html`<p>Ready (rev ${this.player.engine.state.rev}).</p>` : html`<p>Loading…</p>`}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'mediastream-app': MediaStreamApp;
  }
}
