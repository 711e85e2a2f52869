/**
 * Renders a list's rows: all of them while the list is short, and only the visible ones (through
 * @lit-labs/virtualizer) once it is long. The virtualizer is loaded the first time a list needs it, so
 * a first visit with a small library does not pay for it.
 */

import type { ReactiveControllerHost, TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { loadedVirtualize, loadVirtualizer, PLAIN_LIST_LIMIT } from './virtualizer';

/** What a long list shows while the virtualizer loads: about a screenful. */
const ROWS_BEFORE_VIRTUALIZER = 40;

export class LongList {
  /** @param host re-rendered once the virtualizer has loaded */
  constructor(private readonly host: ReactiveControllerHost) {}

  /**
   * @param deps what a row shows depends on: a row whose deps are unchanged is not rendered again, so a
   *   change to one row (or a row added) costs one row, not the whole list
   */
  rows<T>(
    items: readonly T[],
    key: (item: T) => string,
    render: (item: T, index: number) => TemplateResult,
    deps?: (item: T, index: number) => unknown[],
  ): unknown {
    // The virtualizer's type asks for a TemplateResult; a guarded one renders the same.
    const row = deps
      ? (item: T, index: number) => guard(deps(item, index), () => render(item, index)) as unknown as TemplateResult
      : render;
    if (items.length <= PLAIN_LIST_LIMIT) return repeat(items, key, row);
    const virtualize = loadedVirtualize();
    if (!virtualize) {
      void loadVirtualizer().then(() => this.host.requestUpdate());
      return repeat(items.slice(0, ROWS_BEFORE_VIRTUALIZER), key, row);
    }
    // The virtualizer's API takes a mutable array; it never changes it.
    return virtualize({ items: items as T[], renderItem: row, keyFunction: key, scroller: true });
  }
}
