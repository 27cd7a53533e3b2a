// Salable quantity of a SKU in an inventory model, read in constant time with respect to the
// reservation and movement history: it sums the running reserved_quantity of at most
// `stock_locations_cutoff` stock items (never the reservation rows) and the backordered
// demand of open order lines (a partial index holds only lines with a backorder).
//   salable = Σ max(0, on_hand − reserved) over in_stock items at the model's first
//             `cutoff` enabled locations by priority − backordered demand − threshold, ≥ 0
import { sql, type Kysely } from 'kysely';
import { notFound } from '../domain/errors.js';
import { ZERO, clampZero, qty, sub, type Quantity } from '../domain/quantity.js';
import type { Database } from './schema.js';

export interface SalableSku {
  readonly id: string;
  readonly code: string;
  readonly doNotTrack: boolean;
  readonly allowBackorders: boolean;
  readonly outOfStockThreshold: Quantity;
}

export async function findSalableSku(db: Kysely<Database>, skuCode: string): Promise<SalableSku> {
  const sku = await db.selectFrom('skus')
    .select(['id', 'code', 'do_not_track', 'allow_backorders', 'out_of_stock_threshold'])
    .where('code', '=', skuCode).executeTakeFirst();
  if (!sku) throw notFound('sku', skuCode);
  return {
    id: sku.id, code: sku.code, doNotTrack: sku.do_not_track, allowBackorders: sku.allow_backorders,
    outOfStockThreshold: qty(sku.out_of_stock_threshold),
  };
}

/** Σ available (clamped at 0 per item) over the model's first `cutoff` enabled locations. */
export async function modelAvailable(db: Kysely<Database>, skuId: string, inventoryModelId: string): Promise<Quantity> {
  const model = await db.selectFrom('inventory_models').select('stock_locations_cutoff').where('id', '=', inventoryModelId).executeTakeFirst();
  if (!model) throw notFound('inventory_model', inventoryModelId);
  const candidates = db.selectFrom('inventory_stock_locations as isl')
    .innerJoin('stock_locations as sl', 'sl.id', 'isl.stock_location_id')
    .select('isl.stock_location_id')
    .where('isl.inventory_model_id', '=', inventoryModelId).where('sl.enabled', '=', true)
    .orderBy('isl.priority').orderBy('sl.code').limit(model.stock_locations_cutoff);
  const row = await db.selectFrom('stock_items')
    .select(sql<number>`coalesce(sum(greatest(quantity - reserved_quantity, 0)), 0)`.as('available'))
    .where('sku_id', '=', skuId).where('status', '=', 'in_stock')
    .where('stock_location_id', 'in', candidates)
    .executeTakeFirstOrThrow();
  return qty(row.available);
}

/** Backordered quantity of placed/approved order lines sold through the model's markets. */
export async function backorderedDemand(db: Kysely<Database>, skuCode: string, inventoryModelId: string): Promise<Quantity> {
  const row = await db.selectFrom('line_items as li')
    .innerJoin('orders as o', 'o.id', 'li.order_id')
    .innerJoin('markets as m', 'm.id', 'o.market_id')
    .select(sql<number>`coalesce(sum(li.backordered_quantity), 0)`.as('demand'))
    .where('li.sku_code', '=', skuCode).where('li.backordered_quantity', '>', 0)
    .where('o.status', 'in', ['placed', 'approved']).where('m.inventory_model_id', '=', inventoryModelId)
    .executeTakeFirstOrThrow();
  return qty(row.demand);
}

/** The salable quantity, or null for a do_not_track SKU (unlimited). */
export async function querySalable(db: Kysely<Database>, skuCode: string, inventoryModelId: string): Promise<Quantity | null> {
  const sku = await findSalableSku(db, skuCode);
  if (sku.doNotTrack) {
    // still validate the model, so an unknown model is an error for every SKU
    const model = await db.selectFrom('inventory_models').select('id').where('id', '=', inventoryModelId).executeTakeFirst();
    if (!model) throw notFound('inventory_model', inventoryModelId);
    return null;
  }
  const available = await modelAvailable(db, sku.id, inventoryModelId);
  const demand = await backorderedDemand(db, sku.code, inventoryModelId);
  return clampZero(sub(sub(available, demand), sku.outOfStockThreshold ?? ZERO));
}
