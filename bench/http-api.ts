// HTTP API throughput on PostgreSQL: autocannon (16 connections, bearer token, in a child
// process: http-load.mjs) against a server listening in this process, for a SKU read with its
// inventory, a filtered list with an include, and stock-item quantity PATCHes (each one a
// transaction writing a movement). Reports requests/s, p50/p99 latency, failed requests, and
// the server's peak RSS under load.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildApp } from '../src/http/app.js';
import { createApplication } from '../src/http/auth/applications.js';
import { testConfig } from '../src/http/config.js';
import type { Benchmark, Figures } from './benchmark.js';
import { withTempPostgres } from './temp-postgres.js';

const CONNECTIONS = 16;
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
        for (const scenario of ['sku_show', 'stock_items_list', 'stock_item_patch']) {
          const args = JSON.stringify({ origin, token, scenario, connections: CONNECTIONS, seconds: SECONDS, ids: { skus: skuIds, items: itemIds, codes: skuIds.map((_, i) => `SKU-${i}`) } });
          const { stdout } = await run(process.execPath, [LOAD, args], { maxBuffer: 1 << 20 });
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
      return figures;
    } finally {
      await app.close();
    }
  });
}

export const benchmark: Benchmark = {
  name: 'http-api',
  description: `HTTP requests/s with ${CONNECTIONS} connections on PostgreSQL (SKU show, filtered list with include, stock PATCH), RSS`,
  run: measure,
};
