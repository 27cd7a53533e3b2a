// Placing an order (Commerce Layer `_place`), in one transaction:
// 1. lock the order and every stock item of its SKUs in the model (FOR UPDATE, id order);
// 2. give back the order's own cart (draft) holds and any expired draft holds on those items;
// 3. run the model's strategy over what is now available (planOrder);
// 4. a shortfall on a SKU without backorders refuses the whole placement (INSUFFICIENT_STOCK
//    naming SKU, requested and available) and nothing is written;
// 5. write shipments, stock line items, pending reservations and transfers; keep the
//    backorderable shortfall as the lines' backordered_quantity; the order becomes placed.
import { DomainFailure, fail, validation } from '../../domain/errors.js';
import { isDomainError } from '../../domain/lifecycle/machine.js';
import { decideOrder } from '../../domain/lifecycle/order-machine.js';
import { qty, sub, toDecimal, toDecimalString } from '../../domain/quantity.js';
import type { Destination, Plan } from '../../domain/routing.js';
import { planOrder } from '../../domain/strategies/index.js';
import { greatCircleTable } from '../../domain/distance/great-circle.js';
import { oversellRefused, placements } from '../../metrics.js';
import { enqueueEvent } from '../../store/outbox.js';
import { loadRoutingStock, lockStockItems, releaseReservation } from '../../store/stock-ledger.js';
import { inTransaction, type Trx } from '../../store/transaction.js';
import type { FlowContext } from '../context.js';
import { persistPlan, type PersistedPlan } from './persist-plan.js';
import { changeOrder, linesOf, lockOrder, modelOf, type LineRow, type OrderRow } from './records.js';

export interface Placement extends PersistedPlan {
  readonly order: OrderRow;
  readonly plan: Plan;
}

export async function placeOrder(ctx: FlowContext, orderId: string): Promise<Placement> {
  try {
    const placed = await inTransaction(ctx.db, (trx) => place(trx, orderId, ctx.now()));
    placements.inc({ outcome: 'placed' });
    return placed;
  } catch (error) {
    const insufficient = error instanceof DomainFailure && error.error.code === 'INSUFFICIENT_STOCK';
    if (insufficient) oversellRefused.inc();
    placements.inc({ outcome: insufficient ? 'insufficient_stock' : 'refused' });
    throw error;
  }
}

async function place(trx: Trx, orderId: string, now: Date): Promise<Placement> {
  const order = await lockOrder(trx, orderId);
  const legal = decideOrder({ status: order.status, paymentStatus: order.payment_status }, '_place');
  if (isDomainError(legal)) throw fail(legal);
  const lines = await linesOf(trx, order.id);
  if (lines.length === 0) throw validation('line_items', `order ${order.number} has no lines to place`);
  const model = await modelOf(trx, order);
  const query = { inventoryModelId: model.id, skuCodes: lines.map((l) => l.sku_code) };
  let stock = await loadRoutingStock(trx, { ...query, lock: true });
  if (await releaseHeld(trx, lines, stock.stock.map((s) => s.stockItemId), now)) stock = await loadRoutingStock(trx, { ...query, lock: false });
  const destination = await destinationOf(trx, order);
  // The model's routing algorithm; distances for distance and fewest_shipments are great-circle
  // (offline, the engine falls back to priority and records why when there is no address).
  const measured = model.routing_algorithm === 'priority' ? undefined : greatCircleTable(destination, stock.locations);
  const plan = planOrder({
    strategy: stock.strategy, algorithm: model.routing_algorithm, distanceMode: 'driving', stockLocationsCutoff: stock.stockLocationsCutoff,
    locations: stock.locations, skus: stock.skus, stock: stock.stock, destination, timeBudgetMs: model.routing_time_budget_ms,
    lines: lines.map((l) => ({ id: l.id, sku: l.sku_code, quantity: qty(l.quantity) })),
  }, measured, { now: () => performance.now() });
  for (const line of plan.selection.lines) {
    if (line.shortfall <= line.backordered) continue;
    const available = sub(line.quantity, line.shortfall);
    throw fail({
      code: 'INSUFFICIENT_STOCK', sku: line.sku, requested: line.quantity, available,
      message: `not enough ${line.sku} for order ${order.number}: requested ${toDecimal(line.quantity)}, available ${toDecimal(available)}`,
    });
  }
  const persisted = await persistPlan(trx, order, plan, stock, { transfersOnHold: model.put_stock_transfers_on_hold, now });
  for (const line of plan.selection.lines) {
    if (line.backordered > 0) await trx.updateTable('line_items').set({ backordered_quantity: toDecimalString(line.backordered), updated_at: now }).where('id', '=', line.line).execute();
  }
  const placed = await changeOrder(trx, order, '_place', now);
  await enqueueEvent(trx, 'orders.place', { id: placed.id, number: placed.number, status: placed.status, placed_at: now.toISOString() });
  for (const s of persisted.shipments) {
    await enqueueEvent(trx, 'shipments.create', { id: s.id, number: s.number, order_id: placed.id, stock_location_id: s.stock_location_id, status: s.status });
  }
  return { order: placed, plan, ...persisted };
}

/** Releases the order's own draft holds and expired draft holds on `itemIds` (already locked). */
async function releaseHeld(trx: Trx, lines: readonly LineRow[], itemIds: readonly string[], now: Date): Promise<boolean> {
  if (itemIds.length === 0) return false;
  // Indexed lookups only (by line; by expiry among drafts): never a scan of an item's holds.
  const held = await trx.selectFrom('stock_reservations').select(['id', 'stock_item_id']).where('status', '=', 'draft')
    .where((eb) => eb.or([eb('line_item_id', 'in', lines.map((l) => l.id)), eb.and([eb('expires_at', '<=', now), eb('stock_item_id', 'in', itemIds)])]))
    .orderBy('id').execute();
  await lockStockItems(trx, held.map((h) => h.stock_item_id));
  for (const h of held) await releaseReservation(trx, h.id);
  return held.length > 0;
}

async function destinationOf(trx: Trx, order: OrderRow): Promise<Destination | null> {
  if (order.shipping_address_id === null) return null;
  const a = await trx.selectFrom('addresses').selectAll().where('id', '=', order.shipping_address_id).executeTakeFirstOrThrow();
  return { lat: a.lat, lng: a.lng, countryCode: a.country_code, zipCode: a.zip_code };
}
