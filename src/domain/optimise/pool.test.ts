// solvePool (lines sharing one SKU, a shipment or transfer per line and location) against an
// independent brute force: on thousands of tiny problems (≤ 3 lines, ≤ 4 locations, whole
// quantities ≤ 4, cost ties, a free location half of the time) every plan with integer
// quantities is enumerated — an optimum with integer quantities always exists — and the
// solver must serve every line, respect what each location holds, give all the free
// location holds first, be proven, and match the optimum on pairs, then cost, then Σ units
// × rank. Larger ones (6 lines × 8 locations) must be proven within the node limit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Allowance } from './budget.js';
import { solvePool } from './pool.js';
import type { PoolInput } from './pool.js';

interface Score {
  readonly count: number;
  readonly cost: number;
  readonly tie: number;
}

function scoreOf(input: PoolInput, takes: readonly (readonly number[])[]): Score {
  let count = 0;
  let cost = 0;
  let tie = 0;
  takes.forEach((row) => row.forEach((q, j) => {
    if (q <= 0) return;
    if (!input.free[j]) count += 1;
    cost += q * (input.costs[j] as number);
    tie += q * (input.ranks[j] as number);
  }));
  return { count, cost, tie };
}

function lexLess(a: Score, b: Score): boolean {
  return a.count !== b.count ? a.count < b.count : a.cost !== b.cost ? a.cost < b.cost : a.tie < b.tie;
}

/** Every integer plan: each line's need split over the locations within what they hold. */
function brute(input: PoolInput): Score {
  const m = input.capacity.length;
  const total = input.needs.reduce((t, q) => t + q, 0);
  const freeHeld = input.capacity.reduce((t, c, j) => (input.free[j] ? t + c : t), 0);
  const fromFree = Math.min(total, freeHeld);
  const left = [...input.capacity];
  const takes = input.needs.map(() => new Array<number>(m).fill(0));
  let best: Score = { count: Infinity, cost: Infinity, tie: Infinity };
  const line = (l: number): void => {
    if (l === input.needs.length) {
      const given = takes.reduce((t, row) => t + row.reduce((s, q, j) => (input.free[j] ? s + q : s), 0), 0);
      if (given !== fromFree) return;
      const score = scoreOf(input, takes);
      if (lexLess(score, best)) best = score;
      return;
    }
    const split = (j: number, want: number): void => {
      if (j === m) {
        if (want === 0) line(l + 1);
        return;
      }
      for (let q = 0; q <= Math.min(want, left[j] as number); q++) {
        (takes[l] as number[])[j] = q;
        left[j] = (left[j] as number) - q;
        split(j + 1, want - q);
        left[j] = (left[j] as number) + q;
      }
      (takes[l] as number[])[j] = 0;
    };
    split(0, input.needs[l] as number);
  };
  line(0);
  return best;
}

const poolArb = (maxLines: number, maxLocations: number, maxQuantity: number): fc.Arbitrary<PoolInput> =>
  fc.record({
    lines: fc.array(fc.integer({ min: 1, max: maxQuantity }), { minLength: 1, maxLength: maxLines }),
    locations: fc.array(fc.record({ capacity: fc.integer({ min: 0, max: maxQuantity + 1 }), cost: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: maxLocations }),
    free: fc.option(fc.nat(), { nil: null }),
    greedy: fc.boolean(),
  }).map(({ lines, locations, free, greedy }) => {
    const held = locations.reduce((t, l) => t + l.capacity, 0);
    // What can be served, the first lines in full (as the caller passes it).
    let left = Math.min(held, lines.reduce((t, q) => t + q, 0));
    const needs = lines.map((q) => {
      const need = Math.min(q, left);
      left -= need;
      return need;
    }).filter((q) => q > 0);
    const freeAt = free === null ? -1 : free % locations.length;
    const input: PoolInput = {
      needs,
      capacity: locations.map((l) => l.capacity),
      costs: locations.map((l) => l.cost),
      ranks: locations.map((_, j) => j),
      free: locations.map((_, j) => j === freeAt),
      incumbent: needs.map(() => []),
    };
    return greedy ? { ...input, incumbent: greedyFill(input) } : input;
  });

/** Lines in order, each from the free location first, then locations in rank order. */
function greedyFill(input: PoolInput): number[][] {
  const left = [...input.capacity];
  const order = [...input.capacity.keys()].sort((a, b) => Number(input.free[b]) - Number(input.free[a]) || a - b);
  return input.needs.map((need) => {
    const row = new Array<number>(input.capacity.length).fill(0);
    let want = need;
    for (const j of order) {
      const q = Math.min(want, left[j] as number);
      row[j] = q;
      left[j] = (left[j] as number) - q;
      want -= q;
    }
    return row;
  });
}

function expectValid(input: PoolInput, takes: readonly (readonly number[])[]): void {
  takes.forEach((row, l) => expect(row.reduce((t, q) => t + q, 0)).toBe(input.needs[l]));
  input.capacity.forEach((c, j) => expect(takes.reduce((t, row) => t + (row[j] as number), 0)).toBeLessThanOrEqual(c));
  const total = input.needs.reduce((t, q) => t + q, 0);
  const freeHeld = input.capacity.reduce((t, c, j) => (input.free[j] ? t + c : t), 0);
  const given = takes.reduce((t, row) => t + row.reduce((s, q, j) => (input.free[j] ? s + q : s), 0), 0);
  expect(given).toBe(Math.min(total, freeHeld));
}

describe('solvePool equals an independent brute force', () => {
  it('on 3,000 tiny problems: valid, proven, fewest pairs, then least cost, then best ranks', () => {
    fc.assert(
      fc.property(poolArb(3, 4, 3), (input) => {
        const answer = solvePool(input, new Allowance());
        expectValid(input, answer.takes);
        expect(answer.proven).toBe(true);
        expect(answer.lowerBound).toBe(answer.count);
        expect(answer.costProven).toBe(true);
        const actual = scoreOf(input, answer.takes);
        expect(actual.count).toBe(answer.count);
        expect(actual).toEqual(brute(input));
      }),
      { numRuns: 3_000, seed: 20261129 },
    );
  });

  it('proves 6 lines × 8 locations within the node limit', () => {
    fc.assert(
      fc.property(poolArb(6, 8, 6), (input) => {
        const answer = solvePool(input, new Allowance());
        expectValid(input, answer.takes);
        expect(answer.proven).toBe(true);
      }),
      { numRuns: 1_000, seed: 20261129 },
    );
  });

  it('past the node limit: the incumbent or better, marked unproven', () => {
    const input: PoolInput = { needs: [3, 3, 3, 3], capacity: [2, 2, 2, 2, 2, 2, 2], costs: [1, 2, 3, 4, 5, 6, 7], ranks: [0, 1, 2, 3, 4, 5, 6], free: new Array<boolean>(7).fill(false), incumbent: [] };
    const answer = solvePool({ ...input, incumbent: greedyFill(input) }, new Allowance({ nodes: 1 }));
    expectValid(input, answer.takes);
    expect(answer.proven).toBe(false);
    expect(answer.count).toBeLessThanOrEqual(scoreOf(input, greedyFill(input)).count);
    expect(answer.lowerBound).toBeLessThanOrEqual(answer.count);
  });
});
