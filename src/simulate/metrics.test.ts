import { describe, expect, it } from 'vitest';
import { haversineMetres } from '../domain/distance/great-circle.js';
import { nearestRank, weightedMeanAndP95 } from './metrics.js';
import { runSimulation } from './runner.js';
import { aSnapshot, aStockRow, anOrder, BERLIN, PARIS } from './test-support.js';

describe('simulation metrics on a hand-made case', () => {
  // Paris is the primary with A only; Berlin holds B (and some A).
  const snapshot = aSnapshot({ stock: [aStockRow('paris', 'A', 10), aStockRow('berlin', 'A', 5), aStockRow('berlin', 'B', 10)] });
  const orders = [
    anOrder('o1', { A: 2 }, PARIS), // the primary has everything: 1 shipment, 0 km
    anOrder('o2', { A: 1, B: 1 }, BERLIN), // A from Paris, B from Berlin: split, 1 unit × d + 1 unit × 0
    anOrder('o3', { B: 3 }, PARIS), // B from Berlin to Paris: 3 units × d
  ];
  const d = haversineMetres(PARIS, BERLIN) / 1000;

  it('counts shipments per order, split share and the distribution', async () => {
    const [s] = await runSimulation({ snapshot, orders, scenarios: [{ strategy: 'split_shipments', algorithm: 'priority' }] });
    expect(s!.orders).toBe(3);
    expect(s!.ordersPlaced).toBe(3);
    expect(s!.shipments.total).toBe(4);
    expect(s!.shipments.perOrderMean).toBeCloseTo(4 / 3, 12);
    expect(s!.shipments.distribution).toEqual({ '1': 2, '2': 1 });
    expect(s!.splitShare).toBeCloseTo(1 / 3, 12);
    expect(s!.units).toEqual({ ordered: 7, shipped: 7, backordered: 0, unfulfilled: 0, notShipped: 0, withoutDistance: 0 });
    expect(s!.transfers).toEqual({ count: 0, units: 0 });
  });

  it('gives great-circle km per unit shipped: unit-weighted mean and p95', async () => {
    const [s] = await runSimulation({ snapshot, orders, scenarios: [{ strategy: 'split_shipments', algorithm: 'priority' }] });
    expect(d).toBeGreaterThan(870);
    expect(d).toBeLessThan(885);
    expect(s!.distanceKmPerUnit.mean).toBeCloseTo((4 * d) / 7, 9);
    expect(s!.distanceKmPerUnit.p95).toBeCloseTo(d, 9);
  });

  it('ship_from_primary moves B to Paris by transfer and ships everything from Paris', async () => {
    const [s] = await runSimulation({ snapshot, orders, scenarios: [{ strategy: 'ship_from_primary', algorithm: 'priority' }] });
    expect(s!.shipments.total).toBe(3);
    expect(s!.splitShare).toBe(0);
    expect(s!.transfers).toEqual({ count: 2, units: 4 });
    // Paris → Berlin for o2's 2 units; Paris → Paris for the other 5.
    expect(s!.distanceKmPerUnit.mean).toBeCloseTo((2 * d) / 7, 9);
  });

  it('times every order', async () => {
    const [s] = await runSimulation({ snapshot, orders, scenarios: [{ strategy: 'no_split', algorithm: 'priority' }] });
    expect(s!.routingMs.total).toBeGreaterThan(0);
    expect(s!.routingMs.p50).not.toBeNull();
    expect(s!.routingMs.p99!).toBeGreaterThanOrEqual(s!.routingMs.p50!);
  });
});

describe('percentiles', () => {
  it('nearest rank', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(nearestRank(sorted, 0.5)).toBe(5);
    expect(nearestRank(sorted, 0.99)).toBe(10);
    expect(nearestRank([], 0.5)).toBeNull();
  });

  it('weights the p95 by units', () => {
    // 94 units at 10 km and 6 units at 500 km: the 95th percentile unit is at 500 km.
    expect(weightedMeanAndP95([10, 500], [94, 6])).toEqual({ mean: (940 + 3000) / 100, p95: 500 });
    expect(weightedMeanAndP95([10, 500], [95, 5]).p95).toBe(10);
    expect(weightedMeanAndP95([], [])).toEqual({ mean: null, p95: null });
  });
});
