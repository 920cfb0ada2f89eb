// Types for the framework-free bench statistics (stats.mjs), for the unit test.
export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
  p25: number;
  p75: number;
  p95: number;
}
export interface Interval {
  estimate: number;
  lo: number;
  hi: number;
  n: number;
  level?: number;
}
export function quantile(values: readonly number[], q: number): number;
export function summary(values: readonly number[]): Summary;
export function pairwise(
  a: readonly number[],
  b: readonly number[],
  op: (x: number, y: number) => number,
): number[];
export function mean(values: readonly number[]): number;
export function median(values: readonly number[]): number;
export function seededRandom(seed: number): () => number;
export function bootstrapCi(
  values: readonly number[],
  options?: { stat?: (v: number[]) => number; level?: number; resamples?: number; seed?: number },
): Interval;
export function tCi95(values: readonly number[]): Interval;
