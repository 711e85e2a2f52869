/**
 * Mounts one `ms-*` element in the page, the way the app would: its properties set, then connected, then
 * rendered. Each test gets a fresh element; everything mounted is removed after the test.
 *
 * Tests look inside the element as a person would, by role and accessible name (`screen`, a Vitest
 * locator scoped to the element; Playwright's role selectors pierce its open shadow root), and see what it
 * told the app through `events`: every event of the types the components fire, in order.
 */

import { afterEach } from 'vitest';
import { type Locator, page } from 'vitest/browser';

/** Every event type an `ms-*` element fires for the app (see src/app/intents.ts and src/ui/*-event.ts). */
export const COMPONENT_EVENT_TYPES = ['ms-intent', 'ms-notice', 'ms-offline', 'ms-dismiss', 'ms-name-submit', 'ms-cancel'] as const;

type Tag = keyof HTMLElementTagNameMap & `ms-${string}`;
type Writable<T> = { -readonly [K in keyof T]: T[K] };

export interface Mounted<E extends HTMLElement> {
  readonly element: E;
  /** The element, to query by role and name. */
  readonly screen: Locator;
  /** The events the element has fired since it was mounted. */
  readonly events: readonly Event[];
  /** Sets properties, as the app does on a re-render, and waits for the element to render them. */
  set(properties: Partial<Writable<E>>): Promise<void>;
}

const mounted: HTMLElement[] = [];

afterEach(() => {
  for (const element of mounted.splice(0)) element.remove();
});

export async function mount<K extends Tag>(
  tag: K,
  properties: Partial<Writable<HTMLElementTagNameMap[K]>> = {},
): Promise<Mounted<HTMLElementTagNameMap[K]>> {
  const element = document.createElement(tag);
  Object.assign(element, properties);
  const events: Event[] = [];
  for (const type of COMPONENT_EVENT_TYPES) element.addEventListener(type, (event) => events.push(event));
  document.body.append(element);
  mounted.push(element);
  await element.updateComplete;
  return {
    element,
    screen: page.elementLocator(element),
    events,
    set: async (changes) => {
      Object.assign(element, changes);
      await element.updateComplete;
    },
  };
}
