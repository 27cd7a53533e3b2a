// Replays an order stream against a snapshot, once per scenario (strategy × ranking), each
// run starting from the same snapshot: route every order in-process with the pure engine,
// time it, fold the outcome into the scenario's metrics, and apply a placed order's plan to
// the simulated stock so later orders see what is left.
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { greatCircleTable } from '../domain/distance/great-circle.js';
import type { DistanceTable, LocationInput, Plan, RoutingProblem } from '../domain/routing.js';
import { planOrder } from '../domain/strategies/index.js';
import { ScenarioMetrics } from './metrics.js';
import type { ScenarioSummary } from './metrics.js';
import { outcomeOf } from './outcome.js';
import { StockBook } from './stock-book.js';
import type { Scenario, SimOrder, Snapshot } from './types.js';

export type Router = (problem: RoutingProblem, distances?: DistanceTable) => Plan;

export interface RunOptions {
  readonly snapshot: Snapshot;
  readonly orders: readonly SimOrder[];
  readonly scenarios: readonly Scenario[];
  /** Called every `progressEvery` orders with the number routed so far (over all scenarios). */
  readonly onProgress?: (routed: number) => void;
  readonly progressEvery?: number;
  readonly route?: Router;
}

/** Rankings that need a distance table measured before routing. */
const MEASURED_RANKINGS = new Set(['distance', 'fewest_shipments']);

export async function runSimulation(options: RunOptions): Promise<ScenarioSummary[]> {
  const route = options.route ?? planOrder;
  const every = options.progressEvery ?? 1000;
  const locations = new Map<string, LocationInput>(options.snapshot.locations.map((l) => [l.code, l]));
  const summaries: ScenarioSummary[] = [];
  let routed = 0;
  for (const scenario of options.scenarios) {
    const book = new StockBook(options.snapshot);
    const metrics = new ScenarioMetrics(scenario);
    const measure = MEASURED_RANKINGS.has(scenario.algorithm);
    for (const order of options.orders) {
      const problem = book.problemFor(order, scenario);
      const started = performance.now();
      const plan = measure ? route(problem, greatCircleTable(order.destination, problem.locations)) : route(problem);
      const outcome = outcomeOf(order, plan, locations, performance.now() - started);
      metrics.record(outcome);
      if (outcome.placed) book.consume(plan);
      routed += 1;
      if (routed % every === 0) {
        options.onProgress?.(routed);
        await yieldToEventLoop(); // lets the progress bar redraw
      }
    }
    summaries.push(metrics.summary());
  }
  options.onProgress?.(routed);
  return summaries;
}
