// The bench's confidence intervals (issue 15, item 5): framework-free code in tests/bench/stats.mjs.
import { describe, expect, it } from 'vitest';
import { bootstrapCi, mean, quantile, seededRandom, tCi95 } from '../../bench/stats.mjs';

describe('bench statistics', () => {
  it('t interval of the mean matches a hand computation', () => {
    // mean 3, s = √2.5, t(0.975, 4) = 2.776 → half width 2.776·√2.5/√5 = 1.963
    const ci = tCi95([1, 2, 3, 4, 5]);
    expect(ci.estimate).toBe(3);
    expect(ci.lo).toBeCloseTo(3 - 1.963, 3);
    expect(ci.hi).toBeCloseTo(3 + 1.963, 3);
  });

  it('bootstrap interval contains the median, is reproducible, and narrows with more pairs', () => {
    const random = seededRandom(7);
    const draw = (n: number) => Array.from({ length: n }, () => 1 + (random() - 0.5) * 0.2);
    const small = draw(10);
    const large = draw(400);
    const a = bootstrapCi(small);
    expect(bootstrapCi(small)).toEqual(a);
    expect(a.lo).toBeLessThanOrEqual(a.estimate);
    expect(a.hi).toBeGreaterThanOrEqual(a.estimate);
    const b = bootstrapCi(large);
    expect(b.hi - b.lo).toBeLessThan(a.hi - a.lo);
  });

  it('bootstrap interval of the median covers the true median most of the time', () => {
    const random = seededRandom(3);
    let covered = 0;
    const trials = 200;
    for (let i = 0; i < trials; i++) {
      // Uniform on [0, 2]: true median 1.
      const ci = bootstrapCi(
        Array.from({ length: 25 }, () => 2 * random()),
        { resamples: 500, seed: i + 1 },
      );
      if (ci.lo <= 1 && 1 <= ci.hi) covered += 1;
    }
    expect(covered / trials).toBeGreaterThan(0.88);
    expect(covered / trials).toBeLessThan(1);
  });

  it('a constant sample has a zero-width interval; one value has none', () => {
    expect(bootstrapCi([2, 2, 2, 2])).toMatchObject({ estimate: 2, lo: 2, hi: 2 });
    const one = bootstrapCi([5]);
    expect(one.estimate).toBe(5);
    expect(Number.isNaN(one.lo)).toBe(true);
    expect(Number.isNaN(tCi95([5]).lo)).toBe(true);
  });

  it('covers the true mean about 95 % of the time (t interval, normal-ish data)', () => {
    const random = seededRandom(42);
    // Sum of 12 uniforms − 6: approximately standard normal.
    const normal = () => Array.from({ length: 12 }, random).reduce((x, y) => x + y, 0) - 6;
    let covered = 0;
    const trials = 400;
    for (let i = 0; i < trials; i++) {
      const ci = tCi95(Array.from({ length: 12 }, normal));
      if (ci.lo <= 0 && 0 <= ci.hi) covered += 1;
    }
    expect(covered / trials).toBeGreaterThan(0.9);
    expect(covered / trials).toBeLessThan(0.99);
    expect(mean([1, 3])).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
  });
});
