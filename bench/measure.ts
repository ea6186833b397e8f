/** Timing helpers for the benchmarks: medians of repeated runs, in milliseconds. */
import { performance } from 'node:perf_hooks';

export async function time(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function ms(value: number): string {
  return value < 10 ? value.toFixed(2) : value.toFixed(0);
}
