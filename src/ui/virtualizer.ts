/**
 * When a list is long enough to virtualize, and @lit-labs/virtualizer loaded on demand: apart from
 * long-list.ts so that the app can load it ahead of a long list without the list's own code.
 */

/** Up to this many rows, rendering them all is cheaper than virtualizing. */
export const PLAIN_LIST_LIMIT = 200;

type Virtualize = typeof import('@lit-labs/virtualizer/virtualize.js').virtualize;

let virtualize: Virtualize | null = null;
let loading: Promise<void> | null = null;

/** Starts loading the virtualizer early (a long list is coming), so the first render can use it. */
export function loadVirtualizer(): Promise<void> {
  loading ??= import('@lit-labs/virtualizer/virtualize.js').then((module) => {
    virtualize = module.virtualize;
  });
  return loading;
}

/** The virtualizer, if it has loaded. */
export function loadedVirtualize(): Virtualize | null {
  return virtualize;
}
