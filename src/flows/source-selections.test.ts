import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SelectionItem } from '../domain/ledger/selection-items.js';
import { enginesUnderTest, openTestDb, type TestDb } from '../store/test-support/engines.js';
import { checkInvariants } from './check.js';
import { placeOrder } from './orders/place.js';
import { triggerShipment } from './shipments.js';
import { createSourceSelection, shipFromSingleSource, submitSourceSelection, updateSourceSelectionItems } from './source-selections.js';
import { updateStockItem } from './stock-items.js';
import { aWorld, domainError, level, shipmentsOf } from './test-support/order-world.js';

describe.each(enginesUnderTest())('shipping the Magento way (source selections) on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => { db = await openTestDb(engine); });
  afterAll(async () => { await db.close(); });

  // eu-1 is the primary but far from the customer (Lisbon); eu-2 is close (Milan, customer in Turin).
  const magento = () => aWorld(db, {
    locations: { 'eu-1': { lat: 38.72, lng: -9.14 }, 'eu-2': { lat: 45.46, lng: 9.19 } },
    model: { strategy: 'split_shipments', manual_stock_decrement: true },
    skus: { TEE: { allow_backorders: true } },
    stock: { TEE: { 'eu-1': 3, 'eu-2': 4 } },
  });
  const turin = { city: 'Torino', country_code: 'IT', lat: 45.07, lng: 7.69 };

  it('proposes by priority then by distance, edits across two locations, submits two shipments and ships the rest when stock arrives', async () => {
    const w = await magento();
    const [eu1, eu2] = [w.location['eu-1']!, w.location['eu-2']!];
    const order = await w.order({ TEE: 10 }, { paymentStatus: 'paid', shippingAddress: turin });
    await placeOrder(w.ctx, order.id);

    const byPriority = await createSourceSelection(w.ctx, { orderId: order.id });
    const items = byPriority.items as SelectionItem[];
    expect([byPriority.algorithm_used, byPriority.shippable, byPriority.status]).toEqual(['priority', false, 'proposed']);
    expect(items.map((i) => [i.quantity, i.shortfall, i.sources.map((s) => [s.stock_location_code, s.quantity_available, s.quantity_to_deduct])])).toEqual([
      [10, 3, [[eu1.code, 3, 3], [eu2.code, 4, 4]]],
    ]);

    const byDistance = await createSourceSelection(w.ctx, { orderId: order.id, algorithm: 'distance' });
    const near = (byDistance.items as SelectionItem[])[0]!.sources;
    expect(byDistance.algorithm_used).toBe('distance');
    expect(near.map((s) => s.stock_location_code)).toEqual([eu2.code, eu1.code]);
    expect(near[0]!.distance_m).toBeGreaterThan(100_000);
    expect(near[0]!.distance_m).toBeLessThan(near[1]!.distance_m!);

    const invalid = await domainError(updateSourceSelectionItems(w.ctx, byPriority.id, [{ sources: [{ stock_location_code: eu1.code, quantity_to_deduct: 1 }, { stock_location_code: eu2.code, quantity_to_deduct: 5 }] }]));
    expect(invalid).toMatchObject({ code: 'VALIDATION_ERROR', field: 'items/0/sources/1/quantity_to_deduct', message: `${eu2.code} has 4 available to this order, not 5` });
    const edited = await updateSourceSelectionItems(w.ctx, byPriority.id, [{ sources: [{ stock_location_code: eu1.code, quantity_to_deduct: 2 }, { stock_location_code: eu2.code, quantity_to_deduct: 4 }] }]);
    expect((edited.items as SelectionItem[])[0]!.shortfall).toBe(4);

    const { selection, shipments } = await submitSourceSelection(w.ctx, byPriority.id);
    expect(selection.status).toBe('submitted');
    expect(shipments.map((s) => [s.stock_location_id, s.status, s.stock_decremented, s.source_selection_id])).toEqual([
      [eu1.id, 'upcoming', true, byPriority.id], [eu2.id, 'upcoming', true, byPriority.id],
    ]);
    expect(await level(db.kysely, w.sku.TEE!, eu1)).toEqual({ onHand: 1, reserved: 1 });
    expect(await level(db.kysely, w.sku.TEE!, eu2)).toEqual({ onHand: 0, reserved: 0 });
    const movements = await db.kysely.selectFrom('stock_movements').select(['reason', 'delta']).where('order_id', '=', order.id).orderBy('seq').execute();
    expect(movements.map((m) => `${m.reason} ${m.delta}`)).toEqual(['source_selection -2', 'source_selection -4']);
    expect(await domainError(submitSourceSelection(w.ctx, byPriority.id))).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'submitted' });

    const item = await db.kysely.selectFrom('stock_items').select('id').where('sku_id', '=', w.sku.TEE!.id).where('stock_location_id', '=', eu2.id).executeTakeFirstOrThrow();
    await updateStockItem(w.ctx, item.id, { delta: 5, reason: 'adjustment' });
    const line = await db.kysely.selectFrom('line_items').selectAll().where('order_id', '=', order.id).executeTakeFirstOrThrow();
    expect(line.backordered_quantity).toBe(0);
    expect(await level(db.kysely, w.sku.TEE!, eu2)).toEqual({ onHand: 5, reserved: 3 });

    const rest = await createSourceSelection(w.ctx, { orderId: order.id });
    expect((rest.items as SelectionItem[]).map((i) => [i.quantity, i.shortfall, i.sources.map((s) => [s.quantity_available, s.quantity_to_deduct])])).toEqual([[4, 0, [[1, 1], [5, 3]]]]);
    await submitSourceSelection(w.ctx, rest.id);
    for (const s of await shipmentsOf(db.kysely, order.id)) {
      if (s.status === 'cancelled') continue;
      for (const t of ['_picking', '_packing', '_ready_to_ship', '_ship']) await triggerShipment(w.ctx, s.id, t);
    }
    const shipped = await db.kysely.selectFrom('line_items').select('shipped_quantity').where('id', '=', line.id).executeTakeFirstOrThrow();
    expect(shipped.shipped_quantity).toBe(10);
    expect(await level(db.kysely, w.sku.TEE!, eu1)).toEqual({ onHand: 0, reserved: 0 });
    expect(await level(db.kysely, w.sku.TEE!, eu2)).toEqual({ onHand: 2, reserved: 0 });
    expect(await checkInvariants(db)).toEqual([]);
  });

  it('ships only placed, paid orders', async () => {
    const w = await magento();
    const unpaid = await w.order({ TEE: 1 }, { paymentStatus: 'authorized' });
    await placeOrder(w.ctx, unpaid.id);
    expect(await domainError(createSourceSelection(w.ctx, { orderId: unpaid.id }))).toMatchObject({ code: 'VALIDATION_ERROR', field: 'order', message: expect.stringContaining('not paid') as string });
    const draft = await w.order({ TEE: 1 }, { paymentStatus: 'paid' });
    expect(await domainError(createSourceSelection(w.ctx, { orderId: draft.id }))).toMatchObject({ code: 'ILLEGAL_TRANSITION', state: 'draft' });
  });

  it('a dry run proposes for SKU quantities with no order and cannot be submitted', async () => {
    const w = await magento();
    const dry = await createSourceSelection(w.ctx, { inventoryModelId: w.model.id, items: [{ skuCode: w.sku.TEE!.code, quantity: 5 }], shippingAddress: turin, algorithm: 'distance', distanceMode: 'walking' });
    expect([dry.order_id, dry.distance_mode, dry.algorithm_used]).toEqual([null, 'walking', 'distance']);
    expect((dry.items as SelectionItem[])[0]!.sources.map((s) => [s.stock_location_code, s.quantity_to_deduct])).toEqual([[w.location['eu-2']!.code, 4], [w.location['eu-1']!.code, 1]]);
    expect(await domainError(submitSourceSelection(w.ctx, dry.id))).toMatchObject({ code: 'VALIDATION_ERROR', field: 'order' });
    expect(await domainError(createSourceSelection(w.ctx, { inventoryModelId: w.model.id, items: [{ skuCode: 'NOPE', quantity: 1 }] }))).toMatchObject({ field: 'items/0/sku_code' });
    expect(await domainError(createSourceSelection(w.ctx, { inventoryModelId: w.model.id, items: [{ skuCode: w.sku.TEE!.code, quantity: -1 }] }))).toMatchObject({ field: 'items/0/quantity' });
  });

  it('falls back to priority, saying why, when the address has no coordinates', async () => {
    const w = await magento();
    const order = await w.order({ TEE: 1 }, { paymentStatus: 'free', shippingAddress: { city: 'Nowhere', country_code: 'ZZ' } });
    await placeOrder(w.ctx, order.id);
    const s = await createSourceSelection(w.ctx, { orderId: order.id, algorithm: 'distance' });
    expect([s.algorithm, s.algorithm_used]).toEqual(['distance', 'priority']);
    expect(s.fallback_reason).toContain('coordinates');
  });

  it('single source: ships straight from the only enabled location', async () => {
    const w = await aWorld(db, { locations: { 'eu-1': {}, 'eu-2': { enabled: false } }, model: { manual_stock_decrement: true }, stock: { TEE: { 'eu-1': 5 } } });
    const order = await w.order({ TEE: 2 }, { paymentStatus: 'paid' });
    await placeOrder(w.ctx, order.id);
    const [planned] = await shipmentsOf(db.kysely, order.id);
    const { shipments } = await shipFromSingleSource(w.ctx, order.id);
    expect(shipments.map((s) => [s.stock_location_id, s.stock_decremented])).toEqual([[w.location['eu-1']!.id, true]]);
    expect(await level(db.kysely, w.sku.TEE!, w.location['eu-1']!)).toEqual({ onHand: 3, reserved: 0 });
    // The planned shipment became the real one: no empty cancelled row beside it.
    expect((await shipmentsOf(db.kysely, order.id)).map((s) => [s.id, s.status])).toEqual([[planned!.id, 'upcoming']]);
    const two = await magento();
    const other = await two.order({ TEE: 1 }, { paymentStatus: 'paid' });
    await placeOrder(two.ctx, other.id);
    expect(await domainError(shipFromSingleSource(two.ctx, other.id))).toMatchObject({ code: 'VALIDATION_ERROR', message: expect.stringContaining('2 enabled locations') as string });
  });
});
