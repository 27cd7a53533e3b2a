// The report as a plain-text table for the terminal: one row per scenario, columns aligned.
import type { ScenarioSummary } from './metrics.js';
import type { SimulationReport } from './report.js';

interface Column {
  readonly title: string;
  readonly value: (s: ScenarioSummary) => string;
  readonly left?: boolean;
}

const num = (v: number | null, digits = 0) => (v === null ? '–' : v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);
const micros = (ms: number | null) => (ms === null ? '–' : `${Math.round(ms * 1000)}`);

const COLUMNS: readonly Column[] = [
  { title: 'strategy × algorithm', value: (s) => s.label, left: true },
  { title: 'placed', value: (s) => num(s.ordersPlaced) },
  { title: 'refused', value: (s) => num(s.ordersRejected) },
  { title: 'ship/order', value: (s) => num(s.shipments.perOrderMean, 3) },
  { title: 'extra ship', value: (s) => num(s.shipments.total - s.ordersPlaced) },
  { title: 'split', value: (s) => pct(s.splitShare) },
  { title: 'backordered', value: (s) => num(s.units.backordered) },
  { title: 'unfulfilled', value: (s) => num(s.units.unfulfilled) },
  { title: 'km/unit', value: (s) => num(s.distanceKmPerUnit.mean, 1) },
  { title: 'km p95', value: (s) => num(s.distanceKmPerUnit.p95, 1) },
  { title: 'transfers', value: (s) => `${num(s.transfers.count)} (${num(s.transfers.units)} u)` },
  { title: 'proven', value: (s) => pct(s.provenShare) },
  { title: 'route ms', value: (s) => num(s.routingMs.total) },
  { title: 'p50 µs', value: (s) => micros(s.routingMs.p50) },
  { title: 'p99 µs', value: (s) => micros(s.routingMs.p99) },
];

export function formatTable(report: SimulationReport): string {
  const rows = report.scenarios.map((s) => COLUMNS.map((c) => c.value(s)));
  const widths = COLUMNS.map((c, i) => Math.max(c.title.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (COLUMNS[i]!.left ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  const { snapshot, orders } = report;
  return [
    `snapshot: ${snapshot.name} — ${snapshot.locations} locations, ${snapshot.skus} SKUs, ${snapshot.stockRows} stock rows, cutoff ${snapshot.cutoff ?? 'none'}`,
    `orders:   ${orders.source} — ${num(orders.count)} orders, ${num(orders.lines)} lines; replayed in ${(report.elapsedMs / 1000).toFixed(1)} s`,
    '',
    line(COLUMNS.map((c) => c.title)),
    line(widths.map((w) => '─'.repeat(w))),
    ...rows.map(line),
    '',
    'placed/refused: orders (refused = a line could be neither served nor backordered); ship/order and split over placed orders;',
    'km/unit: great-circle km from the shipping location to the destination, per unit shipped (unit-weighted mean and p95);',
    'proven: fewest_shipments only, the share of orders whose plan is proven to have the fewest shipments (– for the others).',
  ].join('\n');
}
