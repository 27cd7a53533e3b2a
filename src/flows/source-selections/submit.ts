// Submitting a source selection (Magento "Submit Shipment"), in one transaction:
// 1. one shipment per location with a non-zero quantity to deduct (status upcoming, linked to
//    the selection, stock already decremented), a decremented stock line item per line;
// 2. on-hand is deducted there ('source_selection'): first by converting the order's own
//    holds at that location, then from free stock (reserved and converted, so other orders'
//    reservations are never taken);
// 3. what came from free stock is released from the line's holds elsewhere (last priority
//    first): the order's reservations move to where the stock really came from;
// 4. the rest of the line stays open, held where it was (and backordered as it was);
//    planned shipments left with nothing are cancelled. shipped_quantity changes at `_ship`.
import { fail, validation } from '../../domain/errors.js';
import { isReadyToShip } from '../../domain/lifecycle/order-machine.js';
import type { SelectionItem } from '../../domain/ledger/selection-items.js';
import { ZERO, add, min, qty, sub, toDecimal, toDecimalString, type Quantity } from '../../domain/quantity.js';
import { newId } from '../../store/ids.js';
import { enqueueEvent } from '../../store/outbox.js';
import type { Row } from '../../store/schema.js';
import { convertReservationToDecrement, createReservation, loadRoutingStock, releaseReservation } from '../../store/stock-ledger.js';
import type { Trx } from '../../store/transaction.js';
import { linesOf, lockOrder, modelOf, nextShipmentNumber } from '../orders/records.js';
import type { StockLineRow } from '../orders/stock-lines.js';
import { holdsOf, unshippedOf } from './holds.js';
import type { SourceSelectionRow } from './propose.js';

export interface Submitted {
  readonly selection: SourceSelectionRow;
  readonly shipments: Row<'shipments'>[];
}

export async function submitIn(trx: Trx, selection: SourceSelectionRow, now: Date): Promise<Submitted> {
  if (selection.status !== 'proposed') throw fail({ code: 'ILLEGAL_TRANSITION', resource: 'source_selection', state: selection.status, trigger: '_submit', message: `source selection ${selection.id} is already ${selection.status}` });
  if (selection.order_id === null) throw validation('order', 'a dry-run source selection (no order) cannot be submitted');
  const order = await lockOrder(trx, selection.order_id);
  if (!isReadyToShip({ status: order.status, paymentStatus: order.payment_status })) throw validation('order', `order ${order.number} is ${order.status} and ${order.payment_status}: only placed or approved, paid or free orders are shipped`);
  const items = selection.items as SelectionItem[];
  const lines = await linesOf(trx, order.id);
  const unshipped = await unshippedOf(trx, lines);
  items.forEach((item, i) => {
    const total = item.sources.reduce((t, s) => add(t, qty(s.quantity_to_deduct)), ZERO);
    const open = item.line_item_id === null ? ZERO : (unshipped.get(item.line_item_id) ?? ZERO);
    if (total > open) throw validation(`items/${i}`, `${item.sku_code}: ${toDecimal(total)} to deduct but only ${toDecimal(open)} is left to ship`);
  });
  const model = await modelOf(trx, order);
  const stock = await loadRoutingStock(trx, { inventoryModelId: model.id, skuCodes: items.map((i) => i.sku_code), lock: true });
  const holds = await holdsOf(trx, order.id);
  const left = new Map(holds.map((h) => [h.id, qty(h.quantity)]));
  const codes = [...new Set(items.flatMap((i) => i.sources.filter((s) => s.quantity_to_deduct > 0).map((s) => s.stock_location_code)))];
  const shipments: Row<'shipments'>[] = [];
  for (const code of codes) {
    const location = stock.locations.find((l) => l.code === code);
    if (!location) throw validation('items', `${code} is not a location of this order's inventory model`);
    const shipment = await trx.insertInto('shipments').values({
      id: newId('shp'), number: await nextShipmentNumber(trx, order), order_id: order.id, stock_location_id: location.stockLocationId,
      inventory_stock_location_id: location.inventoryStockLocationId, source_selection_id: selection.id, status: 'upcoming', upcoming_at: now,
      stock_decremented: true, updated_at: now, metadata: '{}', reference: null, reference_origin: null,
    }).returningAll().executeTakeFirstOrThrow();
    shipments.push(shipment);
    for (const item of items) {
      const q = qty(item.sources.find((s) => s.stock_location_code === code)?.quantity_to_deduct ?? 0);
      if (q <= 0 || item.line_item_id === null) continue;
      const stockItem = stock.stock.find((s) => s.location === code && s.sku === item.sku_code);
      if (!stockItem) throw validation('items', `${code} holds no ${item.sku_code}`);
      const lineHolds = holds.filter((h) => h.line_item_id === item.line_item_id);
      const refs = { reason: 'source_selection' as const, orderId: order.id, shipmentId: shipment.id };
      let need = q;
      for (const h of lineHolds.filter((x) => x.stock_item_id === stockItem.stockItemId)) {
        const take = min(need, left.get(h.id) ?? ZERO);
        if (take <= 0 || h.stock_reservation_id === null) continue;
        await convertReservationToDecrement(trx, h.stock_reservation_id, { ...refs, quantity: take });
        left.set(h.id, sub(left.get(h.id) ?? ZERO, take));
        need = sub(need, take);
      }
      if (need > 0) {
        const r = await createReservation(trx, { stockItemId: stockItem.stockItemId, quantity: need, status: 'pending', orderId: order.id, lineItemId: item.line_item_id });
        await convertReservationToDecrement(trx, r.id, refs);
        await releaseElsewhere(trx, lineHolds.filter((x) => x.stock_item_id !== stockItem.stockItemId).reverse(), left, need);
      }
      await trx.insertInto('stock_line_items').values({
        id: newId('sli'), order_id: order.id, line_item_id: item.line_item_id, shipment_id: shipment.id, stock_location_id: location.stockLocationId,
        stock_item_id: stockItem.stockItemId, sku_code: item.sku_code, quantity: toDecimalString(q), decremented: true, metadata: '{}', reference: null, reference_origin: null,
      }).execute();
    }
    await enqueueEvent(trx, 'shipments.create', { id: shipment.id, number: shipment.number, order_id: order.id, stock_location_id: location.stockLocationId, status: 'upcoming', source_selection_id: selection.id });
  }
  await settleHolds(trx, holds, left, now);
  const submitted = await trx.updateTable('source_selections').set({ status: 'submitted', submitted_at: now, updated_at: now })
    .where('id', '=', selection.id).returningAll().executeTakeFirstOrThrow();
  return { selection: submitted, shipments };
}

/** Releases `quantity` from these holds (their reservations), in the given order. */
async function releaseElsewhere(trx: Trx, holds: readonly StockLineRow[], left: Map<string, Quantity>, quantity: Quantity): Promise<void> {
  let rest = quantity;
  for (const h of holds) {
    const take = min(rest, left.get(h.id) ?? ZERO);
    if (take <= 0 || h.stock_reservation_id === null) continue;
    await releaseReservation(trx, h.stock_reservation_id, take);
    left.set(h.id, sub(left.get(h.id) ?? ZERO, take));
    rest = sub(rest, take);
  }
}

/** Shrinks or removes the holds that gave stock; cancels planned shipments left empty. */
async function settleHolds(trx: Trx, holds: readonly StockLineRow[], left: ReadonlyMap<string, Quantity>, now: Date): Promise<void> {
  const touched = new Set<string>();
  for (const h of holds) {
    const remaining = left.get(h.id) ?? ZERO;
    if (remaining === qty(h.quantity)) continue;
    if (h.shipment_id !== null) touched.add(h.shipment_id);
    if (remaining > 0) await trx.updateTable('stock_line_items').set({ quantity: toDecimalString(remaining), updated_at: now }).where('id', '=', h.id).execute();
    else await trx.deleteFrom('stock_line_items').where('id', '=', h.id).execute();
  }
  for (const id of touched) {
    const any = await trx.selectFrom('stock_line_items').select('id').where('shipment_id', '=', id).limit(1).executeTakeFirst();
    if (!any) await trx.updateTable('shipments').set({ status: 'cancelled', cancelled_at: now, updated_at: now }).where('id', '=', id).execute();
  }
}
