// Everything placements decide from, read in ONE statement that also takes their locks, for
// one order or for several placed together (flows/orders/place-queue.ts):
// 1. the order rows FOR UPDATE, in id order (one writer per order);
// 2. their lines, their markets' inventory models (every column, by name: new model settings
//    arrive without touching this file), the models' locations, the lines' SKUs;
// 3. the draft (cart) holds a placement gives back: each order's own, and expired ones on
//    the candidate stock items;
// 4. the candidate stock items (the SKUs at the models' locations) and the items of those
//    holds, locked FOR UPDATE in id order — the one lock order every flow uses. Each locked
//    row is read at its latest committed version, so the quantities are current;
// 5. the destination addresses and the webhooks listening to what a placement writes.
// Sets come back as JSON arrays (one row, one round trip); numeric values arrive as numbers.
// json, not jsonb: written out as it is built, with no binary form made and printed again
// (to_jsonb and jsonb_agg were ~8 % of the database's CPU per placement, profiled with perf).
import { sql, type RawBuilder } from 'kysely';
import { notFound } from '../domain/errors.js';
import { qty, type Quantity } from '../domain/quantity.js';
import type { Destination } from '../domain/routing.js';
import type { RoutingLocation, RoutingSku, RoutingStock, RoutingStockItem } from './routing-stock.js';
import type { OrderStatus, PaymentStatus, Row } from './schema.js';
import type { Trx } from './transaction.js';

/** A row as to_json / to_jsonb return it: timestamps are ISO strings. */
export type JsonRow<T> = { readonly [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

export interface PlacementOrder {
  readonly id: string;
  readonly number: string;
  readonly status: OrderStatus;
  readonly payment_status: PaymentStatus;
  readonly market_id: string;
  readonly shipping_address_id: string | null;
}

export interface PlacementSnapshot {
  readonly order: PlacementOrder;
  readonly lines: readonly { readonly id: string; readonly sku_code: string; readonly quantity: Quantity }[];
  readonly model: JsonRow<Row<'inventory_models'>>;
  /** Availability as it is once the released holds are given back. */
  readonly stock: RoutingStock;
  /** shipping category code → id, for the SKUs of the order. */
  readonly categoryIds: ReadonlyMap<string, string>;
  readonly holds: readonly { readonly id: string; readonly stock_item_id: string; readonly quantity: Quantity }[];
  readonly destination: Destination | null;
  readonly webhooks: readonly { readonly id: string; readonly topic: string }[];
}

/** The webhook topics a placement may write events for. */
export const PLACEMENT_TOPICS = ['orders.place', 'shipments.create', 'skus.out_of_stock'] as const;

/** What planning reads of a SKU (the statement selects these columns only). */
type SnapshotSkuColumn = 'id' | 'code' | 'shipping_category_id' | 'do_not_ship' | 'do_not_track' | 'allow_backorders' | 'quantity_decimal'
  | 'min_sale_quantity' | 'max_sale_quantity' | 'quantity_increments' | 'out_of_stock_threshold';

export interface SnapshotRow {
  orders: PlacementOrder[];
  lines: { id: string; order_id: string; sku_code: string; quantity: number }[];
  models: { market_id: string; model: JsonRow<Row<'inventory_models'>> }[];
  locations: { model_id: string; isl_id: string; priority: number; on_hold: boolean; sl_id: string; code: string; enabled: boolean; lat: number | null; lng: number | null }[];
  skus: (Pick<JsonRow<Row<'skus'>>, SnapshotSkuColumn> & { shipping_category_code: string | null })[];
  items: { id: string; sku_code: string; stock_location_id: string; quantity: number; reserved_quantity: number; status: 'in_stock' | 'out_of_stock' }[];
  /** A draft hold: one of an order's own (order_id), or an expired one on a candidate item; a hold can be both (two rows). */
  holds: { id: string; stock_item_id: string; quantity: number; order_id: string | null; expired: boolean }[];
  destinations: { id: string; lat: number | null; lng: number | null; country_code: string | null; zip_code: string | null }[];
  webhooks: { id: string; topic: string }[];
}

export async function lockPlacementSnapshots(trx: Trx, orderIds: readonly string[], now: Date): Promise<PlacementSnapshots> {
  await lockOrdersQuery(orderIds).execute(trx);
  const { rows } = await placementSnapshotQuery(orderIds, now).execute(trx);
  return placementSnapshotsOf(rows[0]);
}

/**
 * Locks the orders (id order) in a statement of its own, before the snapshot. Under READ
 * COMMITTED a statement reads as of its start: had the snapshot itself waited for an order's
 * lock, it would have read the lines as they were before the holder committed its changes.
 */
export function lockOrdersQuery(orderIds: readonly string[]): RawBuilder<{ id: string }> {
  return sql<{ id: string }>`SELECT id FROM orders WHERE id = ANY(${orderIds}::text[]) ORDER BY id FOR UPDATE`;
}

/** The statement (one text for any number of orders: a prepared statement on PostgreSQL). */
export function placementSnapshotQuery(orderIds: readonly string[], now: Date): RawBuilder<SnapshotRow> {
  return sql<SnapshotRow>`-- prepared: placement_snapshot
    WITH o AS MATERIALIZED (
      SELECT id, number, status, payment_status, market_id, shipping_address_id FROM orders WHERE id = ANY(${orderIds}::text[])
      ORDER BY id FOR UPDATE),
    lines AS MATERIALIZED (
      SELECT id, order_id, sku_code, quantity, position FROM line_items WHERE order_id IN (SELECT id FROM o)),
    m AS MATERIALIZED (
      SELECT mk.id AS market_id, im.* FROM inventory_models im JOIN markets mk ON mk.inventory_model_id = im.id
      WHERE mk.id IN (SELECT market_id FROM o)),
    locs AS MATERIALIZED (
      SELECT isl.inventory_model_id AS model_id, isl.id AS isl_id, isl.priority, isl.on_hold, sl.id AS sl_id, sl.code, sl.enabled, a.lat, a.lng
      FROM inventory_stock_locations isl JOIN stock_locations sl ON sl.id = isl.stock_location_id
      LEFT JOIN addresses a ON a.id = sl.address_id
      WHERE isl.inventory_model_id IN (SELECT id FROM m)),
    s AS MATERIALIZED (
      SELECT sk.id, sk.code, sk.shipping_category_id, sc.code AS shipping_category_code, sk.do_not_ship, sk.do_not_track, sk.allow_backorders,
        sk.quantity_decimal, sk.min_sale_quantity, sk.max_sale_quantity, sk.quantity_increments, sk.out_of_stock_threshold
      FROM skus sk LEFT JOIN shipping_categories sc ON sc.id = sk.shipping_category_id
      WHERE sk.code IN (SELECT sku_code FROM lines)),
    candidates AS MATERIALIZED (
      SELECT si.id FROM stock_items si JOIN s ON s.id = si.sku_id WHERE si.stock_location_id IN (SELECT sl_id FROM locs)),
    holds AS MATERIALIZED (
      SELECT r.id, r.stock_item_id, r.quantity, l.order_id, r.expires_at <= ${now} AS expired
      FROM stock_reservations r JOIN lines l ON l.id = r.line_item_id
      WHERE r.status = 'draft'
      UNION ALL
      SELECT r.id, r.stock_item_id, r.quantity, NULL, true FROM stock_reservations r JOIN candidates c ON c.id = r.stock_item_id
      WHERE r.status = 'draft' AND r.expires_at <= ${now}),
    items AS MATERIALIZED (
      SELECT si.id, si.sku_code, si.stock_location_id, si.quantity, si.reserved_quantity, si.status FROM stock_items si
      WHERE si.id IN (SELECT id FROM candidates UNION SELECT stock_item_id FROM holds)
      ORDER BY si.id FOR UPDATE)
    SELECT
      (SELECT coalesce(json_agg(o ORDER BY id), '[]') FROM o) AS orders,
      (SELECT coalesce(json_agg(json_build_object('id', id, 'order_id', order_id, 'sku_code', sku_code, 'quantity', quantity)
        ORDER BY order_id, position, id), '[]') FROM lines) AS lines,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('market_id', m.market_id, 'model', to_jsonb(m) - 'market_id')), '[]') FROM m) AS models,
      (SELECT coalesce(json_agg(locs ORDER BY priority, code), '[]') FROM locs) AS locations,
      (SELECT coalesce(json_agg(s ORDER BY code), '[]') FROM s) AS skus,
      (SELECT coalesce(json_agg(items ORDER BY id), '[]') FROM items) AS items,
      (SELECT coalesce(json_agg(holds ORDER BY id), '[]') FROM holds) AS holds,
      (SELECT coalesce(json_agg(json_build_object('id', a.id, 'lat', a.lat, 'lng', a.lng, 'country_code', a.country_code, 'zip_code', a.zip_code)), '[]')
        FROM addresses a WHERE a.id IN (SELECT shipping_address_id FROM o)) AS destinations,
      (SELECT coalesce(json_agg(json_build_object('id', w.id, 'topic', w.topic) ORDER BY w.id), '[]') FROM webhooks w
        WHERE w.disabled_at IS NULL AND w.topic IN (${sql.join(PLACEMENT_TOPICS.map((t) => sql.lit(t)))})) AS webhooks`;
}

/**
 * The orders of one statement, each readable as if it had been locked alone, in the order
 * they are placed: an order's own draft holds are available to it only, expired holds to
 * every order, and what an order placed before it in the same transaction reserved is taken.
 */
export interface PlacementSnapshots {
  snapshot(orderId: string): PlacementSnapshot;
  /** The webhooks listening to what a placement writes. */
  readonly webhooks: readonly { readonly id: string; readonly topic: string }[];
  /** `orderId` is placed with these reservations: later snapshots see them taken and its own holds given back. */
  placed(orderId: string, reservations: readonly { readonly stockItemId: string; readonly quantity: string }[]): void;
}

export function placementSnapshotsOf(row: SnapshotRow | undefined): PlacementSnapshots {
  if (!row) throw new Error('the placement snapshot returned no row');
  const orders = new Map(row.orders.map((o) => [o.id, o]));
  const models = new Map(row.models.map((m) => [m.market_id, m.model]));
  const holds = mergedHolds(row.holds);
  /** Stock item id → quantity reserved, net of the holds given back, by orders placed so far. */
  const taken = new Map<string, number>();
  const take = (stockItemId: string, quantity: number) => taken.set(stockItemId, (taken.get(stockItemId) ?? 0) + quantity);
  return {
    webhooks: row.webhooks,
    snapshot(orderId) {
      const order = orders.get(orderId);
      if (!order) throw notFound('order', orderId);
      const model = models.get(order.market_id);
      if (!model) throw notFound('inventory_model', `of market ${order.market_id}`);
      const released = holds.filter((h) => h.expired || h.order_id === orderId);
      return snapshotOf(row, order, model, released, taken);
    },
    placed(orderId, reservations) {
      for (const r of reservations) take(r.stockItemId, qty(r.quantity));
      for (const h of holds) if (!h.expired && h.order_id === orderId) take(h.stock_item_id, -qty(h.quantity));
    },
  };
}

/** One entry per hold: a hold found both as an order's own and as expired keeps its owner. */
function mergedHolds(rows: SnapshotRow['holds']): SnapshotRow['holds'] {
  const byId = new Map<string, SnapshotRow['holds'][number]>();
  for (const h of rows) byId.set(h.id, { ...h, order_id: h.order_id ?? byId.get(h.id)?.order_id ?? null });
  return [...byId.values()];
}

function snapshotOf(
  row: SnapshotRow, order: PlacementOrder, model: JsonRow<Row<'inventory_models'>>, released: SnapshotRow['holds'], taken: ReadonlyMap<string, number>,
): PlacementSnapshot {
  const lines = row.lines.filter((l) => l.order_id === order.id).map((l) => ({ id: l.id, sku_code: l.sku_code, quantity: qty(l.quantity) }));
  const codes = new Set(lines.map((l) => l.sku_code));
  const locations: RoutingLocation[] = row.locations.filter((l) => l.model_id === model.id).map((l) => ({
    code: l.code, priority: l.priority, enabled: l.enabled, onHold: l.on_hold, lat: l.lat, lng: l.lng,
    stockLocationId: l.sl_id, inventoryStockLocationId: l.isl_id,
  }));
  const orderSkus = row.skus.filter((s) => codes.has(s.code));
  const skus: RoutingSku[] = orderSkus.map((s) => ({
    code: s.code, shippingCategory: s.shipping_category_code, doNotShip: s.do_not_ship, doNotTrack: s.do_not_track,
    allowBackorders: s.allow_backorders, id: s.id, quantityDecimal: s.quantity_decimal,
    minSaleQuantity: qty(s.min_sale_quantity), maxSaleQuantity: s.max_sale_quantity === null ? null : qty(s.max_sale_quantity),
    quantityIncrements: s.quantity_increments === null ? null : qty(s.quantity_increments),
    outOfStockThreshold: qty(s.out_of_stock_threshold),
  }));
  const holds = released.map((h) => ({ id: h.id, stock_item_id: h.stock_item_id, quantity: qty(h.quantity) }));
  const held = new Map<string, number>();
  for (const h of holds) held.set(h.stock_item_id, (held.get(h.stock_item_id) ?? 0) + h.quantity);
  const codeOf = new Map(locations.map((l) => [l.stockLocationId, l.code]));
  // Only the model's locations are candidates; a hold's item elsewhere is locked, not offered.
  const stock: RoutingStockItem[] = row.items.filter((i) => codeOf.has(i.stock_location_id) && codes.has(i.sku_code)).map((i) => ({
    location: codeOf.get(i.stock_location_id) ?? i.stock_location_id, sku: i.sku_code,
    quantity: qty(i.quantity), reserved: (qty(i.reserved_quantity) - (held.get(i.id) ?? 0) + (taken.get(i.id) ?? 0)) as Quantity, status: i.status,
    stockItemId: i.id, stockLocationId: i.stock_location_id,
  }));
  const categoryIds = new Map(orderSkus.flatMap((s) => (s.shipping_category_code && s.shipping_category_id ? [[s.shipping_category_code, s.shipping_category_id] as const] : [])));
  const d = row.destinations.find((a) => a.id === order.shipping_address_id);
  return {
    order,
    lines,
    model,
    stock: {
      locations, skus, stock, stockLocationsCutoff: model.stock_locations_cutoff, strategy: model.strategy,
      manualStockDecrement: model.manual_stock_decrement,
    },
    categoryIds,
    holds,
    destination: d ? { lat: d.lat, lng: d.lng, countryCode: d.country_code, zipCode: d.zip_code } : null,
    webhooks: row.webhooks,
  };
}
