// Seeded randomness for the generators, on pure-rand's xoroshiro128+: the same seed gives
// the same numbers on every machine. Small helpers for the distributions the generators
// draw from (uniform, normal, weighted choice, Zipf).
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

export interface Random {
  /** uniform in [0, 1) */
  float(): number;
  /** uniform integer in [from, to] */
  int(from: number, to: number): number;
  /** standard normal (Box–Muller) */
  normal(): number;
}

export function seededRandom(seed: number): Random {
  // Small seeds (0, 1, 2…) give xoroshiro128+ a sparse state whose first outputs are far from
  // uniform: scramble the seed (murmur3's finaliser) and drop the first outputs.
  const rng: RandomGenerator = xoroshiro128plus(scramble(seed));
  for (let i = 0; i < 32; i += 1) rng.next();
  return {
    float: () => uniformFloat64(rng),
    int: (from, to) => uniformInt(rng, from, to),
    normal: () => {
      const u = 1 - uniformFloat64(rng); // (0, 1]: log is finite
      const v = uniformFloat64(rng);
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
  };
}

function scramble(seed: number): number {
  let h = (seed ^ 0x9e3779b9) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** Draws an index with probability proportional to its weight (binary search on the cumulative sums). */
export class WeightedChoice {
  private readonly cumulative: Float64Array;

  constructor(weights: readonly number[]) {
    if (weights.length === 0) throw new RangeError('WeightedChoice needs at least one weight');
    this.cumulative = new Float64Array(weights.length);
    let total = 0;
    weights.forEach((w, i) => {
      total += Math.max(0, w);
      this.cumulative[i] = total;
    });
    if (total <= 0) throw new RangeError('WeightedChoice needs a positive weight');
  }

  pick(random: Random): number {
    const target = random.float() * this.cumulative[this.cumulative.length - 1]!;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Zipf weights 1/k^s for ranks 1..n: a few SKUs sell a lot, most sell little. */
export function zipfWeights(n: number, s: number): number[] {
  return Array.from({ length: n }, (_, i) => 1 / Math.pow(i + 1, s));
}
