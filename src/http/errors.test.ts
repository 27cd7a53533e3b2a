// Every way a request can be wrong gets a JSON:API error document with the right status and
// a pointer or parameter — never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../store/test-support/engines.js';
import { JSONAPI, startTestApi, type TestApi } from './test-support/app.js';

describe.each(enginesUnderTest())('error documents on %s', (engine) => {
  let api: TestApi;
  let location: string;
  beforeAll(async () => {
    api = await startTestApi(engine);
    await api.create('skus', { code: 'ERR', name: 'Whole units', do_not_ship: true });
    await api.create('skus', { code: 'ERR-DEC', name: 'Decimal', do_not_ship: true, quantity_decimal: true });
    location = await api.create('stock_locations', { code: 'ERR-LOC', name: 'Errors' });
  });
  afterAll(() => api.close());

  const raw = (method: 'POST' | 'PATCH' | 'GET', url: string, payload?: string, headers: Record<string, string> = {}) =>
    api.app.inject({ method, url, headers: { authorization: `Bearer ${api.admin}`, ...headers }, ...(payload !== undefined ? { payload } : {}) });
  const firstError = (res: { json(): unknown }) => (res.json() as { errors: Record<string, unknown>[] }).errors[0];
  const stockItem = (attributes: Record<string, unknown>, relationships: Record<string, unknown> = { stock_location: { data: { type: 'stock_locations', id: location } } }) =>
    api.post('/api/stock_items', { data: { type: 'stock_items', attributes, relationships } });

  it('bad JSON → 400', async () => {
    const res = await raw('POST', '/api/skus', '{"data": {', { 'content-type': JSONAPI });
    expect(res.statusCode).toBe(400);
    expect(firstError(res)).toMatchObject({ code: 'BAD_REQUEST', status: '400' });
  });

  it('a body with another media type → 415; an Accept without JSON:API → 406; */* and no Accept are fine', async () => {
    const body = JSON.stringify({ data: { type: 'shipping_categories', attributes: { code: 'x', name: 'x' } } });
    expect((await raw('POST', '/api/shipping_categories', body, { 'content-type': 'text/plain' })).statusCode).toBe(415);
    expect(firstError(await raw('POST', '/api/shipping_categories', body, { 'content-type': 'application/xml' }))).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    const notAcceptable = await raw('GET', '/api/skus', undefined, { accept: 'text/html' });
    expect(notAcceptable.statusCode).toBe(406);
    expect(firstError(notAcceptable)).toMatchObject({ code: 'NOT_ACCEPTABLE', status: '406' });
    expect((await raw('GET', '/api/skus', undefined, { accept: '*/*' })).statusCode).toBe(200);
    expect((await raw('GET', '/api/skus')).statusCode).toBe(200);
    expect((await raw('GET', '/api/skus', undefined, { accept: 'application/vnd.api+json' })).statusCode).toBe(200);
  });

  it('an unknown attribute → 422 pointing at it', async () => {
    const res = await api.post('/api/skus', { data: { type: 'skus', attributes: { code: 'U', name: 'U', do_not_ship: true, colour: 'red' } } });
    expect(res.statusCode).toBe(422);
    expect(firstError(res)).toMatchObject({ code: 'VALIDATION_ERROR', status: '422', source: { pointer: '/data/attributes/colour' } });
    expect(String(firstError(res)?.detail)).toContain('colour');
  });

  it('a wrong type, a missing required attribute or a wrong data.type → 422 with a pointer', async () => {
    const wrong = await api.post('/api/skus', { data: { type: 'skus', attributes: { code: 'W', name: 'W', do_not_ship: 'yes' } } });
    expect(firstError(wrong)).toMatchObject({ code: 'VALIDATION_ERROR', source: { pointer: '/data/attributes/do_not_ship' } });
    const missing = await api.post('/api/skus', { data: { type: 'skus', attributes: { code: 'M' } } });
    expect(missing.statusCode).toBe(422);
    const type = await api.post('/api/skus', { data: { type: 'markets', attributes: { code: 'T', name: 'T' } } });
    expect(firstError(type)).toMatchObject({ source: { pointer: '/data/type' } });
    const notADocument = await api.post('/api/skus', [1, 2]);
    expect(notADocument.statusCode).toBe(422);
  });

  it('negative or fractional stock quantities → 422, never 500', async () => {
    const negative = await stockItem({ sku_code: 'ERR', quantity: -1 });
    expect(negative.statusCode).toBe(422);
    expect(firstError(negative)).toMatchObject({ source: { pointer: '/data/attributes/quantity' } });
    const fractional = await stockItem({ sku_code: 'ERR', quantity: 1.5 });
    expect(fractional.statusCode).toBe(422);
    expect(firstError(fractional)).toMatchObject({ source: { pointer: '/data/attributes/quantity' } });
    const fiveDecimals = await stockItem({ sku_code: 'ERR-DEC', quantity: 1.23456 });
    expect(fiveDecimals.statusCode).toBe(422);
    const huge = await stockItem({ sku_code: 'ERR-DEC', quantity: 1e300 });
    expect(huge.statusCode).toBe(422);
    expect((await stockItem({ sku_code: 'ERR-DEC', quantity: 1.2345 })).statusCode).toBe(201);
  });

  it('an unknown relationship id → 4xx naming it, not a 500', async () => {
    const res = await api.post('/api/stock_locations', { data: { type: 'stock_locations', attributes: { code: 'REL', name: 'R' }, relationships: { address: { data: { type: 'addresses', id: 'addr_nope' } } } } });
    expect(res.statusCode).toBe(422);
    expect(firstError(res)).toMatchObject({ source: { pointer: '/data/relationships/address' } });
    const wrongType = await api.post('/api/stock_locations', { data: { type: 'stock_locations', attributes: { code: 'REL', name: 'R' }, relationships: { address: { data: { type: 'skus', id: 'x' } } } } });
    expect(wrongType.statusCode).toBe(422);
    const unknownSku = await stockItem({ sku_code: 'NOPE', quantity: 1 });
    expect(unknownSku.statusCode).toBe(404);
  });

  it('PATCH with data.id other than the URL id → 400 KEY_NOT_INCLUDED_IN_URL', async () => {
    const res = await api.patch(`/api/stock_locations/${location}`, { data: { type: 'stock_locations', id: 'sl_other', attributes: { name: 'x' } } });
    expect(res.statusCode).toBe(400);
    expect(firstError(res)).toMatchObject({ code: 'KEY_NOT_INCLUDED_IN_URL', status: '400' });
  });

  it('unknown ids and routes → 404 RECORD_NOT_FOUND; a read-only attribute cannot be written', async () => {
    const id = await api.get('/api/skus/sku_missing');
    expect(id.statusCode).toBe(404);
    expect(firstError(id)).toMatchObject({ code: 'RECORD_NOT_FOUND', status: '404' });
    expect((await api.get('/api/unicorns')).statusCode).toBe(404);
    expect((await api.patch('/api/skus/sku_missing', { data: { type: 'skus', id: 'sku_missing', attributes: { name: 'x' } } })).statusCode).toBe(404);
    const sku = (await api.get('/api/skus?filter[q][code_eq]=ERR')).json().data[0].id as string;
    const readOnly = await api.patch(`/api/stock_items/${sku}`, { data: { type: 'stock_items', id: sku, attributes: { sku_code: 'OTHER' } } });
    expect(readOnly.statusCode).toBe(422);
  });
});

describe.each(enginesUnderTest())('values PostgreSQL refuses on %s', (engine) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(engine);
  });
  afterAll(() => api.close());

  it('answers 422/400 for NUL bytes, overflowing integers and bad dates instead of a 500', async () => {
    const nul = await api.post('/api/shipping_categories', { data: { type: 'shipping_categories', attributes: { code: 'a\u0000b', name: 'x' } } });
    expect(nul.statusCode).toBe(422);
    const model = await api.create('inventory_models', { name: 'M' });
    const location = await api.create('stock_locations', { code: 'BIG', name: 'Big' });
    const huge = await api.post('/api/inventory_stock_locations', { data: { type: 'inventory_stock_locations', attributes: { priority: 1e12 }, relationships: { inventory_model: { data: { type: 'inventory_models', id: model } }, stock_location: { data: { type: 'stock_locations', id: location } } } } });
    expect(huge.statusCode).toBe(422);
    const date = await api.get('/api/skus?filter[q][created_at_gt]=yesterday-ish');
    expect(date.statusCode).toBe(400);
    const nullable = await api.post('/api/addresses', { data: { type: 'addresses', attributes: { lat: 'north' } } });
    expect(nullable.statusCode).toBe(422);
    expect(nullable.json().errors).toHaveLength(1);
    expect(nullable.json().errors[0].source.pointer).toBe('/data/attributes/lat');
  });
});
