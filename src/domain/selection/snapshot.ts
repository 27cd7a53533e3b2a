// What the engine needs from a routing problem: the candidate locations (enabled, by
// priority then code, cut to stock_locations_cutoff), why the others were skipped, each
// SKU's facts, and stock by SKU and location (in-stock rows only; available =
// max(0, quantity − reserved)).
//
// A problem is an immutable snapshot, so what depends only on its arrays (locations sorted,
// SKUs and stock indexed) is computed once per array and remembered by identity: a caller
// asking many questions of one world (the simulator, the benchmark) pays for it once, not
// per order. Pure all the same: the answer depends only on the data. Stock is indexed by
// location number (position in `locations`) so the fill touches only the rows of its SKUs.
import { ZERO } from '../quantity.js';
import type { Quantity } from '../quantity.js';
import type { LocationInput, RoutingProblem, SkuInput } from '../routing.js';
import { NAMED_LIMIT, code, listed } from './explain.js';
import type { RankedLocation } from './ranking.js';
import { byPriorityThenCode } from './ranking.js';
import { stockIndex } from './stock-index.js';
import type { SkuStock } from './stock-index.js';

export interface Snapshot {
  /** Enabled, within the cutoff, by priority then code. */
  readonly candidates: readonly LocationInput[];
  /** The first candidate by priority; null when there is none. */
  readonly primary: LocationInput | null;
  /** Explanation lines for locations that are not candidates. */
  readonly skipped: readonly string[];
  sku(code: string): SkuInput;
  /** What `location` has available of `sku` (0 without an in-stock row). */
  available(sku: string, location: string): Quantity;
  /** The locations of `order` with an in-stock row of `sku`, in that order, with what they have. */
  holders(sku: string, order: readonly RankedLocation[]): Holdings;
  /** Locations of `order` whose row of `sku` is out_of_stock (for the explanation). */
  outOfStock(sku: string, order: readonly RankedLocation[]): readonly RankedLocation[];
}

/** The locations holding a SKU in stock, in a given order, and what each has available. */
export interface Holdings {
  readonly locations: readonly RankedLocation[];
  /** available[i] is what locations[i] has; a fresh array the caller may count down. */
  readonly available: Quantity[];
}

/** Where each location of an order stands: location number ↔ position in the order. */
interface OrderIndex {
  /** location number → position in the order, or -1 */
  readonly position: Int32Array;
  /** position → location number (-1 when the problem does not list it) */
  readonly id: Int32Array;
}

export function snapshotOf(problem: RoutingProblem): Snapshot {
  const world = locationsOf(problem.locations);
  const { ids } = world;
  const { candidates, skipped } = cutAt(world, problem.stockLocationsCutoff);
  const skus = skusOf(problem.skus);
  const stock = stockIndex(problem.stock, ids);
  const stockOf = (sku: string): SkuStock | undefined => stock.get(sku);
  const indexOf = (order: readonly RankedLocation[]): OrderIndex => {
    const known = world.orders.get(order);
    if (known !== undefined) return known;
    const index = { position: new Int32Array(problem.locations.length).fill(-1), id: new Int32Array(order.length) };
    order.forEach((l, i) => {
      const id = ids.get(l.code) ?? -1;
      index.id[i] = id;
      if (id >= 0) index.position[id] = i;
    });
    world.orders.set(order, index);
    return index;
  };
  /** The positions in `order` of the given location numbers, ascending. Plain loops and a
   * native numeric sort: typed-array callbacks are an order of magnitude slower here. */
  const positionsOf = (locations: readonly number[], index: OrderIndex): Int32Array => {
    const found = new Int32Array(locations.length);
    let n = 0;
    for (const id of locations) {
      const p = index.position[id] ?? -1;
      if (p >= 0) found[n++] = p;
    }
    return found.subarray(0, n).sort();
  };
  return {
    candidates,
    primary: candidates[0] ?? null,
    skipped,
    sku: (sku) => skus.get(sku) ?? { code: sku, shippingCategory: null, doNotShip: false, doNotTrack: false, allowBackorders: false },
    available: (sku, location) => {
      const id = ids.get(location);
      return id === undefined ? ZERO : ((stockOf(sku)?.available[id] ?? ZERO) as Quantity);
    },
    holders: (sku, order) => {
      const skuStock = stockOf(sku);
      const locations: RankedLocation[] = [];
      const available: Quantity[] = [];
      if (skuStock === undefined) return { locations, available };
      const index = indexOf(order);
      for (const p of positionsOf(skuStock.inStock, index)) {
        locations.push(order[p] as RankedLocation);
        available.push((skuStock.available[index.id[p] ?? -1] ?? ZERO) as Quantity);
      }
      return { locations, available };
    },
    outOfStock: (sku, order) => {
      const out: RankedLocation[] = [];
      for (const p of positionsOf(stockOf(sku)?.outOfStock ?? [], indexOf(order))) out.push(order[p] as RankedLocation);
      return out;
    },
  };
}

/** "eu-3 skipped: beyond stock_locations_cutoff 2", one line each up to NAMED_LIMIT, then one summary. */
function skippedLines(locations: readonly LocationInput[], reason: string): string[] {
  if (locations.length <= NAMED_LIMIT) return locations.map((l) => `${l.code} skipped: ${reason}`);
  return [`${listed(locations, code)} skipped: ${reason}`];
}

interface World {
  readonly enabled: readonly LocationInput[];
  readonly disabled: readonly LocationInput[];
  /** location code → location number (first position in `locations`) */
  readonly ids: ReadonlyMap<string, number>;
  /** cutoff → candidates and skipped lines (same arrays every time: rankings remember by them) */
  readonly cuts: Map<number | null, { readonly candidates: readonly LocationInput[]; readonly skipped: readonly string[] }>;
  /** Orders the fill walked, indexed by location number. */
  readonly orders: WeakMap<readonly RankedLocation[], OrderIndex>;
}

const knownLocations = new WeakMap<readonly LocationInput[], World>();

function locationsOf(locations: readonly LocationInput[]): World {
  const known = knownLocations.get(locations) ?? sortLocations(locations);
  knownLocations.set(locations, known);
  return known;
}

function sortLocations(locations: readonly LocationInput[]): World {
  const ids = new Map<string, number>();
  locations.forEach((l, i) => {
    if (!ids.has(l.code)) ids.set(l.code, i);
  });
  return {
    enabled: locations.filter((l) => l.enabled).sort(byPriorityThenCode),
    disabled: locations.filter((l) => !l.enabled).sort(byPriorityThenCode),
    ids,
    cuts: new Map(),
    orders: new WeakMap(),
  };
}

function cutAt(world: World, cutoff: number | null) {
  const known = world.cuts.get(cutoff);
  if (known !== undefined) return known;
  const { enabled, disabled } = world;
  const candidates = cutoff === null ? enabled : enabled.slice(0, Math.max(0, cutoff));
  const skipped = [
    ...skippedLines(disabled, 'disabled'),
    ...skippedLines(enabled.slice(candidates.length), `beyond stock_locations_cutoff ${String(cutoff)}`),
  ];
  const cut = { candidates, skipped };
  world.cuts.set(cutoff, cut);
  return cut;
}

const knownSkus = new WeakMap<readonly SkuInput[], ReadonlyMap<string, SkuInput>>();

function skusOf(skus: readonly SkuInput[]): ReadonlyMap<string, SkuInput> {
  const known = knownSkus.get(skus) ?? new Map(skus.map((s) => [s.code, s]));
  knownSkus.set(skus, known);
  return known;
}
