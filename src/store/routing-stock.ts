// The snapshot a flow hands to the routing engine: an inventory model's locations (priority,
// on_hold, enabled, lat/lng), the requested SKUs and their stock items at those locations.
// With `lock: true` the stock items are locked FOR UPDATE in id order before their quantities
// are read, so a plan computed from the snapshot stays true until the transaction ends.
import { notFound } from '../domain/errors.js';
import { qty, type Quantity } from '../domain/quantity.js';
import type { LocationInput, SkuInput, StockInput } from '../domain/routing.js';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { Trx } from './transaction.js';

export type RoutingLocation = LocationInput & { readonly stockLocationId: string; readonly inventoryStockLocationId: string };
export type RoutingSku = SkuInput & {
  readonly id: string;
  readonly quantityDecimal: boolean;
  readonly minSaleQuantity: Quantity;
  readonly maxSaleQuantity: Quantity | null;
  readonly quantityIncrements: Quantity | null;
  readonly outOfStockThreshold: Quantity;
};
export type RoutingStockItem = StockInput & { readonly stockItemId: string; readonly stockLocationId: string };

export interface RoutingStock {
  readonly locations: RoutingLocation[];
  /** The requested SKUs that exist; unknown codes are absent (the caller names them). */
  readonly skus: RoutingSku[];
  readonly stock: RoutingStockItem[];
  readonly stockLocationsCutoff: number;
  readonly strategy: string;
  readonly manualStockDecrement: boolean;
}

export interface RoutingStockQuery {
  readonly inventoryModelId: string;
  readonly skuCodes: readonly string[];
  readonly lock: boolean;
}

export async function loadRoutingStock(trx: Trx, q: RoutingStockQuery): Promise<RoutingStock> {
  const model = await trx.selectFrom('inventory_models').selectAll().where('id', '=', q.inventoryModelId).executeTakeFirst();
  if (!model) throw notFound('inventory_model', q.inventoryModelId);
  const locations = await loadModelLocations(trx, q.inventoryModelId);
  const codes = [...new Set(q.skuCodes)];
  const skuRows = codes.length === 0 ? [] : await trx.selectFrom('skus as s')
    .leftJoin('shipping_categories as sc', 'sc.id', 's.shipping_category_id')
    .selectAll('s').select('sc.code as shipping_category_code')
    .where('s.code', 'in', codes).orderBy('s.code').execute();
  const skus: RoutingSku[] = skuRows.map((s) => ({
    code: s.code, shippingCategory: s.shipping_category_code ?? null, doNotShip: s.do_not_ship, doNotTrack: s.do_not_track,
    allowBackorders: s.allow_backorders, id: s.id, quantityDecimal: s.quantity_decimal,
    minSaleQuantity: qty(s.min_sale_quantity), maxSaleQuantity: s.max_sale_quantity === null ? null : qty(s.max_sale_quantity),
    quantityIncrements: s.quantity_increments === null ? null : qty(s.quantity_increments),
    outOfStockThreshold: qty(s.out_of_stock_threshold),
  }));
  const skuIds = skus.map((s) => s.id);
  const locationIds = locations.map((l) => l.stockLocationId);
  let stock: RoutingStockItem[] = [];
  if (skuIds.length > 0 && locationIds.length > 0) {
    let items = trx.selectFrom('stock_items').selectAll()
      .where('sku_id', 'in', skuIds).where('stock_location_id', 'in', locationIds).orderBy('id');
    // ORDER BY id + FOR UPDATE: rows are locked one by one in id order, and each row read is
    // the latest committed version once its lock is held.
    if (q.lock) items = items.forUpdate();
    const codeOf = new Map(locations.map((l) => [l.stockLocationId, l.code]));
    stock = (await items.execute()).map((i) => ({
      location: codeOf.get(i.stock_location_id) ?? i.stock_location_id, sku: i.sku_code,
      quantity: qty(i.quantity), reserved: qty(i.reserved_quantity), status: i.status,
      stockItemId: i.id, stockLocationId: i.stock_location_id,
    }));
  }
  return {
    locations, skus, stock, stockLocationsCutoff: model.stock_locations_cutoff, strategy: model.strategy,
    manualStockDecrement: model.manual_stock_decrement,
  };
}

/** The model's locations by priority, then code, with their coordinates. */
export async function loadModelLocations(db: Kysely<Database>, inventoryModelId: string): Promise<RoutingLocation[]> {
  const rows = await db.selectFrom('inventory_stock_locations as isl')
    .innerJoin('stock_locations as sl', 'sl.id', 'isl.stock_location_id')
    .leftJoin('addresses as a', 'a.id', 'sl.address_id')
    .select(['isl.id as isl_id', 'isl.priority', 'isl.on_hold', 'sl.id as sl_id', 'sl.code', 'sl.enabled', 'a.lat', 'a.lng'])
    .where('isl.inventory_model_id', '=', inventoryModelId)
    .orderBy('isl.priority').orderBy('sl.code').execute();
  return rows.map((l) => ({
    code: l.code, priority: l.priority, enabled: l.enabled, onHold: l.on_hold, lat: l.lat ?? null, lng: l.lng ?? null,
    stockLocationId: l.sl_id, inventoryStockLocationId: l.isl_id,
  }));
}
