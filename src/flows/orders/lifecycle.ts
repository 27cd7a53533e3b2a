// The order triggers after placement:
// - approve: deduct on-hand for every stock line item (its reservation becomes a movement
//   'order_approved') and mark its shipments stock_decremented — unless the model has
//   manual_stock_decrement (then per shipment, `_decrement_stock`, or at source selection);
// - capture: payment becomes paid; approve_and_capture: both;
// - cancel (nothing shipped yet): release reservations, restock what was deducted
//   ('order_cancelled'), cancel open shipments and transfers, drop backordered demand;
// - fulfil: once every line is shipped in full.
import { validation } from '../../domain/errors.js';
import { enqueueEvent } from '../../store/outbox.js';
import { inTransaction, type Trx } from '../../store/transaction.js';
import type { FlowContext } from '../context.js';
import { onStockArrived } from '../stock-arrived.js';
import { cancelTransfers, transferItemIds } from '../transfers.js';
import { lockStockItems } from '../../store/stock-ledger.js';
import { releaseLineDrafts } from './drafts.js';
import { changeOrder, fulfillmentOf, linesOf, lockOrder, modelOf, type OrderRow } from './records.js';
import { decrementStockLines, itemIds, releaseStockLines } from './stock-lines.js';

export async function approveOrder(ctx: FlowContext, orderId: string): Promise<OrderRow> {
  return inTransaction(ctx.db, async (trx) => approve(trx, await lockOrder(trx, orderId), '_approve', ctx.now()));
}

export async function approveAndCaptureOrder(ctx: FlowContext, orderId: string): Promise<OrderRow> {
  return inTransaction(ctx.db, async (trx) => approve(trx, await lockOrder(trx, orderId), '_approve_and_capture', ctx.now()));
}

export async function captureOrder(ctx: FlowContext, orderId: string): Promise<OrderRow> {
  return inTransaction(ctx.db, async (trx) => changeOrder(trx, await lockOrder(trx, orderId), '_capture', ctx.now()));
}

async function approve(trx: Trx, order: OrderRow, trigger: '_approve' | '_approve_and_capture', now: Date): Promise<OrderRow> {
  const approved = await changeOrder(trx, order, trigger, now);
  if ((await modelOf(trx, order)).manual_stock_decrement) return approved;
  const stockLines = await trx.selectFrom('stock_line_items').selectAll().where('order_id', '=', order.id).where('decremented', '=', false).orderBy('id').execute();
  const open = await openShipmentIds(trx, order.id);
  const due = stockLines.filter((l) => l.shipment_id === null || open.includes(l.shipment_id));
  await decrementStockLines(trx, due, { reason: 'order_approved', orderId: order.id });
  if (open.length > 0) await trx.updateTable('shipments').set({ stock_decremented: true, updated_at: now }).where('id', 'in', open).execute();
  return approved;
}

export async function cancelOrder(ctx: FlowContext, orderId: string): Promise<OrderRow> {
  return inTransaction(ctx.db, async (trx) => {
    const now = ctx.now();
    const order = await lockOrder(trx, orderId);
    const shipped = await trx.selectFrom('shipments').select('number').where('order_id', '=', orderId).where('status', 'in', ['shipped', 'delivered']).executeTakeFirst();
    if (shipped) throw validation('status', `order ${order.number} cannot be cancelled: shipment ${shipped.number} has already shipped`);
    const cancelled = await changeOrder(trx, order, '_cancel', now);
    const lines = await linesOf(trx, orderId);
    await releaseLineDrafts(trx, lines.map((l) => l.id));
    const open = await openShipmentIds(trx, orderId);
    const stockLines = await trx.selectFrom('stock_line_items').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
    const held = stockLines.filter((l) => l.shipment_id === null || open.includes(l.shipment_id));
    const transfers = await trx.selectFrom('stock_transfers').selectAll()
      .where('order_id', '=', orderId).where('status', 'not in', ['completed', 'cancelled']).execute();
    await lockStockItems(trx, [...itemIds(held), ...(await transferItemIds(trx, transfers))]);
    const freed = await releaseStockLines(trx, held, { reason: 'order_cancelled', orderId });
    freed.push(...(await cancelTransfers(trx, transfers, now)));
    if (open.length > 0) await trx.updateTable('shipments').set({ status: 'cancelled', cancelled_at: now, updated_at: now }).where('id', 'in', open).execute();
    await trx.updateTable('line_items').set({ backordered_quantity: 0, updated_at: now }).where('order_id', '=', orderId).execute();
    for (const f of freed) await onStockArrived(trx, f);
    await enqueueEvent(trx, 'orders.cancel', { id: order.id, number: order.number, status: cancelled.status });
    return cancelled;
  });
}

export async function fulfillOrder(ctx: FlowContext, orderId: string): Promise<OrderRow> {
  return inTransaction(ctx.db, async (trx) => {
    const order = await lockOrder(trx, orderId);
    const lines = await linesOf(trx, orderId);
    const open = lines.find((l) => l.shipped_quantity < l.quantity);
    if (order.status === 'approved' && open) {
      throw validation('status', `order ${order.number} cannot be fulfilled: ${open.sku_code} has ${open.shipped_quantity} of ${open.quantity} shipped`);
    }
    return changeOrder(trx, order, '_fulfill', ctx.now(), { fulfillment_status: fulfillmentOf(lines) });
  });
}

/** Shipments of the order that have not shipped and are not cancelled. */
export async function openShipmentIds(trx: Trx, orderId: string): Promise<string[]> {
  const rows = await trx.selectFrom('shipments').select('id').where('order_id', '=', orderId)
    .where('status', 'in', ['draft', 'upcoming', 'on_hold', 'picking', 'packing', 'ready_to_ship']).orderBy('id').execute();
  return rows.map((r) => r.id);
}
