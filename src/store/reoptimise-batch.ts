// What a batch re-optimisation reads and writes, in its one transaction.
// Read (lockBatch), locks in the order every flow uses — orders, then their shipments, then
// stock items, each set in id order:
// 1. the model's candidate orders (eligibleOrders: placed or approved, every shipment still
//    upcoming or on_hold, every tracked stock line item still holding its pending
//    reservation, no submitted source selection, no transfer, no backorder, nothing
//    shipped, not opted out with reoptimize = false), oldest placement first;
// 2. those orders FOR UPDATE, then the same test again under the lock: an order a placement,
//    approval or picking changed meanwhile has won and is skipped;
// 3. their shipments FOR UPDATE, the stock items of their SKUs at the model's locations FOR
//    UPDATE (loadRoutingStock), their lines, stock line items and pending reservations.
// Write (rewriteOrder): per changed order, its stock line items and pending reservations are
// replaced, a planned shipment at the same location and category is kept (same id and
// number), the others dropped, new ones numbered after the order's last; the reserved
// counters move by their net change in one conditional UPDATE (never above on hand).
import { sql, type ExpressionBuilder } from 'kysely';
import { qty, toDecimalString, type Quantity } from '../domain/quantity.js';
import type { Take } from '../domain/reoptimise/index.js';
import { loadRoutingStock, type RoutingStock } from './routing-stock.js';
import type { PlacementWrite } from './placement-write.js';
import { StockMoved } from './placement-write.js';
import type { Database, Row } from './schema.js';
import type { Trx } from './transaction.js';

export interface BatchOrderRow {
  readonly order: Pick<Row<'orders'>, 'id' | 'number' | 'status' | 'payment_status' | 'market_id' | 'placed_at' | 'shipping_address_id'>;
  readonly lines: readonly { readonly id: string; readonly sku_code: string; readonly quantity: Quantity }[];
  readonly destination: { lat: number | null; lng: number | null; countryCode: string | null; zipCode: string | null } | null;
  readonly shipments: readonly Row<'shipments'>[];
  readonly takes: readonly Take[];
  /** Σ pending reservations per stock item id. */
  readonly held: ReadonlyMap<string, Quantity>;
}

export interface LockedBatch {
  readonly model: Row<'inventory_models'>;
  readonly considered: number;
  readonly orders: readonly BatchOrderRow[];
  readonly stock: RoutingStock;
  readonly categoryIds: ReadonlyMap<string, string>;
}

/** Orders of the model a run may re-plan (see the header), oldest placement first. */
function eligible(eb: ExpressionBuilder<Database, 'orders'>, modelId: string) {
  const none = (q: ReturnType<typeof eb.selectFrom>) => eb.not(eb.exists(q));
  return eb.and([
    eb('orders.status', 'in', ['placed', 'approved']),
    eb('orders.reoptimize', '=', true),
    eb('orders.market_id', 'in', eb.selectFrom('markets').select('markets.id').where('markets.inventory_model_id', '=', modelId)),
    eb.exists(eb.selectFrom('shipments as s').select('s.id').whereRef('s.order_id', '=', 'orders.id')),
    none(eb.selectFrom('shipments as s').select('s.id').whereRef('s.order_id', '=', 'orders.id')
      .where((w) => w.or([w('s.status', 'not in', ['upcoming', 'on_hold']), w('s.stock_decremented', '=', true)]))),
    none(eb.selectFrom('source_selections as ss').select('ss.id').whereRef('ss.order_id', '=', 'orders.id').where('ss.status', '=', 'submitted')),
    none(eb.selectFrom('stock_transfers as t').select('t.id').whereRef('t.order_id', '=', 'orders.id')),
    none(eb.selectFrom('line_items as li').select('li.id').whereRef('li.order_id', '=', 'orders.id')
      .where((w) => w.or([w('li.backordered_quantity', '>', 0), w('li.shipped_quantity', '>', 0)]))),
    none(eb.selectFrom('stock_line_items as sli').select('sli.id').whereRef('sli.order_id', '=', 'orders.id')
      .where((w) => w.or([
        w('sli.decremented', '=', true), w('sli.stock_transfer_id', 'is not', null),
        w.and([w('sli.stock_item_id', 'is not', null), w('sli.stock_reservation_id', 'is', null)]),
      ]))),
  ]);
}

export async function lockBatch(trx: Trx, modelId: string, limit: number): Promise<LockedBatch> {
  const model = await trx.selectFrom('inventory_models').selectAll().where('id', '=', modelId).executeTakeFirstOrThrow();
  const candidates = await trx.selectFrom('orders').select('id').where((eb) => eligible(eb, modelId))
    .orderBy('placed_at').orderBy('id').limit(limit).execute();
  const ids = candidates.map((c) => c.id);
  if (ids.length === 0) return { model, considered: 0, orders: [], stock: await loadRoutingStock(trx, { inventoryModelId: modelId, skuCodes: [], lock: false }), categoryIds: new Map() };
  await trx.selectFrom('orders').select('id').where('id', 'in', ids).orderBy('id').forUpdate().execute();
  const orders = await trx.selectFrom('orders').select(['id', 'number', 'status', 'payment_status', 'market_id', 'placed_at', 'shipping_address_id'])
    .where('id', 'in', ids).where((eb) => eligible(eb, modelId)).orderBy('placed_at').orderBy('id').execute();
  const kept = orders.map((o) => o.id);
  if (kept.length === 0) return { model, considered: ids.length, orders: [], stock: await loadRoutingStock(trx, { inventoryModelId: modelId, skuCodes: [], lock: false }), categoryIds: new Map() };
  const shipments = await trx.selectFrom('shipments').selectAll().where('order_id', 'in', kept).orderBy('id').forUpdate().execute();
  const lines = await trx.selectFrom('line_items').select(['id', 'order_id', 'sku_code', 'quantity']).where('order_id', 'in', kept).orderBy('position').orderBy('id').execute();
  const stock = await loadRoutingStock(trx, { inventoryModelId: modelId, skuCodes: lines.map((l) => l.sku_code), lock: true });
  const stockLines = await trx.selectFrom('stock_line_items').select(['order_id', 'line_item_id', 'stock_item_id', 'sku_code', 'quantity'])
    .where('order_id', 'in', kept).where('stock_item_id', 'is not', null).orderBy('id').execute();
  const reservations = await trx.selectFrom('stock_reservations').select(['order_id', 'stock_item_id', 'quantity'])
    .where('order_id', 'in', kept).where('status', '=', 'pending').execute();
  const addresses = await trx.selectFrom('addresses').select(['id', 'lat', 'lng', 'country_code', 'zip_code'])
    .where('id', 'in', orders.flatMap((o) => (o.shipping_address_id ? [o.shipping_address_id] : ['']))).execute();
  const categories = await trx.selectFrom('shipping_categories').select(['id', 'code'])
    .where('code', 'in', [...new Set(stock.skus.flatMap((s) => (s.shippingCategory ? [s.shippingCategory] : [])))].concat([''])).execute();
  const itemById = new Map(stock.stock.map((s) => [s.stockItemId, s]));
  const rows: BatchOrderRow[] = [];
  for (const o of orders) {
    const mine = stockLines.filter((l) => l.order_id === o.id);
    // An order holding stock outside the model's current locations keeps its plan.
    if (mine.some((l) => !itemById.has(l.stock_item_id ?? ''))) continue;
    const held = new Map<string, Quantity>();
    for (const r of reservations.filter((x) => x.order_id === o.id)) held.set(r.stock_item_id, (held.get(r.stock_item_id) ?? 0) + qty(r.quantity) as Quantity);
    const a = addresses.find((x) => x.id === o.shipping_address_id);
    rows.push({
      order: o,
      lines: lines.filter((l) => l.order_id === o.id).map((l) => ({ id: l.id, sku_code: l.sku_code, quantity: qty(l.quantity) })),
      destination: a ? { lat: a.lat, lng: a.lng, countryCode: a.country_code, zipCode: a.zip_code } : null,
      shipments: shipments.filter((s) => s.order_id === o.id),
      takes: mine.map((l) => {
        const item = itemById.get(l.stock_item_id ?? '');
        return { line: l.line_item_id, sku: l.sku_code, location: item?.location ?? '', quantity: qty(l.quantity) };
      }),
      held,
    });
  }
  return { model, considered: ids.length, orders: rows, stock, categoryIds: new Map(categories.map((c) => [c.code, c.id])) };
}

export interface OrderRewrite {
  readonly order: BatchOrderRow;
  /** What placementWrite laid out for the new plan (shipments, stock lines, reservations). */
  readonly write: PlacementWrite;
}

export interface Rewritten {
  readonly kept: readonly Row<'shipments'>[];
  readonly created: readonly { id: string; number: string; stockLocationId: string; status: string }[];
  readonly dropped: readonly Row<'shipments'>[];
}

/** Replaces one order's plan (see the header); the caller moves the reserved counters once for the batch (moveReserved). */
export async function rewriteOrder(trx: Trx, { order, write }: OrderRewrite, now: Date): Promise<Rewritten> {
  const olds = [...order.shipments];
  const lastNumber = Math.max(0, ...olds.map((s) => Number(/\/S\/(\d+)$/.exec(s.number)?.[1] ?? 0)));
  let next = lastNumber;
  const rename = new Map<string, string>();
  const kept: Row<'shipments'>[] = [];
  const created: Rewritten['created'][number][] = [];
  const inserts = write.shipments.flatMap((s) => {
    const i = olds.findIndex((o) => o.stock_location_id === s.stockLocationId && o.shipping_category_id === s.shippingCategoryId);
    if (i >= 0) {
      const old = olds.splice(i, 1)[0] as Row<'shipments'>;
      rename.set(s.id, old.id);
      kept.push(old);
      return [];
    }
    const number = `${order.order.number}/S/${++next}`;
    created.push({ id: s.id, number, stockLocationId: s.stockLocationId, status: s.status });
    return [{ ...s, number }];
  });
  await trx.deleteFrom('stock_line_items').where('order_id', '=', order.order.id).execute();
  await trx.deleteFrom('stock_reservations').where('order_id', '=', order.order.id).where('status', '=', 'pending').execute();
  if (olds.length > 0) await trx.deleteFrom('shipments').where('id', 'in', olds.map((s) => s.id)).execute();
  if (inserts.length > 0) {
    await trx.insertInto('shipments').values(inserts.map((s) => ({
      id: s.id, number: s.number, order_id: order.order.id, stock_location_id: s.stockLocationId, inventory_stock_location_id: s.inventoryStockLocationId,
      shipping_category_id: s.shippingCategoryId, status: s.status, upcoming_at: s.status === 'upcoming' ? now : null, on_hold_at: s.status === 'on_hold' ? now : null,
      updated_at: now, metadata: '{}',
    }))).execute();
  }
  if (kept.length > 0) await trx.updateTable('shipments').set({ updated_at: now }).where('id', 'in', kept.map((s) => s.id)).execute();
  if (write.reservations.length > 0) {
    await trx.insertInto('stock_reservations').values(write.reservations.map((r) => ({
      id: r.id, stock_item_id: r.stockItemId, order_id: order.order.id, line_item_id: r.lineItemId, status: 'pending' as const, quantity: r.quantity, metadata: '{}',
    }))).execute();
  }
  if (write.stockLines.length > 0) {
    await trx.insertInto('stock_line_items').values(write.stockLines.map((l) => ({
      id: l.id, order_id: order.order.id, line_item_id: l.lineItemId, shipment_id: l.shipmentId === null ? null : (rename.get(l.shipmentId) ?? l.shipmentId),
      stock_location_id: l.stockLocationId, stock_item_id: l.stockItemId, stock_reservation_id: l.reservationId, sku_code: l.skuCode, quantity: l.quantity, metadata: '{}',
    }))).execute();
  }
  return { kept, created, dropped: olds };
}

/**
 * Moves reserved_quantity by each item's net change in one statement, only where an increase
 * still fits under on hand (and the item is in_stock); any refusal rolls the batch back.
 */
export async function moveReserved(trx: Trx, deltas: ReadonlyMap<string, Quantity>): Promise<void> {
  const changes = [...deltas].filter(([, d]) => d !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (changes.length === 0) return;
  const { rows } = await sql<{ id: string }>`
    UPDATE stock_items si SET reserved_quantity = si.reserved_quantity + c.delta, updated_at = now()
    FROM unnest(${changes.map(([id]) => id)}::text[], ${changes.map(([, d]) => toDecimalString(d))}::numeric[]) AS c(id, delta)
    WHERE si.id = c.id AND (c.delta <= 0 OR (si.status = 'in_stock' AND si.quantity - si.reserved_quantity >= c.delta))
    RETURNING si.id`.execute(trx);
  if (rows.length !== changes.length) throw new StockMoved(changes.length, rows.length);
}
