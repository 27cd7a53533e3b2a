// The stock ledger: the only code that changes stock_items.quantity and reserved_quantity.
// Every primitive runs inside the caller's transaction and is safe under concurrency without
// a read-compare-write in JS:
// - on-hand changes are one conditional UPDATE (`quantity + delta >= 0`) plus an appended
//   stock movement carrying quantity_after, so on_hand = Σ movements always;
// - a reservation is one conditional UPDATE (`quantity − reserved_quantity >= n`) of the
//   running reserved_quantity plus the reservation row, so availability never needs a SUM;
// - callers that must read-then-decide lock the stock items first, always in id order.
import { sql } from 'kysely';
import { fail, notFound, validation } from '../domain/errors.js';
import { MANUAL_REASONS } from '../domain/ledger/stock-change.js';
import { ZERO, clampZero, qty, sub, toDecimal, toDecimalString, type Quantity } from '../domain/quantity.js';
import { newId } from './ids.js';
import { enqueueEvent } from './outbox.js';
import type { Row } from './schema.js';
import { watchAvailability } from './stock-events.js';
import type { Trx } from './transaction.js';

export { loadRoutingStock, type RoutingStock, type RoutingLocation, type RoutingSku, type RoutingStockItem } from './routing-stock.js';

export type StockItemRow = Row<'stock_items'>;
export type ReservationRow = Row<'stock_reservations'>;

/** Every reason a movement records: the manual ones a client gives, and the system's own. */
export const MOVEMENT_REASONS = [
  ...MANUAL_REASONS, 'initial', 'order_approved', 'shipment_decrement', 'source_selection',
  'transfer_out', 'transfer_in', 'order_cancelled', 'shipment_cancelled', 'return_restock',
] as const;
export type MovementReason = (typeof MOVEMENT_REASONS)[number];

export function isMovementReason(value: unknown): value is MovementReason {
  return typeof value === 'string' && (MOVEMENT_REASONS as readonly string[]).includes(value);
}

/** Locks the stock items FOR UPDATE in id order (one fixed lock order: no deadlocks between us). */
export async function lockStockItems(trx: Trx, ids: readonly string[]): Promise<StockItemRow[]> {
  if (ids.length === 0) return [];
  const unique = [...new Set(ids)].sort();
  return trx.selectFrom('stock_items').selectAll().where('id', 'in', unique).orderBy('id').forUpdate().execute();
}

export interface MovementInput {
  readonly stockItemId: string;
  /** Signed change of on-hand quantity; never 0. */
  readonly delta: Quantity;
  readonly reason: MovementReason;
  readonly orderId?: string | null | undefined;
  readonly shipmentId?: string | null | undefined;
  readonly stockTransferId?: string | null | undefined;
  readonly returnId?: string | null | undefined;
  readonly reference?: string | null | undefined;
  readonly metadata?: Record<string, unknown> | undefined;
}

export interface Moved {
  readonly quantityAfter: Quantity;
  readonly movementId: string;
}

/** Changes on-hand by `delta` and appends the movement; refuses to go below 0 (INSUFFICIENT_STOCK). */
export async function applyMovement(trx: Trx, m: MovementInput): Promise<Moved> {
  if (m.delta >= 0) return move(trx, m);
  const settle = await watchAvailability(trx, m.stockItemId);
  const result = await move(trx, m);
  await settle();
  return result;
}

export interface ConditionalMovement extends MovementInput {
  /** A removal may not leave less on hand than orders hold (manual changes). */
  readonly keepHeld?: boolean | undefined;
  /** Compare-and-set: move only while on-hand is exactly this. */
  readonly expected?: Quantity | undefined;
}

/**
 * applyMovement with more conditions in the same UPDATE; returns undefined (and changes
 * nothing) when on-hand would go below 0, below what is held (keepHeld), or is not `expected`.
 */
export async function applyMovementIf(trx: Trx, m: ConditionalMovement): Promise<Moved | undefined> {
  if (m.delta >= 0) return moveIf(trx, m);
  const settle = await watchAvailability(trx, m.stockItemId);
  const result = await moveIf(trx, m);
  if (result) await settle();
  return result;
}

async function move(trx: Trx, m: MovementInput): Promise<Moved> {
  const moved = await moveIf(trx, m);
  if (moved) return moved;
  const item = await findItem(trx, m.stockItemId);
  throw fail({
    code: 'INSUFFICIENT_STOCK', sku: item.sku_code, requested: sub(ZERO, m.delta), available: qty(item.quantity),
    message: `not enough ${item.sku_code} on hand: requested ${toDecimal(sub(ZERO, m.delta))}, on hand ${item.quantity}`,
  });
}

async function moveIf(trx: Trx, m: ConditionalMovement): Promise<Moved | undefined> {
  if (m.delta === 0) throw validation('delta', 'a stock movement must change the quantity (delta 0)');
  const d = toDecimalString(m.delta);
  let update = trx
    .updateTable('stock_items')
    .set({ quantity: sql`quantity + ${d}::numeric`, updated_at: sql`now()` })
    .where('id', '=', m.stockItemId)
    .where(sql<boolean>`quantity + ${d}::numeric >= 0`);
  if (m.keepHeld && m.delta < 0) update = update.where(sql<boolean>`quantity + ${d}::numeric >= reserved_quantity`);
  if (m.expected !== undefined) update = update.where(sql<boolean>`quantity = ${toDecimalString(m.expected)}::numeric`);
  const row = await update.returning(['id', 'sku_id', 'sku_code', 'stock_location_id', 'quantity', 'reserved_quantity']).executeTakeFirst();
  if (!row) {
    await findItem(trx, m.stockItemId); // RECORD_NOT_FOUND rather than a refusal for a missing item
    return undefined;
  }
  const movementId = newId('mov');
  await trx.insertInto('stock_movements').values({
    id: movementId, stock_item_id: row.id, stock_location_id: row.stock_location_id, sku_code: row.sku_code,
    delta: d, reason: m.reason, quantity_after: row.quantity,
    order_id: m.orderId ?? null, shipment_id: m.shipmentId ?? null, stock_transfer_id: m.stockTransferId ?? null,
    return_id: m.returnId ?? null, reference: m.reference ?? null, metadata: JSON.stringify(m.metadata ?? {}),
  }).execute();
  // `quantity` is kept for existing subscribers; `quantity_after` names it as the ledger does.
  await enqueueEvent(trx, 'stock_items.update', {
    id: row.id, sku_code: row.sku_code, stock_location_id: row.stock_location_id, quantity: row.quantity,
    reserved_quantity: row.reserved_quantity, delta: Number(d), reason: m.reason, quantity_after: row.quantity,
    movement_id: movementId, reference: m.reference ?? null,
  });
  return { quantityAfter: qty(row.quantity), movementId };
}

export interface ReservationInput {
  readonly stockItemId: string;
  readonly quantity: Quantity;
  readonly status: 'draft' | 'pending';
  readonly orderId?: string | null | undefined;
  readonly lineItemId?: string | null | undefined;
  /** Required for draft (cart) reservations: they are released once this passes. */
  readonly expiresAt?: Date | null | undefined;
  /** Reserve even beyond what is available (backorders, moving an order's own reservation). */
  readonly allowExceed?: boolean | undefined;
  readonly reference?: string | null | undefined;
  /** The flow's clock: when given and stock is short, draft reservations of this item expired by now are released first. */
  readonly now?: Date | undefined;
}

/**
 * Holds `quantity` at a stock item if that much is available (in_stock items only), else
 * INSUFFICIENT_STOCK. Expired cart reservations stop holding stock: with `now`, a shortfall
 * first releases the item's expired drafts (as the sweep would) and tries once more.
 */
export async function createReservation(trx: Trx, r: ReservationInput): Promise<ReservationRow> {
  if (r.quantity <= 0) throw validation('quantity', 'a reservation quantity must be greater than 0');
  if (r.status === 'draft' && !r.expiresAt) throw validation('expires_at', 'a draft reservation needs an expiry');
  const n = toDecimalString(r.quantity);
  const settle = await watchAvailability(trx, r.stockItemId);
  let row = await reserveIfAvailable(trx, r, n);
  if (!row && r.now && !r.allowExceed && (await releaseExpiredDrafts(trx, r.stockItemId, r.now)) > 0) {
    row = await reserveIfAvailable(trx, r, n);
  }
  if (!row) {
    const item = await findItem(trx, r.stockItemId);
    const available = item.status === 'in_stock' ? clampZero(sub(qty(item.quantity), qty(item.reserved_quantity))) : qty(0);
    throw fail({
      code: 'INSUFFICIENT_STOCK', sku: item.sku_code, requested: r.quantity, available,
      message: `not enough ${item.sku_code} available: requested ${n}, available ${toDecimal(available)}`,
    });
  }
  const reservation = await trx.insertInto('stock_reservations').values({
    id: newId('rsv'), stock_item_id: row.id, order_id: r.orderId ?? null, line_item_id: r.lineItemId ?? null,
    status: r.status, quantity: n, expires_at: r.expiresAt ?? null, reference: r.reference ?? null,
    reference_origin: null, metadata: JSON.stringify({}),
  }).returningAll().executeTakeFirstOrThrow();
  await settle();
  return reservation;
}

export interface Released {
  readonly stockItemId: string;
  readonly released: Quantity;
  /** The reservation with its reduced quantity, or null when it was fully released (deleted). */
  readonly remaining: ReservationRow | null;
}

/** Releases all of a reservation, or `quantity` of it; the row is deleted once nothing is left. */
export async function releaseReservation(trx: Trx, reservationId: string, quantity?: Quantity): Promise<Released> {
  const reservation = await trx.selectFrom('stock_reservations').selectAll().where('id', '=', reservationId).forUpdate().executeTakeFirst();
  if (!reservation) throw notFound('stock_reservation', reservationId);
  const held = qty(reservation.quantity);
  const q = quantity ?? held;
  if (q <= 0 || q > held) throw validation('quantity', `can release between 0 and ${reservation.quantity} of reservation ${reservationId}, not ${toDecimal(q)}`);
  const n = toDecimalString(q);
  await trx.updateTable('stock_items')
    .set({ reserved_quantity: sql`reserved_quantity - ${n}::numeric`, updated_at: sql`now()` })
    .where('id', '=', reservation.stock_item_id).execute();
  if (q === held) {
    await trx.deleteFrom('stock_reservations').where('id', '=', reservationId).execute();
    return { stockItemId: reservation.stock_item_id, released: q, remaining: null };
  }
  const remaining = await trx.updateTable('stock_reservations')
    .set({ quantity: sql`quantity - ${n}::numeric`, updated_at: sql`now()` })
    .where('id', '=', reservationId).returningAll().executeTakeFirstOrThrow();
  return { stockItemId: reservation.stock_item_id, released: q, remaining };
}

export interface ConversionInput {
  readonly reason: MovementReason;
  readonly orderId?: string | null | undefined;
  readonly shipmentId?: string | null | undefined;
  readonly stockTransferId?: string | null | undefined;
  /** Part of the reservation to turn into a deduction; all of it by default. */
  readonly quantity?: Quantity | undefined;
}

/** Turns (part of) a reservation into an on-hand deduction: release + movement of −q, in one step. */
export async function convertReservationToDecrement(trx: Trx, reservationId: string, c: ConversionInput): Promise<Released & { quantityAfter: Quantity }> {
  // available is unchanged (reserved and on-hand drop together): no out-of-stock watch
  const released = await releaseReservation(trx, reservationId, c.quantity);
  const { quantityAfter } = await move(trx, {
    stockItemId: released.stockItemId, delta: sub(ZERO, released.released), reason: c.reason,
    orderId: c.orderId, shipmentId: c.shipmentId, stockTransferId: c.stockTransferId,
  });
  return { ...released, quantityAfter };
}

async function reserveIfAvailable(trx: Trx, r: ReservationInput, n: string) {
  let update = trx
    .updateTable('stock_items')
    .set({ reserved_quantity: sql`reserved_quantity + ${n}::numeric`, updated_at: sql`now()` })
    .where('id', '=', r.stockItemId);
  if (!r.allowExceed) update = update.where('status', '=', 'in_stock').where(sql<boolean>`quantity - reserved_quantity >= ${n}::numeric`);
  return update.returning(['id', 'sku_id', 'sku_code', 'stock_location_id']).executeTakeFirst();
}

/** Releases the item's draft reservations expired by `now`; locks the item first (the usual order). */
async function releaseExpiredDrafts(trx: Trx, stockItemId: string, now: Date): Promise<number> {
  await lockStockItems(trx, [stockItemId]);
  const expired = await trx.selectFrom('stock_reservations').select('id')
    .where('stock_item_id', '=', stockItemId).where('status', '=', 'draft').where('expires_at', '<=', now)
    .orderBy('id').forUpdate().skipLocked().execute();
  for (const e of expired) await releaseReservation(trx, e.id);
  return expired.length;
}

async function findItem(trx: Trx, id: string): Promise<StockItemRow> {
  const item = await trx.selectFrom('stock_items').selectAll().where('id', '=', id).executeTakeFirst();
  if (!item) throw notFound('stock_item', id);
  return item;
}
