import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DistanceProvider } from '../../domain/distance/provider.js';
import type { DistanceTable } from '../../domain/routing.js';
import { enginesUnderTest, openTestDb, type TestDb } from '../../store/test-support/engines.js';
import { aWorld, shipmentsOf } from '../test-support/order-world.js';
import { placeOrder } from './place.js';

// The inventory model's routing_algorithm decides how _place routes: eu-1 (the primary) has
// TEE, eu-2 has MUG, eu-3 has both. Priority ships twice; fewest_shipments once, from eu-3.
describe.each(enginesUnderTest())('placing orders with the model routing_algorithm on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => { db = await openTestDb(engine); });
  afterAll(async () => { await db.close(); });

  const spec = { locations: { 'eu-1': {}, 'eu-2': {}, 'eu-3': {} }, stock: { TEE: { 'eu-1': 5, 'eu-3': 5 }, MUG: { 'eu-2': 5, 'eu-3': 5 } } };

  it('priority (the default) fills from the primary first: two shipments', async () => {
    const w = await aWorld(db, { ...spec, model: { strategy: 'split_shipments', stock_locations_cutoff: 3 } });
    expect(w.model.routing_algorithm).toBe('priority');
    const order = await w.order({ TEE: 2, MUG: 1 });
    await placeOrder(w.ctx, order.id);
    expect((await shipmentsOf(db.kysely, order.id)).map((s) => s.stock_location_id)).toEqual([w.location['eu-1']?.id, w.location['eu-2']?.id]);
  });

  it('fewest_shipments ships the whole order from eu-3 in one shipment', async () => {
    const w = await aWorld(db, { ...spec, model: { strategy: 'split_shipments', stock_locations_cutoff: 3, routing_algorithm: 'fewest_shipments', routing_time_budget_ms: 50 } });
    const order = await w.order({ TEE: 2, MUG: 1 });
    await placeOrder(w.ctx, order.id);
    const shipments = await shipmentsOf(db.kysely, order.id);
    expect(shipments.map((s) => [s.stock_location_id, s.items.map((i) => i.quantity).sort()])).toEqual([[w.location['eu-3']?.id, [1, 2]]]);
  });

  // A configured provider (as an OSRM engine would be) measures before the transaction: its
  // table decides, even where great-circle has nothing to measure (no coordinates here).
  const provider = (table: (codes: string[]) => DistanceTable): DistanceProvider & { calls: number } => {
    const p = { name: 'osrm', calls: 0, measure: async (_d: unknown, locations: readonly { code: string }[]) => { p.calls += 1; return table(locations.map((l) => l.code)); } };
    return p;
  };
  // World codes carry a prefix (w1vcp9-eu-1): the table matches them by their end.
  const measured = (metres: Record<string, number>) => (codes: string[]): DistanceTable => ({
    kind: 'measured', provider: 'osrm', entries: new Map(codes.map((c) => [c, { distanceM: Object.entries(metres).find(([k]) => c.endsWith(k))?.[1] ?? null, durationS: null }])),
  });

  it('distance ranks by what the configured provider measured', async () => {
    const w = await aWorld(db, { ...spec, model: { strategy: 'split_shipments', stock_locations_cutoff: 3, routing_algorithm: 'distance' } });
    const osrm = provider(measured({ 'eu-1': 900_000, 'eu-2': 500_000, 'eu-3': 10_000 }));
    const order = await w.order({ TEE: 2, MUG: 1 });
    const placed = await placeOrder({ ...w.ctx, distance: osrm }, order.id);
    expect(placed.plan.selection.explanation[0]).toMatch(/^ranked by distance \(driving, osrm\)/);
    expect(osrm.calls).toBe(1);
    expect((await shipmentsOf(db.kysely, order.id)).map((s) => s.stock_location_id)).toEqual([w.location['eu-3']?.id]);
  });

  it('falls back to priority when the provider fails, and asks no provider under priority', async () => {
    const w = await aWorld(db, { ...spec, model: { strategy: 'split_shipments', stock_locations_cutoff: 3, routing_algorithm: 'distance' } });
    const broken = provider(() => { throw new Error('connection refused'); });
    const order = await w.order({ TEE: 2, MUG: 1 });
    const placed = await placeOrder({ ...w.ctx, distance: broken }, order.id);
    expect(placed.plan.selection.explanation[0]).toMatch(/^distance falls back to priority: .*osrm failed: connection refused/);
    expect((await shipmentsOf(db.kysely, order.id)).map((s) => s.stock_location_id)).toEqual([w.location['eu-1']?.id, w.location['eu-2']?.id]);
    const byPriority = await aWorld(db, { ...spec, model: { strategy: 'split_shipments', stock_locations_cutoff: 3 } });
    const unused = provider(measured({}));
    await placeOrder({ ...byPriority.ctx, distance: unused }, (await byPriority.order({ TEE: 1 })).id);
    expect(unused.calls).toBe(0);
  });
});
