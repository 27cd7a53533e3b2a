// Deducting one submitted item in its shipment, and settling the order's holds afterwards.
// A tracked item is deducted first from the order's own holds at that stock item, then from
// free stock (reserved and converted at once, so other orders' reservations are never taken),
// releasing as much from the line's holds elsewhere, last priority first. A do_not_track item
// needs no stock: it replaces the line's open untracked stock line items.
import { validation } from '../../domain/errors.js';
import { ZERO, min, qty, sub, toDecimalString, type Quantity } from '../../domain/quantity.js';
import type { PlannedItem } from '../../domain/routing.js';
import { newId } from '../../store/ids.js';
import { convertReservationToDecrement, createReservation, releaseReservation, type RoutingStock } from '../../store/stock-ledger.js';
import type { Trx } from '../../store/transaction.js';
import type { OrderRow } from '../orders/records.js';
import type { StockLineRow } from '../orders/stock-lines.js';
import type { ShipmentRow } from './reshape.js';

const OPEN = ['draft', 'upcoming', 'on_hold', 'picking', 'packing', 'ready_to_ship'] as const;

/** The order's holds (holds.ts) and what is left of each as items take from them. */
export interface Holding {
  readonly holds: readonly StockLineRow[];
  readonly left: Map<string, Quantity>;
}

export interface ItemToShip {
  readonly order: OrderRow;
  readonly shipment: ShipmentRow;
  readonly item: PlannedItem;
  readonly stock: RoutingStock;
  readonly holding: Holding;
  readonly now: Date;
}

export async function shipItem(trx: Trx, a: ItemToShip): Promise<void> {
  const { order, shipment, item, holding } = a;
  const location = a.stock.locations.find((l) => l.stockLocationId === shipment.stock_location_id);
  if (!location) throw validation('items', `shipment ${shipment.number} is not at a location of this order's inventory model`);
  let stockItemId: string | null = null;
  if (a.stock.skus.find((s) => s.code === item.sku)?.doNotTrack) {
    await replaceUntracked(trx, item, a.now);
  } else {
    const stockItem = a.stock.stock.find((s) => s.location === location.code && s.sku === item.sku);
    if (!stockItem) throw validation('items', `${location.code} holds no ${item.sku}`);
    stockItemId = stockItem.stockItemId;
    const lineHolds = holding.holds.filter((h) => h.line_item_id === item.line);
    const refs = { reason: 'source_selection' as const, orderId: order.id, shipmentId: shipment.id };
    let need = item.quantity;
    for (const h of lineHolds.filter((x) => x.stock_item_id === stockItemId)) {
      const take = min(need, holding.left.get(h.id) ?? ZERO);
      if (take <= 0 || h.stock_reservation_id === null) continue;
      await convertReservationToDecrement(trx, h.stock_reservation_id, { ...refs, quantity: take });
      holding.left.set(h.id, sub(holding.left.get(h.id) ?? ZERO, take));
      need = sub(need, take);
    }
    if (need > 0) {
      const r = await createReservation(trx, { stockItemId, quantity: need, status: 'pending', orderId: order.id, lineItemId: item.line });
      await convertReservationToDecrement(trx, r.id, refs);
      await releaseElsewhere(trx, lineHolds.filter((x) => x.stock_item_id !== stockItemId).reverse(), holding.left, need);
    }
  }
  await trx.insertInto('stock_line_items').values({
    id: newId('sli'), order_id: order.id, line_item_id: item.line, shipment_id: shipment.id, stock_location_id: location.stockLocationId,
    stock_item_id: stockItemId, sku_code: item.sku, quantity: toDecimalString(item.quantity), decremented: true, metadata: '{}', reference: null, reference_origin: null,
  }).execute();
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

/** Shrinks or removes the line's open untracked stock line items by what now ships. */
async function replaceUntracked(trx: Trx, item: PlannedItem, now: Date): Promise<void> {
  const lines = await trx.selectFrom('stock_line_items as sli').leftJoin('shipments as sh', 'sh.id', 'sli.shipment_id').selectAll('sli')
    .where('sli.line_item_id', '=', item.line).where('sli.stock_item_id', 'is', null).where('sli.decremented', '=', false)
    .where((eb) => eb.or([eb('sli.shipment_id', 'is', null), eb('sh.status', 'in', OPEN)]))
    .orderBy('sli.id').execute();
  let rest = item.quantity;
  for (const l of lines) {
    if (rest <= 0) break;
    const take = min(rest, qty(l.quantity));
    if (take === qty(l.quantity)) await trx.deleteFrom('stock_line_items').where('id', '=', l.id).execute();
    else await trx.updateTable('stock_line_items').set({ quantity: toDecimalString(sub(qty(l.quantity), take)), updated_at: now }).where('id', '=', l.id).execute();
    rest = sub(rest, take);
  }
}

/** Shrinks or removes the holds that gave stock; cancels a started shipment left empty
 * (the untouched planned ones, `reshaped`, are reused or dropped instead). */
export async function settleHolds(trx: Trx, holding: Holding, reshaped: ReadonlySet<string>, now: Date): Promise<void> {
  const touched = new Set<string>();
  for (const h of holding.holds) {
    const remaining = holding.left.get(h.id) ?? ZERO;
    if (remaining === qty(h.quantity)) continue;
    if (h.shipment_id !== null && !reshaped.has(h.shipment_id)) touched.add(h.shipment_id);
    if (remaining > 0) await trx.updateTable('stock_line_items').set({ quantity: toDecimalString(remaining), updated_at: now }).where('id', '=', h.id).execute();
    else await trx.deleteFrom('stock_line_items').where('id', '=', h.id).execute();
  }
  for (const id of touched) {
    const any = await trx.selectFrom('stock_line_items').select('id').where('shipment_id', '=', id).limit(1).executeTakeFirst();
    if (!any) await trx.updateTable('shipments').set({ status: 'cancelled', cancelled_at: now, updated_at: now }).where('id', '=', id).execute();
  }
}
