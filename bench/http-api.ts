// HTTP API throughput on PostgreSQL: the compiled server (`npm start`'s command, in a child
// process: bench/server-process.ts) under autocannon (16 connections, bearer token, in
// another child process: http-load.mjs), for a SKU read with its inventory, a filtered list
// with an include, stock-item quantity PATCHes (each a transaction writing a movement) and
// order placements (PATCH _place on two-line drafts made beforehand: the whole placement
// transaction per request). pgbench runs on the same server in the same run: simple-update
// is the yardstick for placements, select-only (-S) for the reads. Reports requests/s,
// p50/p99 latency, failed requests, the ratios to pgbench, the server's CPU per placement and
// its RSS (idle after seeding, peak = VmHWM over the whole run).
import { execFile } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Benchmark, Figures } from './benchmark.js';
import { analyzeSeeded, withTempPostgres } from './temp-postgres.js';
import { pgbenchTps } from './pgbench.js';
import { startCompiledServer } from './server-process.js';
import { flowContext } from '../src/flows/context.js';
import { createOrder } from '../src/flows/orders/create.js';
import type { Db } from '../src/store/db.js';

const CONNECTIONS = 16;
/** Drafts for the placement run, which places each of them once (http-load.mjs). */
const DRAFTS = Number(process.env.BENCH_HTTP_DRAFTS ?? 8000);
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 8);
/** The catalogue: as many SKUs as bench/flows.ts (each at 3 locations), so the two placement figures meet the same contention; BENCH_HTTP_SKUS=20 gives the hot catalogue of earlier runs. */
const SKUS = Number(process.env.BENCH_HTTP_SKUS ?? 200);
/** BENCH_HTTP_SCENARIOS=sku_show,order_place runs only those (for profiling one path). */
const SCENARIOS = (process.env.BENCH_HTTP_SCENARIOS ?? 'sku_show,stock_items_list,stock_item_patch,order_place').split(',');
const JSONAPI = 'application/vnd.api+json';
const LOAD = fileURLToPath(new URL('./http-load.mjs', import.meta.url));
const run = promisify(execFile);
const ADMIN = { adminClientId: 'bench-admin', adminClientSecret: 'bench-admin-secret-0123456789' };

/** Throughput ÷ pgbench, with the targets, printed and kept in the figures. */
const RATIOS = [
  { figure: 'http_placements_ratio_to_pgbench', scenario: 'order_place', pgbench: 'simple-update', target: 0.25 },
  { figure: 'sku_show_ratio_to_pgbench_select', scenario: 'sku_show', pgbench: 'select-only', target: 0.08 },
  { figure: 'stock_items_list_ratio_to_pgbench_select', scenario: 'stock_items_list', pgbench: 'select-only', target: 0.06 },
] as const;

async function measure(): Promise<Figures> {
  return withTempPostgres(4, async (db, url) => {
    const server = await startCompiledServer({ databaseUrl: url, ...ADMIN });
    const figures: Figures = {};
    try {
      const origin = server.origin;
      const token = ((await (await fetch(`${origin}/oauth/token`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credentials', client_id: ADMIN.adminClientId, client_secret: ADMIN.adminClientSecret }),
      })).json()) as { access_token: string }).access_token;
      const headers = { authorization: `Bearer ${token}`, accept: JSONAPI, 'content-type': JSONAPI };
      const post = async (type: string, attributes: object, relationships: object = {}) => {
        const res = await fetch(`${origin}/api/${type}`, { method: 'POST', headers, body: JSON.stringify({ data: { type, attributes, relationships } }) });
        if (res.status !== 201) throw new Error(`seed ${type}: ${res.status} ${await res.text()}`);
        return ((await res.json()) as { data: { id: string } }).data.id;
      };
      const category = await post('shipping_categories', { code: 'std', name: 'Standard' });
      const locations = [];
      for (const code of ['A', 'B', 'C']) locations.push(await post('stock_locations', { code, name: code }));
      const skuIds: string[] = [];
      const itemIds: string[] = [];
      for (let i = 0; i < SKUS; i++) {
        skuIds.push(await post('skus', { code: `SKU-${i}`, name: `Sku ${i}` }, { shipping_category: { data: { type: 'shipping_categories', id: category } } }));
        for (const location of locations) {
          itemIds.push(await post('stock_items', { sku_code: `SKU-${i}`, quantity: 1_000_000 }, { stock_location: { data: { type: 'stock_locations', id: location } } }));
        }
      }
      const orderIds = await placementDrafts(db, post, locations);
      await analyzeSeeded(db);
      figures.idle_rss_mb = (await server.memory()).rssMb;
      for (const scenario of SCENARIOS) {
        const args = JSON.stringify({ origin, token, scenario, connections: CONNECTIONS, seconds: SECONDS, ids: { skus: skuIds, items: itemIds, codes: skuIds.map((_, i) => `SKU-${i}`), orders: orderIds } });
        const argsFile = join(tmpdir(), `stockroute-http-load-${process.pid}.json`);
        await writeFile(argsFile, args);
        const cpu0 = await server.cpuMs();
        const { stdout } = await run(process.execPath, [LOAD, `@${argsFile}`], { maxBuffer: 1 << 20 }).finally(() => rm(argsFile, { force: true }));
        const cpuMs = (await server.cpuMs()) - cpu0;
        const r = JSON.parse(stdout) as { rps: number; p50: number; p99: number; failed: number; ok: number };
        const cpuPerRequest = r.ok > 0 ? cpuMs / r.ok : Number.NaN;
        process.stdout.write(`${scenario}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, failed ${r.failed}, server CPU ${cpuPerRequest.toFixed(2)} ms/request\n`);
        figures[`${scenario}_req_per_s`] = Math.round(r.rps);
        figures[`${scenario}_p50_ms`] = r.p50;
        figures[`${scenario}_p99_ms`] = r.p99;
        figures[`${scenario}_failed`] = r.failed;
        figures[`${scenario}_server_cpu_ms`] = Number(cpuPerRequest.toFixed(2));
      }
      const placed = await db.kysely.selectFrom('orders').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'placed').executeTakeFirstOrThrow();
      process.stdout.write(`${placed.n} orders placed over HTTP\n`);
      figures.peak_rss_mb = (await server.memory()).peakMb;
    } finally {
      await server.stop();
    }
    const tps = await pgbenchTps(['simple-update', 'select-only'], CONNECTIONS, 10);
    figures.pgbench_simple_update_tps = Math.round(tps['simple-update']);
    figures.pgbench_select_only_tps = Math.round(tps['select-only']);
    for (const ratio of RATIOS) {
      const value = Number((Number(figures[`${ratio.scenario}_req_per_s`]) / tps[ratio.pgbench]).toFixed(3));
      figures[ratio.figure] = value;
      process.stdout.write(`${ratio.scenario} ÷ pgbench ${ratio.pgbench}: ${value} (target ≥ ${ratio.target})\n`);
    }
    process.stdout.write(`server peak RSS ${figures.peak_rss_mb} MB (target ≤ 200); server CPU per HTTP placement ${figures.order_place_server_cpu_ms} ms\n`);
    return figures;
  });
}

/**
 * An inventory model over the three locations, a market, and enough two-line draft orders
 * (made through the flows in this process, not timed) that the placement run never runs out.
 */
async function placementDrafts(db: Db, post: (type: string, attributes: object, relationships?: object) => Promise<string>, locations: string[]): Promise<string[]> {
  const rel = (type: string, id: string) => ({ data: { type, id } });
  const model = await post('inventory_models', { name: 'bench', strategy: 'split_shipments', stock_locations_cutoff: 3 });
  for (const [i, location] of locations.entries()) {
    await post('inventory_stock_locations', { priority: i + 1 }, { inventory_model: rel('inventory_models', model), stock_location: rel('stock_locations', location) });
  }
  const market = await post('markets', { code: 'bench', name: 'Bench' }, { inventory_model: rel('inventory_models', model) });
  const ctx = flowContext(db);
  const ids: string[] = [];
  for (let i = 0; i < DRAFTS; i++) {
    const lines = [{ skuCode: `SKU-${(i * 7919) % SKUS}`, quantity: 1 }, { skuCode: `SKU-${(i * 104_729 + 13) % SKUS}`, quantity: 2 }];
    if (lines[0]?.skuCode === lines[1]?.skuCode) lines.pop();
    ids.push((await createOrder(ctx, { marketId: market, lines })).id);
  }
  return ids;
}

export const benchmark: Benchmark = {
  name: 'http-api',
  description: `compiled server, ${CONNECTIONS} connections on PostgreSQL: SKU show, filtered list with include, stock PATCH, order _place (2 lines); ratios to pgbench; server CPU and RSS`,
  run: measure,
};
