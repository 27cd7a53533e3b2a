import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest, openTestDb, type TestDb } from '../../store/test-support/engines.js';
import { checkInvariants } from '../check.js';
import { triggerShipment } from '../shipments.js';
import { aWorld, domainError, level, shipmentsOf } from '../test-support/order-world.js';
import { triggerTransfer } from '../transfers.js';
import { approveAndCaptureOrder, approveOrder, cancelOrder, captureOrder, fulfillOrder } from './lifecycle.js';
import { createOrder } from './create.js';
import { placeOrder } from './place.js';

describe.each(enginesUnderTest())('order and shipment lifecycle on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => { db = await openTestDb(engine); });
  afterAll(async () => { await db.close(); });

  const reasons = async (orderId: string) =>
    (await db.kysely.selectFrom('stock_movements').select(['reason', 'delta']).where('order_id', '=', orderId).orderBy('seq').execute()).map((m) => `${m.reason} ${m.delta}`);

  it('approve deducts every stock line item and marks the shipments decremented', async () => {
    const w = await aWorld(db, { locations: { 'eu-1': {}, 'eu-2': {} }, model: { strategy: 'split_shipments' }, stock: { TEE: { 'eu-1': 3, 'eu-2': 5 } } });
    const order = await w.order({ TEE: 4 });
    await placeOrder(w.ctx, order.id);
    const approved = await approveOrder(w.ctx, order.id);
    expect([approved.status, approved.approved_at instanceof Date]).toEqual(['approved', true]);
    expect(await level(db.kysely, w.sku.TEE!, w.location['eu-1']!)).toEqual({ onHand: 0, reserved: 0 });
    expect(await level(db.kysely, w.sku.TEE!, w.location['eu-2']!)).toEqual({ onHand: 4, reserved: 0 });
    expect((await reasons(order.id)).sort()).toEqual(['order_approved -1', 'order_approved -3']);
    expect((await shipmentsOf(db.kysely, order.id)).map((s) => s.stock_decremented)).toEqual([true, true]);
    expect(await domainError(approveOrder(w.ctx, order.id))).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'approved' });
  });

  it('with manual_stock_decrement, approve deducts nothing; _decrement_stock does, per shipment, once', async () => {
    const w = await aWorld(db, { model: { manual_stock_decrement: true }, stock: { TEE: { 'eu-1': 3 } } });
    const order = await w.order({ TEE: 2 });
    const { shipments: [shipment] } = await placeOrder(w.ctx, order.id);
    await approveAndCaptureOrder(w.ctx, order.id);
    expect(await level(db.kysely, w.sku.TEE!, w.location['eu-1']!)).toEqual({ onHand: 3, reserved: 2 });
    const decremented = await triggerShipment(w.ctx, shipment!.id, '_decrement_stock');
    expect([decremented.status, decremented.stock_decremented]).toEqual(['upcoming', true]);
    expect(await level(db.kysely, w.sku.TEE!, w.location['eu-1']!)).toEqual({ onHand: 1, reserved: 0 });
    expect(await reasons(order.id)).toEqual(['shipment_decrement -2']);
    expect(await domainError(triggerShipment(w.ctx, shipment!.id, '_decrement_stock'))).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'stock_decremented' });
  });

  it('refuses a bad payment status or coordinates by field, and an unknown market', async () => {
    const w = await aWorld(db, { stock: { TEE: { 'eu-1': 1 } } });
    expect(await domainError(w.order({ TEE: 1 }, { paymentStatus: 'maybe' as 'paid' }))).toMatchObject({ code: 'VALIDATION_ERROR', field: 'payment_status' });
    expect(await domainError(w.order({ TEE: 1 }, { shippingAddress: { lat: 91, lng: 0 } }))).toMatchObject({ code: 'VALIDATION_ERROR', field: 'shipping_address/lat' });
    expect(await domainError(w.order({ NOPE: 1 }))).toMatchObject({ code: 'VALIDATION_ERROR', field: 'lines/0/sku_code' });
    expect(await domainError(createOrder(w.ctx, { marketCode: 'nowhere' }))).toMatchObject({ code: 'RECORD_NOT_FOUND', resource: 'market' });
  });

  it('capture makes the order paid; capturing twice is refused', async () => {
    const w = await aWorld(db, { stock: { TEE: { 'eu-1': 3 } } });
    const order = await w.order({ TEE: 1 }, { paymentStatus: 'authorized' });
    await placeOrder(w.ctx, order.id);
    expect((await captureOrder(w.ctx, order.id)).payment_status).toBe('paid');
    expect(await domainError(captureOrder(w.ctx, order.id))).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'paid', trigger: '_capture' });
  });

  it('cancel releases what is reserved and restocks what was deducted, cancelling shipments and transfers', async () => {
    const w = await aWorld(db, { locations: { 'eu-1': {}, 'eu-2': {} }, model: { strategy: 'ship_from_primary' }, stock: { TEE: { 'eu-1': 2, 'eu-2': 5 } } });
    const order = await w.order({ TEE: 4 });
    const placed = await placeOrder(w.ctx, order.id);
    await approveOrder(w.ctx, order.id);
    expect(await level(db.kysely, w.sku.TEE!, w.location['eu-1']!)).toEqual({ onHand: 0, reserved: 0 });
    expect(await level(db.kysely, w.sku.TEE!, w.location['eu-2']!)).toEqual({ onHand: 5, reserved: 2 });
    const cancelled = await cancelOrder(w.ctx, order.id);
    expect(cancelled.status).toBe('cancelled');
    expect(await level(db.kysely, w.sku.TEE!, w.location['eu-1']!)).toEqual({ onHand: 2, reserved: 0 });
    expect(await level(db.kysely, w.sku.TEE!, w.location['eu-2']!)).toEqual({ onHand: 5, reserved: 0 });
    expect(await reasons(order.id)).toEqual(['order_approved -2', 'order_cancelled 2']);
    expect((await shipmentsOf(db.kysely, order.id)).map((s) => s.status)).toEqual(['cancelled']);
    const transfer = await db.kysely.selectFrom('stock_transfers').selectAll().where('id', '=', placed.transfers[0]!.id).executeTakeFirstOrThrow();
    expect(transfer.status).toBe('cancelled');
  });

  it('walks a shipment to delivered: ship counts shipped quantities; illegal triggers name the state', async () => {
    const w = await aWorld(db, { stock: { TEE: { 'eu-1': 3 } } });
    const order = await w.order({ TEE: 3 }, { paymentStatus: 'paid' });
    const { shipments: [shipment] } = await placeOrder(w.ctx, order.id);
    const id = shipment!.id;
    expect(await domainError(triggerShipment(w.ctx, id, '_ship'))).toMatchObject({ code: 'ILLEGAL_TRANSITION', resource: 'shipment', state: 'upcoming', trigger: '_ship' });
    expect(await domainError(triggerShipment(w.ctx, id, '_teleport'))).toMatchObject({ code: 'VALIDATION_ERROR', field: 'trigger' });
    for (const t of ['_picking', '_on_hold', '_picking', '_packing', '_ready_to_ship']) await triggerShipment(w.ctx, id, t);
    const shipped = await triggerShipment(w.ctx, id, '_ship');
    expect([shipped.status, shipped.stock_decremented, shipped.shipped_at instanceof Date]).toEqual(['shipped', true, true]);
    expect(await level(db.kysely, w.sku.TEE!, w.location['eu-1']!)).toEqual({ onHand: 0, reserved: 0 });
    const line = await db.kysely.selectFrom('line_items').select('shipped_quantity').where('order_id', '=', order.id).executeTakeFirstOrThrow();
    expect(line.shipped_quantity).toBe(3);
    expect((await db.kysely.selectFrom('orders').select('fulfillment_status').where('id', '=', order.id).executeTakeFirstOrThrow()).fulfillment_status).toBe('fulfilled');
    expect(await domainError(triggerShipment(w.ctx, id, '_cancel'))).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'shipped' });
    expect(await domainError(cancelOrder(w.ctx, order.id))).toMatchObject({ code: 'VALIDATION_ERROR', message: expect.stringContaining('already shipped') as string });
    expect((await triggerShipment(w.ctx, id, '_deliver')).status).toBe('delivered');
    await approveOrder(w.ctx, order.id);
    expect((await fulfillOrder(w.ctx, order.id)).status).toBe('fulfilled');
  });

  it('cancelling a shipment restocks its deducted stock; _release_stock gives back reservations', async () => {
    const w = await aWorld(db, { model: { strategy: 'split_shipments' }, skus: { TEE: { category: 'a' }, MUG: { category: 'b' } }, stock: { TEE: { 'eu-1': 3 }, MUG: { 'eu-1': 3 } } });
    const order = await w.order({ TEE: 1, MUG: 2 });
    const { shipments } = await placeOrder(w.ctx, order.id);
    const [tee, mug] = shipments.sort((a, b) => a.number.localeCompare(b.number));
    await triggerShipment(w.ctx, tee!.id, '_decrement_stock');
    expect((await triggerShipment(w.ctx, tee!.id, '_cancel')).status).toBe('cancelled');
    expect(await level(db.kysely, w.sku.TEE!, w.location['eu-1']!)).toEqual({ onHand: 3, reserved: 0 });
    await triggerShipment(w.ctx, mug!.id, '_release_stock');
    expect(await level(db.kysely, w.sku.MUG!, w.location['eu-1']!)).toEqual({ onHand: 3, reserved: 0 });
    expect(await reasons(order.id)).toEqual(['shipment_decrement -1', 'shipment_cancelled 1']);
  });

  it('a shipment that waits for its whole content by transfer gets its stock line item on completion', async () => {
    const w = await aWorld(db, { locations: { 'eu-1': {}, 'eu-2': {} }, model: { strategy: 'ship_from_primary' }, stock: { TEE: { 'eu-2': 4 } } });
    const order = await w.order({ TEE: 2 });
    const { transfers: [transfer], shipments: [shipment] } = await placeOrder(w.ctx, order.id);
    expect((await shipmentsOf(db.kysely, order.id)).map((s) => s.items.length)).toEqual([0]);
    expect(await checkInvariants(db)).toEqual([]);
    for (const t of ['_picking', '_in_transit', '_complete']) await triggerTransfer(w.ctx, transfer!.id, t);
    const [s] = await shipmentsOf(db.kysely, order.id);
    expect([s?.id, s?.items.map((i) => [i.quantity, i.stock_location_id])]).toEqual([shipment?.id, [[2, w.location['eu-1']?.id]]]);
    expect(await level(db.kysely, w.sku.TEE!, w.location['eu-1']!)).toEqual({ onHand: 2, reserved: 2 });
    expect(await checkInvariants(db)).toEqual([]);
  });

  it('completing a transfer moves the stock and adds its stock line item to the shipment', async () => {
    const w = await aWorld(db, { locations: { 'eu-1': {}, 'eu-2': {} }, model: { strategy: 'ship_from_primary' }, stock: { TEE: { 'eu-1': 1, 'eu-2': 4 } } });
    const order = await w.order({ TEE: 3 });
    const { transfers: [transfer], shipments: [shipment] } = await placeOrder(w.ctx, order.id);
    expect(await domainError(triggerTransfer(w.ctx, transfer!.id, '_complete'))).toMatchObject({ code: 'ILLEGAL_TRANSITION', resource: 'stock_transfer', state: 'upcoming' });
    await triggerTransfer(w.ctx, transfer!.id, '_picking');
    await triggerTransfer(w.ctx, transfer!.id, '_in_transit');
    const done = await triggerTransfer(w.ctx, transfer!.id, '_complete');
    expect([done.status, done.completed_at instanceof Date]).toEqual(['completed', true]);
    expect(await level(db.kysely, w.sku.TEE!, w.location['eu-2']!)).toEqual({ onHand: 2, reserved: 0 });
    expect(await level(db.kysely, w.sku.TEE!, w.location['eu-1']!)).toEqual({ onHand: 3, reserved: 3 });
    const [s] = await shipmentsOf(db.kysely, order.id);
    expect(s?.id).toBe(shipment?.id);
    expect(s?.items.map((i) => [i.quantity, i.stock_transfer_id]).sort()).toEqual([[1, null], [2, transfer!.id]]);
    await approveOrder(w.ctx, order.id);
    expect(await level(db.kysely, w.sku.TEE!, w.location['eu-1']!)).toEqual({ onHand: 0, reserved: 0 });
    expect((await reasons(order.id)).slice(0, 2)).toEqual(['transfer_out -2', 'transfer_in 2']);
    expect((await reasons(order.id)).slice(2).sort()).toEqual(['order_approved -1', 'order_approved -2']);
  });
});
