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
