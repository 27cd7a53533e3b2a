// What an order holds and still has to ship, for the Magento flow:
// - holds: its stock line items not yet decremented, with a reservation, outside cancelled or
//   shipped shipments (placement's planned shipments and do_not_ship items). These count as
//   available to the order where they are. (Transfer origin reservations stay with their
//   transfer and are not offered.)
// - unshipped remainder of a line = quantity − shipped − what sits in open shipments whose
//   stock is already deducted (earlier submitted selections, approved shipments). On an
//   order approved with automatic decrement everything is deducted, so nothing remains here.
import { ZERO, add, clampZero, qty, sub, type Quantity } from '../../domain/quantity.js';
import type { Trx } from '../../store/transaction.js';
import type { LineRow } from '../orders/records.js';
import type { StockLineRow } from '../orders/stock-lines.js';

const OPEN = ['draft', 'upcoming', 'on_hold', 'picking', 'packing', 'ready_to_ship'] as const;

export async function holdsOf(trx: Trx, orderId: string): Promise<StockLineRow[]> {
  const lines = await trx.selectFrom('stock_line_items as sli').leftJoin('shipments as sh', 'sh.id', 'sli.shipment_id').selectAll('sli')
    .where('sli.order_id', '=', orderId).where('sli.decremented', '=', false).where('sli.stock_reservation_id', 'is not', null)
    .where((eb) => eb.or([eb('sli.shipment_id', 'is', null), eb('sh.status', 'in', OPEN)]))
    .orderBy('sli.id').execute();
  return lines;
}

/** line item id → quantity still to ship. */
export async function unshippedOf(trx: Trx, lines: readonly LineRow[]): Promise<Map<string, Quantity>> {
  const committed = lines.length === 0 ? [] : await trx.selectFrom('stock_line_items as sli').innerJoin('shipments as sh', 'sh.id', 'sli.shipment_id')
    .select(['sli.line_item_id', 'sli.quantity']).where('sli.line_item_id', 'in', lines.map((l) => l.id))
    .where('sli.decremented', '=', true).where('sh.status', 'in', OPEN).execute();
  const out = new Map<string, Quantity>();
  for (const line of lines) {
    let q = sub(qty(line.quantity), qty(line.shipped_quantity));
    for (const c of committed) if (c.line_item_id === line.id) q = sub(q, qty(c.quantity));
    out.set(line.id, clampZero(q));
  }
  return out;
}

/** stock item id → quantity this order holds there. */
export function heldByItem(holds: readonly StockLineRow[]): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const h of holds) if (h.stock_item_id !== null) out.set(h.stock_item_id, add(out.get(h.stock_item_id) ?? ZERO, qty(h.quantity)));
  return out;
}
