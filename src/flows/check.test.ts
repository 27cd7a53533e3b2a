import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qty } from '../domain/quantity.js';
import { newId } from '../store/ids.js';
import { createReservation } from '../store/stock-ledger.js';
import { aLocation, aMarket, aModel, aSku, aStockItem, anOrderLine } from '../store/test-support/inventory-fixtures.js';
import { enginesUnderTest, openTestDb, type TestDb } from '../store/test-support/engines.js';
import { inTransaction } from '../store/transaction.js';
import { INVARIANTS, checkInvariants } from './check.js';

describe.each(enginesUnderTest())('invariant check on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => { db = await openTestDb(engine); });
  afterAll(async () => { await db.close(); });

  const violationsOf = async (id: string) => (await checkInvariants(db)).filter((v) => v.id === id).map((v) => v.rule);
  const item = async (o: Parameters<typeof aSku>[1] = {}, quantity = 5) => aStockItem(db, await aSku(db.kysely, o), await aLocation(db.kysely), quantity);
  const shipmentWorld = async () => {
    const sku = await aSku(db.kysely);
    const [here, there] = [await aLocation(db.kysely), await aLocation(db.kysely)];
    const market = await aMarket(db.kysely, (await aModel(db.kysely)).id);
    const { order, line } = await anOrderLine(db.kysely, market.id, sku, { quantity: 3 });
    const shipment = await db.kysely.insertInto('shipments')
      .values({ id: newId('shp'), number: newId('S'), order_id: order.id, stock_location_id: here.id, status: 'upcoming' })
      .returningAll().executeTakeFirstOrThrow();
    const sli = (o: { quantity?: number; location?: string; decremented?: boolean; reservation?: string } = {}) =>
      db.kysely.insertInto('stock_line_items').values({
        id: newId('sli'), order_id: order.id, line_item_id: line.id, shipment_id: shipment.id, stock_location_id: o.location ?? here.id,
        sku_code: sku.code, quantity: o.quantity ?? 1, decremented: o.decremented ?? false, stock_reservation_id: o.reservation ?? null,
      }).returningAll().executeTakeFirstOrThrow();
    return { sku, here, there, line, shipment, sli };
  };

  it('finds nothing wrong in a database built through the ledger', async () => {
    const si = await item();
    await inTransaction(db, (trx) => createReservation(trx, { stockItemId: si.id, quantity: qty(2), status: 'pending' }));
    expect(await checkInvariants(db)).toEqual([]);
  });

  it('reports on-hand that does not match its movements, naming the numbers', async () => {
    const si = await item();
    await db.kysely.updateTable('stock_items').set({ quantity: 9 }).where('id', '=', si.id).execute();
    const [v] = (await checkInvariants(db)).filter((x) => x.id === si.id);
    expect(v).toMatchObject({ rule: 'on_hand_equals_movements', table: 'stock_items', message: expect.stringContaining('quantity 9 but movements sum to 5') });
  });

  it('reports a reserved total that does not match the reservations', async () => {
    const si = await item();
    await db.kysely.updateTable('stock_items').set({ reserved_quantity: 1 }).where('id', '=', si.id).execute();
    expect(await violationsOf(si.id)).toEqual(['reserved_equals_reservations']);
  });

  it('reports negative availability only where backorders are not allowed', async () => {
    const strict = await item({}, 1);
    const lenient = await item({ allow_backorders: true }, 1);
    for (const si of [strict, lenient]) {
      await inTransaction(db, (trx) => createReservation(trx, { stockItemId: si.id, quantity: qty(3), status: 'pending', allowExceed: true }));
    }
    expect(await violationsOf(strict.id)).toEqual(['available_not_negative']);
    expect(await violationsOf(lenient.id)).toEqual([]);
  });

  it('reports stock items of do_not_track SKUs', async () => {
    const si = await item({ do_not_track: true }, 0);
    expect(await violationsOf(si.id)).toEqual(['untracked_sku_has_no_stock']);
  });

  it('reports shipments without items, items at the wrong location, over-allocated lines and decremented items still reserved', async () => {
    const empty = await shipmentWorld();
    expect(await violationsOf(empty.shipment.id)).toEqual(['shipment_has_stock_line_items']);
    const w = await shipmentWorld();
    const wrongPlace = await w.sli({ location: w.there.id });
    await w.sli({ quantity: 3 });
    const stock = await aStockItem(db, w.sku, w.here, 5);
    const r = await inTransaction(db, (trx) => createReservation(trx, { stockItemId: stock.id, quantity: qty(1), status: 'pending' }));
    const stale = await db.kysely.insertInto('stock_line_items').values({
      id: newId('sli'), order_id: w.shipment.order_id, line_item_id: w.line.id, stock_location_id: w.here.id, sku_code: w.sku.code,
      quantity: 1, decremented: true, stock_reservation_id: r.id,
    }).returningAll().executeTakeFirstOrThrow();
    expect(await violationsOf(w.shipment.id)).toEqual([]);
    expect(await violationsOf(wrongPlace.id)).toEqual(['stock_line_item_at_shipment_location']);
    expect(await violationsOf(w.line.id)).toEqual(['line_item_not_over_allocated']);
    expect(await violationsOf(stale.id)).toEqual(['decremented_without_reservation']);
  });

  it('reports draft reservations left long after expiry, not within the grace period', async () => {
    const si = await item();
    const expiresAt = new Date(Date.now() - 60_000);
    const r = await inTransaction(db, (trx) => createReservation(trx, { stockItemId: si.id, quantity: qty(1), status: 'draft', expiresAt }));
    expect(await violationsOf(r.id)).toEqual([]);
    const later = (await checkInvariants(db, { now: new Date(Date.now() + 3_600_000) })).filter((v) => v.id === r.id);
    expect(later.map((v) => v.rule)).toEqual(['expired_drafts_released']);
  });

  it('has one distinct rule name per invariant', () => {
    expect(new Set(INVARIANTS.map((i) => i.rule)).size).toBe(INVARIANTS.length);
  });
});
