/**
 * What every baseline page shares. Each page is tab A (`?role=a`: a button that makes the change) or tab B
 * (`?role=b`: a Lit element showing the value). The harness clicks A's button, which counts up, and watches
 * B's shadow DOM for the new value: the same observation it makes of the app.
 */

import { css, html, LitElement } from 'lit';

export class BenchView extends LitElement {
  static override properties = { value: { type: Number } };
  static override styles = css`
    output {
      font: 600 2rem system-ui;
    }
  `;

  declare value: number;

  constructor() {
    super();
    this.value = 0;
  }

  override render() {
    return html`<output>${this.value}</output>`;
  }
}
customElements.define('bench-view', BenchView);

export const role: 'a' | 'b' = new URLSearchParams(location.search).get('role') === 'b' ? 'b' : 'a';

/** Tab A: a large button; each click hands the next number to `act`. */
export function actButton(act: (value: number) => void): void {
  const button = document.createElement('button');
  button.id = 'act';
  button.textContent = 'Act';
  button.style.cssText = 'display:block;width:20rem;height:6rem;font-size:2rem';
  let value = 0;
  button.addEventListener('click', () => act(++value));
  document.body.append(button);
}

/** Tab B: the element whose shadow DOM shows the value. */
export function view(): BenchView {
  const element = document.createElement('bench-view') as BenchView;
  document.body.append(element);
  return element;
}

export function markReady(): void {
  document.body.dataset.ready = 'true';
}
