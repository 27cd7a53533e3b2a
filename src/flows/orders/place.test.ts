import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest, openTestDb, type TestDb } from '../../store/test-support/engines.js';
import { aWorld, domainError, level, shipmentsOf } from '../test-support/order-world.js';
import { placeOrder } from './place.js';

describe.each(enginesUnderTest())('placing orders on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => { db = await openTestDb(engine); });
  afterAll(async () => { await db.close(); });

  const twoLocations = { locations: { 'eu-1': {}, 'eu-2': {} } };

  it('split_shipments: fills from the primary, then the secondary, one shipment each, reserved', async () => {
    const w = await aWorld(db, { ...twoLocations, model: { strategy: 'split_shipments' }, stock: { TEE: { 'eu-1': 3, 'eu-2': 5 } } });
    const order = await w.order({ TEE: 6 });
    const placed = await placeOrder(w.ctx, order.id);
    expect(placed.order).toMatchObject({ status: 'placed' });
    expect(placed.order.placed_at).toBeInstanceOf(Date);
    const shipments = await shipmentsOf(db.kysely, order.id);
    expect(shipments.map((s) => [s.number, s.status, s.stock_location_id, s.items.map((i) => i.quantity)])).toEqual([
      [`${order.number}/S/1`, 'upcoming', w.location['eu-1']?.id, [3]],
      [`${order.number}/S/2`, 'upcoming', w.location['eu-2']?.id, [3]],
    ]);
    expect(shipments.every((s) => s.items.every((i) => i.stock_reservation_id !== null && i.stock_item_id !== null))).toBe(true);
    expect(await level(db.kysely, w.sku.TEE!, w.location['eu-1']!)).toEqual({ onHand: 3, reserved: 3 });
    expect(await level(db.kysely, w.sku.TEE!, w.location['eu-2']!)).toEqual({ onHand: 5, reserved: 3 });
  });

  it('no_split: refuses what the primary lacks, naming SKU, requested and available, and writes nothing', async () => {
    const w = await aWorld(db, { ...twoLocations, stock: { TEE: { 'eu-1': 3, 'eu-2': 5 }, MUG: { 'eu-1': 9 } } });
    const order = await w.order({ MUG: 1, TEE: 6 });
    const error = await domainError(placeOrder(w.ctx, order.id));
    expect(error).toMatchObject({ code: 'INSUFFICIENT_STOCK', sku: w.sku.TEE?.code, requested: 60_000, available: 30_000 });
    expect(error.message).toContain('requested 6, available 3');
    expect(await shipmentsOf(db.kysely, order.id)).toEqual([]);
    expect(await level(db.kysely, w.sku.MUG!, w.location['eu-1']!)).toEqual({ onHand: 9, reserved: 0 });
    expect((await db.kysely.selectFrom('orders').select('status').where('id', '=', order.id).executeTakeFirstOrThrow()).status).toBe('draft');
    expect(await db.kysely.selectFrom('stock_line_items').select('id').where('order_id', '=', order.id).execute()).toEqual([]);
  });

  it('split_by_line_items: every line gets its own shipment; categories split too', async () => {
    const w = await aWorld(db, {
      model: { strategy: 'split_by_line_items' }, skus: { TEE: { category: 'apparel' }, CAP: { category: 'apparel' } },
      stock: { TEE: { 'eu-1': 5 }, CAP: { 'eu-1': 5 } },
    });
    const order = await w.order({ TEE: 1, CAP: 2 });
    await placeOrder(w.ctx, order.id);
    const shipments = await shipmentsOf(db.kysely, order.id);
    expect(shipments.map((s) => s.items.map((i) => [i.sku_code, i.quantity]))).toEqual([[[w.sku.TEE?.code, 1]], [[w.sku.CAP?.code, 2]]]);
    expect(new Set(shipments.map((s) => s.shipping_category_id)).size).toBe(1);
  });

  it('ship_from_first_available_or_primary: ships everything from the first location that has it all', async () => {
    const w = await aWorld(db, { ...twoLocations, model: { strategy: 'ship_from_first_available_or_primary' }, stock: { TEE: { 'eu-1': 1, 'eu-2': 4 } } });
    const order = await w.order({ TEE: 3 });
    await placeOrder(w.ctx, order.id);
    const shipments = await shipmentsOf(db.kysely, order.id);
    expect(shipments.map((s) => [s.stock_location_id, s.items.map((i) => i.quantity)])).toEqual([[w.location['eu-2']?.id, [3]]]);
  });

  it('ship_from_primary: what the primary lacks comes by a reserved transfer; the shipment holds only what is there', async () => {
    const w = await aWorld(db, { ...twoLocations, model: { strategy: 'ship_from_primary', put_stock_transfers_on_hold: true }, stock: { TEE: { 'eu-1': 1, 'eu-2': 4 } } });
    const order = await w.order({ TEE: 3 });
    const placed = await placeOrder(w.ctx, order.id);
    expect(placed.transfers.map((t) => [t.number, t.status, t.quantity, t.origin_stock_location_id, t.destination_stock_location_id, t.shipment_id])).toEqual([
      [`${order.number}/T/1`, 'on_hold', 2, w.location['eu-2']?.id, w.location['eu-1']?.id, placed.shipments[0]?.id],
    ]);
    const shipments = await shipmentsOf(db.kysely, order.id);
    expect(shipments.map((s) => [s.stock_location_id, s.items.map((i) => i.quantity)])).toEqual([[w.location['eu-1']?.id, [1]]]);
    expect(await level(db.kysely, w.sku.TEE!, w.location['eu-2']!)).toEqual({ onHand: 4, reserved: 2 });
  });

  it('an on-hold location puts its shipment on hold', async () => {
    const w = await aWorld(db, { locations: { 'eu-1': { onHold: true } }, stock: { TEE: { 'eu-1': 2 } } });
    const order = await w.order({ TEE: 2 });
    await placeOrder(w.ctx, order.id);
    expect((await shipmentsOf(db.kysely, order.id)).map((s) => [s.status, s.on_hold_at !== null])).toEqual([['on_hold', true]]);
  });

  it('do_not_ship: reserved but in no shipment; do_not_track: in the shipment with no stock item', async () => {
    const w = await aWorld(db, {
      model: { strategy: 'split_shipments' },
      skus: { GIFT: { do_not_ship: true }, EBOOK: { do_not_track: true } },
      stock: { TEE: { 'eu-1': 2 }, GIFT: { 'eu-1': 2 } },
    });
    const order = await w.order({ TEE: 1, GIFT: 1, EBOOK: 1 });
    await placeOrder(w.ctx, order.id);
    const shipments = await shipmentsOf(db.kysely, order.id);
    expect(shipments).toHaveLength(1);
    expect(shipments[0]?.items.map((i) => [i.sku_code, i.stock_item_id === null, i.stock_reservation_id === null]).sort()).toEqual([
      [w.sku.EBOOK?.code, true, true], [w.sku.TEE?.code, false, false],
    ].sort());
    const unshipped = await db.kysely.selectFrom('stock_line_items').selectAll().where('order_id', '=', order.id).where('shipment_id', 'is', null).execute();
    expect(unshipped.map((i) => [i.sku_code, i.quantity])).toEqual([[w.sku.GIFT?.code, 1]]);
    expect(await level(db.kysely, w.sku.GIFT!, w.location['eu-1']!)).toEqual({ onHand: 2, reserved: 1 });
  });

  it('keeps the shortfall of a backorderable SKU as backordered quantity', async () => {
    const w = await aWorld(db, { skus: { PRE: { allow_backorders: true } }, stock: { PRE: { 'eu-1': 2 } } });
    const order = await w.order({ PRE: 5 });
    await placeOrder(w.ctx, order.id);
    const line = await db.kysely.selectFrom('line_items').selectAll().where('order_id', '=', order.id).executeTakeFirstOrThrow();
    expect([line.quantity, line.backordered_quantity]).toEqual([5, 3]);
    expect(await level(db.kysely, w.sku.PRE!, w.location['eu-1']!)).toEqual({ onHand: 2, reserved: 2 });
  });

  it('refuses to place twice and to place an order without lines', async () => {
    const w = await aWorld(db, { stock: { TEE: { 'eu-1': 5 } } });
    const order = await w.order({ TEE: 1 });
    await placeOrder(w.ctx, order.id);
    expect(await domainError(placeOrder(w.ctx, order.id))).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'placed', trigger: '_place' });
    const empty = await w.order({});
    expect(await domainError(placeOrder(w.ctx, empty.id))).toMatchObject({ code: 'VALIDATION_ERROR', field: 'line_items' });
    expect(await domainError(placeOrder(w.ctx, 'ord_nope'))).toMatchObject({ code: 'RECORD_NOT_FOUND', resource: 'order' });
  });
});
