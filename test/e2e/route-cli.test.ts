// `stockroute route` as a user runs it: the real CLI in a child process, input from a file
// or standard input, the plan on standard output, messages and exit codes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stockroute } from './cli-run.js';

const dir = mkdtempSync(join(tmpdir(), 'stockroute-route-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `stockroute route ARGS`, with optional standard input and environment. */
const route = (args: readonly string[], stdin?: string, env: NodeJS.ProcessEnv = {}) =>
  stockroute(['route', ...args], { ...(stdin !== undefined ? { stdin } : {}), env });

let files = 0;
function file(content: unknown): string {
  const path = join(dir, `problem-${(files += 1)}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

type Json = Record<string, unknown>;
const loc = (code: string, priority: number, extra: Json = {}) => ({ code, priority, ...extra });
const stock = (location: string, sku: string, quantity: number, extra: Json = {}) => ({ location, sku, quantity, ...extra });
const line = (id: string, sku: string, quantity: number) => ({ id, sku, quantity });

/** ROUTE-FORMAT.md's example, completed with the second location its output implies. */
const documentedExample = {
  strategy: 'split_shipments',
  algorithm: 'priority',
  distance_mode: 'driving',
  stock_locations_cutoff: 3,
  locations: [
    { code: 'eu-1', priority: 1, enabled: true, on_hold: false, lat: 48.85, lng: 2.35 },
    { code: 'eu-2', priority: 2, enabled: true, on_hold: false, lat: 52.52, lng: 13.4 },
  ],
  skus: [
    { code: 'A', shipping_category: 'standard', do_not_ship: false, do_not_track: false, allow_backorders: false },
    { code: 'D', shipping_category: 'standard', do_not_ship: true },
  ],
  stock: [
    { location: 'eu-1', sku: 'A', quantity: 5.5, reserved: 0, status: 'in_stock' },
    { location: 'eu-2', sku: 'A', quantity: 3, reserved: 0, status: 'in_stock' },
    { location: 'eu-1', sku: 'D', quantity: 4 },
  ],
  order: {
    lines: [line('l1', 'A', 8), line('l2', 'D', 1)],
    shipping_address: { lat: 48.1, lng: 11.6, country_code: 'DE', zip_code: '80331' },
  },
};

async function plan(problem: unknown): Promise<Json> {
  const run = await route([file(problem)]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Json;
}

describe('stockroute route', () => {
  it('answers the documented example with the documented plan', async () => {
    const out = await plan(documentedExample);
    expect(out).toMatchObject({
      strategy: 'split_shipments',
      algorithm: 'priority',
      algorithm_used: 'priority',
      fallback_reason: null,
      shippable: true,
    });
    expect(out.selection).toEqual([
      {
        line: 'l1', sku: 'A', quantity: 8, shortfall: 0, backordered: 0,
        sources: [
          { location: 'eu-1', quantity_available: 5.5, quantity_to_deduct: 5.5 },
          { location: 'eu-2', quantity_available: 3, quantity_to_deduct: 2.5 },
        ],
      },
      { line: 'l2', sku: 'D', quantity: 1, shortfall: 0, backordered: 0, sources: [{ location: 'eu-1', quantity_available: 4, quantity_to_deduct: 1 }] },
    ]);
    expect(out.shipments).toEqual([
      { location: 'eu-1', shipping_category: 'standard', on_hold: false, items: [{ line: 'l1', sku: 'A', quantity: 5.5 }] },
      { location: 'eu-2', shipping_category: 'standard', on_hold: false, items: [{ line: 'l1', sku: 'A', quantity: 2.5 }] },
    ]);
    expect(out.unshipped_items).toEqual([{ line: 'l2', sku: 'D', location: 'eu-1', quantity: 1 }]);
    expect(out.transfers).toEqual([]);
    expect(out.explanation).toEqual(expect.arrayContaining([expect.stringContaining('eu-1')]));
  });

  it('plans the documented transfer when the primary lacks stock (ship_from_primary)', async () => {
    const out = await plan({
      strategy: 'ship_from_primary',
      locations: [loc('eu-1', 1), loc('eu-2', 2)],
      stock: [stock('eu-1', 'A', 2), stock('eu-2', 'B', 3)],
      order: { lines: [line('l1', 'A', 2), line('l2', 'B', 1)] },
    });
    expect(out.transfers).toEqual([{ sku: 'B', from: 'eu-2', to: 'eu-1', quantity: 1 }]);
    expect((out.shipments as Json[]).map((s) => s.location)).toEqual(['eu-1']);
  });

  it('makes one shipment when the primary can fulfil every SKU (seed: split_shipments)', async () => {
    const out = await plan({
      strategy: 'split_shipments',
      locations: [loc('eu-1', 1), loc('eu-2', 2)],
      skus: [{ code: 'A', shipping_category: 'standard' }, { code: 'B', shipping_category: 'standard' }],
      stock: [stock('eu-1', 'A', 10), stock('eu-1', 'B', 10), stock('eu-2', 'A', 10), stock('eu-2', 'B', 10)],
      order: { lines: [line('l1', 'A', 2), line('l2', 'B', 3)] },
    });
    expect(out.shipments).toEqual([
      { location: 'eu-1', shipping_category: 'standard', on_hold: false, items: [{ line: 'l1', sku: 'A', quantity: 2 }, { line: 'l2', sku: 'B', quantity: 3 }] },
    ]);
  });

  it('makes one shipment per shipping category (seed: split_shipments)', async () => {
    const out = await plan({
      strategy: 'split_shipments',
      locations: [loc('eu-1', 1)],
      skus: [{ code: 'A', shipping_category: 'standard' }, { code: 'B', shipping_category: 'bulky' }],
      stock: [stock('eu-1', 'A', 10), stock('eu-1', 'B', 10)],
      order: { lines: [line('l1', 'A', 1), line('l2', 'B', 1)] },
    });
    const shipments = out.shipments as Json[];
    expect(shipments.map((s) => [s.location, s.shipping_category]).sort()).toEqual([['eu-1', 'bulky'], ['eu-1', 'standard']]);
  });

  it('leaves a location beyond the cutoff out, and reports the shortfall without failing', async () => {
    const out = await plan({
      strategy: 'split_shipments',
      locations: [loc('eu-1', 1), loc('eu-2', 2), loc('eu-3', 3)],
      stock: [stock('eu-1', 'A', 1), stock('eu-2', 'A', 1), stock('eu-3', 'A', 10)],
      order: { lines: [line('l1', 'A', 3)] },
    });
    expect(out.shippable).toBe(false);
    expect(out.selection).toEqual([
      expect.objectContaining({ shortfall: 1, sources: [expect.objectContaining({ location: 'eu-1' }), expect.objectContaining({ location: 'eu-2' })] }),
    ]);
  });

  it('ranks by great-circle distance, showing the distances', async () => {
    const out = await plan({
      algorithm: 'distance',
      locations: [loc('paris', 1, { lat: 48.85, lng: 2.35 }), loc('vienna', 2, { lat: 48.21, lng: 16.37 })],
      stock: [stock('paris', 'A', 5), stock('vienna', 'A', 5)],
      order: { lines: [line('l1', 'A', 1)], shipping_address: { lat: 48.14, lng: 11.58 } },
    });
    expect(out).toMatchObject({ strategy: null, algorithm: 'distance', algorithm_used: 'distance', fallback_reason: null });
    const sources = (out.selection as { sources: Json[] }[])[0]?.sources ?? [];
    expect(sources.map((s) => s.location)).toEqual(['vienna', 'paris']);
    expect(sources[0]?.distance_m).toBeGreaterThan(350_000);
    expect(sources[0]?.distance_m).toBeLessThan(360_000);
    expect(sources[0]).toMatchObject({ quantity_to_deduct: 1 });
    expect(out).not.toHaveProperty('shipments');
  });

  it('falls back to priority, saying why, when distance ranking has no route data', async () => {
    const out = await plan({
      algorithm: 'distance',
      locations: [loc('paris', 1, { lat: 48.85, lng: 2.35 }), loc('vienna', 2, { lat: 48.21, lng: 16.37 })],
      stock: [stock('paris', 'A', 5), stock('vienna', 'A', 5)],
      order: { lines: [line('l1', 'A', 1)], shipping_address: { country_code: 'DE', zip_code: '80331' } },
    });
    expect(out).toMatchObject({ algorithm: 'distance', algorithm_used: 'priority', fallback_reason: expect.any(String) });
    expect((out.selection as { sources: Json[] }[])[0]?.sources.map((s) => s.location)).toEqual(['paris', 'vienna']);
  });

  it('measures through an OSRM-compatible engine and falls back when it has no route', async () => {
    const requests: string[] = [];
    let body: unknown = { code: 'Ok', distances: [[0, 830_000, 433_000]], durations: [[0, 29_000, 15_000]] };
    const server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const problem = file({
      algorithm: 'distance',
      distance_mode: 'bicycling',
      locations: [loc('paris', 1, { lat: 48.85, lng: 2.35 }), loc('vienna', 2, { lat: 48.21, lng: 16.37 })],
      stock: [stock('paris', 'A', 5), stock('vienna', 'A', 5)],
      order: { lines: [line('l1', 'A', 1)], shipping_address: { lat: 48.14, lng: 11.58 } },
    });
    try {
      const measured = await route(['--provider', 'osrm', '--osrm-url', url, problem]);
      expect(measured.code).toBe(0);
      expect(requests).toEqual(['/table/v1/cycling/11.58,48.14;2.35,48.85;16.37,48.21?sources=0&annotations=distance,duration']);
      expect((JSON.parse(measured.stdout) as { selection: { sources: Json[] }[] }).selection[0]?.sources).toEqual([
        { location: 'vienna', distance_m: 433_000, duration_s: 15_000, quantity_available: 5, quantity_to_deduct: 1 },
        { location: 'paris', distance_m: 830_000, duration_s: 29_000, quantity_available: 5, quantity_to_deduct: 0 },
      ]);

      body = { code: 'NoTable', message: 'No table found' };
      const fallback = await route([problem], undefined, { STOCKROUTE_DISTANCE_PROVIDER: 'osrm', STOCKROUTE_OSRM_URL: url });
      expect(JSON.parse(fallback.stdout)).toMatchObject({ algorithm_used: 'priority', fallback_reason: expect.stringContaining('NoTable') });
    } finally {
      server.close();
    }
  });

  it('reads the problem from standard input', async () => {
    const run = await route([], JSON.stringify(documentedExample));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ strategy: 'split_shipments', shippable: true });
  });

  it('prints byte-identical output for the same input, as 2-space pretty JSON', async () => {
    const path = file(documentedExample);
    const [first, second] = await Promise.all([route([path]), route(['-'], JSON.stringify(documentedExample))]);
    expect(first.stdout).toBe(second.stdout);
    expect(first.stdout).toMatch(/^\{\n {2}"strategy": "split_shipments",\n {2}"algorithm": "priority",\n/);
  });

  it('refuses invalid input with exit 2 and a message naming the field', async () => {
    const bad = { ...documentedExample, order: { lines: [line('l1', 'A', 8.12345)] } };
    const run = await route([file(bad)]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('order.lines[0].quantity: must be a number with at most 4 decimals');
  });

  it('refuses bad JSON with its position, and a missing file, with exit 2', async () => {
    const json = await route([], '{\n  "locations": [],\n}');
    expect(json.code).toBe(2);
    expect(json.stderr).toContain('standard input: invalid JSON at line 3, column 1');
    const missing = await route([join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read');
  });

  it('routes NDJSON line by line, reporting a bad line in place and exiting 2 at the end', async () => {
    const good = JSON.stringify(documentedExample);
    const run = await route(['--ndjson'], `${good}\n{"locations": []}\n\nnot json\n${good}\n`);
    expect(run.code).toBe(2);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ strategy: 'split_shipments', shippable: true });
    expect(JSON.parse(lines[1] ?? '')).toEqual({ error: 'order: is required', line: 2 });
    expect(JSON.parse(lines[2] ?? '')).toEqual({ error: expect.stringContaining('invalid JSON at column 1 (position 0)'), line: 4 });
    expect(lines[3]).toBe(lines[0]);
  });

  it('documents itself in --help', async () => {
    const run = await route(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--ndjson');
    expect(run.stdout).toContain('Examples:');
    expect(run.stdout).toContain('--osrm-url');
  });
});
