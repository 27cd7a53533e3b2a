// Several nodes on one PostgreSQL database, as `docker compose up --scale` would start them:
// three `stockroute serve` processes start together on a fresh, empty database. All three come
// up, one admin is created and printed; placements spread over the three never oversell; each
// webhook event reaches a local receiver exactly once; an Idempotency-Key replays on another
// node; the three cart-reservation sweeps release every expired hold exactly once.
// Needs PostgreSQL: like every PostgreSQL test it runs when DATABASE_URL is set (vitest.config.ts
// includes *.postgres.test.ts only then; .ci/run sets it and starts the server).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInvariants } from '../../src/flows/check.js';
import { aWorld, level, type World } from '../../src/flows/test-support/order-world.js';
import { openDb, type Db } from '../../src/store/db.js';
import { createTestDatabaseUrl } from '../../src/store/test-support/engines.js';

const root = new URL('../../', import.meta.url).pathname;
const MEDIA = 'application/vnd.api+json';

interface Node { readonly child: ChildProcess; readonly url: string; output: string }

function startNode(databaseUrl: string): Promise<Node> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'serve', '--port', '0', '--host', '127.0.0.1'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', STOCKROUTE_ADMIN_CLIENT_ID: '', STOCKROUTE_ADMIN_CLIENT_SECRET: '', STOCKROUTE_SWEEP_SECONDS: '0.5', STOCKROUTE_RATE_LIMIT: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const node = { child, url: '', output: '' };
  return new Promise((resolve, reject) => {
    const seen = (chunk: Buffer) => {
      node.output += chunk.toString();
      const api = /API:\s+(\S+)\/api/.exec(node.output)?.[1];
      if (api && /Admin UI:/.test(node.output)) resolve({ ...node, url: api, get output() { return node.output; } });
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.on('exit', (code) => reject(new Error(`node exited with ${code}:\n${node.output}`)));
  });
}

describe('three nodes on one PostgreSQL database', () => {
  let database: { url: string; drop(): Promise<void> };
  let nodes: Node[] = [];
  let db: Db;
  let receiver: Server;
  const delivered: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabaseUrl();
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (c: Buffer) => { body += c.toString(); });
      request.on('end', () => { delivered.push(body); response.end('ok'); });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(nodes.map((n) => new Promise((resolve) => { n.child.once('exit', resolve); n.child.kill('SIGTERM'); })));
    await db?.close();
    await new Promise((resolve) => receiver.close(resolve));
    await database.drop();
  }, 60_000);

  let token = '';
  const call = async (node: Node, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${node.url}${path}`, {
      method, headers: { authorization: `Bearer ${token}`, accept: MEDIA, ...(body ? { 'content-type': MEDIA } : {}), ...headers },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, doc: (text ? JSON.parse(text) : {}) as { data?: { id: string }; errors?: { code: string }[] } };
  };

  it('all three start on the empty database; one admin is created and printed', { timeout: 300_000 }, async () => {
    nodes = await Promise.all([startNode(database.url), startNode(database.url), startNode(database.url)]);
    const printed = nodes.filter((n) => /client_secret:/.test(n.output));
    expect(printed).toHaveLength(1);
    expect(nodes.filter((n) => /An admin exists/.test(n.output))).toHaveLength(2);
    for (const n of nodes) expect((await fetch(`${n.url}/health`)).status).toBe(200);
    db = await openDb({ databaseUrl: database.url, poolSize: 4 });
    expect(await db.kysely.selectFrom('applications').select('id').execute()).toHaveLength(1);
    const output = printed[0]?.output ?? '';
    const res = await fetch(`${nodes[1]?.url}/oauth/token`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: /client_id:\s+(\S+)/.exec(output)?.[1], client_secret: /client_secret:\s+(\S+)/.exec(output)?.[1] }),
    });
    expect(res.status).toBe(200);
    token = ((await res.json()) as { access_token: string }).access_token;
  });

  let world: World;

  it('placements spread over the three never oversell, and each webhook arrives once', { timeout: 300_000 }, async () => {
    world = await aWorld(db, { stock: { HOT: { 'eu-1': 20 } }, model: { stock_reservation_cutoff: 1 } });
    const hook = await call(nodes[0]!, 'POST', '/api/webhooks', {
      data: { type: 'webhooks', attributes: { name: 'places', topic: 'orders.place', callback_url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/placed` } },
    });
    expect(hook.status).toBe(201);
    const sku = world.sku.HOT!.code;
    const attempts = 45;
    const results = await Promise.all(Array.from({ length: attempts }, async (_, i) => {
      const node = nodes[i % 3]!;
      const order = await call(node, 'POST', '/api/orders', { data: { type: 'orders', attributes: {}, relationships: { market: { data: { type: 'markets', id: world.market.id } } } } });
      const orderId = order.doc.data!.id;
      await call(node, 'POST', '/api/line_items', { data: { type: 'line_items', attributes: { sku_code: sku, quantity: 1 }, relationships: { order: { data: { type: 'orders', id: orderId } } } } });
      const placed = await call(nodes[(i + 1) % 3]!, 'PATCH', `/api/orders/${orderId}`, { data: { type: 'orders', id: orderId, attributes: { _place: true } } });
      return { orderId, status: placed.status, code: placed.doc.errors?.[0]?.code };
    }));
    const placed = results.filter((r) => r.status === 200);
    expect(placed).toHaveLength(20);
    expect(results.filter((r) => r.status !== 200).every((r) => r.code === 'INSUFFICIENT_STOCK')).toBe(true);
    expect(await level(db.kysely, world.sku.HOT!, world.location['eu-1']!)).toEqual({ onHand: 20, reserved: 20 });

    const deadline = Date.now() + 120_000;
    while (delivered.length < placed.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    await new Promise((r) => setTimeout(r, 3000)); // any duplicate would arrive by now
    const ids = delivered.map((body) => (JSON.parse(body) as { id?: string; data?: { id?: string } }).id ?? '').sort();
    expect(ids).toEqual(placed.map((r) => r.orderId).sort());
  });

  it('an Idempotency-Key replays on another node', { timeout: 120_000 }, async () => {
    const body = { data: { type: 'shipping_categories', attributes: { code: 'several-nodes', name: 'Several nodes' } } };
    const first = await call(nodes[0]!, 'POST', '/api/shipping_categories', body, { 'idempotency-key': 'k-several-nodes' });
    const again = await call(nodes[2]!, 'POST', '/api/shipping_categories', body, { 'idempotency-key': 'k-several-nodes' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.doc.data?.id).toBe(first.doc.data?.id);
    expect(await db.kysely.selectFrom('shipping_categories').select('id').where('code', '=', 'several-nodes').execute()).toHaveLength(1);
  });

  it('the three sweeps release every expired cart reservation once', { timeout: 300_000 }, async () => {
    const carts = await aWorld(db, { stock: { CART: { 'eu-1': 30 } }, model: { stock_reservation_cutoff: 1 } });
    const sku = carts.sku.CART!.code;
    await Promise.all(Array.from({ length: 24 }, async (_, i) => {
      const node = nodes[i % 3]!;
      const order = await call(node, 'POST', '/api/orders', { data: { type: 'orders', attributes: {}, relationships: { market: { data: { type: 'markets', id: carts.market.id } } } } });
      const line = await call(node, 'POST', '/api/line_items', { data: { type: 'line_items', attributes: { sku_code: sku, quantity: 1 }, relationships: { order: { data: { type: 'orders', id: order.doc.data!.id } } } } });
      const reserved = await call(node, 'PATCH', `/api/line_items/${line.doc.data!.id}`, { data: { type: 'line_items', id: line.doc.data!.id, attributes: { _reserve_stock: true } } });
      expect(reserved.status).toBe(200);
    }));
    const item = () => level(db.kysely, carts.sku.CART!, carts.location['eu-1']!);
    const deadline = Date.now() + 120_000;
    while ((await item()).reserved > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    await new Promise((r) => setTimeout(r, 2000));
    expect(await item()).toEqual({ onHand: 30, reserved: 0 });
    // A released hold is deleted; a second release of one would have driven reserved below 0.
    const left = await db.kysely.selectFrom('stock_reservations as r').innerJoin('stock_items as s', 's.id', 'r.stock_item_id')
      .select('r.id').where('s.sku_id', '=', carts.sku.CART!.id).execute();
    expect(left).toEqual([]);
    expect(await checkInvariants(db, { expiryGraceSeconds: 600 })).toEqual([]);
  });
});
