// HTTP API throughput on PostgreSQL: autocannon (16 connections, bearer token, in a child
// process: http-load.mjs) against a server listening in this process, for a SKU read with its
// inventory, a filtered list with an include, and stock-item quantity PATCHes (each one a
// transaction writing a movement), and order placements (PATCH _place on drafts made
// beforehand: the whole placement transaction per request) beside pgbench simple-update on the
// same server in the same run. Reports requests/s, p50/p99 latency, failed requests, the
// placements/pgbench ratio (target >= 0.5) and the server's peak RSS under load (target <= 250 MB).
import { execFile } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildApp } from '../src/http/app.js';
import { createApplication } from '../src/http/auth/applications.js';
import { testConfig } from '../src/http/config.js';
import type { Benchmark, Figures } from './benchmark.js';
import { withTempPostgres } from './temp-postgres.js';
import { pgbenchSimpleUpdateTps } from './pgbench.js';
import { flowContext } from '../src/flows/context.js';
import { createOrder } from '../src/flows/orders/create.js';
import type { Db } from '../src/store/db.js';

const CONNECTIONS = 16;
/** Drafts ready for the placement run: more than 16 connections can place in SECONDS here. */
const DRAFTS = Number(process.env.BENCH_HTTP_DRAFTS ?? 8000);
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 8);
const JSONAPI = 'application/vnd.api+json';
const LOAD = fileURLToPath(new URL('./http-load.mjs', import.meta.url));
const run = promisify(execFile);

async function measure(): Promise<Figures> {
  return withTempPostgres(CONNECTIONS + 4, async (db) => {
    const app = await buildApp({ db, config: testConfig() });
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const admin = await createApplication(db, { name: 'bench', kind: 'integration', role: 'admin' }, new Date());
      const token = ((await (await fetch(`${origin}/oauth/token`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credentials', client_id: admin.clientId, client_secret: admin.clientSecret }),
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
      for (let i = 0; i < 20; i++) {
        skuIds.push(await post('skus', { code: `SKU-${i}`, name: `Sku ${i}` }, { shipping_category: { data: { type: 'shipping_categories', id: category } } }));
        for (const location of locations) {
          itemIds.push(await post('stock_items', { sku_code: `SKU-${i}`, quantity: 1000 }, { stock_location: { data: { type: 'stock_locations', id: location } } }));
        }
      }

      global.gc?.();
      const idleRss = process.memoryUsage().rss;
      let peakRss = idleRss;
      const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 100);
      const figures: Figures = {};
      try {
        const orderIds = await placementDrafts(db, post, locations);
        for (const scenario of ['sku_show', 'stock_items_list', 'stock_item_patch', 'order_place']) {
          const args = JSON.stringify({ origin, token, scenario, connections: CONNECTIONS, seconds: SECONDS, ids: { skus: skuIds, items: itemIds, codes: skuIds.map((_, i) => `SKU-${i}`), orders: orderIds } });
          const argsFile = join(tmpdir(), `stockroute-http-load-${process.pid}.json`);
          await writeFile(argsFile, args);
          const { stdout } = await run(process.execPath, [LOAD, `@${argsFile}`], { maxBuffer: 1 << 20 }).finally(() => rm(argsFile, { force: true }));
          const r = JSON.parse(stdout) as { rps: number; p50: number; p99: number; failed: number };
          process.stdout.write(`${scenario}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, failed ${r.failed}\n`);
          figures[`${scenario}_req_per_s`] = Math.round(r.rps);
          figures[`${scenario}_p50_ms`] = r.p50;
          figures[`${scenario}_p99_ms`] = r.p99;
          figures[`${scenario}_failed`] = r.failed;
        }
      } finally {
        clearInterval(sampler);
      }
      figures.idle_rss_mb = Math.round(idleRss / 1024 / 1024);
      figures.peak_rss_mb = Math.round(peakRss / 1024 / 1024);
      const tps = await pgbenchSimpleUpdateTps(CONNECTIONS, 10);
      process.stdout.write(`pgbench simple-update: ${tps.toFixed(0)} tps\n`);
      figures.pgbench_simple_update_tps = Math.round(tps);
      figures.http_placements_ratio_to_pgbench = Number((Number(figures.order_place_req_per_s) / tps).toFixed(3));
      return figures;
    } finally {
      await app.close();
    }
  });
}

/**
 * An inventory model over the three locations, a market, and enough one-line draft orders
 * (made through the flows, not timed) that the placement run never runs out.
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
    ids.push((await createOrder(ctx, { marketId: market, lines: [{ skuCode: `SKU-${i % 20}`, quantity: 1 }] })).id);
  }
  return ids;
}

export const benchmark: Benchmark = {
  name: 'http-api',
  description: `HTTP requests/s with ${CONNECTIONS} connections on PostgreSQL (SKU show, filtered list with include, stock PATCH, order _place vs pgbench), RSS`,
  run: measure,
};
