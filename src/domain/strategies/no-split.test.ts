import { describe, expect, it } from 'vitest';
import { contractSuite } from '../selection/contract.case.js';
import { aLine, aProblem, aSku, aStock, euLocations } from '../test-support/builders.js';
import { deductions, lineOf, shipmentRows } from '../test-support/outcome.js';
import { planOrder } from './index.js';

contractSuite({ strategy: 'no_split', algorithm: 'priority' });
contractSuite({ strategy: 'no_split', algorithm: 'distance' });

const world = aProblem({
  strategy: 'no_split',
  locations: euLocations(2),
  skus: [aSku({ code: 'A', shippingCategory: 'standard' }), aSku({ code: 'B', shippingCategory: 'cold', allowBackorders: true })],
  stock: [aStock('eu-1', 'A', 10), aStock('eu-1', 'B', 1), aStock('eu-2', 'A', 10), aStock('eu-2', 'B', 10)],
});

describe('strategy no_split', () => {
  it('ships everything from the primary in one shipment with no shipping category', () => {
    const plan = planOrder({ ...world, lines: [aLine('l1', 'A', 2), aLine('l2', 'B', 1)] });
    expect(shipmentRows(plan)).toEqual(['eu-1/-: l1 A 2, l2 B 1']);
    expect(plan.selection.shippable).toBe(true);
    expect(plan.explanation).toContain('no_split: only the primary eu-1 serves the order');
  });

  it('does not take what the primary lacks from elsewhere: it is shortfall', () => {
    const plan = planOrder({ ...world, lines: [aLine('l1', 'A', 12)] });
    const line = lineOf(plan.selection, 'l1');
    expect(deductions(line)).toEqual({ 'eu-1': 10 });
    expect(line.shortfall).toBe(2 * 10_000);
    expect(line.backordered).toBe(0);
    expect(plan.selection.shippable).toBe(false);
    expect(shipmentRows(plan)).toEqual(['eu-1/-: l1 A 10']);
    expect(plan.explanation).toContain('line l1: 2 of 12 A short, not available (A does not allow backorders)');
  });

  it('backorders the shortfall of a SKU that allows it, and ships only what is there', () => {
    const plan = planOrder({ ...world, lines: [aLine('l1', 'B', 3)] });
    expect(lineOf(plan.selection, 'l1').backordered).toBe(2 * 10_000);
    expect(plan.selection.shippable).toBe(false);
    expect(shipmentRows(plan)).toEqual(['eu-1/-: l1 B 1']);
  });

  it('puts the shipment on hold when the primary is on hold', () => {
    const locations = euLocations(2).map((l) => (l.code === 'eu-1' ? { ...l, onHold: true } : l));
    const plan = planOrder({ ...world, locations, lines: [aLine('l1', 'A', 1)] });
    expect(shipmentRows(plan)).toEqual(['eu-1/- (on hold): l1 A 1']);
  });

  it('plans nothing to ship when no location is a candidate', () => {
    const plan = planOrder({ ...world, stockLocationsCutoff: 0, lines: [aLine('l1', 'A', 1)] });
    expect(plan.shipments).toEqual([]);
    expect(lineOf(plan.selection, 'l1').shortfall).toBe(10_000);
    expect(plan.explanation).toContain('no_split: there is no candidate location');
  });
});
