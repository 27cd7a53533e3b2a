// Stock rows indexed SKU → location number (the location's position in the problem's
// `locations`): available per location in a typed array, and the numbers of the locations
// with an in-stock row and with an out-of-stock row. Built once per (stock, locations) pair
// of arrays and remembered by identity. Rows at locations the problem does not list are
// ignored: they can never be candidates.
import { ZERO, add, clampZero, sub } from '../quantity.js';
import type { Quantity } from '../quantity.js';
import type { StockInput } from '../routing.js';

export interface SkuStock {
  /** location number → available (integer ten-thousandths, as Quantity) */
  readonly available: Float64Array;
  readonly inStock: readonly number[];
  readonly outOfStock: readonly number[];
}

type Index = ReadonlyMap<string, SkuStock>;

const known = new WeakMap<readonly StockInput[], WeakMap<ReadonlyMap<string, number>, Index>>();

export function stockIndex(rows: readonly StockInput[], locationIds: ReadonlyMap<string, number>): Index {
  const byLocations = known.get(rows) ?? new WeakMap<ReadonlyMap<string, number>, Index>();
  known.set(rows, byLocations);
  const hit = byLocations.get(locationIds);
  if (hit !== undefined) return hit;
  const index = build(rows, locationIds);
  byLocations.set(locationIds, index);
  return index;
}

function build(rows: readonly StockInput[], locationIds: ReadonlyMap<string, number>): Index {
  const size = locationIds.size === 0 ? 0 : maxId(locationIds) + 1;
  const bySku = new Map<string, { available: Float64Array; held: Uint8Array; inStock: number[]; outOfStock: number[] }>();
  for (const row of rows) {
    const id = locationIds.get(row.location);
    if (id === undefined) continue;
    let entry = bySku.get(row.sku);
    if (entry === undefined) {
      entry = { available: new Float64Array(size), held: new Uint8Array(size), inStock: [], outOfStock: [] };
      bySku.set(row.sku, entry);
    }
    if (row.status === 'out_of_stock') {
      entry.outOfStock.push(id);
      continue;
    }
    if (entry.held[id] === 0) entry.inStock.push(id);
    entry.held[id] = 1;
    const before = (entry.available[id] ?? ZERO) as Quantity;
    entry.available[id] = add(before, clampZero(sub(row.quantity, row.reserved)));
  }
  return bySku;
}

function maxId(ids: ReadonlyMap<string, number>): number {
  let max = 0;
  for (const id of ids.values()) if (id > max) max = id;
  return max;
}
