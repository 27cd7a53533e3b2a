// The inventory grid's data: every location, SKU and stock item (with its reservations), and
// each SKU's salable quantity from its `inventory` block. Adjustments write stock movements.
// Relationship linkage only comes with `include`, so every relationship read here is included.
import { ApiError } from './errors.js';
import { create, getAll, getDoc, update } from './client.js';
import { Included, relIds, type Resource } from './jsonapi.js';
import type { LocationAttrs, ReservedStockAttrs, SkuAttrs, StockItemAttrs } from './types.js';

export interface Cell {
  readonly item: Resource<StockItemAttrs>;
  readonly onHand: number;
  readonly reserved: number;
  readonly available: number;
}

export interface Grid {
  readonly locations: Resource<LocationAttrs>[];
  readonly skus: Resource<SkuAttrs>[];
  /** Cells by `${sku_code}@${location id}`. */
  readonly cells: ReadonlyMap<string, Cell>;
}

export const cellKey = (sku: string, locationId: string): string => `${sku}@${locationId}`;

async function stockItems() {
  try {
    return await getAll<StockItemAttrs>('stock_items', { include: 'stock_location,reserved_stock' });
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 400) throw e;
    return getAll<StockItemAttrs>('stock_items', { include: 'stock_location' });
  }
}

export async function fetchGrid(): Promise<Grid> {
  const [locations, skuList, items] = await Promise.all([
    getAll<LocationAttrs>('stock_locations', { sort: 'code' }),
    getAll<SkuAttrs>('skus', { sort: 'code' }),
    stockItems(),
  ]);
  // The single GET carries `inventory` (salable quantity and levels).
  const skus = await Promise.all(skuList.data.map(async (s) => (await getDoc<Resource<SkuAttrs>>(`skus/${s.id}`)).data));
  const included = new Included(items.included);
  const cells = new Map<string, Cell>();
  for (const item of items.data) {
    const locationId = relIds(item, 'stock_location')[0]?.id;
    if (!locationId) continue;
    const attrs = item.attributes as StockItemAttrs & { reserved_quantity?: number };
    const reserved = included.one<ReservedStockAttrs>(item, 'reserved_stock')?.attributes.quantity ?? attrs.reserved_quantity ?? 0;
    cells.set(cellKey(attrs.sku_code, locationId), {
      item,
      onHand: attrs.quantity,
      reserved,
      available: Math.round((attrs.quantity - reserved) * 10_000) / 10_000,
    });
  }
  return { locations: locations.data, skus, cells };
}

/** Sets the on-hand quantity; the server records the change as a stock movement with the reason. */
export function adjustStock(itemId: string, quantity: number, reason: string) {
  return update('stock_items', itemId, { attributes: { quantity, reference: reason, metadata: { reason } } });
}

export function createStockItem(skuId: string, locationId: string, quantity: number, reason: string) {
  return create('stock_items', {
    attributes: { quantity, reference: reason, metadata: { reason } },
    relationships: { sku: { data: { type: 'skus', id: skuId } }, stock_location: { data: { type: 'stock_locations', id: locationId } } },
  });
}
