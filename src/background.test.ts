import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackgroundJobs } from './background.js';
import { qty } from './domain/quantity.js';
import { enqueueEvent } from './store/outbox.js';
import { createReservation } from './store/stock-ledger.js';
import { aLocation, aShippingCategory, aSku, aStockItem } from './store/test-support/inventory-fixtures.js';
import { enginesUnderTest, openTestDb, type TestDb } from './store/test-support/engines.js';

describe.each(enginesUnderTest())('background jobs on %s', (engine) => {
  let db: TestDb;
  let server: Server;
  let url: string;
  const bodies: string[] = [];

  beforeAll(async () => {
    db = await openTestDb(engine);
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => { bodies.push(body); res.end(); });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await db.close();
  });

  it('delivers webhooks and releases expired cart reservations until stopped', async () => {
    const k = db.kysely;
    const category = await aShippingCategory(k, { code: 'std' });
    const sku = await aSku(k, { code: 'CART', shipping_category_id: category.id });
    const location = await aLocation(k, { code: 'here' });
    const item = await aStockItem(db, sku, location, 5);
    await k.transaction().execute(async (trx) => {
      await createReservation(trx, { stockItemId: item.id, quantity: qty(3), status: 'draft', expiresAt: new Date(Date.now() - 1000) });
    });
    await k.insertInto('webhooks').values({ id: 'wh_bg', topic: 'orders.place', callback_url: url, shared_secret: 'x' }).execute();
    await k.transaction().execute((trx) => enqueueEvent(trx, 'orders.place', { id: 'ord_bg' }));

    const jobs = startBackgroundJobs(db, { webhookIntervalMs: 20, sweepIntervalMs: 20 });
    try {
      await expect.poll(() => bodies.length, { timeout: 10_000 }).toBe(1);
      await expect.poll(async () => (await k.selectFrom('stock_items').select('reserved_quantity').where('id', '=', item.id).executeTakeFirstOrThrow()).reserved_quantity, { timeout: 10_000 }).toBe(0);
    } finally {
      await jobs.stop();
    }
    expect(JSON.parse(bodies[0]!)).toEqual({ id: 'ord_bg' });
    expect(await k.selectFrom('stock_reservations').selectAll().execute()).toEqual([]);
  });
});
