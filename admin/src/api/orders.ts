// Loads an order with everything its page shows: lines, stock line items, reservations (and
// where they are held), shipments with their locations, transfers, returns with where they
// restock.
// Relationship linkage only comes with `include`, so every relationship read is included.
import { ApiError } from './errors.js';
import { getAll, getDoc } from './client.js';
import { Included, relIds, type Resource } from './jsonapi.js';
import type { OrderAttrs } from './types.js';

const FULL = [
  'line_items',
  'stock_line_items.shipment',
  'stock_line_items.line_item',
  'stock_reservations.line_item',
  'stock_reservations.stock_item.stock_location',
  'shipments.stock_location',
  'stock_transfers.origin_stock_location',
  'stock_transfers.destination_stock_location',
  'returns.stock_location',
].join(',');
const FLAT = 'line_items,stock_line_items.shipment,stock_line_items.line_item,stock_reservations.line_item,shipments,stock_transfers,returns';

export interface LoadedOrder {
  readonly order: Resource<OrderAttrs>;
  readonly included: Included;
}

export async function fetchOrder(id: string): Promise<LoadedOrder> {
  let doc;
  try {
    doc = await getDoc<Resource<OrderAttrs>>(`orders/${id}`, { include: FULL });
  } catch (e) {
    // A server that does not follow nested includes still gives the flat view.
    if (!(e instanceof ApiError) || e.status !== 400) throw e;
    doc = await getDoc<Resource<OrderAttrs>>(`orders/${id}`, { include: FLAT });
  }
  return { order: doc.data, included: new Included(doc.included) };
}

/** Why the Ship button is disabled, or undefined when the order can ship. */
export function cannotShipReason(order: OrderAttrs, unshipped: number): string | undefined {
  if (order.status !== 'placed' && order.status !== 'approved') return `The order is ${order.status}; only placed or approved orders ship.`;
  if (order.payment_status !== 'paid' && order.payment_status !== 'free') return `Payment is ${order.payment_status}; only paid (or free) orders ship.`;
  if (unshipped <= 0) return 'Everything in this order is shipped or in a shipment.';
  return undefined;
}

/**
 * True when the order's inventory model has a single enabled location (Magento's "Single
 * Source" mode): there is nothing to choose, so shipping skips the selection step.
 */
export async function shipsFromSingleSource(orderId: string): Promise<boolean> {
  const doc = await getDoc<Resource<OrderAttrs>>(`orders/${orderId}`, { include: 'market.inventory_model' });
  const market = new Included(doc.included).one<Record<string, unknown>>(doc.data, 'market');
  const modelId = market ? relIds(market, 'inventory_model')[0]?.id : undefined;
  if (!modelId) return false;
  const links = await getAll<Record<string, unknown>>('inventory_stock_locations', {
    'filter[q][inventory_model_id_eq]': modelId,
    include: 'stock_location',
  });
  const included = new Included(links.included);
  const enabled = links.data.filter((l) => included.one<{ enabled: boolean }>(l, 'stock_location')?.attributes.enabled !== false);
  return enabled.length === 1;
}
