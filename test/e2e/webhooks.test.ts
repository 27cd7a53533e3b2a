// Webhooks end to end against a listening server: subscribe through POST /api/webhooks, place
// an order over HTTP, run the delivery worker, and check what a receiving shop sees: the
// payload, the topic header and Standard Webhooks headers it verifies with its secret and the
// standardwebhooks library. A
// placement that rolls back (INSUFFICIENT_STOCK) sends nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TOPIC_HEADER, deliverDueEvents, eventCounts } from '../../src/webhooks/delivery.js';
import { standardSecret } from '../../src/webhooks/signing.js';
import { startServer } from '../../src/server.js';
import { enginesUnderTest } from '../../src/store/test-support/engines.js';
import { startLiveServer, type LiveServer, type Resource } from './http-client.js';

interface Received { path: string; body: string; headers: IncomingHttpHeaders }

/** Whether a receiving shop holding `secret` accepts the delivery (the library's verify). */
const verifies = (hit: Received, secret: string): boolean => {
  try {
    new Webhook(standardSecret(secret)).verify(hit.body, hit.headers as Record<string, string>);
    return true;
  } catch {
    return false;
  }
};

describe.each(enginesUnderTest())('webhooks end to end on %s', (engine) => {
  let s: LiveServer;
  let receiver: Server;
  let hookBase: string;
  const received: Received[] = [];
  const secrets: Record<string, string> = {};
  const ids: Record<string, string> = {};

  const subscribe = async (topic: string, path: string, sharedSecret?: string) => {
    const { status, doc } = await s.request('POST', '/api/webhooks', {
      data: { type: 'webhooks', attributes: { name: topic, topic, callback_url: `${hookBase}${path}`, ...(sharedSecret ? { shared_secret: sharedSecret } : {}) } },
    });
    expect(status, JSON.stringify(doc)).toBe(201);
    const hook = doc.data as Resource;
    secrets[path] = String(hook.attributes.shared_secret);
    return hook;
  };
  const placeOrder = async (lines: Record<string, number>) => {
    const order = await s.create('orders', { reference: `web-${Object.keys(lines).join('-')}` }, { market: ids.market!, shipping_address: ids.address! });
    for (const [sku, quantity] of Object.entries(lines)) await s.create('line_items', { sku_code: sku, quantity }, { order });
    return { id: order, placed: await s.patch('orders', order, { _place: true }) };
  };

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        received.push({ path: req.url ?? '', body, headers: req.headers });
        res.statusCode = 204;
        res.end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    hookBase = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

    s = await startLiveServer(engine);
    const category = await s.create('shipping_categories', { code: 'std', name: 'Standard' });
    await s.create('skus', { code: 'LAMP', name: 'Lamp' }, { shipping_category: category });
    ids.address = await s.create('addresses', { line_1: '1 Rue', city: 'Paris', zip_code: '75001', country_code: 'FR', lat: 48.85, lng: 2.35 });
    ids.paris = await s.create('stock_locations', { code: 'paris', name: 'Paris' }, { address: ids.address });
    ids.model = await s.create('inventory_models', { name: 'EU', strategy: 'no_split' });
    await s.create('inventory_stock_locations', { priority: 1 }, { inventory_model: ids.model, stock_location: ids.paris });
    await s.create('stock_items', { sku_code: 'LAMP', quantity: 3 }, { stock_location: ids.paris });
    ids.market = await s.create('markets', { code: 'eu', name: 'EU' }, { inventory_model: ids.model });
    await subscribe('orders.place', '/orders', 'a-shop-chosen-secret-123');
    await subscribe('shipments.create', '/shipments');
  });
  afterAll(async () => {
    await s.close();
    await new Promise((r) => receiver.close(r));
  });
  beforeEach(() => { received.length = 0; });

  it('creating a webhook returns its secret once; reads never show it', async () => {
    expect(secrets['/orders']).toBe('a-shop-chosen-secret-123');
    expect(secrets['/shipments']).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const hooks = await s.list('/api/webhooks');
    expect(hooks).toHaveLength(2);
    expect(hooks.every((h) => !('shared_secret' in h.attributes))).toBe(true);
    const bad = await s.request('POST', '/api/webhooks', { data: { type: 'webhooks', attributes: { topic: 'orders.place', callback_url: 'ftp://x' } } });
    expect(bad.status).toBe(422);
    const badSecret = await s.request('POST', '/api/webhooks', { data: { type: 'webhooks', attributes: { topic: 'orders.place', callback_url: 'http://x/y', shared_secret: 'whsec_not*base64*at-all' } } });
    expect(badSecret.status).toBe(422);
    expect(badSecret.doc.errors![0]!.source!.pointer).toBe('/data/attributes/shared_secret');
  });

  it('placing an order delivers orders.place and shipments.create, each signed with its own secret', async () => {
    const { id, placed } = await placeOrder({ LAMP: 2 });
    expect(placed.status, JSON.stringify(placed.doc)).toBe(200);
    const order = placed.doc.data as Resource;
    expect(received).toEqual([]); // nothing is sent by the request itself: the worker sends

    const report = await deliverDueEvents(s.db);
    expect(report).toEqual({ delivered: 2, retried: 0, failed: 0 });
    const byPath = Object.fromEntries(received.map((r) => [r.path, r]));
    expect(Object.keys(byPath).sort()).toEqual(['/orders', '/shipments']);

    const placeHook = byPath['/orders']!;
    expect(placeHook.headers[TOPIC_HEADER]).toBe('orders.place');
    expect(placeHook.headers['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(placeHook.body)).toMatchObject({ id, number: order.attributes.number, status: 'placed', placed_at: expect.any(String) });
    expect(verifies(placeHook, 'a-shop-chosen-secret-123')).toBe(true);
    expect(verifies(placeHook, secrets['/shipments']!)).toBe(false);

    const shipments = await s.list(`/api/orders/${id}/shipments`);
    const shipmentHook = byPath['/shipments']!;
    expect(shipmentHook.headers[TOPIC_HEADER]).toBe('shipments.create');
    expect(JSON.parse(shipmentHook.body)).toMatchObject({ id: shipments[0]!.id, order_id: id, stock_location_id: ids.paris, status: 'upcoming' });
    expect(verifies(shipmentHook, secrets['/shipments']!)).toBe(true);
    expect(placeHook.headers['webhook-id']).not.toBe(shipmentHook.headers['webhook-id']);

    // Delivered once: a second run sends nothing more.
    expect(await deliverDueEvents(s.db)).toEqual({ delivered: 0, retried: 0, failed: 0 });
    expect(received).toHaveLength(2);
  });

  it('a placement rolled back for INSUFFICIENT_STOCK sends nothing', async () => {
    const before = await eventCounts(s.db);
    const { id, placed } = await placeOrder({ LAMP: 50 });
    expect(placed.status).toBe(422);
    expect(placed.doc.errors![0]!.code).toBe('INSUFFICIENT_STOCK');
    expect((await s.one(`/api/orders/${id}`)).attributes.status).toBe('draft');
    expect(await eventCounts(s.db)).toEqual(before);
    expect(await deliverDueEvents(s.db)).toEqual({ delivered: 0, retried: 0, failed: 0 });
    expect(received).toEqual([]);
  });

  it('a disabled webhook gets nothing', async () => {
    const hooks = await s.list('/api/webhooks?filter[q][topic_eq]=shipments.create');
    const hook = hooks[0]!;
    const off = await s.patch('webhooks', hook.id, { disabled_at: new Date().toISOString() });
    expect(off.status, JSON.stringify(off.doc)).toBe(200);
    const { placed } = await placeOrder({ LAMP: 1 });
    expect(placed.status).toBe(200);
    await deliverDueEvents(s.db);
    expect(received.map((r) => r.path)).toEqual(['/orders']);
    await s.patch('webhooks', hook.id, { disabled_at: null });
  });
});

// The running service (npm start) delivers by itself: its worker polls the outbox.
describe('webhooks from the running service (embedded database)', () => {
  it('delivers a signed orders.place without anyone calling the worker', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stockroute-webhooks-'));
    const got: Received[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => { got.push({ path: req.url ?? '', body, headers: req.headers }); res.statusCode = 204; res.end(); });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const env = { LOG_LEVEL: 'silent', STOCKROUTE_ADMIN_CLIENT_ID: 'hook-admin', STOCKROUTE_ADMIN_CLIENT_SECRET: 'hook-admin-secret-0123456789' };
    const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, env, demo: false, print: () => undefined, handleSignals: false });
    try {
      const token = await fetch(`${server.url}/oauth/token`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'hook-admin', client_secret: 'hook-admin-secret-0123456789' }),
      }).then(async (r) => ((await r.json()) as { access_token: string }).access_token);
      const call = async (method: string, path: string, data: unknown) => {
        const res = await fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/vnd.api+json', accept: 'application/vnd.api+json' }, body: JSON.stringify({ data }) });
        const doc = (await res.json()) as { data: Resource };
        expect(res.status, JSON.stringify(doc)).toBeLessThan(300);
        return doc.data;
      };
      const rel = (type: string, id: string) => ({ data: { type, id } });
      await call('POST', '/api/webhooks', { type: 'webhooks', attributes: { topic: 'orders.place', callback_url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/placed`, shared_secret: 'service-secret-0123456789' } });
      const model = await call('POST', '/api/inventory_models', { type: 'inventory_models', attributes: { name: 'M' } });
      const market = await call('POST', '/api/markets', { type: 'markets', attributes: { code: 'm', name: 'M' }, relationships: { inventory_model: rel('inventory_models', model.id) } });
      const order = await call('POST', '/api/orders', { type: 'orders', relationships: { market: rel('markets', market.id) } });
      await call('POST', '/api/skus', { type: 'skus', attributes: { code: 'GIFT-CARD', name: 'Gift card', do_not_ship: true, do_not_track: true } });
      await call('POST', '/api/line_items', { type: 'line_items', attributes: { sku_code: 'GIFT-CARD', quantity: 1 }, relationships: { order: rel('orders', order.id) } });
      await call('PATCH', `/api/orders/${order.id}`, { type: 'orders', id: order.id, attributes: { _place: true } });
      for (let i = 0; i < 100 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(got).toHaveLength(1);
      expect(JSON.parse(got[0]!.body)).toMatchObject({ id: order.id, status: 'placed' });
      expect(verifies(got[0]!, 'service-secret-0123456789')).toBe(true);
    } finally {
      await server.close();
      await new Promise((r) => receiver.close(r));
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
