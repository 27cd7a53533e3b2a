// Batch re-optimisation on the simulator's generated orders (issue 12):
//   npx tsx bench/reoptimise.ts [--generate 20000] [--seed 7] [--batch 50] [--locations 8] [--skus 500] [--coverage 1.5] [--region europe]
// Routes the same order stream four ways over the same generated stock (split_shipments):
// real time with priority, real time with fewest_shipments, and held in batches of N that
// are placed greedily (fewest_shipments, placement order: the baseline) and then
// re-optimised together (reoptimiseBatch). Prints shipments per order and extra shipments
// (Σ max(0, shipments − 1)), units not served, then times one re-optimisation of a batch of
// 200 orders over 20 locations.
import { performance } from 'node:perf_hooks';
import { greatCircleTable } from '../src/domain/distance/great-circle.js';
import type { Quantity } from '../src/domain/quantity.js';
import { reoptimiseBatch, type BatchOrder, type Take } from '../src/domain/reoptimise/index.js';
import type { Plan, StockInput } from '../src/domain/routing.js';
import { planOrder } from '../src/domain/strategies/index.js';
import { REGIONS, type Region } from '../src/simulate/cities.js';
import { generateOrders } from '../src/simulate/generate-orders.js';
import { generateSnapshot } from '../src/simulate/generate-snapshot.js';
import type { SimOrder, Snapshot } from '../src/simulate/types.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const regionArg = process.argv.includes('--region') ? process.argv[process.argv.indexOf('--region') + 1] : 'europe';
if (!REGIONS.includes(regionArg as Region)) throw new Error(`--region must be one of ${REGIONS.join(', ')}`);
const N = arg('generate', 20_000);
const SEED = arg('seed', 7);
const BATCH = arg('batch', 50);
const STRATEGY = 'split_shipments';

type Avail = Map<string, number>;
const key = (l: string, s: string) => `${l}|${s}`;

function world(locations: number, region: Region, orders: number): { snapshot: Snapshot; orders: SimOrder[] } {
  const snapshot = generateSnapshot({ seed: SEED, locations, skus: arg('skus', 500), region, expectedOrders: orders, coverage: arg('coverage', 1.5), stockLocationsCutoff: locations });
  return { snapshot, orders: generateOrders(snapshot, orders, SEED) };
}

function stockOf(snapshot: Snapshot, avail: Avail, skus: Iterable<string>): StockInput[] {
  const wanted = new Set(skus);
  return snapshot.stock.filter((s) => wanted.has(s.sku)).map((s) => ({ ...s, quantity: (avail.get(key(s.location, s.sku)) ?? 0) as Quantity, reserved: 0 as Quantity }));
}

function plan(snapshot: Snapshot, avail: Avail, order: SimOrder, algorithm: string): Plan {
  return planOrder({
    strategy: STRATEGY, algorithm, distanceMode: 'driving', stockLocationsCutoff: snapshot.stockLocationsCutoff, locations: snapshot.locations,
    skus: snapshot.skus.filter((s) => order.lines.some((l) => l.sku === s.code)), stock: stockOf(snapshot, avail, order.lines.map((l) => l.sku)),
    lines: order.lines, destination: order.destination,
  }, algorithm === 'priority' ? undefined : greatCircleTable(order.destination, snapshot.locations), { nodes: 20_000 });
}

const takesOf = (p: Plan): Take[] => p.selection.lines.flatMap((l) => l.sources.filter((s) => s.quantityToDeduct > 0)
  .map((s) => ({ line: l.line, sku: l.sku, location: s.location, quantity: s.quantityToDeduct })));
const apply = (avail: Avail, takes: readonly Take[]) => { for (const t of takes) avail.set(key(t.location, t.sku), (avail.get(key(t.location, t.sku)) ?? 0) - t.quantity); };

interface Tally { shipments: number; extra: number; unserved: number; ms: number }
const tally = (): Tally => ({ shipments: 0, extra: 0, unserved: 0, ms: 0 });
const count = (t: Tally, shipments: number, unserved: number) => { t.shipments += shipments; t.extra += Math.max(0, shipments - 1); t.unserved += unserved; };

function realTime(snapshot: Snapshot, orders: readonly SimOrder[], algorithm: string): Tally {
  const avail: Avail = new Map(snapshot.stock.map((s) => [key(s.location, s.sku), s.quantity - s.reserved]));
  const t = tally();
  const start = performance.now();
  for (const o of orders) {
    const p = plan(snapshot, avail, o, algorithm);
    count(t, p.shipments.length, p.selection.lines.reduce((u, l) => u + l.shortfall, 0));
    apply(avail, takesOf(p));
  }
  t.ms = performance.now() - start;
  return t;
}

function batched(snapshot: Snapshot, orders: readonly SimOrder[], size: number): { baseline: Tally; after: Tally; searchMs: number[] } {
  const avail: Avail = new Map(snapshot.stock.map((s) => [key(s.location, s.sku), s.quantity - s.reserved]));
  const baseline = tally();
  const after = tally();
  const searchMs: number[] = [];
  for (let i = 0; i < orders.length; i += size) {
    const chunk = orders.slice(i, i + size);
    const before = new Map(avail);
    const held: BatchOrder[] = chunk.map((o) => {
      const p = plan(snapshot, avail, o, 'fewest_shipments');
      const takes = takesOf(p);
      apply(avail, takes);
      count(baseline, p.shipments.length, p.selection.lines.reduce((u, l) => u + l.shortfall, 0));
      return { id: o.id, lines: o.lines, destination: o.destination, distances: greatCircleTable(o.destination, snapshot.locations), current: { takes, shipments: p.shipments.length } };
    });
    const skus = new Set(chunk.flatMap((o) => o.lines.map((l) => l.sku)));
    const start = performance.now();
    const result = reoptimiseBatch({
      model: { strategy: STRATEGY, stockLocationsCutoff: snapshot.stockLocationsCutoff, locations: snapshot.locations, skus: snapshot.skus.filter((s) => skus.has(s.code)) },
      stock: stockOf(snapshot, before, skus), orders: held,
    }, { now: () => performance.now(), ms: 2000, perOrderMs: 25 });
    searchMs.push(performance.now() - start);
    for (const [k, v] of before) avail.set(k, v);
    for (const o of result.orders) { apply(avail, o.takes); count(after, o.after.shipments, 0); }
    after.unserved += result.after.unserved;
  }
  return { baseline, after, searchMs };
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;
const line = (label: string, t: Tally, n: number) =>
  `${label.padEnd(44)} shipments ${String(t.shipments).padStart(7)}  per order ${(t.shipments / n).toFixed(4)}  extra ${String(t.extra).padStart(6)}  unserved units ${(t.unserved / 10_000).toFixed(0)}`;

const { snapshot, orders } = world(arg('locations', 8), regionArg as Region, N);
console.log(`${N} generated orders, seed ${SEED}, ${snapshot.locations.length} locations (${regionArg}), ${snapshot.skus.length} SKUs, ${STRATEGY}`);
console.log(line('real time, priority', realTime(snapshot, orders, 'priority'), N));
console.log(line('real time, fewest_shipments', realTime(snapshot, orders, 'fewest_shipments'), N));
const b = batched(snapshot, orders, BATCH);
console.log(line(`batch ${BATCH}: greedy baseline (fewest, placement order)`, b.baseline, N));
console.log(line(`batch ${BATCH}: re-optimised`, b.after, N));
console.log(`batch search time per batch of ${BATCH}: p50 ${pct(b.searchMs, 0.5).toFixed(1)} ms, p99 ${pct(b.searchMs, 0.99).toFixed(1)} ms, max ${Math.max(...b.searchMs).toFixed(1)} ms`);

const big = world(20, 'all', 2000);
const one = batched(big.snapshot, big.orders.slice(0, 200), 200);
console.log(`one batch of 200 orders × 20 locations: baseline ${one.baseline.shipments} → re-optimised ${one.after.shipments} shipments in ${one.searchMs[0]?.toFixed(0)} ms`);
