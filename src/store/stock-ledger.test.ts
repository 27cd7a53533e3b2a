import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainFailure } from '../domain/errors.js';
import { qty } from '../domain/quantity.js';
import { aLocation, aMarket, aModel, aModelLocation, aShippingCategory, aSku, aStockItem } from './test-support/inventory-fixtures.js';
import { enginesUnderTest, openTestDb, type TestDb } from './test-support/engines.js';
import {
  applyMovement, convertReservationToDecrement, createReservation, loadRoutingStock, lockStockItems, releaseReservation,
} from './stock-ledger.js';
import { newId } from './ids.js';
import { inTransaction } from './transaction.js';

const domainError = async (p: Promise<unknown>) => {
  try { await p; } catch (e) { if (e instanceof DomainFailure) return e.error; throw e; }
  throw new Error('expected a DomainFailure');
};

describe.each(enginesUnderTest())('stock ledger on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => { db = await openTestDb(engine); });
  afterAll(async () => { await db.close(); });

  const item = async (id: string) => db.kysely.selectFrom('stock_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const movements = async (id: string) => db.kysely.selectFrom('stock_movements').selectAll().where('stock_item_id', '=', id).orderBy('seq').execute();
  const fresh = async (quantity: number) => aStockItem(db, await aSku(db.kysely), await aLocation(db.kysely), quantity);

  it('applies a movement and appends it with the quantity after', async () => {
    const si = await fresh(10);
    const result = await inTransaction(db, (trx) => applyMovement(trx, { stockItemId: si.id, delta: qty(-2.5), reason: 'adjustment', reference: 'count' }));
    expect(result.quantityAfter).toBe(qty(7.5));
    expect((await item(si.id)).quantity).toBe(7.5);
    const ledger = await movements(si.id);
    expect(ledger.map((m) => [m.reason, m.delta, m.quantity_after])).toEqual([['initial', 10, 10], ['adjustment', -2.5, 7.5]]);
    expect(ledger[1]?.reference).toBe('count');
  });

  it('refuses to take on-hand below zero and changes nothing', async () => {
    const si = await fresh(3);
    const error = await domainError(inTransaction(db, (trx) => applyMovement(trx, { stockItemId: si.id, delta: qty(-4), reason: 'adjustment' })));
    expect(error).toMatchObject({ code: 'INSUFFICIENT_STOCK', sku: si.sku_code, requested: qty(4), available: qty(3) });
    expect((await item(si.id)).quantity).toBe(3);
    expect(await movements(si.id)).toHaveLength(1);
  });

  it('names an unknown stock item and refuses a zero delta', async () => {
    expect(await domainError(inTransaction(db, (trx) => applyMovement(trx, { stockItemId: 'si_nope', delta: qty(1), reason: 'adjustment' }))))
      .toMatchObject({ code: 'RECORD_NOT_FOUND', resource: 'stock_item', id: 'si_nope' });
    expect(await domainError(inTransaction(db, (trx) => applyMovement(trx, { stockItemId: 'si_nope', delta: qty(0), reason: 'adjustment' }))))
      .toMatchObject({ code: 'VALIDATION_ERROR', field: 'delta' });
  });

  it('reserves only what is available and says how much was', async () => {
    const si = await fresh(5);
    const first = await inTransaction(db, (trx) => createReservation(trx, { stockItemId: si.id, quantity: qty(3), status: 'pending' }));
    expect(first.quantity).toBe(3);
    const error = await domainError(inTransaction(db, (trx) => createReservation(trx, { stockItemId: si.id, quantity: qty(2.5), status: 'pending' })));
    expect(error).toMatchObject({ code: 'INSUFFICIENT_STOCK', sku: si.sku_code, requested: qty(2.5), available: qty(2) });
    expect((await item(si.id)).reserved_quantity).toBe(3);
    const exceeded = await inTransaction(db, (trx) => createReservation(trx, { stockItemId: si.id, quantity: qty(4), status: 'pending', allowExceed: true }));
    expect(exceeded.quantity).toBe(4);
    expect((await item(si.id)).reserved_quantity).toBe(7);
  });

  it('does not reserve from an out_of_stock item, and needs an expiry for drafts and a positive quantity', async () => {
    const si = await aStockItem(db, await aSku(db.kysely), await aLocation(db.kysely), 5, { status: 'out_of_stock' });
    expect(await domainError(inTransaction(db, (trx) => createReservation(trx, { stockItemId: si.id, quantity: qty(1), status: 'pending' }))))
      .toMatchObject({ code: 'INSUFFICIENT_STOCK', available: 0 });
    expect(await domainError(inTransaction(db, (trx) => createReservation(trx, { stockItemId: si.id, quantity: qty(1), status: 'draft' }))))
      .toMatchObject({ code: 'VALIDATION_ERROR', field: 'expires_at' });
    expect(await domainError(inTransaction(db, (trx) => createReservation(trx, { stockItemId: si.id, quantity: qty(-1), status: 'pending' }))))
      .toMatchObject({ code: 'VALIDATION_ERROR', field: 'quantity' });
  });

  it('releases part of a reservation, then the rest (deleting it)', async () => {
    const si = await fresh(10);
    const r = await inTransaction(db, (trx) => createReservation(trx, { stockItemId: si.id, quantity: qty(6), status: 'pending' }));
    const partial = await inTransaction(db, (trx) => releaseReservation(trx, r.id, qty(2)));
    expect(partial.remaining?.quantity).toBe(4);
    expect((await item(si.id)).reserved_quantity).toBe(4);
    expect(await domainError(inTransaction(db, (trx) => releaseReservation(trx, r.id, qty(5))))).toMatchObject({ code: 'VALIDATION_ERROR', field: 'quantity' });
    const rest = await inTransaction(db, (trx) => releaseReservation(trx, r.id));
    expect(rest).toMatchObject({ released: qty(4), remaining: null });
    expect((await item(si.id)).reserved_quantity).toBe(0);
    expect(await db.kysely.selectFrom('stock_reservations').select('id').where('id', '=', r.id).execute()).toEqual([]);
    expect(await domainError(inTransaction(db, (trx) => releaseReservation(trx, r.id)))).toMatchObject({ code: 'RECORD_NOT_FOUND' });
  });

  it('turns a reservation into a deduction: reserved and on-hand both drop, available unchanged', async () => {
    const si = await fresh(10);
    const r = await inTransaction(db, (trx) => createReservation(trx, { stockItemId: si.id, quantity: qty(4), status: 'pending' }));
    const out = await inTransaction(db, (trx) => convertReservationToDecrement(trx, r.id, { reason: 'order_approved', quantity: qty(3) }));
    expect(out).toMatchObject({ released: qty(3), quantityAfter: qty(7) });
    expect(await item(si.id)).toMatchObject({ quantity: 7, reserved_quantity: 1 });
    expect((await movements(si.id)).at(-1)).toMatchObject({ reason: 'order_approved', delta: -3, quantity_after: 7 });
  });

  it('rolls the whole transaction back when a later step fails', async () => {
    const si = await fresh(2);
    await domainError(inTransaction(db, async (trx) => {
      await createReservation(trx, { stockItemId: si.id, quantity: qty(1), status: 'pending' });
      await applyMovement(trx, { stockItemId: si.id, delta: qty(-5), reason: 'adjustment' });
    }));
    expect(await item(si.id)).toMatchObject({ quantity: 2, reserved_quantity: 0 });
  });

  it('locks stock items and loads a model snapshot in priority order', async () => {
    const model = await aModel(db.kysely, { strategy: 'split_shipments', stock_locations_cutoff: 3 });
    const cat = await aShippingCategory(db.kysely);
    const sku = await aSku(db.kysely, { shipping_category_id: cat.id, quantity_increments: 2 });
    const [a, b] = [await aLocation(db.kysely, { lat: 52.5, lng: 13.4 }), await aLocation(db.kysely, { enabled: false })];
    await aModelLocation(db.kysely, model.id, a.id, { priority: 2 });
    await aModelLocation(db.kysely, model.id, b.id, { priority: 1, on_hold: true });
    const siA = await aStockItem(db, sku, a, 4);
    await inTransaction(db, (trx) => createReservation(trx, { stockItemId: siA.id, quantity: qty(1), status: 'pending' }));
    const snap = await inTransaction(db, (trx) => loadRoutingStock(trx, { inventoryModelId: model.id, skuCodes: [sku.code, 'NOPE'], lock: true }));
    expect(snap.locations.map((l) => [l.code, l.priority, l.enabled, l.onHold, l.lat])).toEqual([[b.code, 1, false, true, null], [a.code, 2, true, false, 52.5]]);
    expect(snap.skus).toMatchObject([{ code: sku.code, shippingCategory: cat.code, quantityIncrements: qty(2), minSaleQuantity: qty(1) }]);
    expect(snap.stock).toEqual([{ location: a.code, sku: sku.code, quantity: qty(4), reserved: qty(1), status: 'in_stock', stockItemId: siA.id, stockLocationId: a.id }]);
    expect(snap).toMatchObject({ stockLocationsCutoff: 3, strategy: 'split_shipments', manualStockDecrement: false });
    const locked = await inTransaction(db, (trx) => lockStockItems(trx, [siA.id, siA.id]));
    expect(locked.map((r) => r.id)).toEqual([siA.id]);
    expect(await domainError(inTransaction(db, (trx) => loadRoutingStock(trx, { inventoryModelId: 'nope', skuCodes: [], lock: false }))))
      .toMatchObject({ code: 'RECORD_NOT_FOUND', resource: 'inventory_model' });
  });

  it('lets expired cart reservations give way to a new reservation when the flow passes its clock', async () => {
    const si = await fresh(2);
    const now = new Date('2026-05-01T12:00:00Z');
    const cart = await inTransaction(db, (trx) => createReservation(trx, { stockItemId: si.id, quantity: qty(2), status: 'draft', expiresAt: new Date('2026-05-01T11:00:00Z') }));
    expect(await domainError(inTransaction(db, (trx) => createReservation(trx, { stockItemId: si.id, quantity: qty(1), status: 'pending' }))))
      .toMatchObject({ code: 'INSUFFICIENT_STOCK', available: 0 });
    const placed = await inTransaction(db, (trx) => createReservation(trx, { stockItemId: si.id, quantity: qty(1), status: 'pending', now }));
    expect(placed.quantity).toBe(1);
    expect(await db.kysely.selectFrom('stock_reservations').select('id').where('id', '=', cart.id).execute()).toEqual([]);
    expect((await item(si.id)).reserved_quantity).toBe(1);
  });

  it('writes stock_items.update on every movement and skus.out_of_stock when a model runs dry', async () => {
    const hooks = ['stock_items.update', 'skus.out_of_stock'].map((topic) => ({ id: newId('wh'), topic, callback_url: 'http://127.0.0.1:9/hook', shared_secret: 's' }));
    await db.kysely.insertInto('webhooks').values(hooks).execute();
    try {
      const model = await aModel(db.kysely);
      await aMarket(db.kysely, model.id);
      const location = await aLocation(db.kysely);
      await aModelLocation(db.kysely, model.id, location.id);
      const sku = await aSku(db.kysely);
      const si = await aStockItem(db, sku, location, 2);
      await inTransaction(db, (trx) => createReservation(trx, { stockItemId: si.id, quantity: qty(1), status: 'pending' }));
      const events = () => db.kysely.selectFrom('webhook_events').select(['topic', 'payload']).orderBy('created_at').execute();
      expect((await events()).map((e) => e.topic)).toEqual(['stock_items.update']);
      const last = await inTransaction(db, (trx) => createReservation(trx, { stockItemId: si.id, quantity: qty(1), status: 'pending' }));
      const after = await events();
      expect(after.map((e) => e.topic)).toEqual(['stock_items.update', 'skus.out_of_stock']);
      expect(after[1]?.payload).toMatchObject({ sku_code: sku.code, inventory_model_id: model.id, salable_quantity: 0 });
      await inTransaction(db, (trx) => convertReservationToDecrement(trx, last.id, { reason: 'order_approved' }));
      const final = await events();
      expect(final.filter((e) => e.topic === 'skus.out_of_stock')).toHaveLength(1); // already at 0: no second event
      const update = final.filter((e) => e.topic === 'stock_items.update').at(-1);
      expect(update?.payload).toMatchObject({ id: si.id, sku_code: sku.code, quantity: 1, reserved_quantity: 1, delta: -1, reason: 'order_approved' });
    } finally {
      await db.kysely.deleteFrom('webhooks').where('id', 'in', hooks.map((h) => h.id)).execute();
    }
  });
});
