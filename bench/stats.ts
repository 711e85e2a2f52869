/** The arithmetic every benchmark shares: percentiles, medians and ratios, checked by a unit test. */

/** The p-th percentile (0–100) by nearest rank on a sorted copy; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** The middle sample (nearest rank, like every other percentile here); NaN for no samples. */
export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

export interface Summary {
  readonly n: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly min: number;
  readonly max: number;
  /** The spread: the middle half of the samples lies between p25 and p75. */
  readonly p25: number;
  readonly p75: number;
}

export function summarize(samples: readonly number[]): Summary {
  return {
    n: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    min: samples.length ? Math.min(...samples) : Number.NaN,
    max: samples.length ? Math.max(...samples) : Number.NaN,
    p25: percentile(samples, 25),
    p75: percentile(samples, 75),
  };
}

export function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : Number.NaN;
}

/** Events per second from a count over a window of milliseconds; NaN for an empty window. */
export function perSecond(count: number, windowMs: number): number {
  return windowMs > 0 ? (count * 1000) / windowMs : Number.NaN;
}

/** Rounds for display and JSON: three significant decimals at most. */
export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** A summary with every number rounded, for JSON and tables. */
export function roundSummary(summary: Summary, digits = 3): Summary {
  return {
    n: summary.n,
    p50: round(summary.p50, digits),
    p95: round(summary.p95, digits),
    p99: round(summary.p99, digits),
    min: round(summary.min, digits),
    max: round(summary.max, digits),
    p25: round(summary.p25, digits),
    p75: round(summary.p75, digits),
  };
}

/** A turn of samples taken in one cycle of an interleaved run. */
export interface Block {
  readonly cycle: number;
  readonly samples: readonly number[];
}

/**
 * app ÷ floor per cycle: the median of the app's turn over the median of the floor's turn beside it, in
 * cycle order. Only cycles where both have samples count.
 */
export function pairedRatios(app: readonly Block[], floor: readonly Block[]): number[] {
  const floorByCycle = new Map(floor.filter((block) => block.samples.length > 0).map((block) => [block.cycle, median(block.samples)]));
  const ratios: number[] = [];
  for (const block of app) {
    const below = floorByCycle.get(block.cycle);
    if (below === undefined || block.samples.length === 0) continue;
    const value = ratio(median(block.samples), below);
    if (Number.isFinite(value)) ratios.push(value);
  }
  return ratios;
}

/** How far the paired ratios spread: the middle half lies between p25 and p75. */
export interface RatioSpread {
  readonly pairs: number;
  readonly min: number;
  readonly p25: number;
  readonly median: number;
  readonly p75: number;
  readonly max: number;
}

export function ratioSpread(ratios: readonly number[]): RatioSpread {
  return {
    pairs: ratios.length,
    min: ratios.length ? Math.min(...ratios) : Number.NaN,
    p25: percentile(ratios, 25),
    median: median(ratios),
    p75: percentile(ratios, 75),
    max: ratios.length ? Math.max(...ratios) : Number.NaN,
  };
}

/**
 * A floor is the least the job needs, so the app cannot be faster than it. It is declared invalid when the
 * app beats it at p50 beyond the run's spread: the app ÷ floor p50 ratio is below 1 and so is the upper
 * quartile of the paired turns' ratios (three quarters of the turns side by side had the app ahead).
 * Without paired turns nothing can be said, and the floor stands.
 */
export function floorIsValid(ratioP50: number, spread: RatioSpread): boolean {
  if (spread.pairs === 0 || !Number.isFinite(ratioP50)) return true;
  return !(ratioP50 < 1 && spread.p75 < 1);
}
