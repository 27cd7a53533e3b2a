import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
