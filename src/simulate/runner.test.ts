import { describe, expect, it } from 'vitest';
import { runSimulation } from './runner.js';
import { aLocation, aSku, aSnapshot, aStockRow, anOrder } from './test-support.js';

describe('replaying orders consumes the simulated stock', () => {
  it('refuses a later order once a non-backorderable SKU ran out, and backorders a backorderable one', async () => {
    const snapshot = aSnapshot({
      locations: [aLocation()],
      skus: [aSku('A'), aSku('C', { allowBackorders: true })],
      stock: [aStockRow('paris', 'A', 3), aStockRow('paris', 'C', 1)],
    });
    const orders = [
      anOrder('o1', { A: 2 }), // placed, 1 A left
      anOrder('o2', { A: 2 }), // only 1 A: refused, deducts nothing
      anOrder('o3', { A: 1 }), // the last A
      anOrder('o4', { C: 3 }), // 1 shipped, 2 backordered
      anOrder('o5', { C: 1 }), // nothing left: all backordered, no shipment
    ];
    const [s] = await runSimulation({ snapshot, orders, scenarios: [{ strategy: 'no_split', algorithm: 'priority' }] });
    expect(s!.ordersPlaced).toBe(4);
    expect(s!.ordersRejected).toBe(1);
    expect(s!.units.unfulfilled).toBe(1);
    expect(s!.units.backordered).toBe(3);
    expect(s!.units.shipped).toBe(4);
    expect(s!.shipments.distribution).toEqual({ '0': 1, '1': 3 });
  });

  it('deducts transferred stock at the origin', async () => {
    const snapshot = aSnapshot({ skus: [aSku('A')], stock: [aStockRow('paris', 'A', 1), aStockRow('berlin', 'A', 5)] });
    const orders = [anOrder('o1', { A: 3 }), anOrder('o2', { A: 3 }), anOrder('o3', { A: 1 })];
    const [s] = await runSimulation({ snapshot, orders, scenarios: [{ strategy: 'ship_from_primary', algorithm: 'priority' }] });
    // o1: 1 from Paris + 2 by transfer; o2: 3 by transfer; Berlin is then empty, o3 refused.
    expect(s!.transfers).toEqual({ count: 2, units: 5 });
    expect(s!.ordersPlaced).toBe(2);
    expect(s!.ordersRejected).toBe(1);
  });

  it('starts every scenario from the same snapshot', async () => {
    const snapshot = aSnapshot({ skus: [aSku('A')], stock: [aStockRow('paris', 'A', 2)] });
    const orders = [anOrder('o1', { A: 2 }), anOrder('o2', { A: 1 })];
    const scenario = { strategy: 'split_shipments', algorithm: 'priority' };
    const [first, second] = await runSimulation({ snapshot, orders, scenarios: [scenario, scenario] });
    expect(first!.ordersPlaced).toBe(1);
    expect(second!.ordersPlaced).toBe(1);
    expect(snapshot.stock[0]!.quantity).toBe(20_000); // the snapshot itself is never changed
  });

  it('ranks by distance when asked: the order ships from the nearer location', async () => {
    const snapshot = aSnapshot({ skus: [aSku('A')], stock: [aStockRow('paris', 'A', 5), aStockRow('berlin', 'A', 5)] });
    // Neither location has all 6, so split_shipments fills over the ranked candidates.
    const near = anOrder('o1', { A: 6 }, { lat: 52.5, lng: 13.4 });
    const [byPriority, byDistance] = await runSimulation({
      snapshot,
      orders: [near],
      scenarios: [{ strategy: 'split_shipments', algorithm: 'priority' }, { strategy: 'split_shipments', algorithm: 'distance' }],
    });
    // 6 units, 5 at each: priority takes 5 from Paris (far), distance takes 5 from Berlin (near).
    expect(byDistance!.distanceKmPerUnit.mean!).toBeLessThan(byPriority!.distanceKmPerUnit.mean!);
    expect(byDistance!.distanceKmPerUnit.mean!).toBeLessThan(200);
  });

  it('reports progress over all scenarios', async () => {
    const snapshot = aSnapshot({ stock: [aStockRow('paris', 'A', 100)] });
    const orders = Array.from({ length: 10 }, (_, i) => anOrder(`o${i}`, { A: 1 }));
    const seen: number[] = [];
    await runSimulation({
      snapshot,
      orders,
      scenarios: [{ strategy: 'no_split', algorithm: 'priority' }, { strategy: 'split_shipments', algorithm: 'priority' }],
      progressEvery: 5,
      onProgress: (n) => seen.push(n),
    });
    expect(seen).toEqual([5, 10, 15, 20, 20]);
  });
});

describe('ranking fallbacks', () => {
  it('counts the orders whose distance ranking fell back to priority (no coordinates)', async () => {
    const snapshot = aSnapshot({ skus: [aSku('A')], stock: [aStockRow('paris', 'A', 5), aStockRow('berlin', 'A', 5)] });
    const orders = [anOrder('o1', { A: 1 }, null), anOrder('o2', { A: 1 })];
    const [priority, distance] = await runSimulation({
      snapshot,
      orders,
      scenarios: [{ strategy: 'split_shipments', algorithm: 'priority' }, { strategy: 'split_shipments', algorithm: 'distance' }],
    });
    expect(priority!.fallbacks).toBe(0);
    expect(distance!.fallbacks).toBe(1);
    expect(distance!.units.withoutDistance).toBe(1);
  });
});

describe('fewest_shipments proven share', () => {
  it('reports the share of orders proven optimal for fewest_shipments, and none for priority', async () => {
    const snapshot = aSnapshot({ skus: [aSku('A')], stock: [aStockRow('paris', 'A', 5), aStockRow('berlin', 'A', 5)] });
    const orders = [anOrder('o1', { A: 6 }), anOrder('o2', { A: 1 })];
    const [priority, fewest] = await runSimulation({
      snapshot,
      orders,
      scenarios: [{ strategy: 'split_shipments', algorithm: 'priority' }, { strategy: 'split_shipments', algorithm: 'fewest_shipments' }],
    });
    expect(priority!.provenShare).toBeNull();
    expect(fewest!.provenShare).toBe(1);
  });
});
