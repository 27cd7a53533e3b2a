// Writes whole placements, of one order or of several placed together, in ONE statement
// (data-modifying CTEs over unnest()ed arrays, so the SQL text is the same whatever is
// written and PostgreSQL can keep its plan); every row carries the id of its order:
// - releases the draft holds the placements give back, and inserts the pending reservations;
// - moves every touched stock item's reserved_quantity by its net change in one UPDATE,
//   only where that much is still available (and in_stock where something is reserved);
// - inserts shipments, stock line items and stock transfers, sets backordered quantities,
//   marks the orders placed and writes the webhook events (transactional outbox).
// Most batches transfer nothing, backorder nothing and have no webhook listening: they run
// `placement_write_plain`, the same statement without those three steps. PostgreSQL starts
// up every step of a statement, empty or not (opening each table and its indexes): the plain
// one cost the database ~6 % less CPU per placement (bench/place-profile.ts, 0.78 against
// 0.83 ms, alternating runs), and both keep one text for any number of orders.
// The caller holds the locks (placement-snapshot.ts); the conditional UPDATE is the
// last guard: if any item refuses, the statement itself fails with 40001 (migration 006's
// stockroute_placement_guard), so nothing of it stays, even when COMMIT was sent with it,
// and the placement is retried.
import { sql, type RawBuilder } from 'kysely';
import type { OrderStatus, PaymentStatus, Row } from './schema.js';
import type { Trx } from './transaction.js';

type Id = string;
/** A quantity as a decimal string (numeric(18,4)). */
type Decimal = string;

export interface PlacementWrite {
  readonly orderId: Id;
  readonly status: OrderStatus;
  readonly paymentStatus: PaymentStatus;
  readonly now: Date;
  /** Draft hold ids to release. */
  readonly release: readonly Id[];
  readonly reservations: readonly { id: Id; stockItemId: Id; lineItemId: Id; quantity: Decimal }[];
  readonly shipments: readonly {
    id: Id; number: string; stockLocationId: Id; inventoryStockLocationId: Id; shippingCategoryId: Id | null; status: 'upcoming' | 'on_hold';
  }[];
  readonly stockLines: readonly {
    id: Id; lineItemId: Id; shipmentId: Id | null; stockLocationId: Id; stockItemId: Id | null; reservationId: Id | null; skuCode: string; quantity: Decimal;
  }[];
  readonly transfers: readonly {
    id: Id; number: string; skuId: Id; skuCode: string; quantity: Decimal; status: 'upcoming' | 'on_hold'; originId: Id; destinationId: Id;
    shipmentId: Id | null; lineItemId: Id; reservationId: Id | null;
  }[];
  readonly backorders: readonly { lineItemId: Id; quantity: Decimal }[];
  /** Outbox rows; payload is JSON text. */
  readonly events: readonly { id: Id; webhookId: Id; topic: string; payload: string }[];
  /** When the events become due (wall clock, like every other outbox row). */
  readonly enqueuedAt: Date;
}

export interface PlacementWritten {
  readonly order: Row<'orders'>;
  readonly shipments: Row<'shipments'>[];
  readonly transfers: Row<'stock_transfers'>[];
}

/** A locked stock item refused its change: something moved it; the transaction runs again (batch re-optimisation). */
export class StockMoved extends Error {
  /** A serialisation failure for inTransaction, which retries it. */
  readonly code = '40001';
  constructor(expected: number, made: number) {
    super(`${expected - made} of ${expected} locked stock items no longer had the planned availability`);
  }
}

const col = <T, V>(rows: readonly T[], pick: (row: T) => V): V[] => rows.map(pick);

export interface WrittenRow extends Row<'orders'> {
  /** stockroute_placement_guard's answer: the statement fails (40001) unless every item took its change. */
  changes_made: number;
  new_shipments: Record<string, unknown>[];
  new_transfers: Record<string, unknown>[];
}

export async function writePlacements(trx: Trx, ws: readonly PlacementWrite[]): Promise<Map<string, PlacementWritten>> {
  const { rows } = await placementWriteQuery(ws).execute(trx);
  return placementsWrittenOf(rows, ws);
}

/** Each row of `rows` with the id of the order it belongs to (the statement's rows carry it). */
const owned = <T>(ws: readonly PlacementWrite[], rows: (w: PlacementWrite) => readonly T[]) =>
  ws.flatMap((w) => rows(w).map((row) => ({ ...row, orderId: w.orderId })));

/**
 * The statement (one text for any number of placements: a prepared statement on PostgreSQL);
 * without the transfer, backorder and event steps when none of the placements has any.
 */
export function placementWriteQuery(ws: readonly PlacementWrite[]): RawBuilder<WrittenRow> {
  const r = owned(ws, (w) => w.reservations);
  const s = owned(ws, (w) => w.shipments);
  const l = owned(ws, (w) => w.stockLines);
  const t = owned(ws, (w) => w.transfers);
  const b = ws.flatMap((w) => w.backorders);
  const e = ws.flatMap((w) => w.events.map((x) => ({ ...x, enqueuedAt: w.enqueuedAt })));
  const plain = t.length === 0 && b.length === 0 && e.length === 0;
  return sql<WrittenRow>`-- prepared: ${sql.raw(plain ? 'placement_write_plain' : 'placement_write')}
    WITH ord AS MATERIALIZED (
      SELECT * FROM unnest(${col(ws, (x) => x.orderId)}::text[], ${col(ws, (x) => x.status)}::text[], ${col(ws, (x) => x.paymentStatus)}::text[],
        ${col(ws, (x) => x.now)}::timestamptz[]) AS o(id, status, payment_status, now)),
    released AS (
      DELETE FROM stock_reservations WHERE id = ANY(${ws.flatMap((w) => w.release)}::text[]) AND status = 'draft'
      RETURNING stock_item_id, quantity),
    reserved AS (
      INSERT INTO stock_reservations (id, stock_item_id, order_id, line_item_id, status, quantity, metadata)
      SELECT r.id, r.stock_item_id, r.order_id, r.line_item_id, 'pending', r.quantity, '{}'
      FROM unnest(${col(r, (x) => x.id)}::text[], ${col(r, (x) => x.stockItemId)}::text[], ${col(r, (x) => x.orderId)}::text[],
        ${col(r, (x) => x.lineItemId)}::text[], ${col(r, (x) => x.quantity)}::numeric[]) AS r(id, stock_item_id, order_id, line_item_id, quantity)
      RETURNING stock_item_id, quantity),
    changes AS (
      SELECT stock_item_id, sum(quantity) AS delta, bool_or(quantity > 0) AS reserving
      FROM (SELECT stock_item_id, quantity FROM reserved UNION ALL SELECT stock_item_id, -quantity FROM released) AS c
      GROUP BY stock_item_id),
    counters AS (
      UPDATE stock_items si SET reserved_quantity = si.reserved_quantity + c.delta, updated_at = now()
      FROM changes c
      WHERE si.id = c.stock_item_id
        AND (NOT c.reserving OR si.status = 'in_stock')
        AND (c.delta <= 0 OR si.quantity - si.reserved_quantity >= c.delta)
      RETURNING si.id),
    new_shipments AS (
      INSERT INTO shipments (id, number, order_id, stock_location_id, inventory_stock_location_id, shipping_category_id, status,
        upcoming_at, on_hold_at, updated_at, metadata)
      SELECT s.id, s.number, s.order_id, s.stock_location_id, s.isl_id, s.category_id, s.status,
        CASE WHEN s.status = 'upcoming' THEN ord.now END, CASE WHEN s.status = 'on_hold' THEN ord.now END, ord.now, '{}'
      FROM unnest(${col(s, (x) => x.id)}::text[], ${col(s, (x) => x.number)}::text[], ${col(s, (x) => x.orderId)}::text[],
        ${col(s, (x) => x.stockLocationId)}::text[], ${col(s, (x) => x.inventoryStockLocationId)}::text[], ${col(s, (x) => x.shippingCategoryId)}::text[],
        ${col(s, (x) => x.status)}::text[]) AS s(id, number, order_id, stock_location_id, isl_id, category_id, status)
      JOIN ord ON ord.id = s.order_id
      RETURNING *),
    new_stock_lines AS (
      INSERT INTO stock_line_items (id, order_id, line_item_id, shipment_id, stock_location_id, stock_item_id, stock_reservation_id,
        sku_code, quantity, metadata)
      SELECT l.id, l.order_id, l.line_item_id, l.shipment_id, l.stock_location_id, l.stock_item_id, l.reservation_id, l.sku_code, l.quantity, '{}'
      FROM unnest(${col(l, (x) => x.id)}::text[], ${col(l, (x) => x.orderId)}::text[], ${col(l, (x) => x.lineItemId)}::text[],
        ${col(l, (x) => x.shipmentId)}::text[], ${col(l, (x) => x.stockLocationId)}::text[], ${col(l, (x) => x.stockItemId)}::text[],
        ${col(l, (x) => x.reservationId)}::text[], ${col(l, (x) => x.skuCode)}::text[], ${col(l, (x) => x.quantity)}::numeric[])
        AS l(id, order_id, line_item_id, shipment_id, stock_location_id, stock_item_id, reservation_id, sku_code, quantity)
      RETURNING id),
${plain ? sql`` : sql`    new_transfers AS (
      INSERT INTO stock_transfers (id, number, sku_id, sku_code, quantity, status, upcoming_at, on_hold_at, origin_stock_location_id,
        destination_stock_location_id, order_id, shipment_id, line_item_id, stock_reservation_id, updated_at, metadata)
      SELECT t.id, t.number, t.sku_id, t.sku_code, t.quantity, t.status,
        CASE WHEN t.status = 'upcoming' THEN ord.now END, CASE WHEN t.status = 'on_hold' THEN ord.now END,
        t.origin_id, t.destination_id, t.order_id, t.shipment_id, t.line_item_id, t.reservation_id, ord.now, '{}'
      FROM unnest(${col(t, (x) => x.id)}::text[], ${col(t, (x) => x.number)}::text[], ${col(t, (x) => x.skuId)}::text[],
        ${col(t, (x) => x.skuCode)}::text[], ${col(t, (x) => x.quantity)}::numeric[], ${col(t, (x) => x.status)}::text[],
        ${col(t, (x) => x.originId)}::text[], ${col(t, (x) => x.destinationId)}::text[], ${col(t, (x) => x.orderId)}::text[],
        ${col(t, (x) => x.shipmentId)}::text[], ${col(t, (x) => x.lineItemId)}::text[], ${col(t, (x) => x.reservationId)}::text[])
        AS t(id, number, sku_id, sku_code, quantity, status, origin_id, destination_id, order_id, shipment_id, line_item_id, reservation_id)
      JOIN ord ON ord.id = t.order_id
      RETURNING *),
    backordered AS (
      UPDATE line_items li SET backordered_quantity = b.quantity, updated_at = ord.now
      FROM unnest(${col(b, (x) => x.lineItemId)}::text[], ${col(b, (x) => x.quantity)}::numeric[]) AS b(id, quantity), ord
      WHERE li.id = b.id AND ord.id = li.order_id
      RETURNING li.id),
    events AS (
      INSERT INTO webhook_events (id, webhook_id, topic, payload, next_attempt_at)
      SELECT * FROM unnest(${col(e, (x) => x.id)}::text[], ${col(e, (x) => x.webhookId)}::text[], ${col(e, (x) => x.topic)}::text[],
        ${col(e, (x) => x.payload)}::jsonb[], ${col(e, (x) => x.enqueuedAt)}::timestamptz[])
      RETURNING id),
`}    placed AS (
      UPDATE orders o SET status = ord.status, payment_status = ord.payment_status, placed_at = ord.now, updated_at = ord.now
      FROM ord WHERE o.id = ord.id
      RETURNING o.*),
    guard AS MATERIALIZED (
      SELECT stockroute_placement_guard((SELECT count(*) FROM changes), (SELECT count(*) FROM counters)) AS changes_made)
    SELECT placed.*, guard.changes_made,
      (SELECT coalesce(json_agg(x ORDER BY x.number), '[]') FROM new_shipments x WHERE x.order_id = placed.id) AS new_shipments,
      ${plain ? sql`'[]'::json` : sql`(SELECT coalesce(json_agg(x ORDER BY x.number), '[]') FROM new_transfers x WHERE x.order_id = placed.id)`} AS new_transfers
    FROM placed, guard`;
}

/** What was written, by order id, from the statement's rows (an item that refused failed the statement). */
export function placementsWrittenOf(rows: readonly WrittenRow[], ws: readonly PlacementWrite[]): Map<string, PlacementWritten> {
  const written = new Map<string, PlacementWritten>();
  for (const row of rows) {
    const { changes_made: _made, new_shipments: shipments, new_transfers: transfers, ...order } = row;
    written.set(order.id, { order, shipments: shipments.map(withDates) as Row<'shipments'>[], transfers: transfers.map(withDates) as Row<'stock_transfers'>[] });
  }
  const vanished = ws.find((w) => !written.has(w.orderId));
  if (vanished) throw new Error(`order ${vanished.orderId} vanished while it was locked`);
  return written;
}

/** JSON gives timestamps as strings; our rows carry Dates (every `*_at` column). */
function withDates(json: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) row[key] = key.endsWith('_at') && typeof value === 'string' ? new Date(value) : value;
  return row;
}
