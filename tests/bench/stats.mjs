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
