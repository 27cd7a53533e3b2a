// Shipment triggers: the status machine (domain/lifecycle/shipment-machine.ts) plus what
// each trigger does to stock:
// - `_decrement_stock`: deduct the shipment's stock now ('shipment_decrement'), the manual
//   decrement of models with manual_stock_decrement;
// - `_release_stock`: give back the reservations of its stock line items;
// - `_ship`: deduct whatever is not yet deducted, add the quantities to the lines'
//   shipped_quantity and update the order's fulfillment_status (event `shipments.ship`);
// - `_cancel`: release reservations, restock what was deducted ('shipment_cancelled'),
//   cancel the transfers feeding it; the freed stock is offered to backorders.
import { sql } from 'kysely';
import { fail, notFound, validation } from '../domain/errors.js';
import { isDomainError, isTrigger } from '../domain/lifecycle/machine.js';
import { SHIPMENT_TRIGGERS, decideShipment, shipmentMachine } from '../domain/lifecycle/shipment-machine.js';
import { enqueueEvent } from '../store/outbox.js';
import type { Row } from '../store/schema.js';
import { lockStockItems } from '../store/stock-ledger.js';
import { inTransaction, type Trx } from '../store/transaction.js';
import type { FlowContext } from './context.js';
import { fulfillmentOf, linesOf, lockOrder } from './orders/records.js';
import { decrementStockLines, itemIds, releaseStockLines, type Freed, type StockLineRow } from './orders/stock-lines.js';
import { onStockArrived } from './stock-arrived.js';
import { cancelTransfers, transferItemIds } from './transfers.js';

export type ShipmentRow = Row<'shipments'>;

export async function triggerShipment(ctx: FlowContext, shipmentId: string, trigger: string): Promise<ShipmentRow> {
  if (!isTrigger(shipmentMachine, trigger)) throw validation('trigger', `unknown shipment trigger ${trigger}; expected one of ${SHIPMENT_TRIGGERS.join(', ')}`);
  return inTransaction(ctx.db, async (trx) => {
    const now = ctx.now();
    const found = await trx.selectFrom('shipments').select('order_id').where('id', '=', shipmentId).executeTakeFirst();
    if (!found) throw notFound('shipment', shipmentId);
    await lockOrder(trx, found.order_id);
    const shipment = await trx.selectFrom('shipments').selectAll().where('id', '=', shipmentId).forUpdate().executeTakeFirstOrThrow();
    const change = decideShipment({ status: shipment.status, stockDecremented: shipment.stock_decremented }, trigger);
    if (isDomainError(change)) throw fail(change);
    const lines = await trx.selectFrom('stock_line_items').selectAll().where('shipment_id', '=', shipmentId).orderBy('id').execute();
    const refs = { orderId: shipment.order_id, shipmentId };
    let decremented = shipment.stock_decremented;
    switch (change.effect) {
      case 'decrement':
        await decrementStockLines(trx, lines, { reason: 'shipment_decrement', ...refs });
        decremented = true;
        break;
      case 'release':
        await arrive(trx, await releaseStockLines(trx, lines.filter((l) => !l.decremented), { reason: 'shipment_cancelled', ...refs }));
        break;
      case 'ship':
        await decrementStockLines(trx, lines, { reason: 'shipment_decrement', ...refs });
        decremented = true;
        await recordShipped(trx, shipment, lines, now);
        break;
      case 'cancel':
        await cancelStock(trx, shipment, lines, now);
        decremented = false;
        break;
      case 'none':
        break;
      default: {
        const unknown: never = change.effect;
        throw new Error(`unhandled shipment effect ${String(unknown)}`);
      }
    }
    return trx.updateTable('shipments')
      .set({ status: change.status, stock_decremented: decremented, ...(change.stamp ? { [change.stamp]: now } : {}), updated_at: now })
      .where('id', '=', shipmentId).returningAll().executeTakeFirstOrThrow();
  });
}

async function recordShipped(trx: Trx, shipment: ShipmentRow, lines: readonly StockLineRow[], now: Date): Promise<void> {
  for (const line of lines) {
    await trx.updateTable('line_items').set({ shipped_quantity: sql`shipped_quantity + ${String(line.quantity)}::numeric`, updated_at: now })
      .where('id', '=', line.line_item_id).execute();
  }
  const fulfillment = fulfillmentOf(await linesOf(trx, shipment.order_id));
  await trx.updateTable('orders').set({ fulfillment_status: fulfillment, updated_at: now }).where('id', '=', shipment.order_id).execute();
  await enqueueEvent(trx, 'shipments.ship', { id: shipment.id, number: shipment.number, order_id: shipment.order_id, shipped_at: now.toISOString() });
}

async function cancelStock(trx: Trx, shipment: ShipmentRow, lines: readonly StockLineRow[], now: Date): Promise<void> {
  const transfers = await trx.selectFrom('stock_transfers').selectAll().where('shipment_id', '=', shipment.id)
    .where('status', 'not in', ['completed', 'cancelled']).orderBy('id').execute();
  await lockStockItems(trx, [...itemIds(lines), ...(await transferItemIds(trx, transfers))]);
  const freed = await releaseStockLines(trx, lines, { reason: 'shipment_cancelled', orderId: shipment.order_id, shipmentId: shipment.id });
  freed.push(...(await cancelTransfers(trx, transfers, now)));
  await arrive(trx, freed);
}

async function arrive(trx: Trx, freed: readonly Freed[]): Promise<void> {
  for (const f of freed) await onStockArrived(trx, f);
}
