// The simulated stock: a mutable SKU → rows map, kept outside the pure engine so that 100,000
// orders do not copy the snapshot. Each order's routing problem carries only the stock rows
// of its own SKUs; after routing, the plan's stock line items and transfers are applied:
//   - a shipment item or do_not_ship item deducts its quantity at its location;
//   - a transfer moves its quantity from its origin to its destination (which then ships it);
//   - do_not_track SKUs have no stock rows and are never deducted;
//   - on-hand never goes below 0: a backordered part deducts only what is there.
import { add, clampZero, sub, ZERO } from '../domain/quantity.js';
import type { Quantity } from '../domain/quantity.js';
import type { Plan, RoutingProblem, SkuInput, StockInput, StockStatus } from '../domain/routing.js';
import type { Scenario, SimOrder, Snapshot } from './types.js';

interface Row {
  readonly location: string;
  readonly sku: string;
  quantity: Quantity;
  readonly reserved: Quantity;
  readonly status: StockStatus;
}

export class StockBook {
  private readonly rows = new Map<string, Map<string, Row>>();
  private readonly skus = new Map<string, SkuInput>();

  constructor(private readonly snapshot: Snapshot) {
    for (const sku of snapshot.skus) this.skus.set(sku.code, sku);
    for (const s of snapshot.stock) {
      let bySku = this.rows.get(s.sku);
      if (bySku === undefined) this.rows.set(s.sku, (bySku = new Map()));
      bySku.set(s.location, { ...s });
    }
  }

  problemFor(order: SimOrder, scenario: Scenario): RoutingProblem {
    const skus: SkuInput[] = [];
    const stock: StockInput[] = [];
    const seen = new Set<string>();
    for (const line of order.lines) {
      if (seen.has(line.sku)) continue;
      seen.add(line.sku);
      const sku = this.skus.get(line.sku);
      if (sku !== undefined) skus.push(sku);
      for (const row of this.rows.get(line.sku)?.values() ?? []) stock.push({ ...row });
    }
    return {
      strategy: scenario.strategy,
      algorithm: scenario.algorithm,
      distanceMode: 'driving',
      stockLocationsCutoff: this.snapshot.stockLocationsCutoff,
      locations: this.snapshot.locations,
      skus,
      stock,
      lines: order.lines,
      destination: order.destination,
    };
  }

  /** Applies a placed order's plan to the stock. */
  consume(plan: Plan): void {
    // Transfers first: the destination ships what arrives.
    for (const t of plan.transfers) {
      this.change(t.from, t.sku, (q) => sub(q, t.quantity));
      this.change(t.to, t.sku, (q) => add(q, t.quantity));
    }
    for (const shipment of plan.shipments) for (const item of shipment.items) this.change(shipment.location, item.sku, (q) => sub(q, item.quantity));
    for (const item of plan.unshippedItems) this.change(item.location, item.sku, (q) => sub(q, item.quantity));
  }

  /** Puts rows back as they were (their on-hand), e.g. a batch's stock before it was placed. */
  restore(rows: readonly StockInput[]): void {
    for (const r of rows) {
      const row = this.rows.get(r.sku)?.get(r.location);
      if (row !== undefined) row.quantity = r.quantity;
    }
  }

  /** On-hand of one SKU at one location (0 when there is no row). */
  onHand(location: string, sku: string): Quantity {
    return this.rows.get(sku)?.get(location)?.quantity ?? ZERO;
  }

  private change(location: string, sku: string, apply: (q: Quantity) => Quantity): void {
    if (this.skus.get(sku)?.doNotTrack) return;
    const row = this.rows.get(sku)?.get(location);
    if (row === undefined) return;
    row.quantity = clampZero(apply(row.quantity));
  }
}
