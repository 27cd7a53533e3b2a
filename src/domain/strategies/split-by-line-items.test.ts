import { describe, expect, it } from 'vitest';
import { contractSuite } from '../selection/contract.case.js';
import { aLine, aProblem, aSku, aStock, euLocations } from '../test-support/builders.js';
import { shipmentRows } from '../test-support/outcome.js';
import { planOrder } from './index.js';

contractSuite({ strategy: 'split_by_line_items', algorithm: 'priority' });
contractSuite({ strategy: 'split_by_line_items', algorithm: 'distance' });

const world = aProblem({
  strategy: 'split_by_line_items',
  locations: euLocations(2),
  skus: [aSku({ code: 'A', shippingCategory: 'standard' }), aSku({ code: 'B', shippingCategory: 'standard' }), aSku({ code: 'T', doNotTrack: true })],
});

describe('strategy split_by_line_items', () => {
  it('gives every line item its own shipment, even from one location and category', () => {
    const plan = planOrder({ ...world, stock: [aStock('eu-1', 'A', 5), aStock('eu-1', 'B', 5)], lines: [aLine('l1', 'A', 1), aLine('l2', 'B', 2)] });
    expect(shipmentRows(plan)).toEqual(['eu-1/standard: l1 A 1', 'eu-1/standard: l2 B 2']);
    const splitShipments = planOrder({ ...world, strategy: 'split_shipments', stock: [aStock('eu-1', 'A', 5), aStock('eu-1', 'B', 5)], lines: [aLine('l1', 'A', 1), aLine('l2', 'B', 2)] });
    expect(shipmentRows(splitShipments)).toEqual(['eu-1/standard: l1 A 1, l2 B 2']);
  });

  it('gives a line split across locations one shipment per location, and a do_not_track line its own', () => {
    const plan = planOrder({ ...world, stock: [aStock('eu-1', 'A', 1), aStock('eu-2', 'A', 5)], lines: [aLine('l1', 'A', 3), aLine('l2', 'T', 1)] });
    expect(shipmentRows(plan)).toEqual(['eu-1/standard: l1 A 1', 'eu-1/-: l2 T 1', 'eu-2/standard: l1 A 2']);
  });
});
