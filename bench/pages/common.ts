/**
 * What every baseline page shares. Each page is tab A (`?role=a`: a button that makes the change) or tab B
 * (`?role=b`: an element whose shadow DOM shows the value). The harness clicks A's button, which counts up,
 * and watches B's shadow DOM for the new value: the same observation it makes of the app.
 */

import { css, html, LitElement } from 'lit';

class BenchView extends LitElement {
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

/** The least a page can do to show a value: one text node in a shadow root, its data replaced. */
class BenchTextView extends HTMLElement {
  readonly text = new Text('0');

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const output = document.createElement('output');
    output.style.font = '600 2rem system-ui';
    output.append(this.text);
    root.append(output);
  }
}

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

/**
 * Tab B: the element whose shadow DOM shows the value (`bench-view`, which the harness watches), and the
 * function that shows a new one: a text node's data (`text`, the default) or a Lit property (`lit`).
 */
export function view(kind: 'text' | 'lit' = 'text'): (value: number) => void {
  if (kind === 'lit') {
    customElements.define('bench-view', BenchView);
    const element = document.createElement('bench-view') as BenchView;
    document.body.append(element);
    return (value) => {
      element.value = value;
    };
  }
  customElements.define('bench-view', BenchTextView);
  const element = document.createElement('bench-view') as BenchTextView;
  document.body.append(element);
  return (value) => {
    element.text.data = String(value);
  };
}

export function markReady(): void {
  document.body.dataset.ready = 'true';
}
