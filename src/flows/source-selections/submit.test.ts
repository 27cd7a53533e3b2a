import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SelectionItem } from '../../domain/ledger/selection-items.js';
import { enginesUnderTest, openTestDb, type TestDb } from '../../store/test-support/engines.js';
import { checkInvariants } from '../check.js';
import { placeOrder } from '../orders/place.js';
import { triggerShipment } from '../shipments.js';
import { createSourceSelection, submitSourceSelection, updateSourceSelectionItems } from '../source-selections.js';
import { aWorld, level, shipmentsOf, type World } from '../test-support/order-world.js';

describe.each(enginesUnderTest())('a submitted source selection reshapes the planned shipments on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => { db = await openTestDb(engine); });
  afterAll(async () => { await db.close(); });

  const shipAll = async (w: World, orderId: string) => {
    for (const s of await shipmentsOf(db.kysely, orderId)) {
      for (const t of ['_picking', '_packing', '_ready_to_ship', '_ship']) await triggerShipment(w.ctx, s.id, t);
    }
  };
  const category = async (id: string | null) => (id === null ? null : (await db.kysely.selectFrom('shipping_categories').select('code').where('id', '=', id).executeTakeFirstOrThrow()).code.replace(/^.*-/, ''));

  it('a two-source order ends with exactly the real shipments, per location × category, do_not_track lines shipped', async () => {
    const w = await aWorld(db, {
      locations: { 'eu-1': {}, 'eu-2': {} },
      model: { strategy: 'split_shipments', manual_stock_decrement: true },
      skus: { TEE: { category: 'apparel' }, MUG: { category: 'fragile' }, CARD: { category: 'apparel', do_not_track: true } },
      stock: { TEE: { 'eu-1': 2, 'eu-2': 3 }, MUG: { 'eu-1': 1 } },
    });
    const order = await w.order({ TEE: 5, MUG: 1, CARD: 1 }, { paymentStatus: 'paid' });
    await placeOrder(w.ctx, order.id);
    const planned = await shipmentsOf(db.kysely, order.id);
    expect(planned).toHaveLength(3);

    const selection = await createSourceSelection(w.ctx, { orderId: order.id });
    expect((selection.items as SelectionItem[]).map((i) => [i.sku_code, i.quantity])).toEqual([[w.sku.TEE!.code, 5], [w.sku.MUG!.code, 1], [w.sku.CARD!.code, 1]]);
    const { shipments } = await submitSourceSelection(w.ctx, selection.id);

    const after = await shipmentsOf(db.kysely, order.id);
    expect(after.map((s) => s.status)).toEqual(['upcoming', 'upcoming', 'upcoming']);
    expect(after.map((s) => s.id).sort()).toEqual(planned.map((s) => s.id).sort());
    expect(shipments.map((s) => s.id).sort()).toEqual(after.map((s) => s.id).sort());
    const shape = await Promise.all(after.map(async (s) => [
      s.stock_location_id === w.location['eu-1']!.id ? 'eu-1' : 'eu-2', await category(s.shipping_category_id), s.source_selection_id, s.stock_decremented,
      s.items.map((i) => [i.sku_code.replace(/^.*-/, ''), i.quantity, i.decremented]),
    ]));
    expect(shape).toEqual([
      ['eu-1', 'apparel', selection.id, true, [['TEE', 2, true], ['CARD', 1, true]]],
      ['eu-1', 'fragile', selection.id, true, [['MUG', 1, true]]],
      ['eu-2', 'apparel', selection.id, true, [['TEE', 3, true]]],
    ].map(([loc, cat, sel, dec, items]) => [loc, cat, sel, dec, expect.arrayContaining(items as unknown[])]));
    expect(await db.kysely.selectFrom('stock_line_items').select('id').where('order_id', '=', order.id).where('shipment_id', 'is', null).execute()).toEqual([]);

    await shipAll(w, order.id);
    const lines = await db.kysely.selectFrom('line_items').select(['sku_code', 'shipped_quantity']).where('order_id', '=', order.id).orderBy('position').execute();
    expect(lines.map((l) => l.shipped_quantity)).toEqual([5, 1, 1]);
    expect((await db.kysely.selectFrom('orders').select('fulfillment_status').where('id', '=', order.id).executeTakeFirstOrThrow()).fulfillment_status).toBe('fulfilled');
    // A later selection has nothing left to ship: the do_not_track line is not offered again.
    const none = await createSourceSelection(w.ctx, { orderId: order.id });
    expect(none.items).toEqual([]);
    expect(await checkInvariants(db)).toEqual([]);
  });

  // eu-1 is the primary but short, so placement splits TEE over eu-1 (2) and eu-2 (2).
  const split = () => aWorld(db, {
    locations: { 'eu-1': {}, 'eu-2': {} },
    model: { strategy: 'split_shipments', manual_stock_decrement: true },
    skus: { TEE: { category: 'apparel' } },
    stock: { TEE: { 'eu-1': 2, 'eu-2': 5 } },
  });
  const deduct = (w: World, eu1: number, eu2: number) => [{ sources: [{ stock_location_code: w.location['eu-1']!.code, quantity_to_deduct: eu1 }, { stock_location_code: w.location['eu-2']!.code, quantity_to_deduct: eu2 }] }];

  it('drops a planned shipment the merchant no longer ships from, releasing what it held', async () => {
    const w = await split();
    const order = await w.order({ TEE: 4 }, { paymentStatus: 'paid' });
    await placeOrder(w.ctx, order.id);
    const planned = await shipmentsOf(db.kysely, order.id);
    expect(planned.map((s) => s.items.map((i) => i.quantity))).toEqual([[2], [2]]);
    const selection = await createSourceSelection(w.ctx, { orderId: order.id });
    await updateSourceSelectionItems(w.ctx, selection.id, deduct(w, 0, 4));
    await submitSourceSelection(w.ctx, selection.id);

    const after = await shipmentsOf(db.kysely, order.id);
    expect(after.map((s) => [s.id, s.status, s.items.map((i) => [i.quantity, i.decremented])])).toEqual([[planned[1]!.id, 'upcoming', [[4, true]]]]);
    expect(await level(db.kysely, w.sku.TEE!, w.location['eu-1']!)).toEqual({ onHand: 2, reserved: 0 });
    expect(await level(db.kysely, w.sku.TEE!, w.location['eu-2']!)).toEqual({ onHand: 1, reserved: 0 });
    const movements = await db.kysely.selectFrom('stock_movements').select(['reason', 'delta', 'shipment_id']).where('order_id', '=', order.id).execute();
    // 2 from the order's own hold at eu-2, 2 from free stock there (its hold at eu-1 released).
    expect(movements).toEqual([1, 2].map(() => ({ reason: 'source_selection', delta: -2, shipment_id: planned[1]!.id })));
    expect(await checkInvariants(db)).toEqual([]);
  });

  it('a partial submit keeps the rest held without a shipment; the next submit ships it in a new, well-numbered shipment', async () => {
    const w = await split();
    const order = await w.order({ TEE: 4 }, { paymentStatus: 'paid' });
    await placeOrder(w.ctx, order.id);
    const first = await createSourceSelection(w.ctx, { orderId: order.id });
    await updateSourceSelectionItems(w.ctx, first.id, deduct(w, 1, 2));
    await submitSourceSelection(w.ctx, first.id);

    const after = await shipmentsOf(db.kysely, order.id);
    expect(after.map((s) => [s.number, s.status, s.items.map((i) => [i.quantity, i.decremented])])).toEqual([
      [`${order.number}/S/1`, 'upcoming', [[1, true]]], [`${order.number}/S/2`, 'upcoming', [[2, true]]],
    ]);
    const held = await db.kysely.selectFrom('stock_line_items').select(['quantity', 'shipment_id', 'decremented']).where('order_id', '=', order.id).where('shipment_id', 'is', null).execute();
    expect(held).toEqual([{ quantity: 1, shipment_id: null, decremented: false }]);
    expect(await level(db.kysely, w.sku.TEE!, w.location['eu-1']!)).toEqual({ onHand: 1, reserved: 1 });

    const rest = await createSourceSelection(w.ctx, { orderId: order.id });
    expect((rest.items as SelectionItem[]).map((i) => [i.quantity, i.sources.map((s) => s.quantity_to_deduct)])).toEqual([[1, [1, 0]]]);
    await submitSourceSelection(w.ctx, rest.id);
    const all = await shipmentsOf(db.kysely, order.id);
    expect(all.map((s) => [s.number, s.status])).toEqual([[`${order.number}/S/1`, 'upcoming'], [`${order.number}/S/2`, 'upcoming'], [`${order.number}/S/3`, 'upcoming']]);
    await shipAll(w, order.id);
    const line = await db.kysely.selectFrom('line_items').select('shipped_quantity').where('order_id', '=', order.id).executeTakeFirstOrThrow();
    expect(line.shipped_quantity).toBe(4);
    expect(await checkInvariants(db)).toEqual([]);
  });
});
