// Salable quantity and the SKU inventory summary (the `inventory` block of GET /skus/:id).
//   salable(sku, model) = Σ available over the model's first `stock_locations_cutoff` enabled
//   locations (by priority, in_stock items) − backordered demand of the model's placed or
//   approved orders − the SKU's out_of_stock_threshold, never below 0; do_not_track → null.
// Every read uses running totals (stock_items.reserved_quantity) and indexed lookups, so it
// takes the same time whatever the size of the reservation and movement history.
import type { Kysely } from 'kysely';
import { notFound } from '../domain/errors.js';
import type { Quantity } from '../domain/quantity.js';
import type { Db } from '../store/db.js';
import { querySalable } from '../store/salable-query.js';
import { skuWithInventory, type SkuInventory } from '../store/sku-inventory.js';
import type { Database } from '../store/schema.js';

export type { SkuInventory } from '../store/sku-inventory.js';
export { checkSaleQuantity, parseSaleQuantity, type SaleRules } from '../domain/salability.js';

export type Reader = Db | Kysely<Database>;
const kyselyOf = (r: Reader): Kysely<Database> => ('engine' in r ? r.kysely : r);

export async function salableQuantity(reader: Reader, q: { skuCode: string; inventoryModelId: string }): Promise<Quantity | null> {
  return querySalable(kyselyOf(reader), q.skuCode, q.inventoryModelId);
}

/**
 * With a model: salable quantity in that model and the levels of its candidate locations.
 * Without: every enabled location holding the SKU, less all open backorders and the threshold.
 * One statement (store/sku-inventory.ts).
 */
export async function skuInventory(reader: Reader, skuCode: string, inventoryModelId?: string): Promise<SkuInventory> {
  const found = await skuWithInventory(kyselyOf(reader), { skuCode, inventoryModelId: inventoryModelId ?? null });
  if (!found) throw notFound('sku', skuCode);
  return found.inventory;
}
