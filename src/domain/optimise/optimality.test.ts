// fewest_shipments against brute force: on 1,300 random small problems (up to 8
// locations, 2 shipping categories, 8 lines; fixed seeds) the answer serves what can be
// served, obeys the contract rules, is proven, and scores exactly the brute-force optimum on
// shipments, then on Σ units × unit cost, then (at equal cost) on Σ units × priority rank;
// 500 more with lines sharing a SKU must be valid and proven (pool.test.ts checks the
// shared-SKU solver itself against its own brute force on 3,000 problems). The same checker finds counterexamples in the greedy fill, which
// shows it can fail.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DistanceTable, Plan, RoutingProblem, Selection } from '../routing.js';
import { selectSources } from '../selection/index.js';
import { planOrder } from '../strategies/index.js';
import { bruteByCategory, bruteByLine, scoreOf } from '../test-support/brute-force.js';
import { instanceArb } from '../test-support/small-problems.js';
import type { Score } from '../test-support/brute-force.js';
import { violations } from '../test-support/contract-rules.js';

function expectSameScore(actual: Score, optimum: Score): void {
  expect(actual.served).toEqual(optimum.served);
  expect(actual.count).toBe(optimum.count);
  expect(Math.abs(actual.cost - optimum.cost)).toBeLessThanOrEqual(1e-6 * Math.max(1, optimum.cost));
  // Criterion 4 (least Σ units × priority rank) decides only between plans of equal cost:
  // compare it when the costs are exactly equal (always so for priority-rank costs; measured
  // costs that differ below the engine's rounding tolerance are not compared).
  if (actual.cost === optimum.cost) expect(actual.tie).toBe(optimum.tie);
}

/** (location, category) pairs a selection takes stock from. */
function pairsOf(problem: RoutingProblem, selection: Selection): number {
  const category = (sku: string) => problem.skus.find((s) => s.code === sku)?.shippingCategory;
  return new Set(selection.lines.flatMap((l) => l.sources.filter((s) => s.quantityToDeduct > 0).map((s) => `${s.location}|${category(l.sku)}`))).size;
}

function agrees(actual: Score, optimum: Score): boolean {
  return JSON.stringify(actual.served) === JSON.stringify(optimum.served) && actual.count === optimum.count && Math.abs(actual.cost - optimum.cost) <= 1e-6 * Math.max(1, optimum.cost);
}

describe('fewest_shipments equals the brute-force optimum', () => {
  it('split_shipments: fewest (location, category) shipments, then least units × cost, proven', () => {
    fc.assert(
      fc.property(instanceArb('split_shipments', false), ({ problem, table }) => {
        const plan = planOrder(problem, table);
        expect(violations(problem, { selection: plan.selection, plan }, { listsEveryHolder: true })).toEqual([]);
        expectSameScore(scoreOf(problem, plan.selection, table, plan.shipments.length), bruteByCategory(problem, table));
        expect(plan.selection.optimality).toEqual({ status: 'proven', shipments: plan.shipments.length, lowerBound: plan.shipments.length });
      }),
      { numRuns: 500, seed: 20261129 },
    );
  });

  it('a plain source selection: the same pairs over the sources used', () => {
    fc.assert(
      fc.property(instanceArb(null, false), ({ problem, table }) => {
        const selection = selectSources(problem, table);
        expect(violations(problem, { selection, plan: null }, { listsEveryHolder: true })).toEqual([]);
        expectSameScore(scoreOf(problem, selection, table, pairsOf(problem, selection)), bruteByCategory(problem, table));
        expect(selection.optimality?.status).toBe('proven');
      }),
      { numRuns: 200, seed: 20261129 },
    );
  });

  it('split_by_line_items: fewest (line, location) shipments', () => {
    fc.assert(
      fc.property(instanceArb('split_by_line_items', true), ({ problem, table }) => {
        const plan = planOrder(problem, table);
        expect(violations(problem, { selection: plan.selection, plan }, { listsEveryHolder: true })).toEqual([]);
        expectSameScore(scoreOf(problem, plan.selection, table, plan.shipments.length), bruteByLine(problem, table, null));
        expect(plan.selection.optimality?.status).toBe('proven');
      }),
      { numRuns: 300, seed: 20261129 },
    );
  });

  it('ship_from_primary: the primary gives what it has, the fewest transfers bring the rest', () => {
    fc.assert(
      fc.property(instanceArb('ship_from_primary', true), ({ problem, table }) => {
        const plan = planOrder(problem, table);
        expect(violations(problem, { selection: plan.selection, plan }, { listsEveryHolder: true })).toEqual([]);
        const primary = [...problem.locations].sort((a, b) => a.priority - b.priority || (a.code < b.code ? -1 : 1))[0]?.code ?? null;
        expectSameScore(scoreOf(problem, plan.selection, table, plan.transfers.length), bruteByLine(problem, table, primary));
        expect(plan.selection.optimality).toMatchObject({ status: 'proven', transfers: plan.transfers.length });
      }),
      { numRuns: 300, seed: 20261129 },
    );
  });

  it('lines sharing a SKU stay valid and proven (split_by_line_items, ship_from_primary)', () => {
    for (const strategy of ['split_by_line_items', 'ship_from_primary']) {
      fc.assert(
        fc.property(instanceArb(strategy, false), ({ problem, table }) => {
          const plan = planOrder(problem, table);
          expect(violations(problem, { selection: plan.selection, plan }, { listsEveryHolder: true })).toEqual([]);
          expect(plan.selection.optimality?.status).toBe('proven');
        }),
        { numRuns: 250, seed: 20261129 },
      );
    }
  });
});

describe('the brute-force check can fail', () => {
  it('finds problems where the greedy fill (split_shipments by priority or distance) ships more than needed', () => {
    const greedy = (problem: RoutingProblem, table: DistanceTable | undefined): Plan => planOrder({ ...problem, algorithm: table === undefined ? 'priority' : 'distance' }, table);
    const found = fc.sample(instanceArb('split_shipments', false), { numRuns: 200, seed: 7 }).filter(({ problem, table }) => {
      const plan = greedy(problem, table);
      return !agrees(scoreOf(problem, plan.selection, table, plan.shipments.length), bruteByCategory(problem, table));
    });
    expect(found.length).toBeGreaterThan(0);
  });
});
