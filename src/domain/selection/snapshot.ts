// What the engine needs from a routing problem, prepared once per call: the candidate
// locations (enabled, by priority then code, cut to stock_locations_cutoff), why the others
// were skipped, each SKU's facts, and the order's SKUs' stock indexed SKU → location →
// available (in-stock rows at candidates only; available = max(0, quantity − reserved)).
import { ZERO, add, clampZero, sub } from '../quantity.js';
import type { Quantity } from '../quantity.js';
import type { LocationInput, RoutingProblem, SkuInput, StockInput } from '../routing.js';
import { NAMED_LIMIT, listed } from './explain.js';
import { byPriorityThenCode } from './ranking.js';

export interface Snapshot {
  /** Enabled, within the cutoff, by priority then code. */
  readonly candidates: readonly LocationInput[];
  /** The first candidate by priority; null when there is none. */
  readonly primary: LocationInput | null;
  /** Explanation lines for locations that are not candidates. */
  readonly skipped: readonly string[];
  /** SKU → candidate location → available, for in-stock rows of the order's SKUs. */
  readonly stock: ReadonlyMap<string, ReadonlyMap<string, Quantity>>;
  /** SKU → candidates whose row for it is out_of_stock (for the explanation). */
  readonly outOfStock: ReadonlyMap<string, readonly string[]>;
  sku(code: string): SkuInput;
}

export function snapshotOf(problem: RoutingProblem): Snapshot {
  const enabled = problem.locations.filter((l) => l.enabled).sort(byPriorityThenCode);
  const cutoff = problem.stockLocationsCutoff;
  const candidates = cutoff === null ? enabled : enabled.slice(0, Math.max(0, cutoff));
  const disabled = problem.locations.filter((l) => !l.enabled).sort(byPriorityThenCode);
  const skipped = [
    ...skippedLines(disabled, 'disabled'),
    ...skippedLines(enabled.slice(candidates.length), `beyond stock_locations_cutoff ${String(cutoff)}`),
  ];

  const skus = new Map(problem.skus.map((s) => [s.code, s]));
  const sku = (code: string): SkuInput =>
    skus.get(code) ?? { code, shippingCategory: null, doNotShip: false, doNotTrack: false, allowBackorders: false };

  const isCandidate = new Set(candidates.map((c) => c.code));
  const stock = new Map<string, Map<string, Quantity>>();
  const outOfStock = new Map<string, string[]>();
  const index = stockBySku(problem.stock);
  for (const code of new Set(problem.lines.map((l) => l.sku))) {
    for (const row of index.get(code) ?? []) {
      if (!isCandidate.has(row.location)) continue;
      if (row.status === 'out_of_stock') {
        outOfStock.set(code, [...(outOfStock.get(code) ?? []), row.location]);
        continue;
      }
      const at = stock.get(code) ?? new Map<string, Quantity>();
      stock.set(code, at);
      at.set(row.location, add(at.get(row.location) ?? ZERO, clampZero(sub(row.quantity, row.reserved))));
    }
  }
  return { candidates, primary: candidates[0] ?? null, skipped, stock, outOfStock, sku };
}

/** "eu-3 skipped: beyond stock_locations_cutoff 2", one line each up to NAMED_LIMIT, then one summary. */
function skippedLines(locations: readonly LocationInput[], reason: string): string[] {
  if (locations.length <= NAMED_LIMIT) return locations.map((l) => `${l.code} skipped: ${reason}`);
  return [`${listed(locations.map((l) => l.code))} skipped: ${reason}`];
}

/**
 * Stock rows grouped by SKU. Remembered per stock array (the problem is immutable data), so a
 * caller that asks many questions of one world — the simulator, the benchmark — indexes it
 * once instead of scanning every row for every order. Pure: the answer depends only on the rows.
 */
const indexes = new WeakMap<readonly StockInput[], ReadonlyMap<string, readonly StockInput[]>>();

function stockBySku(rows: readonly StockInput[]): ReadonlyMap<string, readonly StockInput[]> {
  const known = indexes.get(rows);
  if (known !== undefined) return known;
  const index = new Map<string, StockInput[]>();
  for (const row of rows) {
    const list = index.get(row.sku);
    if (list === undefined) index.set(row.sku, [row]);
    else list.push(row);
  }
  indexes.set(rows, index);
  return index;
}
