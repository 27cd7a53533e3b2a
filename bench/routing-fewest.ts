// fewest_shipments cases of the routing benchmark (issue 9): 10-line and 50-line orders over
// the same 400 locations, planned with split_shipments (great-circle measuring included in
// the time), each order with the real clock and the time budget (default 25 ms, or
// STOCKROUTE_BENCH_BUDGET_MS). Prints p50/p99 wall and CPU time per order and the share of
// orders whose answer is proven optimal (optimality.status 'proven') within the budget.
// Order counts are small (each order may spend the whole budget), so the case stays short.
import { performance } from 'node:perf_hooks';
import { greatCircleTable } from '../src/domain/distance/great-circle.js';
import { DEFAULT_BUDGET_MS } from '../src/domain/optimise/index.js';
import type { RoutingProblem } from '../src/domain/routing.js';
import { planOrder } from '../src/domain/strategies/index.js';
import type { Figures } from './benchmark.js';
import { table, timeSync } from './benchmark.js';
import { BENCH_WORLD, routingProblems } from './routing-problem.js';

const BUDGET_MS = Number(process.env.STOCKROUTE_BENCH_BUDGET_MS ?? DEFAULT_BUDGET_MS);
const SIZES = [
  { lines: 10, orders: 300 },
  { lines: 50, orders: 150 },
] as const;
const WARMUP = 20;

/** Runs the fewest_shipments cases, adds their figures to `figures`, prints a table. */
export function runFewest(figures: Figures): void {
  const rows: (string | number)[][] = [];
  for (const size of SIZES) {
    const problems = routingProblems({ ...BENCH_WORLD, linesPerOrder: size.lines, orders: size.orders }).map(
      (p): RoutingProblem => ({ ...p, strategy: 'split_shipments', algorithm: 'fewest_shipments', timeBudgetMs: BUDGET_MS }),
    );
    let proven = 0;
    let counted = 0;
    let shipments = 0;
    let calls = 0;
    const timing = timeSync(
      (i) => {
        const problem = problems[i % problems.length] as RoutingProblem;
        // The budget counts from here: measuring the distances is part of the call it bounds.
        const startedAt = performance.now();
        const plan = planOrder(problem, greatCircleTable(problem.destination, problem.locations), { now: () => performance.now(), ms: BUDGET_MS, startedAt });
        const optimality = plan.selection.optimality;
        if (optimality === undefined) throw new Error('fewest_shipments returned no optimality');
        calls += 1;
        // timeSync numbers warm-up and timed calls from 0 each: count the timed ones only.
        if (calls > WARMUP) {
          counted += 1;
          shipments += optimality.shipments;
          if (optimality.status === 'proven') proven += 1;
        }
      },
      { warmup: WARMUP, iterations: size.orders },
    );
    const name = `fewest_shipments ${size.lines} lines`;
    const key = `fewest_shipments_${size.lines}_lines`;
    const share = counted === 0 ? 0 : proven / counted;
    figures[`${key}.orders`] = size.orders;
    figures[`${key}.p50_us`] = round1(timing.p50Us);
    figures[`${key}.p99_us`] = round1(timing.p99Us);
    figures[`${key}.cpu_p50_us`] = round1(timing.cpuP50Us);
    figures[`${key}.cpu_p99_us`] = round1(timing.cpuP99Us);
    figures[`${key}.proven_share`] = Math.round(share * 1_000) / 1_000;
    figures[`${key}.shipments_per_order`] = Math.round((shipments / Math.max(1, counted)) * 100) / 100;
    rows.push([name, size.orders, round1(timing.p50Us / 1_000), round1(timing.p99Us / 1_000), round1(timing.cpuP99Us / 1_000), `${(share * 100).toFixed(1)}%`, round2(shipments / Math.max(1, counted))]);
  }
  figures.fewest_shipments_budget_ms = BUDGET_MS;
  process.stdout.write(`\nfewest_shipments (split_shipments, great-circle, budget ${BUDGET_MS} ms per order)\n`);
  process.stdout.write(`${table(['case', 'orders', 'p50 ms', 'p99 ms', 'cpu p99 ms', 'proven in budget', 'shipments/order'], rows)}\n`);
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
