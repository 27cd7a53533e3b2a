import { describe, expect, it } from 'vitest';
import { seededRandom, WeightedChoice, zipfWeights } from './random.js';

describe('seeded randomness', () => {
  it('is uniform from the first draw, also for small seeds', () => {
    for (const seed of [0, 1, 2, -1]) {
      const r = seededRandom(seed);
      const first = Array.from({ length: 8 }, () => r.float());
      expect(first.filter((x) => x > 0.9).length, `seed ${seed}`).toBeLessThan(5);
      const many = Array.from({ length: 20_000 }, () => r.float());
      const mean = many.reduce((a, b) => a + b, 0) / many.length;
      expect(mean).toBeGreaterThan(0.49);
      expect(mean).toBeLessThan(0.51);
    }
  });

  it('draws normals with mean 0 and deviation 1', () => {
    const r = seededRandom(3);
    const xs = Array.from({ length: 20_000 }, () => r.normal());
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(sd).toBeGreaterThan(0.97);
    expect(sd).toBeLessThan(1.03);
  });

  it('picks by weight, never a zero weight', () => {
    const r = seededRandom(4);
    const choice = new WeightedChoice([1, 0, 3]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 8000; i += 1) counts[choice.pick(r)]! += 1;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / counts[0]!).toBeGreaterThan(2.7);
    expect(counts[2]! / counts[0]!).toBeLessThan(3.3);
    expect(() => new WeightedChoice([0, 0])).toThrow('positive weight');
  });

  it('gives Zipf weights 1/k^s', () => {
    expect(zipfWeights(3, 1)).toEqual([1, 1 / 2, 1 / 3]);
  });
});
