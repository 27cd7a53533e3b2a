// Salable quantity of a SKU in an inventory model, read in constant time with respect to the
// reservation and movement history: it sums the running reserved_quantity of at most
// `stock_locations_cutoff` stock items (never the reservation rows) and the backordered
// demand of open order lines (a partial index holds only lines with a backorder).
//   salable = Σ max(0, on_hand − reserved) over in_stock items at the model's first
//             `cutoff` enabled locations by priority − backordered demand − threshold, ≥ 0
import { sql, type Kysely } from 'kysely';
import { notFound } from '../domain/errors.js';
import { clampZero, qty, sub, type Quantity } from '../domain/quantity.js';
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

interface SalableRow {
  sku_id: string | null;
  do_not_track: boolean | null;
  threshold: number | null;
  model_id: string | null;
  available: number;
  demand: number;
}

/** The salable quantity, or null for a do_not_track SKU (unlimited). One statement, one round trip. */
export async function querySalable(db: Kysely<Database>, skuCode: string, inventoryModelId: string): Promise<Quantity | null> {
  const { rows } = await sql<SalableRow>`
    WITH s AS (SELECT id, do_not_track, out_of_stock_threshold FROM skus WHERE code = ${skuCode}),
    m AS (SELECT id, stock_locations_cutoff FROM inventory_models WHERE id = ${inventoryModelId}),
    candidates AS (
      SELECT isl.stock_location_id FROM inventory_stock_locations isl JOIN stock_locations sl ON sl.id = isl.stock_location_id
      WHERE isl.inventory_model_id = ${inventoryModelId} AND sl.enabled
      ORDER BY isl.priority, sl.code LIMIT (SELECT stock_locations_cutoff FROM m))
    SELECT (SELECT id FROM s) AS sku_id, (SELECT do_not_track FROM s) AS do_not_track,
      (SELECT out_of_stock_threshold FROM s) AS threshold, (SELECT id FROM m) AS model_id,
      (SELECT coalesce(sum(greatest(si.quantity - si.reserved_quantity, 0)), 0) FROM stock_items si
        WHERE si.sku_id = (SELECT id FROM s) AND si.status = 'in_stock'
          AND si.stock_location_id IN (SELECT stock_location_id FROM candidates)) AS available,
      (SELECT coalesce(sum(li.backordered_quantity), 0) FROM line_items li
        JOIN orders o ON o.id = li.order_id JOIN markets mk ON mk.id = o.market_id
        WHERE li.sku_code = ${skuCode} AND li.backordered_quantity > 0
          AND o.status IN ('placed', 'approved') AND mk.inventory_model_id = ${inventoryModelId}) AS demand`.execute(db);
  const row = rows[0];
  if (!row?.sku_id) throw notFound('sku', skuCode);
  if (!row.model_id) throw notFound('inventory_model', inventoryModelId);
  if (row.do_not_track) return null;
  return clampZero(sub(sub(qty(row.available), qty(row.demand)), qty(row.threshold ?? 0)));
}
