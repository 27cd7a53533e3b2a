// The minimum-cost flow behind lines that share a SKU. Costs are metres (up to ~1e7): a
// residual cycle of true cost 0 (c − c + d − d) can add up to a rounding error below zero.
// With an absolute tolerance the search took that for an improvement and looped for ever
// (seen in CI: a property test never returned). This order is the case that looped.
import { describe, expect, it } from 'vitest';
import type { DistanceTable } from '../routing.js';
import { planOrder } from '../strategies/index.js';
import * as fixture from './fixtures/rounding-cycle.js';
import { minCostFlow } from './flow.js';

describe('minimum-cost flow', () => {
  it('sends what the capacities allow at the least cost', () => {
    // source 0 → a (1) and b (2) → sink 3; a is cheap but narrow.
    const result = minCostFlow(4, [
      { from: 0, to: 1, capacity: 3, cost: 0 },
      { from: 0, to: 2, capacity: 10, cost: 0 },
      { from: 1, to: 3, capacity: 3, cost: 1 },
      { from: 2, to: 3, capacity: 10, cost: 5 },
    ], 0, 3);
    expect(result).toEqual({ flow: 13, cost: 3 + 50, flows: [3, 10, 3, 10] });
  });

  it('ends on costs in the millions whose zero-cost cycles round below zero', () => {
    const costs = [1_176_114.3225416583, 1_869_473.279294322, 163_020.71778255876];
    const lines = 3;
    const edges = [
      ...[5, 4, 7].map((need, l) => ({ from: 0, to: 1 + l, capacity: need, cost: 0 })),
      ...[0, 1, 2].flatMap((l) => costs.map((cost, j) => ({ from: 1 + l, to: 1 + lines + j, capacity: 9, cost }))),
      ...[6, 2, 6].map((capacity, j) => ({ from: 1 + lines + j, to: 1 + lines + costs.length, capacity, cost: 0 })),
    ];
    const result = minCostFlow(2 + lines + costs.length, edges, 0, 1 + lines + costs.length);
    expect(result.flow).toBe(14);
    expect(result.cost).toBeCloseTo(6 * costs[2]! + 6 * costs[0]! + 2 * costs[1]!, 3);
  });
});

describe('fewest_shipments on the order that looped', () => {
  it('plans it under split_by_line_items and proves it', () => {
    const table: DistanceTable = { kind: 'measured', provider: 'great_circle', entries: new Map(fixture.distances) };
    const plan = planOrder(fixture.problem, table);
    expect(plan.selection.optimality).toEqual({ status: 'proven', shipments: 9, lowerBound: 9 });
    const served = plan.selection.lines.map((l) => l.sources.reduce((t, s) => t + s.quantityToDeduct, 0));
    expect(served.reduce((t, q) => t + q, 0)).toBeGreaterThan(0);
  });
});
