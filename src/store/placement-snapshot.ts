// Everything a placement decides from, read in ONE statement that also takes its locks:
// 1. the order row FOR UPDATE (one writer per order);
// 2. its lines, its market's inventory model (every column, by name: new model settings
//    arrive without touching this file), the model's locations, the lines' SKUs;
// 3. the draft (cart) holds the placement gives back: the order's own, and expired ones on
//    the candidate stock items;
// 4. the candidate stock items (the SKUs at the model's locations) and the items of those
//    holds, locked FOR UPDATE in id order — the one lock order every flow uses. Each locked
//    row is read at its latest committed version, so the quantities are current;
// 5. the destination address and the webhooks listening to what a placement writes.
// Sets come back as JSON arrays (one row, one round trip); numeric values arrive as numbers.
import { sql, type RawBuilder } from 'kysely';
import { notFound } from '../domain/errors.js';
import { qty, type Quantity } from '../domain/quantity.js';
import type { Destination } from '../domain/routing.js';
import type { RoutingLocation, RoutingSku, RoutingStock, RoutingStockItem } from './routing-stock.js';
import type { OrderStatus, PaymentStatus, Row } from './schema.js';
import type { Trx } from './transaction.js';

/** A row as to_jsonb returns it: timestamps are ISO strings. */
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

export interface SnapshotRow {
  order: PlacementOrder | null;
  lines: { id: string; sku_code: string; quantity: number }[];
  model: JsonRow<Row<'inventory_models'>> | null;
  locations: { isl_id: string; priority: number; on_hold: boolean; sl_id: string; code: string; enabled: boolean; lat: number | null; lng: number | null }[];
  skus: (JsonRow<Row<'skus'>> & { shipping_category_code: string | null })[];
  items: { id: string; sku_code: string; stock_location_id: string; quantity: number; reserved_quantity: number; status: 'in_stock' | 'out_of_stock' }[];
  holds: { id: string; stock_item_id: string; quantity: number }[];
  destination: { lat: number | null; lng: number | null; country_code: string | null; zip_code: string | null } | null;
  webhooks: { id: string; topic: string }[];
}

export async function lockPlacementSnapshot(trx: Trx, orderId: string, now: Date): Promise<PlacementSnapshot> {
  const { rows } = await placementSnapshotQuery(orderId, now).execute(trx);
  return placementSnapshotOf(rows[0], orderId);
}

/** The statement (one text for every order: a prepared statement on PostgreSQL). */
export function placementSnapshotQuery(orderId: string, now: Date): RawBuilder<SnapshotRow> {
  return sql<SnapshotRow>`-- prepared: placement_snapshot
    WITH o AS MATERIALIZED (
      SELECT id, number, status, payment_status, market_id, shipping_address_id FROM orders WHERE id = ${orderId} FOR UPDATE),
    lines AS MATERIALIZED (
      SELECT id, sku_code, quantity, position FROM line_items WHERE order_id = (SELECT id FROM o)),
    m AS MATERIALIZED (
      SELECT im.* FROM inventory_models im JOIN markets mk ON mk.inventory_model_id = im.id WHERE mk.id = (SELECT market_id FROM o)),
    locs AS MATERIALIZED (
      SELECT isl.id AS isl_id, isl.priority, isl.on_hold, sl.id AS sl_id, sl.code, sl.enabled, a.lat, a.lng
      FROM inventory_stock_locations isl JOIN stock_locations sl ON sl.id = isl.stock_location_id
      LEFT JOIN addresses a ON a.id = sl.address_id
      WHERE isl.inventory_model_id = (SELECT id FROM m)),
    s AS MATERIALIZED (
      SELECT sk.*, sc.code AS shipping_category_code FROM skus sk LEFT JOIN shipping_categories sc ON sc.id = sk.shipping_category_id
      WHERE sk.code IN (SELECT sku_code FROM lines)),
    candidates AS MATERIALIZED (
      SELECT si.id FROM stock_items si JOIN s ON s.id = si.sku_id JOIN locs ON locs.sl_id = si.stock_location_id),
    holds AS MATERIALIZED (
      SELECT r.id, r.stock_item_id, r.quantity FROM stock_reservations r JOIN lines l ON l.id = r.line_item_id
      WHERE r.status = 'draft'
      UNION
      SELECT r.id, r.stock_item_id, r.quantity FROM stock_reservations r JOIN candidates c ON c.id = r.stock_item_id
      WHERE r.status = 'draft' AND r.expires_at <= ${now}),
    items AS MATERIALIZED (
      SELECT si.id, si.sku_code, si.stock_location_id, si.quantity, si.reserved_quantity, si.status FROM stock_items si
      WHERE si.id IN (SELECT id FROM candidates UNION SELECT stock_item_id FROM holds)
      ORDER BY si.id FOR UPDATE)
    SELECT
      (SELECT to_jsonb(o) FROM o) AS "order",
      (SELECT coalesce(jsonb_agg(jsonb_build_object('id', id, 'sku_code', sku_code, 'quantity', quantity) ORDER BY position, id), '[]') FROM lines) AS lines,
      (SELECT to_jsonb(m) FROM m) AS model,
      (SELECT coalesce(jsonb_agg(to_jsonb(locs) ORDER BY priority, code), '[]') FROM locs) AS locations,
      (SELECT coalesce(jsonb_agg(to_jsonb(s) ORDER BY code), '[]') FROM s) AS skus,
      (SELECT coalesce(jsonb_agg(to_jsonb(items) ORDER BY id), '[]') FROM items) AS items,
      (SELECT coalesce(jsonb_agg(to_jsonb(holds) ORDER BY id), '[]') FROM holds) AS holds,
      (SELECT jsonb_build_object('lat', a.lat, 'lng', a.lng, 'country_code', a.country_code, 'zip_code', a.zip_code)
        FROM addresses a WHERE a.id = (SELECT shipping_address_id FROM o)) AS destination,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('id', w.id, 'topic', w.topic) ORDER BY w.id), '[]') FROM webhooks w
        WHERE w.disabled_at IS NULL AND w.topic IN (${sql.join(PLACEMENT_TOPICS.map((t) => sql.lit(t)))})) AS webhooks`;
}

/** The snapshot from the statement's one row. */
export function placementSnapshotOf(row: SnapshotRow | undefined, orderId: string): PlacementSnapshot {
  if (!row?.order) throw notFound('order', orderId);
  if (!row.model) throw notFound('inventory_model', `of market ${row.order.market_id}`);
  return snapshotOf(row, row.order, row.model);
}

function snapshotOf(row: SnapshotRow, order: PlacementOrder, model: JsonRow<Row<'inventory_models'>>): PlacementSnapshot {
  const locations: RoutingLocation[] = row.locations.map((l) => ({
    code: l.code, priority: l.priority, enabled: l.enabled, onHold: l.on_hold, lat: l.lat, lng: l.lng,
    stockLocationId: l.sl_id, inventoryStockLocationId: l.isl_id,
  }));
  const skus: RoutingSku[] = row.skus.map((s) => ({
    code: s.code, shippingCategory: s.shipping_category_code, doNotShip: s.do_not_ship, doNotTrack: s.do_not_track,
    allowBackorders: s.allow_backorders, id: s.id, quantityDecimal: s.quantity_decimal,
    minSaleQuantity: qty(s.min_sale_quantity), maxSaleQuantity: s.max_sale_quantity === null ? null : qty(s.max_sale_quantity),
    quantityIncrements: s.quantity_increments === null ? null : qty(s.quantity_increments),
    outOfStockThreshold: qty(s.out_of_stock_threshold),
  }));
  const holds = row.holds.map((h) => ({ id: h.id, stock_item_id: h.stock_item_id, quantity: qty(h.quantity) }));
  const held = new Map<string, number>();
  for (const h of holds) held.set(h.stock_item_id, (held.get(h.stock_item_id) ?? 0) + h.quantity);
  const codeOf = new Map(locations.map((l) => [l.stockLocationId, l.code]));
  // Only the model's locations are candidates; a hold's item elsewhere is locked, not offered.
  const stock: RoutingStockItem[] = row.items.filter((i) => codeOf.has(i.stock_location_id)).map((i) => ({
    location: codeOf.get(i.stock_location_id) ?? i.stock_location_id, sku: i.sku_code,
    quantity: qty(i.quantity), reserved: (qty(i.reserved_quantity) - (held.get(i.id) ?? 0)) as Quantity, status: i.status,
    stockItemId: i.id, stockLocationId: i.stock_location_id,
  }));
  const categoryIds = new Map(row.skus.flatMap((s) => (s.shipping_category_code && s.shipping_category_id ? [[s.shipping_category_code, s.shipping_category_id] as const] : [])));
  const d = row.destination;
  return {
    order,
    lines: row.lines.map((l) => ({ id: l.id, sku_code: l.sku_code, quantity: qty(l.quantity) })),
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
