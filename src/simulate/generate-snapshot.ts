// Generates a stock snapshot so the simulator runs with no input at all: N warehouses in
// real cities of a region (priority in the order of WAREHOUSE_CITIES), M SKUs with the
// usual mix of shipping categories and flags, and stock that follows demand:
//   1. a SKU's expected demand is its Zipf share (rank = list order) of the units the
//      expected orders will ask for;
//   2. its total stock is that demand × coverage, with log-normal noise (some SKUs run out);
//   3. the total is spread over a random subset of warehouses, the primary holding most.
import type { SkuInput, StockInput } from '../domain/routing.js';
import { qty } from '../domain/quantity.js';
import { CITIES, inRegion, WAREHOUSE_CITIES } from './cities.js';
import type { Region } from './cities.js';
import { MEAN_UNITS_PER_ORDER, SKU_ZIPF_EXPONENT } from './generate-orders.js';
import { seededRandom, WeightedChoice, zipfWeights } from './random.js';
import type { Snapshot } from './types.js';

export interface SnapshotOptions {
  readonly seed: number;
  readonly locations: number;
  readonly skus: number;
  readonly region: Region;
  /** How many orders the stock should be sized for. */
  readonly expectedOrders: number;
  /** Stock ÷ expected demand (1 = exactly enough on average). */
  readonly coverage: number;
  readonly stockLocationsCutoff: number | null;
}

const CATEGORIES = new WeightedChoice([80, 12, 8]);
const CATEGORY_CODES = ['standard', 'bulky', 'fragile'] as const;

export function warehouseCities(region: Region) {
  return WAREHOUSE_CITIES.map((name) => CITIES.find((c) => c.name === name)!).filter((c) => inRegion(c, region));
}

export function generateSnapshot(options: SnapshotOptions): Snapshot {
  const random = seededRandom(options.seed ^ 0x5eed);
  const cities = warehouseCities(options.region);
  if (options.locations < 1 || options.locations > cities.length) {
    throw new RangeError(`--locations must be between 1 and ${cities.length} for region ${options.region}`);
  }
  const locations = cities.slice(0, options.locations).map((city, i) => ({
    code: `wh-${city.name.toLowerCase().replace(/[^a-z]+/g, '-')}`,
    priority: i + 1,
    enabled: true,
    onHold: false,
    lat: city.lat,
    lng: city.lng,
  }));
  const width = String(options.skus).length;
  const skus: SkuInput[] = Array.from({ length: options.skus }, (_, i) => {
    const flag = random.float();
    return {
      code: `SKU-${String(i + 1).padStart(Math.max(5, width), '0')}`,
      shippingCategory: CATEGORY_CODES[CATEGORIES.pick(random)]!,
      doNotShip: flag < 0.01,
      doNotTrack: flag >= 0.01 && flag < 0.02,
      allowBackorders: random.float() < 0.15,
    };
  });

  const weights = zipfWeights(options.skus, SKU_ZIPF_EXPONENT);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const totalUnits = options.expectedOrders * MEAN_UNITS_PER_ORDER;
  // The primary is the big central warehouse; the others get less, in priority order.
  const capacity = locations.map((_, i) => (i === 0 ? 3 : 1 / (1 + 0.15 * i)));
  const stock: StockInput[] = [];
  skus.forEach((sku, rank) => {
    if (sku.doNotTrack) return;
    const demand = (totalUnits * weights[rank]!) / totalWeight;
    const units = Math.max(1, Math.round(demand * options.coverage * Math.exp(0.35 * random.normal() - 0.06)));
    const holders = locations
      .map((l, i) => ({ code: l.code, share: random.float() < (i === 0 ? 0.9 : 0.6) ? capacity[i]! * (0.5 + random.float()) : 0 }))
      .filter((h) => h.share > 0);
    if (holders.length === 0) holders.push({ code: locations[0]!.code, share: 1 });
    const shares = holders.reduce((a, h) => a + h.share, 0);
    for (const holder of holders) {
      const quantity = random.float() < 0.03 ? 0 : Math.round((units * holder.share) / shares);
      stock.push({ location: holder.code, sku: sku.code, quantity: qty(quantity), reserved: qty(0), status: quantity === 0 ? 'out_of_stock' : 'in_stock' });
    }
  });
  return {
    name: `generated: ${options.locations} ${options.region} warehouses, ${options.skus} SKUs (seed ${options.seed})`,
    stockLocationsCutoff: options.stockLocationsCutoff,
    locations,
    skus,
    stock,
  };
}
