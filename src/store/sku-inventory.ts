// A SKU row with its inventory summary, in ONE statement (the hot read of GET /skus/:id;
// several SKUs in one statement for reads arriving together, sku-inventory-coalesced.ts):
// - with an inventory model (given, or a sales channel's market's): the levels of in_stock
//   items at the model's enabled locations by priority (at most stock_locations_cutoff of
//   them), and the salable quantity as salable-query.ts defines it;
// - without: the levels at every enabled location by code, and their sum less all open
//   backorders of the SKU and its out-of-stock threshold.
// Read-only and lock-free, from running totals: constant time whatever the history. Nothing
// is cached, so a placement never sees stale availability.
import { sql, type Kysely } from 'kysely';
import { notFound } from '../domain/errors.js';
import { clampZero, qty, sub, toDecimal, type Quantity } from '../domain/quantity.js';
import type { Database, Row } from './schema.js';

export interface SkuInventory {
  /** true when at least one unit can be sold (always for do_not_track SKUs). */
  readonly available: boolean;
  /** Salable quantity; null for do_not_track SKUs (unlimited). */
  readonly quantity: number | null;
  /** Available quantity (on hand − reserved) per location holding the SKU, by priority. */
  readonly levels: { readonly stock_location_code: string; readonly quantity: number }[];
}

export interface SkuInventoryQuery {
  /** The SKU by id or by code (one of them). */
  readonly skuId?: string | null;
  readonly skuCode?: string | null;
  /** The model to answer for, or the market whose model it is; neither: all locations. */
  readonly inventoryModelId?: string | null;
  readonly marketId?: string | null;
}

interface InventoryRow extends Row<'skus'> {
  model_id: string | null;
  levels: { stock_location_code: string; quantity: number }[];
  model_available: number;
  demand: number;
}

/** undefined when there is no such SKU. */
export async function skuWithInventory(db: Kysely<Database>, q: SkuInventoryQuery): Promise<SkuWithInventory | undefined> {
  const [found] = await skusWithInventory(db, [{ skuId: q.skuId ?? null, skuCode: q.skuCode ?? null }], q);
  if (found instanceof Error) throw found;
  return found;
}

export interface SkuWithInventory { readonly sku: Row<'skus'>; readonly inventory: SkuInventory }

/**
 * Several SKUs, each with its inventory in one model (or market's), in ONE statement: the
 * per-SKU query below, run for each element of the arrays (LATERAL). One answer per SKU, in
 * order: undefined when there is no such SKU, an Error when the given model does not exist.
 */
export async function skusWithInventory(
  db: Kysely<Database>, skus: readonly { readonly skuId: string | null; readonly skuCode: string | null }[],
  scope: Pick<SkuInventoryQuery, 'inventoryModelId' | 'marketId'>,
): Promise<(SkuWithInventory | Error | undefined)[]> {
  const { rows } = await sql<InventoryRow & { query_index: number }>`-- prepared generic: sku_with_inventory
    SELECT q.n AS query_index, r.* FROM unnest(${skus.map((k) => k.skuId)}::text[], ${skus.map((k) => k.skuCode)}::text[]) WITH ORDINALITY AS q(sku_id, sku_code, n)
    CROSS JOIN LATERAL (
    WITH s AS (
      SELECT * FROM skus WHERE id = q.sku_id OR code = q.sku_code LIMIT 1),
    m AS (
      SELECT id, stock_locations_cutoff FROM inventory_models
      WHERE id = coalesce(${scope.inventoryModelId ?? null}::text, (SELECT inventory_model_id FROM markets WHERE id = ${scope.marketId ?? null}::text))),
    levels AS (
      SELECT sl.code, greatest(si.quantity - si.reserved_quantity, 0) AS quantity, row_number() OVER (ORDER BY isl.priority, sl.code) AS n
      FROM stock_items si JOIN stock_locations sl ON sl.id = si.stock_location_id
      LEFT JOIN inventory_stock_locations isl ON isl.stock_location_id = sl.id AND isl.inventory_model_id = (SELECT id FROM m)
      WHERE si.sku_id = (SELECT id FROM s) AND si.status = 'in_stock' AND sl.enabled
        AND (isl.id IS NOT NULL OR NOT EXISTS (SELECT FROM m))
      ORDER BY isl.priority, sl.code
      LIMIT (SELECT stock_locations_cutoff FROM m)),
    candidates AS (
      SELECT isl.stock_location_id FROM inventory_stock_locations isl JOIN stock_locations sl ON sl.id = isl.stock_location_id
      WHERE isl.inventory_model_id = (SELECT id FROM m) AND sl.enabled
      ORDER BY isl.priority, sl.code LIMIT (SELECT stock_locations_cutoff FROM m))
    SELECT s.*, (SELECT id FROM m) AS model_id,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('stock_location_code', code, 'quantity', quantity) ORDER BY n), '[]') FROM levels) AS levels,
      (SELECT coalesce(sum(greatest(si.quantity - si.reserved_quantity, 0)), 0) FROM stock_items si
        WHERE si.sku_id = s.id AND si.status = 'in_stock' AND si.stock_location_id IN (SELECT stock_location_id FROM candidates)) AS model_available,
      (SELECT coalesce(sum(li.backordered_quantity), 0) FROM line_items li
        JOIN orders o ON o.id = li.order_id JOIN markets mk ON mk.id = o.market_id
        WHERE li.sku_code = s.code AND li.backordered_quantity > 0 AND o.status IN ('placed', 'approved')
          AND (mk.inventory_model_id = (SELECT id FROM m) OR NOT EXISTS (SELECT FROM m))) AS demand
    FROM s) r`.execute(db);
  const answers: (SkuWithInventory | Error | undefined)[] = skus.map(() => undefined);
  for (const { query_index: n, ...row } of rows) {
    try {
      answers[Number(n) - 1] = withInventory(row, scope.inventoryModelId);
    } catch (error) {
      answers[Number(n) - 1] = error instanceof Error ? error : new Error(String(error));
    }
  }
  return answers;
}

function withInventory(row: InventoryRow, inventoryModelId: string | null | undefined): SkuWithInventory {
  const { model_id: modelId, levels, model_available: modelAvailable, demand, ...sku } = row;
  if (inventoryModelId && !modelId) throw notFound('inventory_model', inventoryModelId);
  if (sku.do_not_track) return { sku, inventory: { available: true, quantity: null, levels: [] } };
  const available = modelId ? qty(modelAvailable) : levels.reduce((acc, l) => acc + qty(l.quantity), 0) as Quantity;
  const total = clampZero(sub(sub(available, qty(demand)), qty(sku.out_of_stock_threshold)));
  return { sku, inventory: { available: total > 0, quantity: toDecimal(total), levels: levels.map((l) => ({ stock_location_code: l.stock_location_code, quantity: l.quantity })) } };
}
