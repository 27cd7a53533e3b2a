// Orders that once broke the optimiser, kept as they were found. The first made the former
// minimum-cost flow (lines sharing a SKU) loop for ever: costs in metres (~1e7) turned a
// residual cycle of true cost 0 into a rounding error below zero (seen in CI: a property
// test never returned). pool.ts no longer uses a flow; the order must still be proven.
import { describe, expect, it } from 'vitest';
import type { DistanceTable } from '../routing.js';
import { planOrder } from '../strategies/index.js';
import * as fixture from './fixtures/rounding-cycle.js';

describe('fewest_shipments on the order that looped', () => {
  it('plans it under split_by_line_items and proves it', () => {
    const table: DistanceTable = { kind: 'measured', provider: 'great_circle', entries: new Map(fixture.distances) };
    const plan = planOrder(fixture.problem, table);
    expect(plan.selection.optimality).toEqual({ status: 'proven', shipments: 9, lowerBound: 9 });
    const served = plan.selection.lines.map((l) => l.sources.reduce((t, s) => t + s.quantityToDeduct, 0));
    expect(served.reduce((t, q) => t + q, 0)).toBeGreaterThan(0);
  });
});
