// The report as one self-contained HTML page: inline CSS, the charts as inline SVG (see
// charts.ts), and the full figures as a table. No scripts, fonts or images are fetched, so
// the file can be mailed or opened offline.
import { buildCharts } from './charts.js';
import type { ScenarioSummary } from './metrics.js';
import type { SimulationReport } from './report.js';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
/** Lets long snake_case names wrap after an underscore. */
const breakable = (name: string) => escape(name).replace(/_/g, '_<wbr>');
const num = (v: number | null, digits = 0) => (v === null ? '–' : v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);
const us = (ms: number | null) => (ms === null ? '–' : num(ms * 1000));

const ROWS: readonly [string, (s: ScenarioSummary) => string][] = [
  ['orders', (s) => num(s.orders)],
  ['placed', (s) => num(s.ordersPlaced)],
  ['refused (a line neither served nor backorderable)', (s) => num(s.ordersRejected)],
  ['shipments', (s) => num(s.shipments.total)],
  ['shipments per placed order (mean)', (s) => num(s.shipments.perOrderMean, 3)],
  ['split orders (share of placed)', (s) => pct(s.splitShare)],
  ['units ordered', (s) => num(s.units.ordered)],
  ['units shipped', (s) => num(s.units.shipped)],
  ['units backordered', (s) => num(s.units.backordered)],
  ['units unfulfilled', (s) => num(s.units.unfulfilled)],
  ['units not shipped (do_not_ship)', (s) => num(s.units.notShipped)],
  ['km per unit shipped (mean)', (s) => num(s.distanceKmPerUnit.mean, 1)],
  ['km per unit shipped (p95)', (s) => num(s.distanceKmPerUnit.p95, 1)],
  ['transfers', (s) => num(s.transfers.count)],
  ['units transferred', (s) => num(s.transfers.units)],
  ['orders where the ranking fell back to priority', (s) => num(s.fallbacks)],
  ['fewest shipments proven (share of orders)', (s) => pct(s.provenShare)],
  ['routing time, total (ms)', (s) => num(s.routingMs.total, 1)],
  ['routing time per order, p50 (µs)', (s) => us(s.routingMs.p50)],
  ['routing time per order, p99 (µs)', (s) => us(s.routingMs.p99)],
];

const STYLE = `
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto; max-width: 1000px; color: #1d2430; padding: 0 1rem; }
  h1 { font-size: 1.6rem; margin-bottom: .2rem; }
  h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; }
  .meta { color: #4a5566; margin: .2rem 0; }
  figure { margin: 0 0 1.5rem; border: 1px solid #dde3ea; border-radius: 6px; padding: .5rem; background: #fff; }
  figcaption { font-weight: 600; margin: .2rem .3rem .5rem; }
  figure svg { display: block; max-width: 100%; height: auto; }
  table { border-collapse: collapse; font-size: .85rem; width: 100%; }
  th, td { border-bottom: 1px solid #e3e8ee; padding: .35rem .5rem; text-align: right; }
  th:first-child, td:first-child { text-align: left; min-width: 14em; }
  thead th { background: #f3f6f9; vertical-align: bottom; }
  .scroll { overflow-x: auto; }`;

export function renderHtml(report: SimulationReport): string {
  const { snapshot, orders, scenarios } = report;
  const charts = buildCharts(scenarios);
  const table = `<div class="scroll"><table id="figures">
<thead><tr><th></th>${scenarios.map((s) => `<th>${breakable(s.strategy)}<br>× ${escape(s.algorithm)}</th>`).join('')}</tr></thead>
<tbody>${ROWS.map(([title, value]) => `<tr><td>${escape(title)}</td>${scenarios.map((s) => `<td>${escape(value(s))}</td>`).join('')}</tr>`).join('\n')}</tbody>
</table></div>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Stockroute simulation: ${escape(orders.source)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Stockroute routing simulation</h1>
<p class="meta">Snapshot: ${escape(snapshot.name)} — ${num(snapshot.locations)} locations, ${num(snapshot.skus)} SKUs, ${num(snapshot.stockRows)} stock rows, cutoff ${snapshot.cutoff ?? 'none'}.</p>
<p class="meta">Orders: ${escape(orders.source)} — ${num(orders.count)} orders, ${num(orders.lines)} lines, replayed under ${scenarios.length} strategy × algorithm combinations in ${(report.elapsedMs / 1000).toFixed(1)} s. Each run starts from the same snapshot; stock is consumed as orders are placed.</p>
${charts.map((c) => `<figure id="chart-${c.id}" class="chart"><figcaption>${escape(c.title)}</figcaption>\n${c.svg}\n</figure>`).join('\n')}
<h2>All figures</h2>
${table}
<p class="meta">Refused: an order with a line that could be neither served nor backordered is refused at placement, as at checkout; it ships nothing and deducts nothing. Distance: great-circle km from the shipping location to the destination, weighted by units shipped.</p>
</body>
</html>
`;
}
