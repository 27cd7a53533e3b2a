// Salable quantity and the SKU inventory summary (the `inventory` block of GET /skus/:id).
//   salable(sku, model) = Σ available over the model's first `stock_locations_cutoff` enabled
//   locations (by priority, in_stock items) − backordered demand of the model's placed or
//   approved orders − the SKU's out_of_stock_threshold, never below 0; do_not_track → null.
// Every read uses running totals (stock_items.reserved_quantity) and indexed lookups, so it
// takes the same time whatever the size of the reservation and movement history.
import type { Kysely } from 'kysely';
import { ZERO, clampZero, qty, sub, toDecimal, type Quantity } from '../domain/quantity.js';
import type { Db } from '../store/db.js';
import { findSalableSku, querySalable } from '../store/salable-query.js';
import type { Database } from '../store/schema.js';

export { checkSaleQuantity, parseSaleQuantity, type SaleRules } from '../domain/salability.js';

export type Reader = Db | Kysely<Database>;
const kyselyOf = (r: Reader): Kysely<Database> => ('engine' in r ? r.kysely : r);

export async function salableQuantity(reader: Reader, q: { skuCode: string; inventoryModelId: string }): Promise<Quantity | null> {
  return querySalable(kyselyOf(reader), q.skuCode, q.inventoryModelId);
}

export interface SkuInventory {
  /** true when at least one unit can be sold (always for do_not_track SKUs). */
  readonly available: boolean;
  /** Salable quantity; null for do_not_track SKUs (unlimited). */
  readonly quantity: number | null;
  /** Available quantity (on hand − reserved) per location holding the SKU, by priority. */
  readonly levels: { readonly stock_location_code: string; readonly quantity: number }[];
}

/**
 * With a model: salable quantity in that model and the levels of its candidate locations.
 * Without: every enabled location holding the SKU, less all open backorders and the threshold.
 */
export async function skuInventory(reader: Reader, skuCode: string, inventoryModelId?: string): Promise<SkuInventory> {
  const k = kyselyOf(reader);
  const sku = await findSalableSku(k, skuCode);
  const salable = inventoryModelId ? await querySalable(k, skuCode, inventoryModelId) : undefined;
  if (sku.doNotTrack) return { available: true, quantity: null, levels: [] };
  let levelsQuery = k.selectFrom('stock_items as si')
    .innerJoin('stock_locations as sl', 'sl.id', 'si.stock_location_id')
    .select(['sl.code', 'si.quantity', 'si.reserved_quantity'])
    .where('si.sku_id', '=', sku.id).where('si.status', '=', 'in_stock').where('sl.enabled', '=', true);
  if (inventoryModelId) {
    const model = await k.selectFrom('inventory_models').select('stock_locations_cutoff').where('id', '=', inventoryModelId).executeTakeFirstOrThrow();
    levelsQuery = levelsQuery.innerJoin('inventory_stock_locations as isl', 'isl.stock_location_id', 'sl.id')
      .where('isl.inventory_model_id', '=', inventoryModelId).orderBy('isl.priority').orderBy('sl.code').limit(model.stock_locations_cutoff);
  } else {
    levelsQuery = levelsQuery.orderBy('sl.code');
  }
  const rows = await levelsQuery.execute();
  const levels = rows.map((r) => ({ stock_location_code: r.code, quantity: toDecimal(clampZero(sub(qty(r.quantity), qty(r.reserved_quantity)))) }));
  let total: Quantity;
  if (salable !== undefined) {
    total = salable ?? ZERO;
  } else {
    const demand = await k.selectFrom('line_items as li').innerJoin('orders as o', 'o.id', 'li.order_id')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('li.backordered_quantity'), eb.val(0)).as('demand'))
      .where('li.sku_code', '=', skuCode).where('li.backordered_quantity', '>', 0).where('o.status', 'in', ['placed', 'approved'])
      .executeTakeFirstOrThrow();
    const sum = levels.reduce((acc, l) => acc + qty(l.quantity), 0) as Quantity;
    total = clampZero(sub(sub(sum, qty(Number(demand.demand))), sku.outOfStockThreshold));
  }
  return { available: total > 0, quantity: toDecimal(total), levels };
}
