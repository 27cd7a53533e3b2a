import { describe, expect, it } from 'vitest';
import { greatCircleTable } from '../distance/great-circle.js';
import { qty, sum } from '../quantity.js';
import { contractSuite } from '../selection/contract.case.js';
import { aDestination, aLine, aLocation, aProblem, aSku, aStock, euLocations } from '../test-support/builders.js';
import { deductions, lineOf, shipmentRows, unshippedRows } from '../test-support/outcome.js';
import { planOrder } from './index.js';

contractSuite({ strategy: 'split_shipments', algorithm: 'priority' });
contractSuite({ strategy: 'split_shipments', algorithm: 'distance' });

const skus = [
  aSku({ code: 'A', shippingCategory: 'standard' }),
  aSku({ code: 'B', shippingCategory: 'standard' }),
  aSku({ code: 'C', shippingCategory: 'cold' }),
  aSku({ code: 'D', shippingCategory: 'standard', doNotShip: true }),
  aSku({ code: 'T', shippingCategory: 'cold', doNotTrack: true }),
];
const world = aProblem({ strategy: 'split_shipments', locations: euLocations(3), skus });

describe('strategy split_shipments', () => {
  it('seed: the primary can fulfil all SKUs, so one shipment from it', () => {
    const stock = [aStock('eu-1', 'A', 5), aStock('eu-1', 'B', 5), aStock('eu-2', 'A', 50), aStock('eu-2', 'B', 50)];
    const plan = planOrder({ ...world, stock, lines: [aLine('l1', 'A', 2), aLine('l2', 'B', 5)] });
    expect(shipmentRows(plan)).toEqual(['eu-1/standard: l1 A 2, l2 B 5']);
    expect(plan.explanation).toContain('the primary eu-1 has every SKU: everything ships from it');
  });

  it('seed: one shipment per shipping category', () => {
    const stock = [aStock('eu-1', 'A', 5), aStock('eu-1', 'C', 5)];
    const plan = planOrder({ ...world, stock, lines: [aLine('l1', 'A', 1), aLine('l2', 'C', 1)] });
    expect(shipmentRows(plan)).toEqual(['eu-1/cold: l2 C 1', 'eu-1/standard: l1 A 1']);
  });

  it('splits a line across two locations, 5.5 + 2.5 = 8 exactly', () => {
    const stock = [aStock('eu-1', 'A', 5.5), aStock('eu-2', 'A', 3)];
    const plan = planOrder({ ...world, stock, lines: [aLine('l1', 'A', 8)] });
    expect(deductions(lineOf(plan.selection, 'l1'))).toEqual({ 'eu-1': 5.5, 'eu-2': 2.5 });
    expect(shipmentRows(plan)).toEqual(['eu-1/standard: l1 A 5.5', 'eu-2/standard: l1 A 2.5']);
    expect(sum(plan.shipments.flatMap((s) => s.items.map((i) => i.quantity)))).toBe(qty(8));
  });

  it('leaves out a third location beyond stock_locations_cutoff, and says so', () => {
    const stock = [aStock('eu-1', 'A', 1), aStock('eu-2', 'A', 1), aStock('eu-3', 'A', 100)];
    const plan = planOrder({ ...world, stockLocationsCutoff: 2, stock, lines: [aLine('l1', 'A', 3)] });
    const line = lineOf(plan.selection, 'l1');
    expect(line.sources.map((s) => s.location)).toEqual(['eu-1', 'eu-2']);
    expect(line.shortfall).toBe(qty(1));
    expect(plan.explanation).toContain('eu-3 skipped: beyond stock_locations_cutoff 2');
  });

  it('serves 0.1 × 3 exactly from a location holding 0.3', () => {
    const stock = [aStock('eu-2', 'A', 0.3)];
    const plan = planOrder({ ...world, stock, lines: [aLine('l1', 'A', 0.1), aLine('l2', 'A', 0.1), aLine('l3', 'A', 0.1)] });
    expect(plan.selection.shippable).toBe(true);
    expect(shipmentRows(plan)).toEqual(['eu-2/standard: l1 A 0.1, l2 A 0.1, l3 A 0.1']);
    expect(lineOf(plan.selection, 'l3').sources[0]?.quantityAvailable).toBe(qty(0.1));
  });

  it('with distance ranking, still ships from the primary when it covers everything', () => {
    const locations = [aLocation({ code: 'eu-1', priority: 1, lat: 48.85, lng: 2.35 }), aLocation({ code: 'eu-2', priority: 2, lat: 48.14, lng: 11.58 })];
    const problem = { ...world, algorithm: 'distance', locations, destination: aDestination({ lat: 48.1, lng: 11.6 }) };
    const table = greatCircleTable(problem.destination, locations);
    const covered = planOrder({ ...problem, stock: [aStock('eu-1', 'A', 5), aStock('eu-2', 'A', 5)], lines: [aLine('l1', 'A', 2)] }, table);
    expect(shipmentRows(covered)).toEqual(['eu-1/standard: l1 A 2']);
    const short = planOrder({ ...problem, stock: [aStock('eu-1', 'A', 1), aStock('eu-2', 'A', 5)], lines: [aLine('l1', 'A', 2)] }, table);
    expect(shipmentRows(short)).toEqual(['eu-2/standard: l1 A 2']);
  });

  it('keeps do_not_ship items out of shipments and lets do_not_track ride from the first shipping location', () => {
    const stock = [aStock('eu-1', 'D', 1), aStock('eu-2', 'A', 1), aStock('eu-2', 'C', 1)];
    const plan = planOrder({ ...world, stock, lines: [aLine('l1', 'D', 1), aLine('l2', 'A', 1), aLine('l3', 'T', 4), aLine('l4', 'C', 1)] });
    expect(unshippedRows(plan)).toEqual(['l1 D 1 @eu-1']);
    expect(shipmentRows(plan)).toEqual(['eu-2/cold: l3 T 4, l4 C 1', 'eu-2/standard: l2 A 1']);
  });

  it('puts shipments from an on-hold location on hold', () => {
    const locations = euLocations(2).map((l) => (l.code === 'eu-2' ? { ...l, onHold: true } : l));
    const plan = planOrder({ ...world, locations, stock: [aStock('eu-1', 'A', 1), aStock('eu-2', 'A', 1)], lines: [aLine('l1', 'A', 2)] });
    expect(shipmentRows(plan)).toEqual(['eu-1/standard: l1 A 1', 'eu-2/standard (on hold): l1 A 1']);
  });
});
