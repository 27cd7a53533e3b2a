// Operational routes: health, metrics, the OpenAPI document (every route, from the same
// schemas that validate), the docs page, rate limiting, and health when the database is gone.
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../store/test-support/engines.js';
import { resources } from './resources/index.js';
import { startTestApi, type TestApi } from './test-support/app.js';

describe.each(enginesUnderTest())('operations on %s', (engine) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(engine, { rateLimitPerMinute: 1000 });
  });
  afterAll(() => api.close());

  it('answers /health with the database engine', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: engine });
  });

  it('exposes Prometheus metrics with request durations by route and the reservation gauge', async () => {
    await api.get('/api/skus');
    const res = await api.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(/stockroute_http_request_duration_seconds_count\{[^}]*route="\/api\/skus"[^}]*\} \d+/);
    expect(res.body).toMatch(/^stockroute_reservations_active 0$/m);
  });

  it('publishes OpenAPI 3.1 with every route and the request schemas', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>> };
    expect(doc.openapi).toBe('3.1.0');
    for (const r of resources) {
      expect(doc.paths[`/api/${r.type}`]?.get, r.type).toBeDefined();
      expect(doc.paths[`/api/${r.type}/{id}`]?.get, r.type).toBeDefined();
      for (const name of Object.keys(r.relationships ?? {})) expect(doc.paths[`/api/${r.type}/{id}/${name}`]?.get, `${r.type}.${name}`).toBeDefined();
      if (r.readOnly) {
        expect(doc.paths[`/api/${r.type}`]?.post).toBeUndefined();
      } else {
        expect(doc.paths[`/api/${r.type}`]?.post?.requestBody, r.type).toBeDefined();
        expect(doc.paths[`/api/${r.type}/{id}`]?.patch, r.type).toBeDefined();
      }
    }
    expect(doc.paths['/oauth/token']?.post).toBeDefined();
    expect(doc.paths['/health']?.get).toBeDefined();
    const skuBody = JSON.stringify(doc.paths['/api/skus']?.post?.requestBody);
    expect(skuBody).toContain('min_sale_quantity');
    const docs = await api.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('documents the responses of every operation (any route listed here has none)', async () => {
    type Op = { responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }> };
    const doc = (await api.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, Op>> };
    const undocumented: string[] = [];
    const errorless: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const responses = Object.entries(op.responses ?? {});
        if (!responses.some(([status, r]) => /^2/.test(status) && r.description !== 'Default Response')) undocumented.push(`${method.toUpperCase()} ${path}`);
        if (path.startsWith('/api/') && !responses.some(([status]) => status === '401')) errorless.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(undocumented).toEqual([]);
    expect(errorless).toEqual([]);
    const patch = doc.paths['/api/orders/{id}']?.patch;
    expect(patch?.responses?.['422']?.description).toContain('INSUFFICIENT_STOCK');
    expect(JSON.stringify(patch?.responses?.['422']?.content)).toContain('#/components/schemas/errors_422');
    const list = JSON.stringify(doc.paths['/api/stock_items']?.get?.responses?.['200']?.content);
    for (const part of ['#/components/schemas/stock_items_resource', 'record_count', '#/components/schemas/skus_resource']) expect(list).toContain(part);
    expect(doc.paths['/api/skus/{id}']?.delete?.responses?.['204']?.content).toBeUndefined();
    // Every Magento answer is typed (a schema with a type), none is "any JSON".
    const untyped: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (!path.startsWith('/rest/V1/')) continue;
      for (const [method, op] of Object.entries(methods)) {
        const schema = op.responses?.['200']?.content?.['application/json']?.schema as { type?: unknown } | undefined;
        if (!schema?.type) untyped.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(untyped).toEqual([]);
    const sources = JSON.stringify(doc.paths['/rest/V1/inventory/sources']?.get?.responses?.['200']?.content);
    for (const part of ['search_criteria', 'total_count', 'source_code', 'use_default_carrier_config']) expect(sources).toContain(part);
  });

  it('is valid OpenAPI 3.1 for an independent validator (Redocly: structure and $refs)', async () => {
    const source = (await api.app.inject({ method: 'GET', url: '/openapi.json' })).body;
    const config = await createConfig({ rules: { struct: 'error', 'no-unresolved-refs': 'error' } } as never);
    const problems = await lintFromString({ source, absoluteRef: 'openapi.json', config });
    expect(problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ''}`)).toEqual([]);
  });
});

describe('rate limiting and a lost database', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('pglite', { rateLimitPerMinute: 3 });
  });
  afterAll(() => api.app.close());

  it('answers 429 RATE_LIMITED past the limit, per client', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await api.get('/api/markets')).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await api.get('/api/markets');
    expect(limited.json().errors[0]).toMatchObject({ code: 'RATE_LIMITED', status: '429' });
    expect((await api.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    const other = await api.token('read_only');
    expect((await api.get('/api/markets', other)).statusCode).toBe(200);
  });

  it('reports 503 on /health when the database does not answer', async () => {
    await api.db.close();
    const res = await api.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(503);
  });
});
