import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest, openTestDb, type TestDb } from '../store/test-support/engines.js';
import { checkInvariants } from './check.js';
import { releaseExpiredReservations } from './expired-reservations.js';
import { addLineItem, removeLineItem, updateLineItem } from './orders/create.js';
import { reserveLineItemStock } from './orders/drafts.js';
import { approveOrder, cancelOrder } from './orders/lifecycle.js';
import { placeOrder } from './orders/place.js';
import { createReturn, restockReturn } from './returns.js';
import { triggerShipment } from './shipments.js';
import { updateStockItem } from './stock-items.js';
import { aWorld, domainError, level, shipmentsOf } from './test-support/order-world.js';

describe.each(enginesUnderTest())('backorders, returns and cart reservations on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => { db = await openTestDb(engine); });
  afterAll(async () => { await db.close(); });

  const lineOf = (orderId: string) => db.kysely.selectFrom('line_items').selectAll().where('order_id', '=', orderId).executeTakeFirstOrThrow();
  const itemId = async (skuId: string, locationId: string) =>
    (await db.kysely.selectFrom('stock_items').select('id').where('sku_id', '=', skuId).where('stock_location_id', '=', locationId).executeTakeFirstOrThrow()).id;

  it('serves backorders first placed, first served as stock arrives, then the order ships the rest', async () => {
    let clock = Date.parse('2026-01-01T10:00:00Z');
    const w = await aWorld(db, { locations: { 'eu-1': {}, 'eu-2': {} }, model: { strategy: 'split_shipments' }, skus: { PRE: { allow_backorders: true } }, stock: { PRE: { 'eu-1': 1 } } }, () => new Date(clock));
    const first = await w.order({ PRE: 3 });
    await placeOrder(w.ctx, first.id);
    clock += 60_000;
    const second = await w.order({ PRE: 2 });
    await placeOrder(w.ctx, second.id);
    await approveOrder(w.ctx, second.id);
    expect([(await lineOf(first.id)).backordered_quantity, (await lineOf(second.id)).backordered_quantity]).toEqual([2, 2]);

    const eu2 = w.location['eu-2']!;
    await db.kysely.insertInto('stock_items').values({ id: 'si_bo_' + first.id, sku_id: w.sku.PRE!.id, sku_code: w.sku.PRE!.code, stock_location_id: eu2.id, quantity: 0, metadata: '{}' }).execute();
    await updateStockItem(w.ctx, 'si_bo_' + first.id, { delta: 3, reason: 'adjustment' });
    expect([(await lineOf(first.id)).backordered_quantity, (await lineOf(second.id)).backordered_quantity]).toEqual([0, 1]);
    // the first order's 2 are reserved; the second (approved) order's 1 is deducted at once
    expect(await level(db.kysely, w.sku.PRE!, eu2)).toEqual({ onHand: 2, reserved: 2 });
    const shipments = await shipmentsOf(db.kysely, first.id);
    expect(shipments.map((s) => [s.stock_location_id, s.items.map((i) => i.quantity)])).toEqual([[w.location['eu-1']!.id, [1]], [eu2.id, [2]]]);
    for (const s of shipments) for (const t of ['_picking', '_packing', '_ready_to_ship', '_ship']) await triggerShipment(w.ctx, s.id, t);
    expect((await lineOf(first.id)).shipped_quantity).toBe(3);
    expect(await checkInvariants(db)).toEqual([]);
  });

  it('a cancelled order gives its stock to the next backorder', async () => {
    const w = await aWorld(db, { skus: { PRE: { allow_backorders: true } }, stock: { PRE: { 'eu-1': 2 } } });
    const holder = await w.order({ PRE: 2 });
    await placeOrder(w.ctx, holder.id);
    const waiting = await w.order({ PRE: 1 });
    await placeOrder(w.ctx, waiting.id);
    expect((await lineOf(waiting.id)).backordered_quantity).toBe(1);
    await cancelOrder(w.ctx, holder.id);
    expect((await lineOf(waiting.id)).backordered_quantity).toBe(0);
    expect(await level(db.kysely, w.sku.PRE!, w.location['eu-1']!)).toEqual({ onHand: 2, reserved: 1 });
  });

  it('restocks a return at the first return location, creating the stock item there', async () => {
    const w = await aWorld(db, { locations: { 'eu-1': {}, 'rtn': {}, 'rtn-2': {} }, returnLocations: ['rtn', 'rtn-2'], stock: { TEE: { 'eu-1': 3 } } });
    const order = await w.order({ TEE: 3 });
    const { shipments: [shipment] } = await placeOrder(w.ctx, order.id);
    const line = await lineOf(order.id);
    expect(await domainError(createReturn(w.ctx, order.id, [{ lineItemId: line.id, quantity: 1 }]))).toMatchObject({ field: 'return_line_items/0/quantity', message: expect.stringContaining('only 0 shipped') as string });
    for (const t of ['_picking', '_packing', '_ready_to_ship', '_ship']) await triggerShipment(w.ctx, shipment!.id, t);
    const ret = await createReturn(w.ctx, order.id, [{ lineItemId: line.id, quantity: 2 }]);
    expect(ret).toMatchObject({ number: `${order.number}/R/1`, status: 'requested' });
    expect(await domainError(createReturn(w.ctx, order.id, [{ lineItemId: line.id, quantity: 2 }]))).toMatchObject({ message: expect.stringContaining('only 1 shipped and not yet returned') as string });
    const restocked = await restockReturn(w.ctx, ret.id);
    expect([restocked.status, restocked.stock_location_id]).toEqual(['restocked', w.location.rtn!.id]);
    expect(await level(db.kysely, w.sku.TEE!, w.location.rtn!)).toEqual({ onHand: 2, reserved: 0 });
    const m = await db.kysely.selectFrom('stock_movements').select(['reason', 'return_id']).where('stock_item_id', '=', await itemId(w.sku.TEE!.id, w.location.rtn!.id)).execute();
    expect(m).toEqual([{ reason: 'return_restock', return_id: ret.id }]);
    expect(await domainError(restockReturn(w.ctx, ret.id))).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'restocked' });
  });

  it('cart lines: sale rules, draft reservations that expire, replaced at placement', async () => {
    let clock = Date.parse('2026-01-01T10:00:00Z');
    const w = await aWorld(db, { model: { stock_reservation_cutoff: 600 }, skus: { TEE: { max_sale_quantity: 5 } }, stock: { TEE: { 'eu-1': 4 } } }, () => new Date(clock));
    const order = await w.order({});
    expect(await domainError(addLineItem(w.ctx, order.id, { skuCode: w.sku.TEE!.code, quantity: 1.5 }))).toMatchObject({ field: 'quantity', message: expect.stringContaining('whole units') as string });
    expect(await domainError(addLineItem(w.ctx, order.id, { skuCode: 'NOPE', quantity: 1 }))).toMatchObject({ field: 'sku_code' });
    expect(await domainError(addLineItem(w.ctx, order.id, { skuCode: w.sku.TEE!.code, quantity: 6 }))).toMatchObject({ message: expect.stringContaining('at most 5') as string });
    const line = await addLineItem(w.ctx, order.id, { skuCode: w.sku.TEE!.code, quantity: 5 });
    expect(await domainError(reserveLineItemStock(w.ctx, line.id))).toMatchObject({ code: 'INSUFFICIENT_STOCK', requested: 50_000, available: 40_000 });
    await updateLineItem(w.ctx, line.id, { quantity: 3 });
    const [draft] = await reserveLineItemStock(w.ctx, line.id);
    expect([draft?.status, draft?.quantity, draft?.expires_at?.toISOString()]).toEqual(['draft', 3, '2026-01-01T10:10:00.000Z']);
    await reserveLineItemStock(w.ctx, line.id);
    expect(await level(db.kysely, w.sku.TEE!, w.location['eu-1']!)).toEqual({ onHand: 4, reserved: 3 });

    // another cart cannot take what this one holds until the hold expires
    const other = await w.order({ TEE: 2 });
    expect(await domainError(placeOrder(w.ctx, other.id))).toMatchObject({ code: 'INSUFFICIENT_STOCK', available: 10_000 });
    clock += 601_000;
    expect(await releaseExpiredReservations(w.ctx)).toBe(1);
    expect(await level(db.kysely, w.sku.TEE!, w.location['eu-1']!)).toEqual({ onHand: 4, reserved: 0 });
    await placeOrder(w.ctx, other.id);

    // placing replaces the order's own draft hold by pending reservations
    const cart = await w.order({ TEE: 2 });
    const cartLine = await lineOf(cart.id);
    await reserveLineItemStock(w.ctx, cartLine.id);
    expect(await level(db.kysely, w.sku.TEE!, w.location['eu-1']!)).toEqual({ onHand: 4, reserved: 4 });
    await placeOrder(w.ctx, cart.id);
    const holds = await db.kysely.selectFrom('stock_reservations').select(['status', 'quantity']).where('order_id', '=', cart.id).execute();
    expect(holds).toEqual([{ status: 'pending', quantity: 2 }]);
    expect(await level(db.kysely, w.sku.TEE!, w.location['eu-1']!)).toEqual({ onHand: 4, reserved: 4 });
    expect(await domainError(removeLineItem(w.ctx, cartLine.id))).toMatchObject({ field: 'order', message: expect.stringContaining('placed') as string });
  });
});
