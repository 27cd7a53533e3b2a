// Batch re-optimisation as a flow, on every engine: an early order took the unit a later
// order needed to ship in one parcel; the run gives it back, keeps every invariant, stores
// the run, and leaves alone what it must (dry runs, reoptimize: false, started orders).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest, openTestDb, type TestDb } from '../store/test-support/engines.js';
import { checkInvariants } from './check.js';
import { approveOrder } from './orders/lifecycle.js';
import { placeOrder } from './orders/place.js';
import { reoptimiseModel } from './reoptimise.js';
import { runDueReoptimisations } from './reoptimise-schedule.js';
import { triggerShipment } from './shipments.js';
import { aWorld, level, shipmentsOf, type World } from './test-support/order-world.js';

describe.each(enginesUnderTest())('re-optimising a batch on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => { db = await openTestDb(engine); });
  afterAll(async () => { await db.close(); });

  /** north (priority 1) and south; one mug at each, one tee in the south. */
  const contested = () => aWorld(db, {
    model: { strategy: 'split_shipments', routing_algorithm: 'fewest_shipments', manual_stock_decrement: true },
    locations: { north: { lat: 55, lng: 10 }, south: { lat: 45, lng: 10 } },
    stock: { MUG: { north: 1, south: 1 }, TEE: { south: 1 } },
  });
  /** The southern customer's mug comes from the south; the second order then needs two parcels. */
  async function placeBoth(w: World) {
    const first = await w.order({ MUG: 1 }, { shippingAddress: { lat: 44, lng: 10 } });
    await placeOrder(w.ctx, first.id);
    const second = await w.order({ MUG: 1, TEE: 1 }, { shippingAddress: { lat: 46, lng: 10 } });
    await placeOrder(w.ctx, second.id);
    expect((await shipmentsOf(db.kysely, second.id)).length).toBe(2);
    return { first, second };
  }

  it('re-plans the batch: 3 shipments become 2, reservations follow, the run is stored', async () => {
    const w = await contested();
    await db.kysely.insertInto('webhooks').values({ id: `wh_${w.model.id}`, topic: 'orders.reoptimize', callback_url: 'https://example.test/hook', shared_secret: 'whsec_MDEyMzQ1Njc4OWFiY2RlZg==', metadata: '{}' }).execute();
    const { first, second } = await placeBoth(w);
    const before = await shipmentsOf(db.kysely, second.id);
    const run = await reoptimiseModel(w.ctx, { modelId: w.model.id, trigger: 'cli' });
    expect(run).toMatchObject({ status: 'completed', orders_considered: 2, orders_changed: 2, shipments_before: 3, shipments_baseline: 3, shipments_after: 2 });
    const one = await shipmentsOf(db.kysely, first.id);
    const two = await shipmentsOf(db.kysely, second.id);
    expect(one.map((s) => s.stock_location_id)).toEqual([w.location.north?.id]);
    expect(two.map((s) => [s.stock_location_id, s.items.length])).toEqual([[w.location.south?.id, 2]]);
    // The shipment kept at the same location and category keeps its id and number.
    expect(before.map((s) => s.id)).toContain(two[0]?.id);
    expect(await level(db.kysely, w.sku.MUG!, w.location.north!)).toEqual({ onHand: 1, reserved: 1 });
    expect(await level(db.kysely, w.sku.TEE!, w.location.south!)).toEqual({ onHand: 1, reserved: 1 });
    expect(await checkInvariants(db)).toEqual([]);
    const events = await db.kysely.selectFrom('webhook_events').select('payload').where('topic', '=', 'orders.reoptimize').execute();
    expect(events.map((e) => (e.payload as { id: string }).id).sort()).toEqual([first.id, second.id].sort());
    const stored = await db.kysely.selectFrom('reoptimization_runs').selectAll().where('id', '=', run.id).executeTakeFirstOrThrow();
    expect(stored.changed_orders).toHaveLength(2);
    // A second run finds nothing more to gain.
    expect(await reoptimiseModel(w.ctx, { modelId: w.model.id, trigger: 'api' })).toMatchObject({ orders_changed: 0, shipments_before: 2, shipments_after: 2 });
  });

  it('a dry run records what it would change and changes nothing', async () => {
    const w = await contested();
    const { second } = await placeBoth(w);
    const before = await shipmentsOf(db.kysely, second.id);
    const run = await reoptimiseModel(w.ctx, { modelId: w.model.id, trigger: 'cli', dryRun: true });
    expect(run).toMatchObject({ status: 'dry_run', orders_changed: 2, shipments_before: 3, shipments_after: 2 });
    expect(await shipmentsOf(db.kysely, second.id)).toEqual(before);
  });

  it('leaves out orders opted out, and orders a picking has started', async () => {
    const w = await contested();
    const { first, second } = await placeBoth(w);
    await db.kysely.updateTable('orders').set({ reoptimize: false }).where('id', '=', first.id).execute();
    expect(await reoptimiseModel(w.ctx, { modelId: w.model.id, trigger: 'cli' })).toMatchObject({ orders_considered: 1, orders_changed: 0 });
    await db.kysely.updateTable('orders').set({ reoptimize: true }).where('id', '=', first.id).execute();
    await approveOrder(w.ctx, first.id);
    const [shipment] = await shipmentsOf(db.kysely, first.id);
    await triggerShipment(w.ctx, shipment!.id, '_picking');
    expect(await reoptimiseModel(w.ctx, { modelId: w.model.id, trigger: 'cli' })).toMatchObject({ orders_considered: 1, orders_changed: 0, shipments_after: 2 });
    expect((await shipmentsOf(db.kysely, second.id)).length).toBe(2);
    expect(await checkInvariants(db)).toEqual([]);
  });

  it('the schedule runs a model whose reoptimize_every_s has passed since its last run', async () => {
    let clock = new Date('2030-01-01T00:00:00Z');
    const w = await aWorld(db, { model: { strategy: 'split_shipments', reoptimize_every_s: 60 }, stock: { MUG: { 'eu-1': 1 } } }, () => clock);
    const mine = (runs: { inventory_model_id: string }[]) => runs.filter((r) => r.inventory_model_id === w.model.id);
    expect(mine(await runDueReoptimisations(w.ctx))).toMatchObject([{ trigger: 'schedule', status: 'completed' }]);
    expect(mine(await runDueReoptimisations(w.ctx))).toEqual([]);
    clock = new Date(clock.getTime() + 61_000);
    expect(mine(await runDueReoptimisations(w.ctx))).toHaveLength(1);
  });

  it('records a model whose strategy plans transfers as unsupported', async () => {
    const w = await aWorld(db, { model: { strategy: 'ship_from_primary' }, stock: { MUG: { 'eu-1': 1 } } });
    expect(await reoptimiseModel(w.ctx, { modelId: w.model.id, trigger: 'api' })).toMatchObject({ status: 'unsupported', orders_changed: 0 });
  });
});
