// Turns a placement plan into the rows one statement writes (store/placement-write.ts):
// one shipment per planned shipment (`upcoming`, or `on_hold` at an on-hold location),
// numbered `<order>/S/<n>`; a stock line item with a pending reservation per planned item
// (do_not_track: no stock item, nothing reserved; do_not_ship: in no shipment); a stock
// transfer per planned transfer with its origin reserved, feeding the shipment at its
// destination. The part of a shipment's item that arrives by transfer gets its stock line
// item only when the transfer completes (flows/transfers.ts). Backordered shortfalls, the
// released draft holds and the webhook events of the placement complete the write.
import { ZERO, add, min, sub, toDecimalString, type Quantity } from '../../domain/quantity.js';
import type { Plan } from '../../domain/routing.js';
import { newId } from '../../store/ids.js';
import type { PlacementSnapshot } from '../../store/placement-snapshot.js';
import type { PlacementWrite } from '../../store/placement-write.js';
import type { OrderStatus, PaymentStatus } from '../../store/schema.js';

export interface PlacementChange {
  readonly status: OrderStatus;
  readonly paymentStatus: PaymentStatus;
  readonly now: Date;
  readonly transfersOnHold: boolean;
}

/** Also used by batch re-optimisation, which has no draft holds and writes its own events. */
export function placementWrite(snapshot: Pick<PlacementSnapshot, 'order' | 'stock' | 'categoryIds' | 'holds' | 'webhooks'>, plan: Plan, change: PlacementChange): PlacementWrite {
  const { order, stock } = snapshot;
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
  const reservations: PlacementWrite['reservations'][number][] = [];
  const reserve = (stockItemId: string | null, lineItemId: string, quantity: Quantity): string | null => {
    if (stockItemId === null) return null;
    const id = newId('rsv');
    reservations.push({ id, stockItemId, lineItemId, quantity: toDecimalString(quantity) });
    return id;
  };
  const inbound = new Map<string, Quantity>();
  for (const t of plan.transfers) inbound.set(`${t.line}|${t.to}`, add(inbound.get(`${t.line}|${t.to}`) ?? ZERO, t.quantity));

  const shipments: PlacementWrite['shipments'][number][] = [];
  const stockLines: PlacementWrite['stockLines'][number][] = [];
  const line = (lineItemId: string, skuCode: string, shipmentId: string | null, loc: string, quantity: Quantity) => {
    const stockItemId = itemAt(loc, skuCode);
    stockLines.push({
      id: newId('sli'), lineItemId, shipmentId, stockLocationId: location(loc).stockLocationId, stockItemId,
      reservationId: reserve(stockItemId, lineItemId, quantity), skuCode, quantity: toDecimalString(quantity),
    });
  };
  for (const [i, planned] of plan.shipments.entries()) {
    const loc = location(planned.location);
    const id = newId('shp');
    const category = planned.shippingCategory === null ? null : (snapshot.categoryIds.get(planned.shippingCategory) ?? null);
    shipments.push({
      id, number: `${order.number}/S/${i + 1}`, stockLocationId: loc.stockLocationId, inventoryStockLocationId: loc.inventoryStockLocationId,
      shippingCategoryId: category, status: planned.onHold ? 'on_hold' : 'upcoming',
    });
    for (const item of planned.items) {
      const key = `${item.line}|${planned.location}`;
      const arriving = min(item.quantity, inbound.get(key) ?? ZERO);
      inbound.set(key, sub(inbound.get(key) ?? ZERO, arriving));
      const quantity = sub(item.quantity, arriving);
      if (quantity > 0) line(item.line, item.sku, id, planned.location, quantity);
    }
  }
  for (const item of plan.unshippedItems) line(item.line, item.sku, null, item.location, item.quantity);

  const transfers = plan.transfers.map((t, i) => {
    const feeds = plan.shipments.findIndex((s) => s.location === t.to && s.items.some((x) => x.line === t.line));
    return {
      id: newId('str'), number: `${order.number}/T/${i + 1}`, skuId: sku(t.sku)?.id ?? '', skuCode: t.sku, quantity: toDecimalString(t.quantity),
      status: change.transfersOnHold ? 'on_hold' as const : 'upcoming' as const,
      originId: location(t.from).stockLocationId, destinationId: location(t.to).stockLocationId,
      shipmentId: shipments[feeds]?.id ?? null, lineItemId: t.line, reservationId: reserve(itemAt(t.from, t.sku), t.line, t.quantity),
    };
  });
  const backorders = plan.selection.lines.filter((l) => l.backordered > 0).map((l) => ({ lineItemId: l.line, quantity: toDecimalString(l.backordered) }));
  return {
    orderId: order.id, status: change.status, paymentStatus: change.paymentStatus, now: change.now,
    release: snapshot.holds.map((h) => h.id), reservations, shipments, stockLines, transfers, backorders,
    events: events(snapshot, change, shipments), enqueuedAt: new Date(),
  };
}

/** orders.place and one shipments.create per shipment, for each webhook listening. */
function events(snapshot: Pick<PlacementSnapshot, 'order' | 'webhooks'>, change: PlacementChange, shipments: PlacementWrite['shipments']): PlacementWrite['events'] {
  const { order } = snapshot;
  const to = (topic: string, payload: Record<string, unknown>) => snapshot.webhooks
    .filter((w) => w.topic === topic).map((w) => ({ id: newId('evt'), webhookId: w.id, topic, payload: JSON.stringify(payload) }));
  return [
    ...to('orders.place', { id: order.id, number: order.number, status: change.status, placed_at: change.now.toISOString() }),
    ...shipments.flatMap((s) => to('shipments.create', { id: s.id, number: s.number, order_id: order.id, stock_location_id: s.stockLocationId, status: s.status })),
  ];
}
