// The fill, shared by every ranking and strategy (Magento's "qty to deduct", Solidus'
// on-hand-first allocator): per order line, in line order, walk the locations in the order
// given, taking min(available, still needed) from each; lines of the same SKU share what a
// location has. What is still needed at the end is the shortfall — returned as data
// (backordered when the SKU allows backorders), never thrown. do_not_track SKUs need no stock.
import { ZERO, isPositive, min, sub } from '../quantity.js';
import type { Quantity } from '../quantity.js';
import type { LineSelection, OrderLine, SourceAllocation } from '../routing.js';
import { amount, code, describe, listed } from './explain.js';
import type { RankedLocation } from './ranking.js';
import type { Snapshot } from './snapshot.js';

export interface Fill {
  readonly lines: readonly LineSelection[];
  readonly explanation: readonly string[];
}

export function fill(snapshot: Snapshot, lines: readonly OrderLine[], order: readonly RankedLocation[]): Fill {
  const explanation: string[] = [];
  /** SKU → its holders in `order` and what each still has after the lines before. */
  const stock = new Map<string, { holders: readonly RankedLocation[]; left: Quantity[] }>();

  const selections = lines.map((line): LineSelection => {
    const sku = snapshot.sku(line.sku);
    if (sku.doNotTrack) {
      explanation.push(`${line.sku} is do_not_track: no stock needed for ${amount(line.quantity)}`);
      return { line: line.id, sku: line.sku, quantity: line.quantity, shortfall: ZERO, backordered: ZERO, sources: [] };
    }
    let held = stock.get(line.sku);
    if (held === undefined) {
      const holdings = snapshot.holders(line.sku, order);
      held = { holders: holdings.locations, left: holdings.available };
      stock.set(line.sku, held);
    }
    const { holders, left } = held;
    let needed = line.quantity;
    const sources = holders.map((location, i): SourceAllocation => {
      const available = left[i] ?? ZERO;
      const take = min(available, needed);
      if (isPositive(take)) {
        needed = sub(needed, take);
        left[i] = sub(available, take);
        explanation.push(`${describe(location)} gives ${amount(take)} of ${amount(line.quantity)} ${line.sku}`);
      }
      const { priority, distanceM, durationS } = location;
      return { location: location.code, priority, distanceM, durationS, quantityAvailable: available, quantityToDeduct: take };
    });
    if (holders.length === 0) explanation.push(noStockLine(snapshot, order, line.sku));
    const backordered = isPositive(needed) && sku.allowBackorders ? needed : ZERO;
    if (isPositive(needed)) {
      const outcome = sku.allowBackorders ? 'backordered' : `not available (${line.sku} does not allow backorders)`;
      explanation.push(`line ${line.id}: ${amount(needed)} of ${amount(line.quantity)} ${line.sku} short, ${outcome}`);
    }
    return { line: line.id, sku: line.sku, quantity: line.quantity, shortfall: needed, backordered, sources };
  });
  return { lines: selections, explanation };
}

function noStockLine(snapshot: Snapshot, order: readonly RankedLocation[], sku: string): string {
  const out = snapshot.outOfStock(sku, order);
  const why = out.length > 0 ? ` (out of stock at ${listed(out, code)})` : '';
  return `no candidate location holds ${sku} in stock${why}`;
}
