/**
 * Init script: keeps every layout shift not caused by input since navigation in `window.layoutShifts`,
 * with the elements that moved (tag and classes). Shared by the first-paint test and the benchmark's
 * bundle section; self-contained, since it runs in the page before any of the app's code.
 */

export interface LayoutShift {
  readonly value: number;
  readonly at: number;
  readonly moved: string[];
}

export function recordLayoutShifts(): void {
  type Shift = PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node | null }[] };
  const shifts: LayoutShift[] = [];
  (window as unknown as { layoutShifts: LayoutShift[] }).layoutShifts = shifts;
  const nameOf = (node: Node | null | undefined) =>
    node instanceof Element
      ? `${node.localName}${node.className ? `.${String(node.className).split(' ').join('.')}` : ''}`
      : String(node?.nodeName);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as Shift[]) {
      if (entry.hadRecentInput) continue;
      shifts.push({ value: entry.value, at: entry.startTime, moved: (entry.sources ?? []).map((source) => nameOf(source.node)) });
    }
  }).observe({ type: 'layout-shift', buffered: true });
}
