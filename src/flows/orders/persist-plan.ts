// Writes a placement plan: one shipment per planned shipment (`upcoming`, or `on_hold` at an
// on-hold location), numbered `<order>/S/<n>`; a stock line item with a pending reservation
// per planned item (do_not_track: no stock item, nothing reserved; do_not_ship: in no
// shipment); a stock transfer per planned transfer with its origin reserved, feeding the
// shipment at its destination. The part of a shipment's item that arrives by transfer gets
// its stock line item only when the transfer completes (flows/transfers.ts).
import { ZERO, add, min, sub, toDecimalString, type Quantity } from '../../domain/quantity.js';
import type { Plan, PlannedShipment } from '../../domain/routing.js';
import { newId } from '../../store/ids.js';
import type { Row } from '../../store/schema.js';
import { createReservation, type RoutingStock } from '../../store/stock-ledger.js';
import type { Trx } from '../../store/transaction.js';
import type { OrderRow } from './records.js';
import { insertStockLines, reserveStockLine } from './stock-lines.js';
import type { NewRow } from '../../store/schema.js';

export interface PersistedPlan {
  readonly shipments: Row<'shipments'>[];
  readonly transfers: Row<'stock_transfers'>[];
}

export async function persistPlan(trx: Trx, order: OrderRow, plan: Plan, stock: RoutingStock, opts: { transfersOnHold: boolean; now: Date }): Promise<PersistedPlan> {
  const location = (code: string) => {
    const l = stock.locations.find((x) => x.code === code);
    if (!l) throw new Error(`plan names ${code}, which is not a location of the model`);
    return l;
  };
  const sku = (code: string) => stock.skus.find((s) => s.code === code);
  const itemAt = (loc: string, skuCode: string): string | null => {
    if (sku(skuCode)?.doNotTrack) return null;
    const item = stock.stock.find((s) => s.location === loc && s.sku === skuCode);
    if (!item) throw new Error(`plan takes ${skuCode} from ${loc}, which has no stock item for it`);
    return item.stockItemId;
  };
  const categories = await categoryIds(trx, plan.shipments);
  const inbound = new Map<string, Quantity>();
  for (const t of plan.transfers) inbound.set(`${t.line}|${t.to}`, add(inbound.get(`${t.line}|${t.to}`) ?? ZERO, t.quantity));

  const shipments: { planned: PlannedShipment; row: Row<'shipments'> }[] = [];
  const stockLines: NewRow<'stock_line_items'>[] = [];
  for (const [i, planned] of plan.shipments.entries()) {
    const loc = location(planned.location);
    const status = planned.onHold ? 'on_hold' : 'upcoming';
    const row = await trx.insertInto('shipments').values({
      id: newId('shp'), number: `${order.number}/S/${i + 1}`, order_id: order.id, stock_location_id: loc.stockLocationId,
      inventory_stock_location_id: loc.inventoryStockLocationId, shipping_category_id: planned.shippingCategory === null ? null : (categories.get(planned.shippingCategory) ?? null),
      status, [`${status}_at`]: opts.now, updated_at: opts.now, metadata: '{}', reference: null, reference_origin: null,
    }).returningAll().executeTakeFirstOrThrow();
    shipments.push({ planned, row });
    for (const item of planned.items) {
      const key = `${item.line}|${planned.location}`;
      const arriving = min(item.quantity, inbound.get(key) ?? ZERO);
      inbound.set(key, sub(inbound.get(key) ?? ZERO, arriving));
      const quantity = sub(item.quantity, arriving);
      if (quantity <= 0) continue;
      stockLines.push(await reserveStockLine(trx, {
        orderId: order.id, lineItemId: item.line, skuCode: item.sku, shipmentId: row.id, stockLocationId: loc.stockLocationId,
        stockItemId: itemAt(planned.location, item.sku), quantity,
      }));
    }
  }
  for (const item of plan.unshippedItems) {
    stockLines.push(await reserveStockLine(trx, {
      orderId: order.id, lineItemId: item.line, skuCode: item.sku, shipmentId: null, stockLocationId: location(item.location).stockLocationId,
      stockItemId: itemAt(item.location, item.sku), quantity: item.quantity,
    }));
  }
  await insertStockLines(trx, stockLines);
  const transfers: Row<'stock_transfers'>[] = [];
  for (const [i, t] of plan.transfers.entries()) {
    const origin = itemAt(t.from, t.sku);
    const reservation = origin === null ? null : await createReservation(trx, { stockItemId: origin, quantity: t.quantity, status: 'pending', orderId: order.id, lineItemId: t.line });
    const feeds = shipments.find((s) => s.planned.location === t.to && s.planned.items.some((x) => x.line === t.line));
    const status = opts.transfersOnHold ? 'on_hold' : 'upcoming';
    transfers.push(await trx.insertInto('stock_transfers').values({
      id: newId('str'), number: `${order.number}/T/${i + 1}`, sku_id: sku(t.sku)?.id ?? '', sku_code: t.sku, quantity: toDecimalString(t.quantity),
      status, [`${status}_at`]: opts.now, origin_stock_location_id: location(t.from).stockLocationId, destination_stock_location_id: location(t.to).stockLocationId,
      order_id: order.id, shipment_id: feeds?.row.id ?? null, line_item_id: t.line, stock_reservation_id: reservation?.id ?? null,
      updated_at: opts.now, metadata: '{}', reference: null, reference_origin: null,
    }).returningAll().executeTakeFirstOrThrow());
  }
  return { shipments: shipments.map((s) => s.row), transfers };
}

async function categoryIds(trx: Trx, shipments: readonly PlannedShipment[]): Promise<Map<string, string>> {
  const codes = [...new Set(shipments.flatMap((s) => (s.shippingCategory === null ? [] : [s.shippingCategory])))];
  if (codes.length === 0) return new Map();
  const rows = await trx.selectFrom('shipping_categories').select(['id', 'code']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}
