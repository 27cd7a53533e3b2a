// Checks of an order stream against the snapshot it is replayed on, worth a warning but not
// an error: a line naming a SKU the snapshot does not have can never be served (a typo in
// the file, or the wrong snapshot), which would otherwise only show as refused orders.
import type { SimOrder, Snapshot } from './types.js';

export interface UnknownSkus {
  readonly lines: number;
  readonly totalLines: number;
  /** How many different SKU codes. */
  readonly skus: number;
  /** Up to 5 of the SKU codes, in the order first seen. */
  readonly examples: readonly string[];
}

export function unknownSkus(orders: readonly SimOrder[], snapshot: Snapshot): UnknownSkus | null {
  const known = new Set(snapshot.skus.map((s) => s.code));
  for (const s of snapshot.stock) known.add(s.sku);
  const missing = new Set<string>();
  let lines = 0;
  let totalLines = 0;
  for (const order of orders) {
    for (const line of order.lines) {
      totalLines += 1;
      if (known.has(line.sku)) continue;
      lines += 1;
      missing.add(line.sku);
    }
  }
  return lines === 0 ? null : { lines, totalLines, skus: missing.size, examples: [...missing].slice(0, 5) };
}

export function describeUnknownSkus(u: UnknownSkus): string {
  return `warning: ${u.lines} of ${u.totalLines} order lines name SKUs the snapshot does not have (${u.examples.join(', ')}${u.skus > u.examples.length ? ', …' : ''}); they can never be served`;
}
