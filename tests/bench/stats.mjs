// Small statistics helpers for the benchmark (no dependencies).

/** Sorted copy. */
function sorted(values) {
  return [...values].sort((a, b) => a - b);
}

/** Quantile with linear interpolation (q in [0, 1]); NaN for an empty list. */
export function quantile(values, q) {
  if (values.length === 0) return Number.NaN;
  const s = sorted(values);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** median, min, max, p25, p75, p95 and n of a list of numbers. */
export function summary(values) {
  const v = values.filter((x) => Number.isFinite(x));
  return {
    n: v.length,
    median: quantile(v, 0.5),
    min: v.length ? Math.min(...v) : Number.NaN,
    max: v.length ? Math.max(...v) : Number.NaN,
    p25: quantile(v, 0.25),
    p75: quantile(v, 0.75),
    p95: quantile(v, 0.95),
  };
}

/** Element-wise a[i] - b[i] / a[i] / b[i] of two equally long lists (pairs). */
export function pairwise(a, b, op) {
  const n = Math.min(a.length, b.length);
  const out = [];
  for (let i = 0; i < n; i++) out.push(op(a[i], b[i]));
  return out;
}

/** Arithmetic mean; NaN for an empty list. */
export function mean(values) {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Median (the 0.5 quantile). */
export function median(values) {
  return quantile(values, 0.5);
}

/**
 * A small seeded PRNG (mulberry32): the bootstrap must give the same interval for the same samples,
 * so a rerun of the table from the JSON file reproduces it.
 */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Percentile bootstrap confidence interval of `stat` (default: the median) over per-pair values
 * (ratios with ÷ without, or differences with − without). Efron & Tibshirani, "An Introduction to the
 * Bootstrap" (1993), ch. 13: resample the pairs with replacement, take the `(1 − level)/2` and
 * `(1 + level)/2` quantiles of the resampled statistic. Non-finite values are ignored. With fewer than
 * 2 values there is no interval (lo = hi = NaN). Returns `{ estimate, lo, hi, n, level }`.
 */
export function bootstrapCi(values, { stat = median, level = 0.95, resamples = 2000, seed = 1 } = {}) {
  const v = values.filter((x) => Number.isFinite(x));
  const n = v.length;
  const estimate = n ? stat(v) : Number.NaN;
  if (n < 2) return { estimate, lo: Number.NaN, hi: Number.NaN, n, level };
  const random = seededRandom(seed);
  const stats = new Array(resamples);
  const sample = new Array(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) sample[i] = v[Math.floor(random() * n)];
    stats[r] = stat(sample);
  }
  return {
    estimate,
    lo: quantile(stats, (1 - level) / 2),
    hi: quantile(stats, (1 + level) / 2),
    n,
    level,
  };
}

// Two-sided 97.5 % quantiles of Student's t for df = 1..30 (any statistics table); beyond 30 the
// normal 1.96 is within 4 %.
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/**
 * t-based 95 % confidence interval of the mean of per-pair values (paired t interval):
 * mean ± t(0.975, n − 1) · s / √n. Assumes roughly normal pair values; the bench reports the bootstrap
 * interval of the median as its figure and this one beside it. Returns `{ estimate, lo, hi, n }`.
 */
export function tCi95(values) {
  const v = values.filter((x) => Number.isFinite(x));
  const n = v.length;
  const m = mean(v);
  if (n < 2) return { estimate: m, lo: Number.NaN, hi: Number.NaN, n };
  const sd = Math.sqrt(v.reduce((a, x) => a + (x - m) ** 2, 0) / (n - 1));
  const t = n - 1 <= T975.length ? T975[n - 2] : 1.96;
  const half = (t * sd) / Math.sqrt(n);
  return { estimate: m, lo: m - half, hi: m + half, n };
}
