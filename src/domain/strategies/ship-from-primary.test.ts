import { describe, expect, it } from 'vitest';
import { greatCircleTable } from '../distance/great-circle.js';
import { contractSuite } from '../selection/contract.case.js';
import { aDestination, aLine, aLocation, aProblem, aSku, aStock } from '../test-support/builders.js';
import { deductions, lineOf, shipmentRows, transferRows, unshippedRows } from '../test-support/outcome.js';
import { planOrder } from './index.js';

contractSuite({ strategy: 'ship_from_primary', algorithm: 'priority' });
contractSuite({ strategy: 'ship_from_primary', algorithm: 'distance' });

// eu-3 is closest to the destination, but transfers come by priority.
const world = aProblem({
  strategy: 'ship_from_primary',
  locations: [
    aLocation({ code: 'eu-1', priority: 1, lat: 48.85, lng: 2.35 }),
    aLocation({ code: 'eu-2', priority: 2, lat: 52.52, lng: 13.4 }),
    aLocation({ code: 'eu-3', priority: 3, lat: 48.14, lng: 11.58 }),
  ],
  skus: [
    aSku({ code: 'A', shippingCategory: 'standard' }),
    aSku({ code: 'B', shippingCategory: 'standard' }),
    aSku({ code: 'C', shippingCategory: 'cold', allowBackorders: true }),
    aSku({ code: 'D', doNotShip: true }),
  ],
  stock: [aStock('eu-1', 'A', 5), aStock('eu-1', 'B', 1), aStock('eu-2', 'B', 2), aStock('eu-3', 'B', 10), aStock('eu-3', 'C', 1), aStock('eu-2', 'D', 1)],
  destination: aDestination({ lat: 48.1, lng: 11.6 }),
});

describe('strategy ship_from_primary', () => {
  it('ships only from the primary; what it lacks comes by transfer from the others by priority', () => {
    const plan = planOrder({ ...world, lines: [aLine('l1', 'A', 2), aLine('l2', 'B', 4)] });
    expect(deductions(lineOf(plan.selection, 'l2'))).toEqual({ 'eu-1': 1, 'eu-2': 2, 'eu-3': 1 });
    expect(transferRows(plan)).toEqual(['l2 B 2 eu-2→eu-1', 'l2 B 1 eu-3→eu-1']);
    expect(shipmentRows(plan)).toEqual(['eu-1/standard: l1 A 2, l2 B 4']);
  });

  it('takes transfers by priority even when the ranking is distance', () => {
    const distance = { ...world, algorithm: 'distance', lines: [aLine('l1', 'B', 3)] };
    const plan = planOrder(distance, greatCircleTable(distance.destination, distance.locations));
    expect(plan.selection.algorithmUsed).toBe('distance');
    expect(transferRows(plan)).toEqual(['l1 B 2 eu-2→eu-1']);
  });

  it('makes one primary shipment per shipping category, backorders what nobody has, and leaves do_not_ship at its origin', () => {
    const plan = planOrder({ ...world, lines: [aLine('l1', 'A', 1), aLine('l2', 'C', 3), aLine('l3', 'D', 1)] });
    expect(shipmentRows(plan)).toEqual(['eu-1/cold: l2 C 1', 'eu-1/standard: l1 A 1']);
    expect(transferRows(plan)).toEqual(['l2 C 1 eu-3→eu-1']);
    expect(lineOf(plan.selection, 'l2').backordered).toBe(2 * 10_000);
    expect(unshippedRows(plan)).toEqual(['l3 D 1 @eu-2']);
  });
});
