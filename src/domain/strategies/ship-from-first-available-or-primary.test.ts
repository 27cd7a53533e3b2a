import { describe, expect, it } from 'vitest';
import { contractSuite } from '../selection/contract.case.js';
import { aLine, aProblem, aSku, aStock, euLocations } from '../test-support/builders.js';
import { shipmentRows, transferRows } from '../test-support/outcome.js';
import { planOrder } from './index.js';

contractSuite({ strategy: 'ship_from_first_available_or_primary', algorithm: 'priority' });
contractSuite({ strategy: 'ship_from_first_available_or_primary', algorithm: 'distance' });

const world = aProblem({
  strategy: 'ship_from_first_available_or_primary',
  locations: euLocations(3),
  skus: [aSku({ code: 'A', shippingCategory: 'standard' }), aSku({ code: 'C', shippingCategory: 'cold' }), aSku({ code: 'T', doNotTrack: true })],
});

describe('strategy ship_from_first_available_or_primary', () => {
  it('lets the first location by priority that has every SKU serve the whole order', () => {
    const stock = [aStock('eu-1', 'A', 5), aStock('eu-2', 'A', 5), aStock('eu-2', 'C', 5), aStock('eu-3', 'A', 5), aStock('eu-3', 'C', 5)];
    const plan = planOrder({ ...world, stock, lines: [aLine('l1', 'A', 2), aLine('l2', 'C', 1), aLine('l3', 'T', 1)] });
    expect(shipmentRows(plan)).toEqual(['eu-2/-: l3 T 1', 'eu-2/cold: l2 C 1', 'eu-2/standard: l1 A 2']);
    expect(plan.transfers).toEqual([]);
    expect(plan.explanation).toContain('eu-2 (priority 2) is the first candidate with every SKU: it serves the whole order');
  });

  it('counts every line of a SKU: two lines of 3 need 6 at one location', () => {
    const stock = [aStock('eu-1', 'A', 5), aStock('eu-2', 'A', 6)];
    const plan = planOrder({ ...world, stock, lines: [aLine('l1', 'A', 3), aLine('l2', 'A', 3)] });
    expect(shipmentRows(plan)).toEqual(['eu-2/standard: l1 A 3, l2 A 3']);
  });

  it('behaves as ship_from_primary when no single location has everything', () => {
    const stock = [aStock('eu-1', 'A', 1), aStock('eu-2', 'A', 5), aStock('eu-3', 'C', 5)];
    const plan = planOrder({ ...world, stock, lines: [aLine('l1', 'A', 2), aLine('l2', 'C', 1)] });
    expect(shipmentRows(plan)).toEqual(['eu-1/cold: l2 C 1', 'eu-1/standard: l1 A 2']);
    expect(transferRows(plan)).toEqual(['l1 A 1 eu-2→eu-1', 'l2 C 1 eu-3→eu-1']);
    expect(plan.explanation).toContain('no single candidate has every SKU: shipping from the primary');
  });
});
