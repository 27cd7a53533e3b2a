// Fulfil backorders as inventory arrives (Magento), first placed, first served:
// when available stock of a SKU grows at a location, the backordered demand of placed or
// approved orders whose inventory model has that location among its candidates (enabled,
// within stock_locations_cutoff) is served oldest placement first. Each served part gets a
// pending reservation and a stock line item in a shipment at that location (an open one of
// the same shipping category, or a new one); the line's backordered_quantity goes down by it.
// When the order is already approved (and the model decrements automatically) it is
// deducted at once, as approval would have.
import { clampZero, min, qty, sub, toDecimalString } from '../domain/quantity.js';
import { newId } from '../store/ids.js';
import { enqueueEvent } from '../store/outbox.js';
import { lockStockItems } from '../store/stock-ledger.js';
import type { Trx } from '../store/transaction.js';
import { lockOrder, modelOf, nextShipmentNumber, type OrderRow } from './orders/records.js';
import { addStockLine, decrementStockLines } from './orders/stock-lines.js';

export interface Arrival {
  readonly skuCode: string;
  readonly stockLocationId: string;
}

/** Serves backordered demand from the stock now available at the arrival; returns how many lines were served. */
export async function allocateBackorders(trx: Trx, arrival: Arrival): Promise<number> {
  const waiting = await trx.selectFrom('line_items').select('id').where('sku_code', '=', arrival.skuCode).where('backordered_quantity', '>', 0).limit(1).executeTakeFirst();
  if (!waiting) return 0;
  const sku = await trx.selectFrom('skus').selectAll().where('code', '=', arrival.skuCode).executeTakeFirstOrThrow();
  const found = await trx.selectFrom('stock_items').select('id').where('sku_id', '=', sku.id).where('stock_location_id', '=', arrival.stockLocationId).executeTakeFirst();
  if (!found) return 0;
  const [item] = await lockStockItems(trx, [found.id]);
  if (!item || item.status !== 'in_stock') return 0;
  let available = clampZero(sub(qty(item.quantity), qty(item.reserved_quantity)));
  const demand = await trx.selectFrom('line_items as li').innerJoin('orders as o', 'o.id', 'li.order_id')
    .innerJoin('markets as k', 'k.id', 'o.market_id')
    .innerJoin('inventory_stock_locations as isl', (j) => j.onRef('isl.inventory_model_id', '=', 'k.inventory_model_id').on('isl.stock_location_id', '=', arrival.stockLocationId))
    .select(['li.id', 'li.order_id', 'k.inventory_model_id', 'isl.id as isl_id', 'isl.on_hold'])
    .where('li.sku_code', '=', arrival.skuCode).where('li.backordered_quantity', '>', 0).where('o.status', 'in', ['placed', 'approved'])
    .orderBy('o.placed_at').orderBy('o.id').orderBy('li.position').orderBy('li.id').execute();
  let served = 0;
  const candidate = new Map<string, boolean>();
  for (const d of demand) {
    if (available <= 0) break;
    if (!candidate.has(d.inventory_model_id)) candidate.set(d.inventory_model_id, await isCandidate(trx, d.inventory_model_id, arrival.stockLocationId));
    if (!candidate.get(d.inventory_model_id)) continue;
    const order = await lockOrder(trx, d.order_id);
    const line = await trx.selectFrom('line_items').selectAll().where('id', '=', d.id).forUpdate().executeTakeFirstOrThrow();
    const take = min(qty(line.backordered_quantity), available);
    if (take <= 0) continue;
    const shipmentId = sku.do_not_ship ? null : await shipmentFor(trx, order, arrival.stockLocationId, { islId: d.isl_id, onHold: d.on_hold, categoryId: sku.shipping_category_id });
    const stockLine = await addStockLine(trx, {
      orderId: order.id, lineItemId: line.id, skuCode: sku.code, shipmentId, stockLocationId: arrival.stockLocationId, stockItemId: item.id, quantity: take,
    });
    await trx.updateTable('line_items').set({ backordered_quantity: toDecimalString(sub(qty(line.backordered_quantity), take)), updated_at: new Date() }).where('id', '=', line.id).execute();
    if (order.status === 'approved' && !(await modelOf(trx, order)).manual_stock_decrement) {
      await decrementStockLines(trx, [stockLine], { reason: 'order_approved', orderId: order.id });
    }
    available = sub(available, take);
    served += 1;
  }
  return served;
}

/** True when the location is among the model's candidates (enabled, within the cutoff). */
async function isCandidate(trx: Trx, modelId: string, stockLocationId: string): Promise<boolean> {
  const model = await trx.selectFrom('inventory_models').select('stock_locations_cutoff').where('id', '=', modelId).executeTakeFirstOrThrow();
  const firstN = await trx.selectFrom('inventory_stock_locations as isl').innerJoin('stock_locations as sl', 'sl.id', 'isl.stock_location_id')
    .select('sl.id').where('isl.inventory_model_id', '=', modelId).where('sl.enabled', '=', true)
    .orderBy('isl.priority').orderBy('sl.code').limit(model.stock_locations_cutoff).execute();
  return firstN.some((l) => l.id === stockLocationId);
}

/** An open shipment of the order at the location for the category (not yet deducted), or a new one. */
async function shipmentFor(trx: Trx, order: OrderRow, stockLocationId: string, at: { islId: string; onHold: boolean; categoryId: string | null }): Promise<string> {
  let open = trx.selectFrom('shipments').select('id').where('order_id', '=', order.id).where('stock_location_id', '=', stockLocationId)
    .where('status', 'in', ['upcoming', 'on_hold']).where('stock_decremented', '=', false);
  open = at.categoryId === null ? open.where('shipping_category_id', 'is', null) : open.where('shipping_category_id', '=', at.categoryId);
  const existing = await open.orderBy('id').executeTakeFirst();
  if (existing) return existing.id;
  const now = new Date();
  const status = at.onHold ? 'on_hold' : 'upcoming';
  const row = await trx.insertInto('shipments').values({
    id: newId('shp'), number: await nextShipmentNumber(trx, order), order_id: order.id, stock_location_id: stockLocationId,
    inventory_stock_location_id: at.islId, shipping_category_id: at.categoryId, status, [`${status}_at`]: now, updated_at: now,
    metadata: '{}', reference: null, reference_origin: null,
  }).returningAll().executeTakeFirstOrThrow();
  await enqueueEvent(trx, 'shipments.create', { id: row.id, number: row.number, order_id: order.id, stock_location_id: stockLocationId, status, backorder: true });
  return row.id;
}

