// Submitting a source selection (Magento "Submit Shipment"), in one transaction:
// 1. the quantities to deduct are laid out as placement lays out shipments: one shipment per
//    location × shipping category, do_not_track lines riding in their category's shipment
//    from the first location that ships (domain/ledger/selection-shipments.ts);
// 2. each shipment reuses the order's untouched planned shipment at the same location and
//    category, or is new (reshape.ts); it is linked to the selection, its stock decremented;
// 3. on-hand is deducted there ('source_selection'): first by converting the order's own
//    holds at that location, then from free stock (reserved and converted, so other orders'
//    reservations are never taken); do_not_track lines need no stock;
// 4. what came from free stock is released from the line's holds elsewhere (last priority
//    first): the order's reservations move to where the stock really came from;
// 5. the rest of the line stays open, held where it was (and backordered as it was); the
//    untouched planned shipments not reused are dropped, and a started shipment left with
//    nothing is cancelled. shipped_quantity changes at `_ship`.
import { fail, validation } from '../../domain/errors.js';
import { selectionShipments } from '../../domain/ledger/selection-shipments.js';
import { isReadyToShip } from '../../domain/lifecycle/order-machine.js';
import type { SelectionItem } from '../../domain/ledger/selection-items.js';
import { ZERO, add, min, qty, toDecimal } from '../../domain/quantity.js';
import type { PlannedShipment } from '../../domain/routing.js';
import { newId } from '../../store/ids.js';
import { enqueueEvent } from '../../store/outbox.js';
import type { Row } from '../../store/schema.js';
import { loadRoutingStock, type RoutingStock } from '../../store/stock-ledger.js';
import type { Trx } from '../../store/transaction.js';
import { linesOf, lockOrder, modelOf, nextShipmentNumber, type OrderRow } from '../orders/records.js';
import { holdsOf, unshippedOf } from './holds.js';
import type { SourceSelectionRow } from './propose.js';
import { dropShipments, keepOnlySubmitted, takeReusable, untouchedShipments, type ShipmentRow } from './reshape.js';
import { settleHolds, shipItem, type Holding } from './take-stock.js';

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
  const unshipped = await unshippedOf(trx, await linesOf(trx, order.id));
  items.forEach((item, i) => {
    const total = item.sources.reduce((t, s) => add(t, qty(s.quantity_to_deduct)), ZERO);
    const open = item.line_item_id === null ? ZERO : (unshipped.get(item.line_item_id) ?? ZERO);
    if (total > open) throw validation(`items/${i}`, `${item.sku_code}: ${toDecimal(total)} to deduct but only ${toDecimal(open)} is left to ship`);
  });
  const model = await modelOf(trx, order);
  const stock = await loadRoutingStock(trx, { inventoryModelId: model.id, skuCodes: items.map((i) => i.sku_code), lock: true });
  for (const item of items) {
    for (const s of item.sources) if (s.quantity_to_deduct > 0 && !stock.locations.some((l) => l.code === s.stock_location_code)) throw validation('items', `${s.stock_location_code} is not a location of this order's inventory model`);
  }
  // do_not_track lines ride only while unshipped: a later selection must not ship them twice.
  const open = items.map((item) => (item.line_item_id === null ? item : { ...item, quantity: toDecimal(min(qty(item.quantity), unshipped.get(item.line_item_id) ?? ZERO)) }));
  const layout = selectionShipments(open, stock.locations, stock.skus);
  const holding: Holding = { holds: await holdsOf(trx, order.id), left: new Map() };
  for (const h of holding.holds) holding.left.set(h.id, qty(h.quantity));
  const pool = await untouchedShipments(trx, order.id);
  const reshaped = new Set(pool.map((s) => s.id));
  const categories = await categoryIds(trx, layout.shipments);
  const shipments: ShipmentRow[] = [];
  for (const planned of layout.shipments) {
    const shipment = await shipmentFor(trx, { order, selection, planned, stock, pool, categories, now });
    shipments.push(shipment);
    for (const item of planned.items) await shipItem(trx, { order, shipment, item, stock, holding, now });
  }
  await settleHolds(trx, holding, reshaped, now);
  for (const s of shipments) await keepOnlySubmitted(trx, s.id, now);
  await dropShipments(trx, pool, now);
  const submitted = await trx.updateTable('source_selections').set({ status: 'submitted', submitted_at: now, updated_at: now })
    .where('id', '=', selection.id).returningAll().executeTakeFirstOrThrow();
  return { selection: submitted, shipments };
}

interface ShipmentAt {
  readonly order: OrderRow;
  readonly selection: SourceSelectionRow;
  readonly planned: PlannedShipment;
  readonly stock: RoutingStock;
  readonly pool: ShipmentRow[];
  readonly categories: ReadonlyMap<string, string>;
  readonly now: Date;
}

/** The untouched planned shipment at this location and category, taken over; or a new one. */
async function shipmentFor(trx: Trx, a: ShipmentAt): Promise<ShipmentRow> {
  const location = a.stock.locations.find((l) => l.code === a.planned.location);
  if (!location) throw validation('items', `${a.planned.location} is not a location of this order's inventory model`);
  const categoryId = a.planned.shippingCategory === null ? null : (a.categories.get(a.planned.shippingCategory) ?? null);
  const reused = takeReusable(a.pool, location.stockLocationId, categoryId);
  const event = { order_id: a.order.id, stock_location_id: location.stockLocationId, shipping_category_id: categoryId, source_selection_id: a.selection.id };
  if (reused) {
    const row = await trx.updateTable('shipments').set({ source_selection_id: a.selection.id, stock_decremented: true, updated_at: a.now })
      .where('id', '=', reused.id).returningAll().executeTakeFirstOrThrow();
    await enqueueEvent(trx, 'shipments.update', { id: row.id, number: row.number, status: row.status, ...event });
    return row;
  }
  const row = await trx.insertInto('shipments').values({
    id: newId('shp'), number: await nextShipmentNumber(trx, a.order), order_id: a.order.id, stock_location_id: location.stockLocationId,
    inventory_stock_location_id: location.inventoryStockLocationId, shipping_category_id: categoryId, source_selection_id: a.selection.id,
    status: 'upcoming', upcoming_at: a.now, stock_decremented: true, updated_at: a.now, metadata: '{}', reference: null, reference_origin: null,
  }).returningAll().executeTakeFirstOrThrow();
  await enqueueEvent(trx, 'shipments.create', { id: row.id, number: row.number, status: 'upcoming', ...event });
  return row;
}

async function categoryIds(trx: Trx, shipments: readonly PlannedShipment[]): Promise<Map<string, string>> {
  const codes = [...new Set(shipments.flatMap((s) => (s.shippingCategory === null ? [] : [s.shippingCategory])))];
  if (codes.length === 0) return new Map();
  const rows = await trx.selectFrom('shipping_categories').select(['id', 'code']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}
