// A deterministic benchmark world for routing: 400 locations across Europe (priority 1..400,
// real-looking coordinates), 200 SKUs in three shipping categories (a few do_not_ship,
// do_not_track and backorderable), stock spread unevenly (a location holds ~40% of SKUs,
// the primary only some), and a stream of 10-line orders to destinations across Europe.
// Each problem carries the stock rows of its order's SKUs only (~1,600 rows), as a caller
// loading a snapshot for one order does. Drawn with pure-rand from a fixed seed, so every
// run measures the same problems.
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { qty } from '../src/domain/quantity.js';
import type { LocationInput, OrderLine, RoutingProblem, SkuInput, StockInput } from '../src/domain/routing.js';

export interface WorldSize {
  readonly locations: number;
  readonly skus: number;
  readonly linesPerOrder: number;
  readonly orders: number;
}

export const BENCH_WORLD: WorldSize = { locations: 400, skus: 200, linesPerOrder: 10, orders: 256 };

const CATEGORIES = ['standard', 'bulky', 'cold'] as const;

/** Problems that share locations, SKUs and stock and differ in order lines and destination. */
export function routingProblems(size: WorldSize = BENCH_WORLD, seed = 20_260_101): RoutingProblem[] {
  const rng = xoroshiro128plus(seed);
  const int = (from: number, to: number) => uniformInt(rng, from, to);
  const real = (from: number, to: number) => from + uniformFloat64(rng) * (to - from);
  const chance = (p: number) => uniformFloat64(rng) < p;

  const locations: LocationInput[] = Array.from({ length: size.locations }, (_, i) => ({
    code: `loc-${String(i + 1).padStart(3, '0')}`,
    priority: i + 1,
    enabled: i === 0 || !chance(0.03),
    onHold: chance(0.05),
    lat: round(real(36, 60), 4),
    lng: round(real(-9, 30), 4),
  }));
  const skus: SkuInput[] = Array.from({ length: size.skus }, (_, i) => ({
    code: `SKU-${String(i + 1).padStart(4, '0')}`,
    shippingCategory: CATEGORIES[int(0, CATEGORIES.length - 1)] ?? null,
    doNotShip: chance(0.03),
    doNotTrack: chance(0.03),
    allowBackorders: chance(0.1),
  }));
  const stockBySku = new Map<string, StockInput[]>(skus.map((s) => [s.code, []]));
  for (const [i, location] of locations.entries()) {
    for (const sku of skus) {
      if (sku.doNotTrack || !chance(i === 0 ? 0.5 : 0.4)) continue;
      const quantity = int(0, 12);
      stockBySku.get(sku.code)?.push({
        location: location.code,
        sku: sku.code,
        quantity: qty(quantity),
        reserved: qty(quantity > 0 && chance(0.2) ? int(0, quantity) : 0),
        status: chance(0.05) ? 'out_of_stock' : 'in_stock',
      });
    }
  }
  return Array.from({ length: size.orders }, (_, o): RoutingProblem => {
    const picked = pickDistinct(rng, size.skus, size.linesPerOrder);
    const orderSkus = picked.map((s) => skus[s] as SkuInput);
    const lines: OrderLine[] = orderSkus.map((sku, l) => ({ id: `o${o}-l${l + 1}`, sku: sku.code, quantity: qty(int(1, 6)) }));
    return {
      strategy: null,
      algorithm: 'priority',
      distanceMode: 'driving',
      stockLocationsCutoff: null,
      locations,
      skus: orderSkus,
      stock: orderSkus.flatMap((sku) => stockBySku.get(sku.code) ?? []),
      lines,
      destination: { lat: round(real(38, 58), 4), lng: round(real(-5, 25), 4), countryCode: null, zipCode: null },
    };
  });
}

function pickDistinct(rng: RandomGenerator, n: number, k: number): number[] {
  const picked = new Set<number>();
  while (picked.size < Math.min(k, n)) picked.add(uniformInt(rng, 0, n - 1));
  return [...picked];
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
