// Writes a whole placement in ONE statement (data-modifying CTEs over unnest()ed arrays, so
// the SQL text is the same for every order and PostgreSQL can keep its plan):
// - releases the draft holds the placement gives back, and inserts the pending reservations;
// - moves every touched stock item's reserved_quantity by its net change in one UPDATE,
//   only where that much is still available (and in_stock where something is reserved);
// - inserts shipments, stock line items and stock transfers, sets backordered quantities,
//   marks the order placed and writes the webhook events (transactional outbox).
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

export async function writePlacement(trx: Trx, w: PlacementWrite): Promise<PlacementWritten> {
  const { rows } = await placementWriteQuery(w).execute(trx);
  return placementWrittenOf(rows[0], w);
}

/** The statement (one text for every placement: a prepared statement on PostgreSQL). */
export function placementWriteQuery(w: PlacementWrite): RawBuilder<WrittenRow> {
  const { reservations: r, shipments: s, stockLines: l, transfers: t, backorders: b, events: e } = w;
  return sql<WrittenRow>`-- prepared: placement_write
    WITH released AS (
      DELETE FROM stock_reservations WHERE id = ANY(${w.release}::text[]) AND status = 'draft'
      RETURNING stock_item_id, quantity),
    reserved AS (
      INSERT INTO stock_reservations (id, stock_item_id, order_id, line_item_id, status, quantity, metadata)
      SELECT r.id, r.stock_item_id, ${w.orderId}, r.line_item_id, 'pending', r.quantity, '{}'
      FROM unnest(${col(r, (x) => x.id)}::text[], ${col(r, (x) => x.stockItemId)}::text[], ${col(r, (x) => x.lineItemId)}::text[],
        ${col(r, (x) => x.quantity)}::numeric[]) AS r(id, stock_item_id, line_item_id, quantity)
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
      SELECT s.id, s.number, ${w.orderId}, s.stock_location_id, s.isl_id, s.category_id, s.status,
        CASE WHEN s.status = 'upcoming' THEN ${w.now}::timestamptz END, CASE WHEN s.status = 'on_hold' THEN ${w.now}::timestamptz END,
        ${w.now}, '{}'
      FROM unnest(${col(s, (x) => x.id)}::text[], ${col(s, (x) => x.number)}::text[], ${col(s, (x) => x.stockLocationId)}::text[],
        ${col(s, (x) => x.inventoryStockLocationId)}::text[], ${col(s, (x) => x.shippingCategoryId)}::text[], ${col(s, (x) => x.status)}::text[])
        AS s(id, number, stock_location_id, isl_id, category_id, status)
      RETURNING *),
    new_stock_lines AS (
      INSERT INTO stock_line_items (id, order_id, line_item_id, shipment_id, stock_location_id, stock_item_id, stock_reservation_id,
        sku_code, quantity, metadata)
      SELECT l.id, ${w.orderId}, l.line_item_id, l.shipment_id, l.stock_location_id, l.stock_item_id, l.reservation_id, l.sku_code, l.quantity, '{}'
      FROM unnest(${col(l, (x) => x.id)}::text[], ${col(l, (x) => x.lineItemId)}::text[], ${col(l, (x) => x.shipmentId)}::text[],
        ${col(l, (x) => x.stockLocationId)}::text[], ${col(l, (x) => x.stockItemId)}::text[], ${col(l, (x) => x.reservationId)}::text[],
        ${col(l, (x) => x.skuCode)}::text[], ${col(l, (x) => x.quantity)}::numeric[])
        AS l(id, line_item_id, shipment_id, stock_location_id, stock_item_id, reservation_id, sku_code, quantity)
      RETURNING id),
    new_transfers AS (
      INSERT INTO stock_transfers (id, number, sku_id, sku_code, quantity, status, upcoming_at, on_hold_at, origin_stock_location_id,
        destination_stock_location_id, order_id, shipment_id, line_item_id, stock_reservation_id, updated_at, metadata)
      SELECT t.id, t.number, t.sku_id, t.sku_code, t.quantity, t.status,
        CASE WHEN t.status = 'upcoming' THEN ${w.now}::timestamptz END, CASE WHEN t.status = 'on_hold' THEN ${w.now}::timestamptz END,
        t.origin_id, t.destination_id, ${w.orderId}, t.shipment_id, t.line_item_id, t.reservation_id, ${w.now}, '{}'
      FROM unnest(${col(t, (x) => x.id)}::text[], ${col(t, (x) => x.number)}::text[], ${col(t, (x) => x.skuId)}::text[],
        ${col(t, (x) => x.skuCode)}::text[], ${col(t, (x) => x.quantity)}::numeric[], ${col(t, (x) => x.status)}::text[],
        ${col(t, (x) => x.originId)}::text[], ${col(t, (x) => x.destinationId)}::text[], ${col(t, (x) => x.shipmentId)}::text[],
        ${col(t, (x) => x.lineItemId)}::text[], ${col(t, (x) => x.reservationId)}::text[])
        AS t(id, number, sku_id, sku_code, quantity, status, origin_id, destination_id, shipment_id, line_item_id, reservation_id)
      RETURNING *),
    backordered AS (
      UPDATE line_items li SET backordered_quantity = b.quantity, updated_at = ${w.now}
      FROM unnest(${col(b, (x) => x.lineItemId)}::text[], ${col(b, (x) => x.quantity)}::numeric[]) AS b(id, quantity)
      WHERE li.id = b.id
      RETURNING li.id),
    events AS (
      INSERT INTO webhook_events (id, webhook_id, topic, payload, next_attempt_at)
      SELECT e.id, e.webhook_id, e.topic, e.payload, ${w.enqueuedAt}
      FROM unnest(${col(e, (x) => x.id)}::text[], ${col(e, (x) => x.webhookId)}::text[], ${col(e, (x) => x.topic)}::text[],
        ${col(e, (x) => x.payload)}::jsonb[]) AS e(id, webhook_id, topic, payload)
      RETURNING id),
    placed AS (
      UPDATE orders SET status = ${w.status}, payment_status = ${w.paymentStatus}, placed_at = ${w.now}, updated_at = ${w.now}
      WHERE id = ${w.orderId}
      RETURNING *)
    SELECT placed.*,
      stockroute_placement_guard((SELECT count(*) FROM changes), (SELECT count(*) FROM counters)) AS changes_made,
      (SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.number), '[]') FROM new_shipments x) AS new_shipments,
      (SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.number), '[]') FROM new_transfers x) AS new_transfers
    FROM placed`;
}

/** What was written, from the statement's one row (an item that refused failed the statement). */
export function placementWrittenOf(row: WrittenRow | undefined, w: PlacementWrite): PlacementWritten {
  if (!row) throw new Error(`order ${w.orderId} vanished while it was locked`);
  const { changes_made: _made, new_shipments: shipments, new_transfers: transfers, ...order } = row;
  return { order, shipments: shipments.map(withDates) as Row<'shipments'>[], transfers: transfers.map(withDates) as Row<'stock_transfers'>[] };
}

/** to_jsonb gives timestamps as strings; our rows carry Dates (every `*_at` column). */
function withDates(json: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) row[key] = key.endsWith('_at') && typeof value === 'string' ? new Date(value) : value;
  return row;
}
