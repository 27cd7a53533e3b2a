// The real race, on PostgreSQL (truly parallel connections): re-optimisation runs while
// orders are placed, approved and picked. Nothing is lost (every placed line keeps all it
// was promised), nothing is oversold (reserved ≤ on hand), every invariant holds, and every
// run either commits or is retried into a clean CONFLICT — never a half-written batch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainFailure } from '../domain/errors.js';
import { openTestDb, type TestDb } from '../store/test-support/engines.js';
import { checkInvariants } from './check.js';
import { approveOrder } from './orders/lifecycle.js';
import { placeOrder } from './orders/place.js';
import { reoptimiseModel } from './reoptimise.js';
import { triggerShipment } from './shipments.js';
import { aWorld } from './test-support/order-world.js';

describe('re-optimisation racing placements, approvals and picking on postgres', () => {
  let db: TestDb;
  beforeAll(async () => { db = await openTestDb('postgres', { poolSize: 12 }); });
  afterAll(async () => { await db.close(); });

  it('loses nothing and oversells nothing', { timeout: 60_000 }, async () => {
    const codes = ['A', 'B', 'C', 'D'];
    const locations = { l1: { lat: 50, lng: 0 }, l2: { lat: 52, lng: 4 }, l3: { lat: 48, lng: 8 }, l4: { lat: 46, lng: 2 } };
    const w = await aWorld(db, {
      model: { strategy: 'split_shipments', routing_algorithm: 'fewest_shipments', stock_locations_cutoff: 4 }, locations,
      stock: Object.fromEntries(codes.map((c, i) => [c, { l1: 6 + i, l2: 5, l3: 4 + i, l4: 3 }])),
    });
    const linesOf = (i: number) => Object.fromEntries([...new Set([codes[i % 4]!, codes[(i * 3 + 1) % 4]!])].map((c) => [c, 1 + (i % 2)]));
    const address = (i: number) => ({ shippingAddress: { lat: 46 + (i % 7), lng: (i * 5) % 9 } });
    const early = [];
    for (let i = 0; i < 24; i++) early.push(await w.order(linesOf(i), address(i)));
    for (const o of early) await placeOrder(w.ctx, o.id);
    const late = [];
    for (let i = 24; i < 44; i++) late.push(await w.order(linesOf(i), address(i)));

    const run = () => reoptimiseModel(w.ctx, { modelId: w.model.id, trigger: 'api', budgetMs: 300 });
    const pick = async (orderId: string) => {
      const s = await db.kysely.selectFrom('shipments').select('id').where('order_id', '=', orderId).orderBy('id').executeTakeFirst();
      if (s) await triggerShipment(w.ctx, s.id, '_picking');
    };
    const results = await Promise.allSettled([
      run(), ...late.map((o) => placeOrder(w.ctx, o.id)), run(),
      ...early.slice(0, 6).map((o) => approveOrder(w.ctx, o.id)),
      ...early.slice(6, 12).map((o) => approveOrder(w.ctx, o.id).then(() => pick(o.id))),
      run(),
    ]);
    const unexpected = results.filter((r) => r.status === 'rejected'
      && !(r.reason instanceof DomainFailure && ['INSUFFICIENT_STOCK', 'CONFLICT'].includes(r.reason.error.code)));
    expect(unexpected.map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    expect((await run()).status).toBe('completed');

    // Every placed or approved order still has each line fully served (nothing lost).
    const orders = await db.kysely.selectFrom('orders').select(['id', 'status']).where('market_id', '=', w.market.id).where('status', 'in', ['placed', 'approved']).execute();
    expect(orders.length).toBeGreaterThanOrEqual(24);
    for (const o of orders) {
      const lines = await db.kysely.selectFrom('line_items').select(['id', 'quantity', 'backordered_quantity']).where('order_id', '=', o.id).execute();
      const served = await db.kysely.selectFrom('stock_line_items').select(['line_item_id', 'quantity']).where('order_id', '=', o.id).execute();
      for (const l of lines) expect(served.filter((s) => s.line_item_id === l.id).reduce((t, s) => t + s.quantity, 0) + l.backordered_quantity).toBe(l.quantity);
    }
    const items = await db.kysely.selectFrom('stock_items').select(['quantity', 'reserved_quantity']).where('sku_code', 'in', codes.map((c) => w.sku[c]!.code)).execute();
    expect(items.every((i) => i.reserved_quantity <= i.quantity && i.quantity >= 0)).toBe(true);
    expect(await checkInvariants(db)).toEqual([]);
    const runs = await db.kysely.selectFrom('reoptimization_runs').select(['orders_considered', 'orders_changed', 'orders_skipped']).where('inventory_model_id', '=', w.model.id).execute();
    expect(runs.reduce((t, r) => t + r.orders_considered, 0)).toBeGreaterThan(0);
  });
});
