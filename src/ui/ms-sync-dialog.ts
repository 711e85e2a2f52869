import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { RemoteSync } from '../remote/remote-sync';
import { serverAddressProblem } from '../remote/settings';
import { ChangeController } from './change-controller';
import { controlStyles, dialogStyles } from './shared-styles';

/** Sync across devices: the server, the token and this device's name; Connect, Disconnect and the status. */
@customElement('ms-sync-dialog')
export class MsSyncDialog extends LitElement {
  static override styles = [
    controlStyles,
    dialogStyles,
    css`
      form {
        display: grid;
        gap: 0.75rem;
      }
      label {
        display: grid;
        gap: 0.25rem;
      }
      input {
        font: inherit;
        color: inherit;
        background: var(--ms-bg, transparent);
        border: 1px solid var(--ms-border);
        border-radius: 0.5rem;
        padding: 0.4rem 0.6rem;
      }
      .problem {
        color: var(--ms-error, #c62828);
        margin: 0;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      .actions button {
        border-color: var(--ms-border);
        padding-inline: 1rem;
      }
    `,
  ];

  @property({ attribute: false }) remote: RemoteSync | null = null;
  @state() private problem: string | null = null;
  @query('dialog') private dialog!: HTMLDialogElement;

  constructor() {
    super();
    this.addController(new ChangeController(this, () => this.remote));
  }

  show(): void {
    if (!this.dialog.open) this.dialog.showModal();
  }

  override render() {
    const settings = this.remote?.settings;
    const status = this.remote?.view.status ?? 'Off';
    return html`
      <dialog aria-labelledby="sync-title">
        <h2 id="sync-title">Sync across devices</h2>
        <form @submit=${this.handleConnect}>
          <label>Server address
            <input
              name="server"
              type="text"
              inputmode="url"
              autocomplete="off"
              placeholder="wss://sync.example.com"
              aria-describedby="sync-problem"
              aria-invalid=${this.problem ? 'true' : 'false'}
              .value=${settings?.server ?? ''}
            />
          </label>
          ${this.problem ? html`<p id="sync-problem" class="problem" role="alert">${this.problem}</p>` : nothing}
          <label>Token <input name="token" type="text" autocomplete="off" .value=${settings?.token ?? ''} /></label>
          <label>Device name <input name="deviceName" type="text" autocomplete="off" .value=${settings?.deviceName ?? ''} /></label>
          <p role="status">${status === 'Off' ? 'Sync is off' : status}</p>
          <div class="actions">
            <button type="submit">Connect</button>
            <button type="button" ?disabled=${!settings?.enabled} @click=${() => this.remote?.disconnect()}>Disconnect</button>
            <button type="button" @click=${() => this.dialog.close()}>Close</button>
          </div>
        </form>
      </dialog>
    `;
  }

  private handleConnect(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    const server = field('server');
    this.problem = serverAddressProblem(server) ?? (field('token') === '' ? 'Enter the token your server gave you.' : null);
    if (this.problem) return;
    this.remote?.connect({ server, token: field('token'), deviceName: field('deviceName') || defaultDeviceName() });
  }
}

function defaultDeviceName(): string {
  const platform = (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData?.platform;
  return platform ? `${platform} browser` : 'This browser';
}

declare global {
  interface HTMLElementTagNameMap {
    'ms-sync-dialog': MsSyncDialog;
  }
}
