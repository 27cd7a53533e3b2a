// Stock line items and the stock they hold. A stock line item says "this much of a line is
// served from this location (in this shipment)"; while not decremented it holds a pending
// reservation at its stock item; decrementing turns that reservation into an on-hand
// deduction; releasing gives the reservation back, or restocks what was already deducted.
// Every helper locks the stock items it touches first, in id order.
import { ZERO, qty, sub, toDecimalString, type Quantity } from '../../domain/quantity.js';
import { newId } from '../../store/ids.js';
import type { NewRow, Row } from '../../store/schema.js';
import {
  applyMovement, convertReservationToDecrement, createReservation, lockStockItems, releaseReservation, type MovementReason,
} from '../../store/stock-ledger.js';
import type { Trx } from '../../store/transaction.js';

export type StockLineRow = Row<'stock_line_items'>;

export interface NewStockLine {
  readonly orderId: string;
  readonly lineItemId: string;
  readonly skuCode: string;
  readonly shipmentId: string | null;
  readonly stockLocationId: string;
  /** null for do_not_track SKUs: nothing is reserved or decremented. */
  readonly stockItemId: string | null;
  readonly quantity: Quantity;
  readonly stockTransferId?: string | null;
  /** Reserve even beyond availability (stock already spoken for, e.g. a completed transfer). */
  readonly allowExceed?: boolean;
}

export async function addStockLine(trx: Trx, s: NewStockLine): Promise<StockLineRow> {
  const [row] = await insertStockLines(trx, [await reserveStockLine(trx, s)]);
  if (!row) throw new Error('stock line item not written');
  return row;
}

/** Reserves for a stock line item (unless untracked) and returns the row to insert. */
export async function reserveStockLine(trx: Trx, s: NewStockLine): Promise<NewRow<'stock_line_items'>> {
  const reservation = s.stockItemId === null ? null : await createReservation(trx, {
    stockItemId: s.stockItemId, quantity: s.quantity, status: 'pending', orderId: s.orderId, lineItemId: s.lineItemId,
    allowExceed: s.allowExceed,
  });
  return {
    id: newId('sli'), order_id: s.orderId, line_item_id: s.lineItemId, shipment_id: s.shipmentId,
    stock_location_id: s.stockLocationId, stock_item_id: s.stockItemId, stock_reservation_id: reservation?.id ?? null,
    stock_transfer_id: s.stockTransferId ?? null, sku_code: s.skuCode, quantity: toDecimalString(s.quantity), metadata: '{}',
    reference: null, reference_origin: null,
  };
}

/** Writes stock line items in one statement. */
export async function insertStockLines(trx: Trx, rows: readonly NewRow<'stock_line_items'>[]): Promise<StockLineRow[]> {
  if (rows.length === 0) return [];
  return trx.insertInto('stock_line_items').values([...rows]).returningAll().execute();
}

export interface StockContext {
  readonly reason: MovementReason;
  readonly orderId: string;
  readonly shipmentId?: string | null;
}

/** Deducts on-hand for every line not yet decremented (its reservation first, if any). */
export async function decrementStockLines(trx: Trx, lines: readonly StockLineRow[], c: StockContext): Promise<void> {
  const due = lines.filter((l) => !l.decremented);
  await lockStockItems(trx, itemIds(due));
  for (const line of due) {
    const shipmentId = c.shipmentId ?? line.shipment_id;
    if (line.stock_item_id !== null) {
      if (line.stock_reservation_id !== null) {
        await convertReservationToDecrement(trx, line.stock_reservation_id, { reason: c.reason, orderId: c.orderId, shipmentId });
      } else {
        await applyMovement(trx, { stockItemId: line.stock_item_id, delta: sub(ZERO, qty(line.quantity)), reason: c.reason, orderId: c.orderId, shipmentId });
      }
    }
    await trx.updateTable('stock_line_items').set({ decremented: true, stock_reservation_id: null, updated_at: new Date() }).where('id', '=', line.id).execute();
  }
}

/**
 * Gives back the stock of these lines: releases what is reserved, restocks (+movement with
 * `reason`) what was already deducted. Returns where available stock grew (SKU × location),
 * for the caller to offer to backorders once its own changes are done.
 */
export async function releaseStockLines(trx: Trx, lines: readonly StockLineRow[], c: StockContext): Promise<Freed[]> {
  await lockStockItems(trx, itemIds(lines));
  const freed = new Map<string, Freed>();
  for (const line of lines) {
    if (line.stock_item_id === null) continue;
    if (line.decremented) {
      await applyMovement(trx, { stockItemId: line.stock_item_id, delta: qty(line.quantity), reason: c.reason, orderId: c.orderId, shipmentId: c.shipmentId ?? line.shipment_id });
      await trx.updateTable('stock_line_items').set({ decremented: false, updated_at: new Date() }).where('id', '=', line.id).execute();
    } else if (line.stock_reservation_id !== null) {
      await releaseReservation(trx, line.stock_reservation_id);
      await trx.updateTable('stock_line_items').set({ stock_reservation_id: null, updated_at: new Date() }).where('id', '=', line.id).execute();
    } else continue;
    freed.set(line.stock_item_id, { skuCode: line.sku_code, stockLocationId: line.stock_location_id });
  }
  return [...freed.values()];
}

export interface Freed {
  readonly skuCode: string;
  readonly stockLocationId: string;
}

export function itemIds(lines: readonly Pick<StockLineRow, 'stock_item_id'>[]): string[] {
  return lines.flatMap((l) => (l.stock_item_id === null ? [] : [l.stock_item_id]));
}
