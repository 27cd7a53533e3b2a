import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { enqueueEvent } from '../store/outbox.js';
import { enginesUnderTest, openTestDb, type TestDb } from '../store/test-support/engines.js';
import { MAX_ATTEMPTS, TOPIC_HEADER, deliverDueEvents, eventCounts } from './delivery.js';
import { newWebhookSecret, standardSecret } from './signing.js';

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

  /** What a receiving shop does with the library: throws WebhookVerificationError if not genuine. */
  const verify = (hit: Received, secret: string, body = hit.body) => new Webhook(secret).verify(body, hit.headers as Record<string, string>);
  const rejection = (f: () => unknown) => { try { f(); } catch (e) { return e instanceof WebhookVerificationError ? e.message : `not a verification error: ${String(e)}`; } return 'accepted'; };

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
    // A secret from before whsec_ keeps working: its whsec_ form is the same key.
    expect(verify(hit!, standardSecret('s3cret'))).toEqual({ data: { id: 'ord_1', type: 'orders' } });
    const event = await db.kysely.selectFrom('webhook_events').select('id').where('webhook_id', '=', 'wh_1').executeTakeFirstOrThrow();
    expect(hit!.headers['webhook-id']).toBe(event.id);
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
    // The retry is the same event: same webhook-id, a later timestamp, so receivers de-duplicate.
    expect(received[1]!.headers['webhook-id']).toBe(received[0]!.headers['webhook-id']);
    expect(Number(received[1]!.headers['webhook-timestamp'])).toBe(Number(received[0]!.headers['webhook-timestamp']) + 1);

    failNext = MAX_ATTEMPTS;
    await db.kysely.transaction().execute((trx) => enqueueEvent(trx, 'orders.place', { data: { id: 'ord_4' } }));
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      clock = new Date(clock.getTime() + 10_000_000);
      await deliverDueEvents(db, { now, backoffMs: 1000 });
    }
    expect((await eventCounts(db)).failed).toBe(1);
  });

  it('a real delivery verifies with the standardwebhooks library; a tampered body, a wrong secret and an old timestamp do not', async () => {
    received.length = 0;
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    await db.kysely.insertInto('webhooks').values({ id: 'wh_std', topic: 'stock_items.update', callback_url: url, shared_secret: secret }).execute();
    await db.kysely.transaction().execute((trx) => enqueueEvent(trx, 'stock_items.update', { id: 'si_1', quantity: 7 }));
    await deliverDueEvents(db);
    const [hit] = received;
    expect(hit!.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(verify(hit!, secret)).toEqual({ id: 'si_1', quantity: 7 });
    expect(rejection(() => verify(hit!, secret, hit!.body.replace('7', '70')))).toBe('No matching signature found');
    expect(rejection(() => verify(hit!, newWebhookSecret()))).toBe('No matching signature found');

    // Captured and replayed ten minutes later: the timestamp is outside the library's tolerance.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 10 * 60_000 });
    try {
      expect(rejection(() => verify(hit!, secret))).toBe('Message timestamp too old');
    } finally {
      vi.useRealTimers();
    }
  });
});
