// The report's charts, rendered to SVG strings on the server by ECharts (SVG renderer, SSR
// mode): no script runs in the page that shows them. Horizontal bars keep the long
// "strategy × algorithm" labels readable; every chart has a legend naming its series.
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';
import type { ScenarioSummary } from './metrics.js';

export interface Chart {
  readonly id: string;
  readonly title: string;
  readonly svg: string;
}

const WIDTH = 960;
const PALETTE = ['#2f6fb0', '#e07b39', '#3a9a5b', '#c0392b', '#8e6bbf', '#8c6d31', '#d4679f', '#5f6b7a'];

function render(option: EChartsOption, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height });
  chart.setOption({ animation: false, color: PALETTE, textStyle: { fontFamily: 'sans-serif' }, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/** Horizontal bars: one category row per scenario, one bar per series. */
function perScenario(scenarios: readonly ScenarioSummary[], series: { name: string; value: (s: ScenarioSummary) => number | null }[], unit: string): string {
  const labels = scenarios.map((s) => s.label);
  return render(
    {
      legend: { top: 0 },
      grid: { left: 330, right: 60, top: 36, bottom: 40 },
      xAxis: { type: 'value', name: unit, nameLocation: 'middle', nameGap: 26 },
      yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { width: 310, overflow: 'truncate' } },
      series: series.map((s) => ({
        name: s.name,
        type: 'bar',
        data: scenarios.map((x) => round(s.value(x))),
        label: { show: true, position: 'right', fontSize: 10 },
      })),
    },
    80 + scenarios.length * 22 * Math.max(2, series.length),
  );
}

const round = (v: number | null) => (v === null ? 0 : Number(v.toFixed(v >= 100 ? 0 : 2)));

export function buildCharts(scenarios: readonly ScenarioSummary[]): Chart[] {
  const maxShipments = Math.max(1, ...scenarios.flatMap((s) => Object.keys(s.shipments.distribution).map(Number)));
  const counts = Array.from({ length: maxShipments + 1 }, (_, i) => String(i));
  const distribution = render(
    {
      legend: { top: 0, width: WIDTH - 40 },
      grid: { left: 70, right: 30, top: 30 + 22 * Math.ceil(scenarios.length / 3), bottom: 50 },
      xAxis: { type: 'category', data: counts, name: 'shipments per placed order', nameLocation: 'middle', nameGap: 30 },
      yAxis: { type: 'value', name: '% of placed orders', nameLocation: 'middle', nameGap: 45 },
      series: scenarios.map((s) => ({
        name: s.label,
        type: 'bar',
        data: counts.map((c) => (s.ordersPlaced === 0 ? 0 : round((100 * (s.shipments.distribution[c] ?? 0)) / s.ordersPlaced))),
      })),
    },
    420,
  );
  return [
    { id: 'shipments', title: 'Shipments per placed order', svg: distribution },
    {
      id: 'distance',
      title: 'Great-circle distance per unit shipped',
      svg: perScenario(scenarios, [
        { name: 'mean km', value: (s) => s.distanceKmPerUnit.mean },
        { name: 'p95 km', value: (s) => s.distanceKmPerUnit.p95 },
      ], 'km per unit'),
    },
    {
      id: 'split',
      title: 'Split and refused orders',
      svg: perScenario(scenarios, [
        { name: 'split orders % (of placed)', value: (s) => (s.splitShare === null ? null : 100 * s.splitShare) },
        { name: 'refused orders % (of all)', value: (s) => (s.orders === 0 ? null : (100 * s.ordersRejected) / s.orders) },
      ], '%'),
    },
    {
      id: 'backorders',
      title: 'Units backordered and unfulfilled',
      svg: perScenario(scenarios, [
        { name: 'units backordered', value: (s) => s.units.backordered },
        { name: 'units unfulfilled', value: (s) => s.units.unfulfilled },
      ], 'units'),
    },
    {
      id: 'transfers',
      title: 'Stock transfers',
      svg: perScenario(scenarios, [
        { name: 'transfers', value: (s) => s.transfers.count },
        { name: 'units transferred', value: (s) => s.transfers.units },
      ], 'count / units'),
    },
    {
      id: 'timing',
      title: 'Routing time per order',
      svg: perScenario(scenarios, [
        { name: 'p50 µs', value: (s) => (s.routingMs.p50 === null ? null : s.routingMs.p50 * 1000) },
        { name: 'p99 µs', value: (s) => (s.routingMs.p99 === null ? null : s.routingMs.p99 * 1000) },
      ], 'µs'),
    },
  ];
}
