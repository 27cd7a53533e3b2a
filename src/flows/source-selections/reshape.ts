// The order's untouched planned shipments, reshaped by a submit. A planned shipment is
// untouched while it never started: `draft`, `upcoming` or `on_hold`, created by placement or
// by a backorder allocation (no source selection), nothing in it deducted, no stock transfer
// feeding it and no stock movement naming it. A submit
// - reuses one of them for each shipment it makes at the same location and shipping
//   category (the shipment keeps its id and number and becomes the submitted one);
// - drops the others: their rows go, what they still held stays held for the order without a
//   shipment (the open remainder a later selection ships), as placement keeps do_not_ship
//   items. Nothing is lost: every change of stock is in the stock movements.
import { enqueueEvent } from '../../store/outbox.js';
import type { Row } from '../../store/schema.js';
import type { Trx } from '../../store/transaction.js';

export type ShipmentRow = Row<'shipments'>;

export async function untouchedShipments(trx: Trx, orderId: string): Promise<ShipmentRow[]> {
  return trx.selectFrom('shipments as sh').selectAll('sh')
    .where('sh.order_id', '=', orderId).where('sh.status', 'in', ['draft', 'upcoming', 'on_hold'])
    .where('sh.source_selection_id', 'is', null).where('sh.stock_decremented', '=', false)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('stock_line_items as sli').select('sli.id').whereRef('sli.shipment_id', '=', 'sh.id').where('sli.decremented', '=', true))))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('stock_transfers as st').select('st.id').whereRef('st.shipment_id', '=', 'sh.id'))))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('stock_movements as sm').select('sm.id').whereRef('sm.shipment_id', '=', 'sh.id'))))
    .orderBy('sh.number').orderBy('sh.id').forUpdate().execute();
}

/** Takes the first untouched shipment at this location and category out of `pool`. */
export function takeReusable(pool: ShipmentRow[], stockLocationId: string, shippingCategoryId: string | null): ShipmentRow | undefined {
  const i = pool.findIndex((s) => s.stock_location_id === stockLocationId && s.shipping_category_id === shippingCategoryId);
  return i < 0 ? undefined : pool.splice(i, 1)[0];
}

/** A reused shipment keeps only what was submitted: its other (still held) lines leave it. */
export async function keepOnlySubmitted(trx: Trx, shipmentId: string, now: Date): Promise<void> {
  await trx.updateTable('stock_line_items').set({ shipment_id: null, updated_at: now })
    .where('shipment_id', '=', shipmentId).where('decremented', '=', false).execute();
}

/** Drops the untouched shipments no submitted shipment reused. */
export async function dropShipments(trx: Trx, dropped: readonly ShipmentRow[], now: Date): Promise<void> {
  if (dropped.length === 0) return;
  const ids = dropped.map((s) => s.id);
  await trx.updateTable('stock_line_items').set({ shipment_id: null, updated_at: now }).where('shipment_id', 'in', ids).execute();
  await trx.deleteFrom('shipments').where('id', 'in', ids).execute();
  for (const s of dropped) await enqueueEvent(trx, 'shipments.destroy', { id: s.id, number: s.number, order_id: s.order_id, reason: 'reshaped_by_source_selection' });
}
