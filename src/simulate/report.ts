// The simulation report as data, and its JSON form (snake_case, as every file Stockroute
// writes). The terminal table and the HTML page are drawn from the same report.
import type { ScenarioSummary } from './metrics.js';
import type { Snapshot } from './types.js';

export interface SimulationReport {
  readonly snapshot: { readonly name: string; readonly locations: number; readonly skus: number; readonly stockRows: number; readonly cutoff: number | null };
  readonly orders: { readonly source: string; readonly count: number; readonly lines: number };
  readonly scenarios: readonly ScenarioSummary[];
  /** Wall-clock time of the whole replay, all scenarios. */
  readonly elapsedMs: number;
}

export function describeSnapshot(snapshot: Snapshot): SimulationReport['snapshot'] {
  return {
    name: snapshot.name,
    locations: snapshot.locations.length,
    skus: snapshot.skus.length,
    stockRows: snapshot.stock.length,
    cutoff: snapshot.stockLocationsCutoff,
  };
}

const round = (v: number | null, digits = 3) => (v === null ? null : Number(v.toFixed(digits)));

export function reportToJson(report: SimulationReport): object {
  return {
    snapshot: {
      name: report.snapshot.name,
      locations: report.snapshot.locations,
      skus: report.snapshot.skus,
      stock_rows: report.snapshot.stockRows,
      stock_locations_cutoff: report.snapshot.cutoff,
    },
    orders: report.orders,
    elapsed_ms: Math.round(report.elapsedMs),
    scenarios: report.scenarios.map((s) => ({
      strategy: s.strategy,
      algorithm: s.algorithm,
      orders: s.orders,
      orders_placed: s.ordersPlaced,
      orders_rejected: s.ordersRejected,
      shipments: { total: s.shipments.total, per_order_mean: round(s.shipments.perOrderMean, 4), distribution: s.shipments.distribution },
      split_share: round(s.splitShare, 4),
      units: {
        ordered: s.units.ordered,
        shipped: s.units.shipped,
        backordered: s.units.backordered,
        unfulfilled: s.units.unfulfilled,
        not_shipped: s.units.notShipped,
        without_distance: s.units.withoutDistance,
      },
      distance_km_per_unit: { mean: round(s.distanceKmPerUnit.mean), p95: round(s.distanceKmPerUnit.p95) },
      transfers: s.transfers,
      ranking_fallbacks: s.fallbacks,
      proven_share: round(s.provenShare, 4),
      routing_ms: { total: round(s.routingMs.total, 1), p50_per_order: round(s.routingMs.p50, 4), p99_per_order: round(s.routingMs.p99, 4) },
    })),
  };
}
