import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueEvent } from '../store/outbox.js';
import { enginesUnderTest, openTestDb, type TestDb } from '../store/test-support/engines.js';
import { MAX_ATTEMPTS, SIGNATURE_HEADER, TOPIC_HEADER, deliverDueEvents, eventCounts, sign } from './delivery.js';

interface Received { body: string; headers: IncomingMessage['headers'] }

describe.each(enginesUnderTest())('webhook delivery on %s', (engine) => {
  let db: TestDb;
  let server: Server;
  let url: string;
  const received: Received[] = [];
  let failNext = 0;

  beforeAll(async () => {
    db = await openTestDb(engine);
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ body, headers: req.headers });
        res.statusCode = failNext-- > 0 ? 500 : 204;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await db.close();
  });

  it('sends an event only after its transaction committed, signed with the shared secret', async () => {
    await db.kysely.insertInto('webhooks').values({ id: 'wh_1', topic: 'orders.place', callback_url: url, shared_secret: 's3cret' }).execute();
    await db.kysely.transaction().execute(async (trx) => {
      await enqueueEvent(trx, 'orders.place', { data: { id: 'ord_1', type: 'orders' } });
      await enqueueEvent(trx, 'shipments.ship', { data: { id: 'shp_1' } }); // nobody subscribed
    });
    const rolledBack = db.kysely.transaction().execute(async (trx) => {
      await enqueueEvent(trx, 'orders.place', { data: { id: 'ord_2' } });
      throw new Error('abort');
    });
    await expect(rolledBack).rejects.toThrow('abort');

    const report = await deliverDueEvents(db);
    expect(report).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect(received).toHaveLength(1);
    const [hit] = received;
    expect(JSON.parse(hit!.body)).toEqual({ data: { id: 'ord_1', type: 'orders' } });
    expect(hit!.headers[SIGNATURE_HEADER]).toBe(sign(hit!.body, 's3cret'));
    expect(hit!.headers[TOPIC_HEADER]).toBe('orders.place');
    expect(await deliverDueEvents(db)).toEqual({ delivered: 0, retried: 0, failed: 0 });
  });

  it('retries a failing endpoint with back-off and gives up after the last attempt', async () => {
    received.length = 0;
    failNext = 1;
    await db.kysely.transaction().execute((trx) => enqueueEvent(trx, 'orders.place', { data: { id: 'ord_3' } }));
    let clock = new Date('2030-01-01T00:00:00Z');
    const now = () => clock;
    expect(await deliverDueEvents(db, { now, backoffMs: 1000 })).toEqual({ delivered: 0, retried: 1, failed: 0 });
    // not due yet: the back-off holds it
    expect(await deliverDueEvents(db, { now, backoffMs: 1000 })).toEqual({ delivered: 0, retried: 0, failed: 0 });
    clock = new Date(clock.getTime() + 1000);
    expect(await deliverDueEvents(db, { now, backoffMs: 1000 })).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect(received).toHaveLength(2);

    failNext = MAX_ATTEMPTS;
    await db.kysely.transaction().execute((trx) => enqueueEvent(trx, 'orders.place', { data: { id: 'ord_4' } }));
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      clock = new Date(clock.getTime() + 10_000_000);
      await deliverDueEvents(db, { now, backoffMs: 1000 });
    }
    expect((await eventCounts(db)).failed).toBe(1);
  });
});
