// Folds order outcomes into one scenario's figures: shipments per order (mean and
// distribution over placed orders), share of split orders (more than one shipment), units
// backordered / unfulfilled, great-circle km per unit shipped (unit-weighted mean and p95),
// transfers, routing time (total, per-order p50 and p99, nearest rank), ranking fallbacks and,
// for fewest_shipments, the share of orders whose plan was proven to have the fewest shipments.
import { add, toDecimal, ZERO } from '../domain/quantity.js';
import type { OrderOutcome } from './outcome.js';
import { scenarioLabel } from './types.js';
import type { Scenario } from './types.js';

export interface ScenarioSummary {
  readonly strategy: string;
  readonly algorithm: string;
  readonly label: string;
  readonly orders: number;
  readonly ordersPlaced: number;
  readonly ordersRejected: number;
  readonly shipments: { readonly total: number; readonly perOrderMean: number | null; readonly distribution: Readonly<Record<string, number>> };
  /** Placed orders with more than one shipment ÷ placed orders. */
  readonly splitShare: number | null;
  readonly units: {
    readonly ordered: number;
    readonly shipped: number;
    readonly backordered: number;
    readonly unfulfilled: number;
    readonly notShipped: number;
    readonly withoutDistance: number;
  };
  readonly distanceKmPerUnit: { readonly mean: number | null; readonly p95: number | null };
  readonly transfers: { readonly count: number; readonly units: number };
  readonly routingMs: { readonly total: number; readonly p50: number | null; readonly p99: number | null };
  /** Orders whose ranking fell back to priority (distance ranking without coordinates). */
  readonly fallbacks: number;
  /** fewest_shipments: orders whose plan was proven optimal ÷ orders routed; null otherwise. */
  readonly provenShare: number | null;
}

export class ScenarioMetrics {
  private orders = 0;
  private placed = 0;
  private shipments = 0;
  private split = 0;
  private readonly distribution = new Map<number, number>();
  private unitsOrdered = ZERO;
  private unitsShipped = ZERO;
  private unitsBackordered = ZERO;
  private unitsUnfulfilled = ZERO;
  private unitsNotShipped = ZERO;
  private unitsWithoutDistance = ZERO;
  private transfers = 0;
  private transferUnits = ZERO;
  private readonly distances: number[] = [];
  private readonly weights: number[] = [];
  private readonly times: number[] = [];
  private fallbacks = 0;
  private optimised = 0;
  private proven = 0;

  constructor(private readonly scenario: Scenario) {}

  record(o: OrderOutcome): void {
    this.orders += 1;
    this.times.push(o.routingMs);
    if (o.fellBack) this.fallbacks += 1;
    if (o.proven !== null) {
      this.optimised += 1;
      if (o.proven) this.proven += 1;
    }
    this.unitsOrdered = add(this.unitsOrdered, o.unitsOrdered);
    this.unitsUnfulfilled = add(this.unitsUnfulfilled, o.unitsUnfulfilled);
    if (!o.placed) return;
    this.placed += 1;
    this.shipments += o.shipments;
    if (o.shipments > 1) this.split += 1;
    this.distribution.set(o.shipments, (this.distribution.get(o.shipments) ?? 0) + 1);
    this.unitsBackordered = add(this.unitsBackordered, o.unitsBackordered);
    this.unitsNotShipped = add(this.unitsNotShipped, o.unitsNotShipped);
    this.transfers += o.transfers;
    this.transferUnits = add(this.transferUnits, o.transferUnits);
    for (const s of o.shipped) {
      this.unitsShipped = add(this.unitsShipped, s.units);
      if (s.distanceM === null) {
        this.unitsWithoutDistance = add(this.unitsWithoutDistance, s.units);
      } else if (s.units > 0) {
        this.distances.push(s.distanceM / 1000);
        this.weights.push(toDecimal(s.units));
      }
    }
  }

  summary(): ScenarioSummary {
    const sorted = Float64Array.from(this.times).sort();
    const distribution: Record<string, number> = {};
    for (const k of [...this.distribution.keys()].sort((a, b) => a - b)) distribution[String(k)] = this.distribution.get(k)!;
    return {
      strategy: this.scenario.strategy,
      algorithm: this.scenario.algorithm,
      label: scenarioLabel(this.scenario),
      orders: this.orders,
      ordersPlaced: this.placed,
      ordersRejected: this.orders - this.placed,
      shipments: { total: this.shipments, perOrderMean: this.placed === 0 ? null : this.shipments / this.placed, distribution },
      splitShare: this.placed === 0 ? null : this.split / this.placed,
      units: {
        ordered: toDecimal(this.unitsOrdered),
        shipped: toDecimal(this.unitsShipped),
        backordered: toDecimal(this.unitsBackordered),
        unfulfilled: toDecimal(this.unitsUnfulfilled),
        notShipped: toDecimal(this.unitsNotShipped),
        withoutDistance: toDecimal(this.unitsWithoutDistance),
      },
      distanceKmPerUnit: weightedMeanAndP95(this.distances, this.weights),
      transfers: { count: this.transfers, units: toDecimal(this.transferUnits) },
      routingMs: { total: sorted.reduce((a, b) => a + b, 0), p50: nearestRank(sorted, 0.5), p99: nearestRank(sorted, 0.99) },
      fallbacks: this.fallbacks,
      provenShare: this.optimised === 0 ? null : this.proven / this.optimised,
    };
  }
}

/** Nearest-rank percentile of ascending values. */
export function nearestRank(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

/** Unit-weighted mean, and the smallest value at or below which 95% of the units lie. */
export function weightedMeanAndP95(values: readonly number[], weights: readonly number[]): { mean: number | null; p95: number | null } {
  let total = 0;
  let weighted = 0;
  values.forEach((v, i) => {
    total += weights[i]!;
    weighted += v * weights[i]!;
  });
  if (total === 0) return { mean: null, p95: null };
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  let cumulative = 0;
  let p95 = values[order[order.length - 1]!]!;
  for (const i of order) {
    cumulative += weights[i]!;
    if (cumulative >= 0.95 * total - 1e-9) {
      p95 = values[i]!;
      break;
    }
  }
  return { mean: weighted / total, p95 };
}
