// Spreads demo stock unevenly over the locations: popular SKUs are stocked in more places
// and in larger quantities (Pareto-distributed), the long tail in one or two places. About
// 6% of tracked SKUs are out of stock everywhere (zero-quantity items), a few stock items are
// marked out_of_stock, and untracked or digital SKUs get no stock items at all.
import type { DemoSku } from './catalogue.js';
import type { DemoLocation } from './locations.js';
import type { Random } from './random.js';

export interface DemoStockItem {
  readonly skuCode: string;
  readonly locationCode: string;
  readonly quantity: number;
  readonly status: 'in_stock' | 'out_of_stock';
}

/** The primary warehouses of the three markets: stocked more often, so most orders place. */
const HUBS = new Set(['paris', 'london', 'chicago']);

export function generateStock(rng: Random, skus: readonly DemoSku[], locations: readonly DemoLocation[]): DemoStockItem[] {
  const items: DemoStockItem[] = [];
  const maxPopularity = Math.max(...skus.map((s) => s.popularity));
  for (const sku of skus) {
    if (sku.doNotTrack || sku.doNotShip) continue;
    const heat = sku.popularity / maxPopularity; // 1 for the best seller, → 0 for the tail
    if (rng.chance(0.06)) {
      for (const location of rng.sample(locations, rng.int(1, 2))) {
        items.push({ skuCode: sku.code, locationCode: location.code, quantity: 0, status: 'in_stock' });
      }
      continue;
    }
    const spread = Math.min(locations.length, 1 + Math.floor(rng.pareto(1, 1.1) + heat * 12));
    const chosen = new Set(rng.sample(locations, spread).map((l) => l.code));
    for (const hub of HUBS) if (rng.chance(0.55 + heat / 2)) chosen.add(hub);
    const bulky = sku.category === 'bulky';
    for (const code of [...chosen].sort()) {
      const raw = rng.pareto(bulky ? 1 : 3, 1.3) * (1 + heat * 40);
      const quantity = sku.quantityDecimal ? Math.round(Math.min(raw, 800) * 4) / 4 : Math.floor(Math.min(raw, bulky ? 150 : 5000));
      items.push({ skuCode: sku.code, locationCode: code, quantity, status: rng.chance(0.02) ? 'out_of_stock' : 'in_stock' });
    }
  }
  return items;
}
