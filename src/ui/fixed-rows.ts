/**
 * A long list whose rows all have one height, rendered a screenful at a time: the rows in view (and a
 * few beyond) are in the DOM, each placed at `index × height` by the row itself (its `top`, which
 * `render` is given), beside a sizer that gives the list its full scroll height. Nothing is measured
 * while scrolling: with @lit-labs/virtualizer's flow layout every scroll step measured the rows, walked
 * the list's children, dispatched its range events and moved every row, which was most of a wheeled
 * frame's main-thread time during an import (traced with `npm run bench -- --only=importProfile`). Rows
 * already shown stay where they are: a step creates the rows coming into view, removes the ones gone,
 * and paints only the new ones.
 *
 * The list's element (the directive's parent) is the scroller: it must have a height of its own (a
 * flex or grid track) and `position: relative`; its rows must be absolutely positioned, `rowHeightRem`
 * high, at the top `render` is given.
 */

import { html, noChange, type TemplateResult } from 'lit';
import { AsyncDirective, type ChildPart, directive, type PartInfo, PartType } from 'lit/async-directive.js';
import { repeat } from 'lit/directives/repeat.js';
import { styled } from './styled';

/** Rows rendered beyond each edge of the view, so a fast wheel shows rows rather than blank space. */
const OVERSCAN_ROWS = 4;

export interface FixedRowsConfig<T> {
  readonly items: readonly T[];
  readonly key: (item: T) => string;
  /** `top`: where the row goes in the list (px). */
  readonly render: (item: T, index: number, top: number) => TemplateResult | unknown;
  /** Every row's height, in rem (the rows' CSS says the same). */
  readonly rowHeightRem: number;
}

/** A height in rem as px, at the document's font size now. */
function remToPx(rem: number): number {
  const size = Number.parseFloat(getComputedStyle(document.documentElement).fontSize);
  return rem * (Number.isFinite(size) && size > 0 ? size : 16);
}

class FixedRowsDirective extends AsyncDirective {
  private scroller: HTMLElement | null = null;
  private resizeObserver: ResizeObserver | null = null;
  private config: FixedRowsConfig<unknown> | null = null;
  private rowPx = 0;
  /** The scroller's scrollTop and height as last seen (read in its scroll and resize callbacks only). */
  private scrollTop = 0;
  private viewHeight = typeof window === 'undefined' ? 800 : window.innerHeight;
  /** The rows rendered, [first, end). */
  private first = 0;
  private end = 0;

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.CHILD) throw new Error('fixedRows goes in a child position');
  }

  render(config: FixedRowsConfig<unknown>): unknown {
    this.config = config;
    // Read once (and again when the list's size changes): reading a computed style at every render
    // could force a style recalculation in the middle of a frame.
    if (this.rowPx === 0) this.rowPx = remToPx(config.rowHeightRem);
    return this.rows();
  }

  override update(part: ChildPart, [config]: [FixedRowsConfig<unknown>]): unknown {
    const parent = part.parentNode;
    if (!this.scroller && parent instanceof HTMLElement) this.attach(parent);
    return this.render(config);
  }

  private rows(): unknown {
    const config = this.config;
    if (!config) return noChange;
    const count = config.items.length;
    const [first, end] = this.range(count);
    this.first = first;
    this.end = end;
    return html`<div class="fixed-rows-sizer" ${styled('height', `${count * this.rowPx}px`)}></div>${repeat(
      config.items.slice(first, end),
      config.key,
      (item, offset) => config.render(item, first + offset, (first + offset) * this.rowPx),
    )}`;
  }

  /** The rows to render for the view as last seen: those in it, and OVERSCAN_ROWS either side. */
  private range(count: number): [number, number] {
    if (this.rowPx <= 0) return [0, 0];
    const top = Math.floor(this.scrollTop / this.rowPx);
    const bottom = Math.ceil((this.scrollTop + this.viewHeight) / this.rowPx);
    return [Math.max(0, Math.min(count, top - OVERSCAN_ROWS)), Math.min(count, bottom + OVERSCAN_ROWS)];
  }

  private attach(scroller: HTMLElement): void {
    this.scroller = scroller;
    scroller.addEventListener('scroll', this.handleScroll, { passive: true });
    this.resizeObserver = new ResizeObserver(() => {
      this.viewHeight = scroller.clientHeight;
      this.scrollTop = scroller.scrollTop;
      const rowPx = this.config ? remToPx(this.config.rowHeightRem) : this.rowPx;
      if (rowPx !== this.rowPx) {
        this.rowPx = rowPx;
        this.first = this.end = -1; // every row's top changed
      }
      this.refresh();
    });
    this.resizeObserver.observe(scroller);
  }

  private readonly handleScroll = (): void => {
    if (this.scroller) this.scrollTop = this.scroller.scrollTop;
    this.refresh();
  };

  /** Renders again only when the rows needed are not the ones rendered. */
  private refresh(): void {
    if (!this.config || !this.isConnected) return;
    const [first, end] = this.range(this.config.items.length);
    if (first !== this.first || end !== this.end) this.setValue(this.rows());
  }

  protected override disconnected(): void {
    this.scroller?.removeEventListener('scroll', this.handleScroll);
    this.resizeObserver?.disconnect();
    this.resizeObserver = null;
  }

  protected override reconnected(): void {
    // The part's parent is the same element as before: listen to it again.
    if (this.scroller) this.attach(this.scroller);
  }
}

/** Renders `items` as fixed-height rows of a scrolling list (see the module's comment). */
export const fixedRows = directive(FixedRowsDirective) as <T>(config: FixedRowsConfig<T>) => unknown;
