import { describe, expect, it } from 'vitest';
import { contractSuite } from '../selection/contract.case.js';
import { aLine, aProblem, aSku, aStock, euLocations } from '../test-support/builders.js';
import { shipmentRows } from '../test-support/outcome.js';
import { planOrder } from './index.js';

contractSuite({ strategy: null, algorithm: 'fewest_shipments' });
contractSuite({ strategy: 'no_split', algorithm: 'fewest_shipments' });
contractSuite({ strategy: 'split_shipments', algorithm: 'fewest_shipments' });
contractSuite({ strategy: 'split_by_line_items', algorithm: 'fewest_shipments' });
contractSuite({ strategy: 'ship_from_primary', algorithm: 'fewest_shipments' });
contractSuite({ strategy: 'ship_from_first_available_or_primary', algorithm: 'fewest_shipments' });

const skus = [aSku({ code: 'A', shippingCategory: 'standard' }), aSku({ code: 'B', shippingCategory: 'standard' }), aSku({ code: 'T', shippingCategory: 'cold', doNotTrack: true })];
// eu-1 (the primary) has A, eu-2 has B, eu-3 has both: priority fills from eu-1 and eu-2.
const world = aProblem({
  strategy: 'split_shipments',
  algorithm: 'fewest_shipments',
  locations: euLocations(3),
  skus,
  stock: [aStock('eu-1', 'A', 5), aStock('eu-2', 'B', 5), aStock('eu-3', 'A', 5), aStock('eu-3', 'B', 5)],
  lines: [aLine('l1', 'A', 2), aLine('l2', 'B', 3)],
});

describe('fewest_shipments', () => {
  it('ships from the one location that has everything where priority would ship twice', () => {
    expect(shipmentRows(planOrder({ ...world, algorithm: 'priority' }))).toEqual(['eu-1/standard: l1 A 2', 'eu-2/standard: l2 B 3']);
    const plan = planOrder(world);
    expect(shipmentRows(plan)).toEqual(['eu-3/standard: l1 A 2, l2 B 3']);
    expect(plan.selection.optimality).toEqual({ status: 'proven', shipments: 1, lowerBound: 1 });
    expect(plan.explanation).toContain('standard: eu-3 (1 shipment; one is the fewest)');
  });

  it('says why fewer is impossible when the hardest SKU needs two locations', () => {
    const stock = [aStock('eu-1', 'A', 1), aStock('eu-2', 'A', 3), aStock('eu-3', 'A', 3), aStock('eu-3', 'B', 5)];
    const plan = planOrder({ ...world, stock, lines: [aLine('l1', 'A', 5), aLine('l2', 'B', 1)] });
    expect(shipmentRows(plan)).toEqual(['eu-2/standard: l1 A 3', 'eu-3/standard: l1 A 2, l2 B 1']);
    expect(plan.explanation).toContain('standard: eu-2, eu-3 (2 shipments; fewer is impossible: A needs 5 and its 1 largest holder have 3)');
  });

  it('lets a do_not_track line ride in an existing shipment of its category', () => {
    const cold = [...skus, aSku({ code: 'C', shippingCategory: 'cold' })];
    const stock = [aStock('eu-1', 'A', 5), aStock('eu-2', 'C', 5)];
    const plan = planOrder({ ...world, skus: cold, stock, lines: [aLine('l1', 'A', 1), aLine('l2', 'C', 1), aLine('l3', 'T', 1)] });
    expect(shipmentRows(plan)).toEqual(['eu-1/standard: l1 A 1', 'eu-2/cold: l2 C 1, l3 T 1']);
    expect(plan.selection.optimality?.shipments).toBe(2);
  });

  it('stops at the node budget with the greedy plan or better, and says so', () => {
    const many = aProblem({ ...world, locations: euLocations(12), stock: euLocations(12).flatMap((l, i) => [aStock(l.code, 'A', 1 + (i % 3)), aStock(l.code, 'B', 1 + (i % 2))]), lines: [aLine('l1', 'A', 9), aLine('l2', 'B', 7)] });
    const greedy = planOrder({ ...many, algorithm: 'priority' });
    const plan = planOrder(many, undefined, { nodes: 1 });
    // The greedy plan's count meets the root bound, so the count is proven at once; the
    // search for the cheapest of as few is what the budget cut short, and it says so.
    expect(plan.selection.optimality).toEqual({ status: 'proven', shipments: plan.shipments.length, lowerBound: plan.shipments.length });
    expect(plan.shipments.length).toBeLessThanOrEqual(greedy.shipments.length);
    expect(plan.explanation.some((e) => e.includes('the least found within the time budget'))).toBe(true);
    // Three lines of A, each needing more than any location has: the count itself is cut short.
    const hard = aProblem({ ...world, locations: euLocations(12), stock: euLocations(12).flatMap((l, i) => [aStock(l.code, 'A', 1 + (i % 3)), aStock(l.code, 'B', 1 + (i % 2))]), lines: [aLine('l1', 'A', 9), aLine('l2', 'B', 7), aLine('l3', 'A', 5), aLine('l4', 'B', 4)] });
    const cut = planOrder({ ...hard, strategy: 'split_by_line_items' }, undefined, { nodes: 1 });
    expect(cut.selection.optimality?.status).toBe('budget_exhausted');
    expect(cut.selection.optimality?.lowerBound).toBeLessThanOrEqual(cut.shipments.length);
    expect(cut.explanation.some((e) => e.includes('the search stopped at the time budget'))).toBe(true);
  });
});
