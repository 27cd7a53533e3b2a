// `stockroute simulate` as a user runs it: the real CLI in a child process, with generated,
// file and database inputs; the table on stdout, the JSON and HTML reports, errors and exit codes.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stockroute } from './cli-run.js';
import { openDb } from '../../src/store/db.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { createTestDatabaseUrl, enginesUnderTest } from '../../src/store/test-support/engines.js';

const dir = mkdtempSync(join(tmpdir(), 'stockroute-simulate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const simulate = (args: readonly string[]) => stockroute(['simulate', ...args]);

const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

interface JsonScenario {
  strategy: string;
  algorithm: string;
  orders: number;
  orders_placed: number;
  orders_rejected: number;
  shipments: { total: number; per_order_mean: number; distribution: Record<string, number> };
  split_share: number;
  units: Record<string, number>;
  distance_km_per_unit: { mean: number; p95: number };
  transfers: { count: number; units: number };
  routing_ms: { total: number; p50_per_order: number; p99_per_order: number };
}
interface JsonReport {
  orders: { source: string; count: number; lines: number };
  snapshot: { locations: number };
  scenarios: JsonScenario[];
}
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as JsonReport;
/** The report without what depends on the clock. */
const untimed = (r: JsonReport) => ({ ...r, elapsed_ms: 0, scenarios: r.scenarios.map((s) => ({ ...s, routing_ms: null })) });

describe('stockroute simulate', () => {
  it('replays 500 generated orders under the default scenarios and writes the table, JSON and HTML', async () => {
    const json = join(dir, 'r.json');
    const html = join(dir, 'r.html');
    const run = await simulate(['--generate', '500', '--seed', '1', '--json', json, '--html', html]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = readJson(json);
    expect(report.scenarios.map((s) => `${s.strategy} × ${s.algorithm}`)).toEqual([
      'no_split × priority',
      'split_shipments × priority',
      'split_by_line_items × priority',
      'ship_from_primary × priority',
      'ship_from_first_available_or_primary × priority',
      'split_shipments × distance',
    ]);
    for (const s of report.scenarios) {
      expect(run.stdout).toContain(`${s.strategy} × ${s.algorithm}`);
      expect(s.orders).toBe(500);
      expect(s.orders_placed + s.orders_rejected).toBe(500);
      expect(Object.values(s.shipments.distribution).reduce((a, b) => a + b, 0)).toBe(s.orders_placed);
      expect(s.distance_km_per_unit.mean).toBeLessThanOrEqual(s.distance_km_per_unit.p95);
      expect(s.units.shipped).toBeGreaterThan(0);
      expect(s.routing_ms.p50_per_order).toBeLessThanOrEqual(s.routing_ms.p99_per_order);
    }
    const by = (strategy: string, algorithm = 'priority') => report.scenarios.find((s) => s.strategy === strategy && s.algorithm === algorithm)!;
    expect(by('no_split').split_share).toBe(0);
    expect(by('ship_from_primary').transfers.count).toBeGreaterThan(0);
    expect(by('split_shipments').transfers.count).toBe(0);
    expect(by('split_by_line_items').shipments.total).toBeGreaterThanOrEqual(by('split_shipments').shipments.total);
    expect(by('split_shipments', 'distance').distance_km_per_unit.mean).toBeLessThan(by('split_shipments').distance_km_per_unit.mean);
    const page = readFileSync(html, 'utf8');
    expect(page.match(/<svg /g)).toHaveLength(6);
    expect(page).not.toMatch(/<script|<link|@import|url\(/);
    expect(run.stdout).toContain(`HTML report: ${html}`);
  });

  it('gives the same figures when the saved snapshot and orders are replayed', async () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    const saved = join(dir, 'saved-snapshot.json');
    const savedOrders = join(dir, 'saved-orders.csv');
    const args = ['--strategies', 'split_shipments,ship_from_primary'];
    expect((await simulate([...args, '--generate', '300', '--seed', '9', '--json', a, '--save-snapshot', saved, '--save-orders', savedOrders])).code).toBe(0);
    expect((await simulate([...args, '--orders', savedOrders, '--json', b, '--snapshot', saved])).code).toBe(0);
    const replayed = untimed(readJson(b));
    expect(replayed.orders).toEqual({ source: savedOrders, count: 300, lines: readJson(a).orders.lines });
    expect({ ...replayed, orders: null }).toEqual({ ...untimed(readJson(a)), orders: null });
    expect(readJson(a).scenarios[0]!.orders_placed).toBeGreaterThan(200);
  }, 120_000);

  it('replays a CSV order file against a snapshot file, strategies × algorithms', async () => {
    const snapshot = file('snapshot.json', JSON.stringify({
      stock_locations_cutoff: 2,
      locations: [{ code: 'paris', priority: 1, lat: 48.8566, lng: 2.3522 }, { code: 'berlin', priority: 2, lat: 52.52, lng: 13.405 }],
      skus: [{ code: 'A' }, { code: 'B', allow_backorders: true }],
      stock: [{ location: 'paris', sku: 'A', quantity: 3 }, { location: 'berlin', sku: 'A', quantity: 3 }, { location: 'berlin', sku: 'B', quantity: 1 }],
    }));
    const orders = file('orders.csv', [
      'order_id,sku,quantity,lat,lng,country_code,zip_code',
      'o1,A,2,52.5,13.4,DE,10115',
      'o1,B,2,52.5,13.4,DE,10115',
      'o2,A,3,48.9,2.3,FR,75001',
      'o3,A,5,48.9,2.3,FR,75001',
    ].join('\n'));
    const json = join(dir, 'csv.json');
    const run = await simulate(['--orders', orders, '--snapshot', snapshot, '--strategies', 'split_shipments,no_split', '--algorithms', 'priority,distance', '--json', json]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = readJson(json);
    expect(report.orders.count).toBe(3);
    expect(report.scenarios.map((s) => [s.strategy, s.algorithm, s.orders_placed, s.units.backordered])).toEqual([
      // o1 takes 2 A (and 1 B, 1 B backordered); o2 takes 3 A; o3 finds 1 A: refused.
      ['split_shipments', 'priority', 2, 1],
      ['split_shipments', 'distance', 2, 1],
      // no_split: Paris alone; o1 has no B there (2 backordered), o2 finds 1 A: refused, o3 refused.
      ['no_split', 'priority', 1, 2],
      ['no_split', 'distance', 1, 2],
    ]);
    // Distance ranking sends o1's A from Berlin (near the customer) instead of Paris.
    expect(report.scenarios[1]!.distance_km_per_unit.mean).toBeLessThan(report.scenarios[0]!.distance_km_per_unit.mean);
  });

  it('warns about order lines naming SKUs the snapshot does not have', async () => {
    const orders = file('typo.csv', 'order_id,sku,quantity,lat,lng\no1,SKU-00001,1,48.8,2.3\no2,SKU-0001,1,48.8,2.3\n');
    const run = await simulate(['--orders', orders, '--strategies', 'no_split']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('stockroute simulate: warning: 1 of 2 order lines name SKUs the snapshot does not have (SKU-0001); they can never be served\n');
  });

  it('rejects a bad order file with the line number, and exits 2', async () => {
    const orders = file('bad.csv', 'order_id,sku,quantity,lat,lng\no1,A,1,48,2\no2,A,lots,48,2\n');
    const run = await simulate(['--orders', orders]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('line 3: quantity: must be a number greater than 0 with at most 4 decimals, not "lots"');
  });

  it('rejects a bad snapshot file, naming the field', async () => {
    const snapshot = file('bad-snapshot.json', '{"locations": [{"code": "a", "priority": "first"}]}');
    const run = await simulate(['--snapshot', snapshot]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('locations[0].priority: must be a whole number ≥ 1');
  });

  it('rejects unknown strategies, conflicting options, missing files and bad numbers', async () => {
    const [unknown, both, missing, number, unwritable] = await Promise.all([
      simulate(['--strategies', 'split_shipments,fastest']),
      simulate(['--orders', 'x.csv', '--generate', '10']),
      simulate(['--orders', join(dir, 'nope.csv')]),
      simulate(['--generate', 'many']),
      simulate(['--generate', '5', '--strategies', 'no_split', '--html', join(dir, 'no-such-folder', 'r.html')]),
    ]);
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toContain(`--html: cannot write ${join(dir, 'no-such-folder', 'r.html')} (no such folder)`);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--strategies: "fastest" is not one of no_split, split_shipments');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('give either --orders or --generate, not both');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('(no such file)');
    expect(number.code).not.toBe(0);
    expect(number.stderr).toContain('must be a whole number ≥ 1, not "many"');
  }, 120_000);
});

describe.each(enginesUnderTest())('stockroute simulate --from-db (%s)', (engine) => {
  it('takes the snapshot from an inventory model in the database', async () => {
    const target = engine === 'postgres' ? await createTestDatabaseUrl() : null;
    const dbArgs = target === null ? ['--data-dir', join(dir, 'db')] : ['--database-url', target.url];
    try {
      const db = await openDb(target === null ? { dataDir: join(dir, 'db') } : { databaseUrl: target.url });
      try {
        await migrateToLatest(db.kysely);
        const k = db.kysely;
        await k.insertInto('addresses').values({ id: 'addr_1', lat: 48.8566, lng: 2.3522 }).execute();
        await k.insertInto('stock_locations').values({ id: 'sloc_1', code: 'paris', name: 'Paris', address_id: 'addr_1' }).execute();
        await k.insertInto('skus').values({ id: 'sku_1', code: 'TSHIRT', name: 'T-shirt' }).execute();
        await k.insertInto('inventory_models').values({ id: 'invm_1', name: 'EU' }).execute();
        await k.insertInto('inventory_stock_locations').values({ id: 'isl_1', inventory_model_id: 'invm_1', stock_location_id: 'sloc_1', priority: 1 }).execute();
        await k.insertInto('stock_items').values({ id: 'si_1', sku_id: 'sku_1', sku_code: 'TSHIRT', stock_location_id: 'sloc_1', quantity: 50 }).execute();
      } finally {
        await db.close();
      }
      const json = join(dir, `db-${engine}.json`);
      const run = await simulate(['--from-db', ...dbArgs, '--model', 'EU', '--generate', '40', '--strategies', 'no_split', '--json', json]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('inventory model EU (invm_1)');
      const [scenario] = readJson(json).scenarios;
      // 50 T-shirts, about 70 asked for: the stock runs out and later orders are refused.
      expect(scenario!.units.shipped).toBe(50);
      expect(scenario!.orders_rejected).toBeGreaterThan(0);
      const unknown = await simulate(['--from-db', ...dbArgs, '--model', 'US']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('no inventory model has id or name "US"; known: EU (invm_1)');
    } finally {
      await target?.drop();
    }
  }, 180_000);
});
