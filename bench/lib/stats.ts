/** Small numeric helpers for the benchmark's figures. */

/** The median (mean of the middle two for an even count); NaN for no values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A measured value over several runs: every run, and their median. */
export interface Sample {
  runs: number[];
  median: number;
}

export function sample(runs: number[]): Sample {
  return { runs, median: median(runs) };
}

/** Decimal megabytes per second. */
export function mbPerSecond(bytes: number, ms: number): number {
  return bytes / 1e6 / (ms / 1000);
}

export const MIB = 1024 ** 2;
export const GIB = 1024 ** 3;

/** The largest number of timestamps (ms) inside any window of `windowMs`. */
export function peakInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}
