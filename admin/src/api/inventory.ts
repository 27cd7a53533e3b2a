// The inventory grid's data: a page of SKUs across every location, their stock items (with
// reservations) and each SKU's salable quantity from its `inventory` block. Receipts,
// removals and counts write stock movements with their reason. Relationship linkage only comes with `include`, so every one read is included.
import { fromApi, sub, toDecimal } from './quantity.js';
import { create, getAll, getDoc, update } from './client.js';
import { Included, relIds, type Resource } from './jsonapi.js';
import type { LocationAttrs, ReservedStockAttrs, SkuAttrs, StockItemAttrs } from './types.js';

export interface Cell {
  readonly item: Resource<StockItemAttrs>;
  readonly onHand: number;
  readonly reserved: number;
  readonly available: number;
}

export const cellKey = (sku: string, locationId: string): string => `${sku}@${locationId}`;

export interface Grid {
  readonly locations: Resource<LocationAttrs>[];
  readonly skus: Resource<SkuAttrs>[];
  /** Cells by `${sku_code}@${location id}`. */
  readonly cells: ReadonlyMap<string, Cell>;
  readonly recordCount: number;
  readonly pageCount: number;
}

export const GRID_PAGE_SIZE = 15;

async function stockItemsOf(codes: readonly string[]) {
  if (codes.length === 0) return { data: [], included: [] };
  return getAll<StockItemAttrs>('stock_items', { 'filter[q][sku_code_in]': codes.join(','), include: 'stock_location,reserved_stock' });
}

/** One page of SKUs (optionally those whose code contains `search`) across every location. */
export async function fetchGrid(page: number, search: string): Promise<Grid> {
  const [locations, skuPage] = await Promise.all([
    getAll<LocationAttrs>('stock_locations', { sort: 'code' }),
    getDoc<Resource<SkuAttrs>[]>('skus', { sort: 'code', 'page[number]': page, 'page[size]': GRID_PAGE_SIZE, 'filter[q][code_cont]': search || undefined }),
  ]);
  const codes = skuPage.data.map((s) => s.attributes.code);
  // The single GET carries `inventory` (salable quantity and levels).
  const [items, skus] = await Promise.all([
    stockItemsOf(codes),
    Promise.all(skuPage.data.map(async (s) => (await getDoc<Resource<SkuAttrs>>(`skus/${s.id}`)).data)),
  ]);
  const included = new Included(items.included);
  const cells = new Map<string, Cell>();
  for (const item of items.data) {
    const locationId = relIds(item, 'stock_location')[0]?.id;
    if (!locationId) continue;
    const reserved = included.one<ReservedStockAttrs>(item, 'reserved_stock')?.attributes.quantity ?? 0;
    const available = sub(fromApi(item.attributes.quantity), fromApi(reserved));
    cells.set(cellKey(item.attributes.sku_code, locationId), { item, onHand: item.attributes.quantity, reserved, available: toDecimal(available) });
  }
  return {
    locations: locations.data,
    skus,
    cells,
    recordCount: skuPage.meta?.record_count ?? skus.length,
    pageCount: skuPage.meta?.page_count ?? 1,
  };
}

/** Reasons the server accepts for a removal (API.md: stock changes). */
export const REMOVAL_REASONS = ['damaged', 'lost', 'adjustment'] as const;

/** Adds or removes stock by a signed delta: the server applies it atomically, whatever else changes meanwhile. */
export function changeStock(itemId: string, delta: number, reason: string, note: string) {
  return update('stock_items', itemId, { attributes: { delta, reason, ...(note ? { reference: note } : {}) } });
}

/**
 * Sets on-hand to a counted quantity, only if on-hand is still `expected` (what the counter
 * saw); otherwise the server answers 409 STALE_QUANTITY with the current quantity.
 */
export function countStock(itemId: string, quantity: number, expected: number, note: string) {
  return update('stock_items', itemId, { attributes: { quantity, expected_quantity: expected, reason: 'count_correction', ...(note ? { reference: note } : {}) } });
}

export function createStockItem(skuId: string, locationId: string, quantity: number, note: string) {
  return create('stock_items', {
    attributes: { quantity, ...(note ? { reference: note } : {}) },
    relationships: { sku: { data: { type: 'skus', id: skuId } }, stock_location: { data: { type: 'stock_locations', id: locationId } } },
  });
}
