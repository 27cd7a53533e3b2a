// `stockroute simulate --batch N` / `--batch-window MINUTES`: the order stream held in batches
// of N orders (or of MINUTES of simulated time, by placed_at) and re-optimised together
// (domain/reoptimise), next to real-time routing. Per batch: every order is placed
// greedily in arrival order with the strategy and fewest_shipments on the stock left (what
// real-time routing would do; the orders hold their stock), then the batch is re-planned
// jointly from the stock as it was before it, and the final plans are applied and counted.
// Orders refused (a shortfall without backorders) are counted as refused and hold nothing.
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { greatCircleTable } from '../domain/distance/great-circle.js';
import type { LocationInput, Plan, StockInput } from '../domain/routing.js';
import { reoptimiseBatch, type BatchOrder } from '../domain/reoptimise/index.js';
import { FEWEST_SHIPMENTS } from '../domain/selection/fewest-shipments.js';
import { planOrder } from '../domain/strategies/index.js';
import { countBatches, windowBatches } from './arrivals.js';
import { ScenarioMetrics, type ScenarioSummary } from './metrics.js';
import { outcomeOf } from './outcome.js';
import { StockBook } from './stock-book.js';
import type { SimOrder, Snapshot } from './types.js';

/** Strategies a batch may re-plan (no stock transfers), as in flows/reoptimise.ts. */
export const BATCH_STRATEGIES = ['no_split', 'split_shipments', 'split_by_line_items'] as const;

export interface BatchRunOptions {
  readonly snapshot: Snapshot;
  readonly orders: readonly SimOrder[];
  readonly strategy: string;
  /** Batches of this many orders, in stream order … */
  readonly batch?: number;
  /** … or of this many minutes of simulated time (every order needs placedAt; arrivals.ts). */
  readonly windowMinutes?: number;
  /** Milliseconds of search per batch (default 2000). */
  readonly budgetMs?: number;
}

export async function runBatched(options: BatchRunOptions): Promise<ScenarioSummary> {
  const { snapshot, orders, strategy, batch, windowMinutes } = options;
  if ((batch === undefined) === (windowMinutes === undefined)) throw new RangeError('give either batch or windowMinutes');
  const batches = windowMinutes !== undefined ? windowBatches(orders, windowMinutes) : countBatches(orders, batch!);
  const scenario = { strategy, algorithm: FEWEST_SHIPMENTS };
  const book = new StockBook(snapshot);
  const metrics = new ScenarioMetrics(scenario);
  const locations = new Map<string, LocationInput>(snapshot.locations.map((l) => [l.code, l]));
  for (const chunk of batches) {
    const before = new Map<string, StockInput>();
    for (const o of chunk) for (const s of book.problemFor(o, scenario).stock) before.set(`${s.location}|${s.sku}`, { ...s });
    const held: { order: SimOrder; plan: Plan; ms: number }[] = [];
    const refused: { order: SimOrder; plan: Plan; ms: number }[] = [];
    for (const order of chunk) {
      const problem = book.problemFor(order, scenario);
      const started = performance.now();
      const plan = planOrder(problem, greatCircleTable(order.destination, problem.locations), { now: () => performance.now() });
      const ms = performance.now() - started;
      if (outcomeOf(order, plan, locations, ms).placed) {
        book.consume(plan);
        held.push({ order, plan, ms });
      } else refused.push({ order, plan, ms });
    }
    book.restore([...before.values()]);
    const started = performance.now();
    const result = reoptimiseBatch({
      model: { strategy, stockLocationsCutoff: snapshot.stockLocationsCutoff, locations: snapshot.locations, skus: skusOf(snapshot, chunk) },
      stock: [...before.values()],
      orders: held.map(({ order, plan }): BatchOrder => ({
        id: order.id, lines: order.lines, destination: order.destination, distances: greatCircleTable(order.destination, snapshot.locations),
        current: {
          takes: plan.selection.lines.flatMap((l) => l.sources.filter((s) => s.quantityToDeduct > 0).map((s) => ({ line: l.line, sku: l.sku, location: s.location, quantity: s.quantityToDeduct }))),
          shipments: plan.shipments.length + plan.transfers.length,
        },
      })),
    }, { now: () => performance.now(), ms: options.budgetMs ?? 2000 });
    const searchMs = (performance.now() - started) / Math.max(1, held.length);
    held.forEach(({ order, plan, ms }, k) => {
      const final = result.orders[k]?.plan ?? plan;
      book.consume(final);
      metrics.record(outcomeOf(order, final, locations, ms + searchMs));
    });
    for (const { order, plan, ms } of refused) metrics.record(outcomeOf(order, plan, locations, ms));
    await yieldToEventLoop();
  }
  const label = windowMinutes !== undefined ? `window ${windowMinutes} min` : `batch ${batch}`;
  return { ...metrics.summary(), label: `${strategy} × fewest_shipments, ${label}` };
}

const skusOf = (snapshot: Snapshot, chunk: readonly SimOrder[]) => {
  const wanted = new Set(chunk.flatMap((o) => o.lines.map((l) => l.sku)));
  return snapshot.skus.filter((s) => wanted.has(s.code));
};
