// Stock transfer triggers. `_complete` moves the stock: the origin's reservation becomes a
// deduction ('transfer_out'), the destination gains the quantity ('transfer_in'), and the
// transfer's stock line item joins the shipment it feeds, reserved at the destination (the
// stock arrived for that shipment, so it is not offered to backorders). If that shipment is
// gone (cancelled), the arrival is free stock and backorders get their chance. `_cancel`
// releases the origin's reservation.
import { fail, notFound, validation } from '../domain/errors.js';
import { isDomainError, isTrigger } from '../domain/lifecycle/machine.js';
import { TRANSFER_TRIGGERS, decideTransfer, transferMachine } from '../domain/lifecycle/transfer-machine.js';
import { ZERO, qty, sub } from '../domain/quantity.js';
import { newId } from '../store/ids.js';
import type { Row } from '../store/schema.js';
import { applyMovement, convertReservationToDecrement, lockStockItems, releaseReservation } from '../store/stock-ledger.js';
import { inTransaction, type Trx } from '../store/transaction.js';
import type { FlowContext } from './context.js';
import { lockOrder, modelOf } from './orders/records.js';
import { addStockLine, decrementStockLines, type Freed } from './orders/stock-lines.js';
import { onStockArrived } from './stock-arrived.js';

export type TransferRow = Row<'stock_transfers'>;

export async function triggerTransfer(ctx: FlowContext, id: string, trigger: string): Promise<TransferRow> {
  if (!isTrigger(transferMachine, trigger)) throw validation('trigger', `unknown stock transfer trigger ${trigger}; expected one of ${TRANSFER_TRIGGERS.join(', ')}`);
  return inTransaction(ctx.db, async (trx) => {
    const now = ctx.now();
    const found = await trx.selectFrom('stock_transfers').select('order_id').where('id', '=', id).executeTakeFirst();
    if (!found) throw notFound('stock_transfer', id);
    if (found.order_id !== null) await lockOrder(trx, found.order_id);
    const transfer = await trx.selectFrom('stock_transfers').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    const change = decideTransfer(transfer.status, trigger);
    if (isDomainError(change)) throw fail(change);
    if (trigger === '_cancel') await cancelTransfers(trx, [transfer], now);
    if (trigger === '_complete') await complete(trx, transfer, now);
    return trx.updateTable('stock_transfers').set({ status: change.status, ...(change.stamp ? { [change.stamp]: now } : {}), updated_at: now })
      .where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  });
}

async function complete(trx: Trx, t: TransferRow, now: Date): Promise<void> {
  const quantity = qty(t.quantity);
  const origin = await stockItemAt(trx, t.sku_id, t.origin_stock_location_id);
  const destination = await stockItemAt(trx, t.sku_id, t.destination_stock_location_id, true);
  await lockStockItems(trx, [origin, destination]);
  const refs = { orderId: t.order_id, stockTransferId: t.id };
  if (t.stock_reservation_id !== null) await convertReservationToDecrement(trx, t.stock_reservation_id, { reason: 'transfer_out', ...refs });
  else await applyMovement(trx, { stockItemId: origin, delta: sub(ZERO, quantity), reason: 'transfer_out', ...refs });
  await applyMovement(trx, { stockItemId: destination, delta: quantity, reason: 'transfer_in', ...refs });
  await trx.updateTable('stock_transfers').set({ stock_reservation_id: null, updated_at: now }).where('id', '=', t.id).execute();
  const shipment = t.shipment_id === null ? undefined : await trx.selectFrom('shipments').selectAll().where('id', '=', t.shipment_id)
    .where('status', 'in', ['draft', 'upcoming', 'on_hold', 'picking', 'packing', 'ready_to_ship']).executeTakeFirst();
  if (!shipment || t.order_id === null || t.line_item_id === null) {
    await onStockArrived(trx, { skuCode: t.sku_code, stockLocationId: t.destination_stock_location_id });
    return;
  }
  const line = await addStockLine(trx, {
    orderId: t.order_id, lineItemId: t.line_item_id, skuCode: t.sku_code, shipmentId: shipment.id, stockLocationId: t.destination_stock_location_id,
    stockItemId: destination, quantity, stockTransferId: t.id, allowExceed: true,
  });
  const order = await trx.selectFrom('orders').selectAll().where('id', '=', t.order_id).executeTakeFirstOrThrow();
  const approvedAutomatically = order.status === 'approved' && !(await modelOf(trx, order)).manual_stock_decrement;
  if (shipment.stock_decremented || approvedAutomatically) {
    await decrementStockLines(trx, [line], { reason: shipment.stock_decremented ? 'shipment_decrement' : 'order_approved', orderId: order.id, shipmentId: shipment.id });
  }
}

/** Cancels open transfers, releasing their origin reservations; returns where stock was freed. */
export async function cancelTransfers(trx: Trx, transfers: readonly TransferRow[], now: Date): Promise<Freed[]> {
  await lockStockItems(trx, await transferItemIds(trx, transfers));
  const freed: Freed[] = [];
  for (const t of transfers) {
    if (t.stock_reservation_id !== null) {
      await releaseReservation(trx, t.stock_reservation_id);
      freed.push({ skuCode: t.sku_code, stockLocationId: t.origin_stock_location_id });
    }
    await trx.updateTable('stock_transfers').set({ status: 'cancelled', cancelled_at: now, stock_reservation_id: null, updated_at: now }).where('id', '=', t.id).execute();
  }
  return freed;
}

/** The stock items the transfers' origin reservations hold (to lock them in id order). */
export async function transferItemIds(trx: Trx, transfers: readonly Pick<TransferRow, 'stock_reservation_id'>[]): Promise<string[]> {
  const ids = transfers.flatMap((t) => (t.stock_reservation_id === null ? [] : [t.stock_reservation_id]));
  if (ids.length === 0) return [];
  const rows = await trx.selectFrom('stock_reservations').select('stock_item_id').where('id', 'in', ids).execute();
  return rows.map((r) => r.stock_item_id);
}

/** The stock item of a SKU at a location; created empty when `create` and missing. */
export async function stockItemAt(trx: Trx, skuId: string, stockLocationId: string, create = false): Promise<string> {
  const find = () => trx.selectFrom('stock_items').select('id').where('sku_id', '=', skuId).where('stock_location_id', '=', stockLocationId).executeTakeFirst();
  const found = await find();
  if (found) return found.id;
  if (!create) throw notFound('stock_item', `${skuId}@${stockLocationId}`);
  const sku = await trx.selectFrom('skus').select('code').where('id', '=', skuId).executeTakeFirstOrThrow();
  await trx.insertInto('stock_items').values({ id: newId('si'), sku_id: skuId, sku_code: sku.code, stock_location_id: stockLocationId, quantity: 0, metadata: '{}', reference: null, reference_origin: null })
    .onConflict((oc) => oc.columns(['sku_id', 'stock_location_id']).doNothing()).execute();
  return (await find())?.id ?? '';
}
