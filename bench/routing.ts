// Routing benchmark (issue 2): a 10-line order over 400 locations, in-process, for source
// selection with each ranking (priority; distance with great-circle measuring included) and
// planning with each of the five strategies. Warm-up, then ≥ 2,000 orders per case, cycling
// through 256 different orders. Target: p99 ≤ 1 ms per order (wall clock); CPU time per
// order is reported beside it, since on a busy machine the wall-clock tail measures waiting.
// Then fewest_shipments (routing-fewest.ts): 10 and 50 lines, p50/p99 and proven share.
import os from 'node:os';
import { greatCircleTable } from '../src/domain/distance/great-circle.js';
import type { RoutingProblem } from '../src/domain/routing.js';
import { STRATEGY_NAMES } from '../src/domain/routing.js';
import { selectSources } from '../src/domain/selection/index.js';
import { planOrder } from '../src/domain/strategies/index.js';
import type { Benchmark, CpuTiming, Figures, Timing } from './benchmark.js';
import { busyMachineWarning, table, timeSync } from './benchmark.js';
import { runFewest } from './routing-fewest.js';
import { BENCH_WORLD, routingProblems } from './routing-problem.js';

const TARGET_P99_US = 1_000;
const ITERATIONS = Math.max(2_000, Number(process.env.STOCKROUTE_BENCH_ITERATIONS ?? 5_000));
const WARMUP = 500;

interface Case {
  readonly name: string;
  /** The problem as this case asks it (done before timing). */
  readonly prepare: (problem: RoutingProblem) => RoutingProblem;
  /** What is timed: one order routed. */
  readonly route: (problem: RoutingProblem) => unknown;
}

function cases(): Case[] {
  return [
    { name: 'selection priority', prepare: (p) => ({ ...p, algorithm: 'priority' }), route: (p) => selectSources(p) },
    {
      name: 'selection distance (great-circle)',
      prepare: (p) => ({ ...p, algorithm: 'distance' }),
      route: (p) => selectSources(p, greatCircleTable(p.destination, p.locations)),
    },
    ...STRATEGY_NAMES.map(
      (strategy): Case => ({ name: `plan ${strategy}`, prepare: (p) => ({ ...p, strategy, algorithm: 'priority' }), route: (p) => planOrder(p) }),
    ),
  ];
}

export const benchmark: Benchmark = {
  name: 'routing',
  description: `${BENCH_WORLD.linesPerOrder}-line orders over ${BENCH_WORLD.locations} locations, ${ITERATIONS} orders per case, in-process`,
  async run() {
    const problems = routingProblems();
    const figures: Figures = { locations: BENCH_WORLD.locations, lines_per_order: BENCH_WORLD.linesPerOrder, iterations: ITERATIONS, target_p99_ms: TARGET_P99_US / 1_000 };
    const rows: (string | number)[][] = [];
    for (const c of cases()) {
      const prepared = problems.map(c.prepare);
      let sink = 0;
      const timing: Timing & CpuTiming = timeSync(
        (i) => {
          sink += c.route(prepared[i % prepared.length] as RoutingProblem) === undefined ? 0 : 1;
        },
        { warmup: WARMUP, iterations: ITERATIONS },
      );
      if (sink === 0) throw new Error(`${c.name}: the engine returned nothing`);
      const pass = timing.p99Us <= TARGET_P99_US;
      const key = c.name.replace(/[^a-z0-9]+/gi, '_').replace(/_+$/, '');
      figures[`${key}.p50_us`] = round1(timing.p50Us);
      figures[`${key}.p99_us`] = round1(timing.p99Us);
      figures[`${key}.cpu_p50_us`] = round1(timing.cpuP50Us);
      figures[`${key}.cpu_p99_us`] = round1(timing.cpuP99Us);
      figures[`${key}.orders_per_s`] = Math.round(timing.perSecond);
      figures[`${key}.p99_target`] = pass ? 'pass' : 'fail';
      rows.push([c.name, round1(timing.p50Us), round1(timing.p99Us), round1(timing.cpuP50Us), round1(timing.cpuP99Us), Math.round(timing.perSecond), pass ? 'pass' : 'FAIL']);
    }
    process.stdout.write(`${table(['case', 'p50 µs', 'p99 µs', 'cpu p50 µs', 'cpu p99 µs', 'orders/s', 'p99 ≤ 1 ms'], rows)}\n`);
    runFewest(figures);
    const busy = busyMachineWarning();
    if (busy !== null) {
      process.stdout.write(`${busy}\n`);
      figures.load_average = Math.round((os.loadavg()[0] ?? 0) * 10) / 10;
    }
    return figures;
  },
};

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
