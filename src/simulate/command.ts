// The body of `stockroute simulate`: resolve the snapshot (file, database or generated) and
// the order stream (file or generated), check the scenario names, replay with a progress
// bar, then print the table and write the JSON and HTML reports.
import { readFile, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { rankingNames } from '../domain/selection/index.js';
import { strategyNames } from '../domain/strategies/index.js';
import { describeDb, openDbFromOptions } from '../cli/open-db.js';
import { describeError } from '../io/cli-support.js';
import type { DbOptions } from '../io/cli-support.js';
import { UsageError } from '../io/import-error.js';
import { startProgress } from '../io/progress.js';
import type { Region } from './cities.js';
import { describeUnknownSkus, unknownSkus } from './checks.js';
import { generateOrders } from './generate-orders.js';
import { generateSnapshot } from './generate-snapshot.js';
import { ordersToCsv } from './orders-csv-write.js';
import { parseOrders } from './orders-file.js';
import { describeSnapshot, reportToJson } from './report.js';
import type { SimulationReport } from './report.js';
import { renderHtml } from './report-html.js';
import { formatTable } from './report-table.js';
import { runSimulation } from './runner.js';
import { DEFAULT_ORDERS_PER_HOUR, timedStream, withArrivalTimes } from './arrivals.js';
import { BATCH_STRATEGIES, runBatched } from './batch-runner.js';
import type { ScenarioSummary } from './metrics.js';
import { chooseScenarios } from './scenarios.js';
import { loadSnapshotFromDb } from './snapshot-db.js';
import { parseSnapshot, snapshotToJson } from './snapshot-file.js';
import type { SimOrder, Snapshot } from './types.js';

export interface SimulateOptions {
  readonly orders?: string;
  readonly generate?: number;
  readonly seed: number;
  readonly snapshot?: string;
  readonly fromDb?: boolean;
  readonly model?: string;
  readonly generateSnapshot?: boolean;
  readonly locations: number;
  readonly skus: number;
  readonly region: Region;
  readonly coverage: number;
  readonly cutoff?: string;
  readonly strategies?: string[];
  readonly algorithms?: string[];
  readonly json?: string;
  readonly html?: string;
  readonly saveSnapshot?: string;
  readonly saveOrders?: string;
  readonly progress: boolean;
  /** Also hold orders in batches of N, re-optimised together (batch-runner.ts). */
  readonly batch?: number;
  /** Or hold orders in windows of MINUTES of simulated time (placed_at, or generated arrivals). */
  readonly batchWindow?: number;
  /** Arrival rate given to orders without placed_at under --batch-window (default 60). */
  readonly ordersPerHour?: number;
}

export const DEFAULT_GENERATED_ORDERS = 1000;

export async function simulate(options: SimulateOptions & DbOptions): Promise<void> {
  const sources = [options.snapshot !== undefined, options.fromDb === true, options.generateSnapshot === true].filter(Boolean).length;
  if (sources > 1) throw new UsageError('give only one of --snapshot, --from-db and --generate-snapshot');
  if (options.orders !== undefined && options.generate !== undefined) throw new UsageError('give either --orders or --generate, not both');
  if (options.batch !== undefined && options.batchWindow !== undefined) throw new UsageError('give either --batch or --batch-window, not both');
  if (options.ordersPerHour !== undefined && options.batchWindow === undefined) throw new UsageError('--orders-per-hour only applies with --batch-window');
  if (options.fromDb && options.model === undefined) throw new UsageError('--from-db needs --model <id or name>');
  const chosen = chooseScenarios({ strategies: options.strategies, algorithms: options.algorithms }, { strategies: strategyNames(), rankings: rankingNames() });
  if (!chosen.ok) throw new UsageError(chosen.error);

  const fileOrders = options.orders === undefined ? null : await readOrders(options.orders);
  const orderCount = fileOrders?.length ?? options.generate ?? DEFAULT_GENERATED_ORDERS;
  const snapshot = withCutoff(await readSnapshot(options, orderCount), options.cutoff);
  if (options.saveSnapshot !== undefined) await writeText(options.saveSnapshot, '--save-snapshot', `${JSON.stringify(snapshotToJson(snapshot), null, 1)}\n`);
  const untimed = fileOrders ?? generateOrders(snapshot, orderCount, options.seed);
  const orders = timeOrders(untimed, options);
  if (options.saveOrders !== undefined) await writeText(options.saveOrders, '--save-orders', ordersToCsv(orders));
  const unknown = unknownSkus(orders, snapshot);
  if (unknown !== null) process.stderr.write(`stockroute simulate: ${describeUnknownSkus(unknown)}\n`);

  const total = orders.length * chosen.scenarios.length;
  const bar = startProgress({ label: 'simulate', total, ...(options.progress ? {} : { enabled: false }) });
  const started = performance.now();
  let scenarios;
  try {
    scenarios = await runSimulation({ snapshot, orders, scenarios: chosen.scenarios, onProgress: (n) => bar.update(n) });
  } finally {
    bar.stop();
  }
  if (options.batch !== undefined || options.batchWindow !== undefined) {
    const batching = options.batchWindow !== undefined ? { windowMinutes: options.batchWindow } : { batch: options.batch! };
    scenarios = [...scenarios, ...await batchedScenarios(snapshot, orders, chosen.scenarios.map((s) => s.strategy), batching)];
  }
  const report: SimulationReport = {
    snapshot: describeSnapshot(snapshot),
    orders: {
      source: `${options.orders ?? `generated (seed ${options.seed})`}${orders !== untimed ? `, arrivals ${options.ordersPerHour ?? DEFAULT_ORDERS_PER_HOUR}/h drawn from seed ${options.seed}` : ''}`,
      count: orders.length,
      lines: orders.reduce((n, o) => n + o.lines.length, 0),
    },
    scenarios,
    elapsedMs: performance.now() - started,
  };
  process.stdout.write(`${formatTable(report)}\n`);
  if (options.json !== undefined) await writeText(options.json, '--json', `${JSON.stringify(reportToJson(report), null, 2)}\n`);
  if (options.html !== undefined) await writeText(options.html, '--html', renderHtml(report));
  for (const [what, file] of [['JSON', options.json], ['HTML', options.html]] as const) {
    if (file !== undefined) process.stdout.write(`${what} report: ${file}\n`);
  }
}

/**
 * Under --batch-window every order needs a simulated time: the file's placed_at, or (when no
 * order has one, e.g. generated orders) arrivals drawn from the seed at --orders-per-hour.
 */
export function timeOrders(orders: readonly SimOrder[], options: Pick<SimulateOptions, 'batchWindow' | 'ordersPerHour' | 'seed'>): readonly SimOrder[] {
  if (options.batchWindow === undefined) return orders;
  const stream = timedStream(orders);
  if (stream.kind === 'timed') return orders;
  if (stream.kind === 'partly') throw new UsageError(`--batch-window: order ${stream.missing} has no placed_at (give it to every order or to none)`);
  return withArrivalTimes(orders, options.seed, options.ordersPerHour ?? DEFAULT_ORDERS_PER_HOUR);
}

/** One batched run per chosen strategy that a batch can re-plan (BATCH_STRATEGIES). */
async function batchedScenarios(
  snapshot: Snapshot, orders: readonly SimOrder[], strategies: readonly string[], batching: { batch: number } | { windowMinutes: number },
): Promise<ScenarioSummary[]> {
  const option = 'windowMinutes' in batching ? '--batch-window' : '--batch';
  const batchable = [...new Set(strategies)].filter((s) => (BATCH_STRATEGIES as readonly string[]).includes(s));
  if (batchable.length === 0) throw new UsageError(`${option} re-plans only ${BATCH_STRATEGIES.join(', ')}; choose one with --strategies`);
  const summaries: ScenarioSummary[] = [];
  for (const strategy of batchable) summaries.push(await runBatched({ snapshot, orders, strategy, ...batching }));
  return summaries;
}

async function readOrders(path: string): Promise<readonly SimOrder[]> {
  const result = parseOrders(path, await readText(path, '--orders'));
  if (!result.ok) throw new UsageError(`--orders ${path}:\n  ${result.errors.join('\n  ')}`);
  if (result.orders.length === 0) throw new UsageError(`--orders ${path}: the file has no orders`);
  return result.orders;
}

async function readSnapshot(options: SimulateOptions & DbOptions, expectedOrders: number): Promise<Snapshot> {
  if (options.snapshot !== undefined) {
    const result = parseSnapshot(await readText(options.snapshot, '--snapshot'), `file ${options.snapshot}`);
    if (!result.ok) throw new UsageError(`--snapshot ${options.snapshot}:\n  ${result.errors.join('\n  ')}`);
    return result.snapshot;
  }
  if (options.fromDb) {
    const db = await openDbFromOptions(options); // read-only: no migration
    try {
      return await loadSnapshotFromDb(db.kysely, options.model!);
    } catch (error) {
      if (/relation .* does not exist/.test(describeError(error).message)) {
        throw new UsageError(`${describeDb(options)} has no Stockroute tables: run \`stockroute migrate\` (or \`stockroute demo\`) first`);
      }
      throw error;
    } finally {
      await db.close();
    }
  }
  try {
    return generateSnapshot({
      seed: options.seed,
      locations: options.locations,
      skus: options.skus,
      region: options.region,
      expectedOrders,
      coverage: options.coverage,
      stockLocationsCutoff: options.locations,
    });
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
}

function withCutoff(snapshot: Snapshot, cutoff: string | undefined): Snapshot {
  if (cutoff === undefined) return snapshot;
  if (cutoff === 'none') return { ...snapshot, stockLocationsCutoff: null };
  const n = Number(cutoff);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--cutoff: must be a whole number ≥ 1 or "none", not "${cutoff}"`);
  return { ...snapshot, stockLocationsCutoff: n };
}

async function writeText(path: string, option: string, text: string): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UsageError(`${option}: cannot write ${path}${code === 'ENOENT' ? ' (no such folder)' : code ? ` (${code})` : ''}`);
  }
}

async function readText(path: string, option: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UsageError(`${option}: cannot read ${path}${code === 'ENOENT' ? ' (no such file)' : code ? ` (${code})` : ''}`);
  }
}
