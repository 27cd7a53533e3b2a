// With STOCKROUTE_REDIS_URL the rate limit is shared by every node: two app instances (two
// "nodes") on one database and one Redis count the same client's requests together; without
// Redis each counts its own. Redis runs locally (.ci/run starts it when it is down).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { testConfig } from './config.js';
import { startTestApi, type TestApi } from './test-support/app.js';

// Runs when STOCKROUTE_TEST_REDIS_URL names a Redis (vitest.config.ts; .ci/run starts one).
const REDIS = process.env.STOCKROUTE_TEST_REDIS_URL ?? '';

describe('rate limit across nodes', () => {
  let first: TestApi;
  let shared: FastifyInstance;
  let separate: FastifyInstance;
  beforeAll(async () => {
    first = await startTestApi('pglite', { rateLimitPerMinute: 3, redisUrl: REDIS });
    shared = await buildApp({ db: first.db, config: testConfig({ rateLimitPerMinute: 3, redisUrl: REDIS }) });
    separate = await buildApp({ db: first.db, config: testConfig({ rateLimitPerMinute: 3 }) });
  });
  afterAll(async () => {
    await shared.close();
    await separate.close();
    await first.close();
  });

  const get = (app: FastifyInstance, token: string) =>
    app.inject({ method: 'GET', url: '/api/markets', headers: { authorization: `Bearer ${token}` } }).then((r) => r.statusCode);

  it('counts one client over two nodes sharing Redis', async () => {
    const token = await first.token('read_only');
    const statuses = [await get(first.app, token), await get(shared, token), await get(first.app, token), await get(shared, token), await get(first.app, token)];
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    // A node without Redis keeps its own count, so it still answers this client.
    expect(await get(separate, token)).toBe(200);
    // Other clients have their own budget.
    expect(await get(shared, await first.token('read_only'))).toBe(200);
  });
});
