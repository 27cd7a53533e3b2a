// Simulator benchmark (issue 6): `stockroute simulate` must replay 100,000 orders in a few
// minutes. Generates the default snapshot (8 European warehouses, 500 SKUs) and 100,000
// orders (seed 7), then replays them under the default scenarios (five strategies ×
// priority, plus split_shipments × distance), in-process as the CLI does. Target: ≤ 180 s.
import { performance } from 'node:perf_hooks';
import { rankingNames } from '../src/domain/selection/index.js';
import { strategyNames } from '../src/domain/strategies/index.js';
import { generateOrders } from '../src/simulate/generate-orders.js';
import { generateSnapshot } from '../src/simulate/generate-snapshot.js';
import { runSimulation } from '../src/simulate/runner.js';
import { chooseScenarios } from '../src/simulate/scenarios.js';
import type { Benchmark, Figures } from './benchmark.js';

const ORDERS = Number(process.env.STOCKROUTE_BENCH_SIMULATE_ORDERS ?? 100_000);
const TARGET_S = 180;

export const benchmark: Benchmark = {
  name: 'simulate',
  description: `${ORDERS.toLocaleString('en-US')} generated orders × the default scenarios, in-process (target ≤ ${TARGET_S} s)`,
  async run() {
    const chosen = chooseScenarios({}, { strategies: strategyNames(), rankings: rankingNames() });
    if (!chosen.ok) throw new Error(chosen.error);
    const t0 = performance.now();
    const snapshot = generateSnapshot({ seed: 7, locations: 8, skus: 500, region: 'europe', expectedOrders: ORDERS, coverage: 1.5, stockLocationsCutoff: 8 });
    const orders = generateOrders(snapshot, ORDERS, 7);
    const generatedS = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    let last = 0;
    const summaries = await runSimulation({
      snapshot,
      orders,
      scenarios: chosen.scenarios,
      progressEvery: 10_000,
      onProgress: (n) => {
        if (n % 100_000 === 0 && n !== last) process.stdout.write(`  ${n.toLocaleString('en-US')} orders routed\n`);
        last = n;
      },
    });
    const replayS = (performance.now() - t1) / 1000;
    const routed = ORDERS * chosen.scenarios.length;
    const figures: Figures = {
      orders: ORDERS,
      scenarios: chosen.scenarios.length,
      generate_s: round(generatedS),
      replay_s: round(replayS),
      orders_routed_per_s: Math.round(routed / replayS),
      target_s: TARGET_S,
      pass: replayS + generatedS <= TARGET_S ? 'yes' : 'no',
    };
    for (const s of summaries) figures[`${s.strategy}.${s.algorithm}.p99_us`] = round((s.routingMs.p99 ?? 0) * 1000);
    process.stdout.write(`  generated in ${figures.generate_s} s, replayed ${routed.toLocaleString('en-US')} orders in ${figures.replay_s} s\n`);
    return figures;
  },
};

const round = (v: number) => Math.round(v * 10) / 10;
