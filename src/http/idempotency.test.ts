// Idempotency-Key: a retried POST/PATCH returns the first response and changes nothing more;
// the same key with another body is refused; concurrent duplicates run once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../store/test-support/engines.js';
import { startTestApi, type TestApi } from './test-support/app.js';

describe.each(enginesUnderTest())('Idempotency-Key on %s', (engine) => {
  let api: TestApi;
  let location: string;
  beforeAll(async () => {
    api = await startTestApi(engine);
    location = await api.create('stock_locations', { code: 'IDEM', name: 'Idempotent' });
    await api.create('skus', { code: 'IDEM-SKU', name: 'x', do_not_ship: true });
  });
  afterAll(() => api.close());

  const category = (code: string) => ({ data: { type: 'shipping_categories', attributes: { code, name: code } } });
  const count = async (code: string) => (await api.get(`/api/shipping_categories?filter[q][code_eq]=${code}`)).json().meta.record_count as number;

  it('returns the stored first response to a retry and creates nothing more', async () => {
    const first = await api.post('/api/shipping_categories', category('once'), api.admin, { 'idempotency-key': 'k-1' });
    const retry = await api.post('/api/shipping_categories', category('once'), api.admin, { 'idempotency-key': 'k-1' });
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.json().data.id).toBe(first.json().data.id);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await count('once')).toBe(1);
    const without = await api.post('/api/shipping_categories', category('once'));
    expect(without.statusCode).toBe(409);
  });

  it('refuses the same key with a different body (422)', async () => {
    await api.post('/api/shipping_categories', category('first-body'), api.admin, { 'idempotency-key': 'k-2' });
    const other = await api.post('/api/shipping_categories', category('second-body'), api.admin, { 'idempotency-key': 'k-2' });
    expect(other.statusCode).toBe(422);
    expect(other.json().errors[0]).toMatchObject({ code: 'VALIDATION_ERROR', source: { parameter: 'Idempotency-Key' } });
    expect(await count('second-body')).toBe(0);
  });

  it('applies a retried PATCH of a stock quantity once (one movement)', async () => {
    const id = await api.create('stock_items', { sku_code: 'IDEM-SKU', quantity: 10 }, { stock_location: { type: 'stock_locations', id: location } });
    const body = { data: { type: 'stock_items', id, attributes: { quantity: 4 } } };
    for (let i = 0; i < 3; i++) expect((await api.patch(`/api/stock_items/${id}`, body, api.admin, { 'idempotency-key': 'k-3' })).statusCode).toBe(200);
    const movements = await api.get(`/api/stock_items/${id}/stock_movements`);
    expect(movements.json().meta.record_count).toBe(2);
  });

  it('runs concurrent duplicates once; the others get the stored response or 409, never a second record', async () => {
    const responses = await Promise.all(Array.from({ length: 6 }, () =>
      api.post('/api/shipping_categories', category('race'), api.admin, { 'idempotency-key': 'k-4' })));
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.every((s) => s === 201 || s === 409), statuses.join()).toBe(true);
    expect(statuses).toContain(201);
    expect(await count('race')).toBe(1);
  });

  it('keys are per application', async () => {
    const other = await api.token('admin');
    await api.post('/api/shipping_categories', category('per-app-a'), api.admin, { 'idempotency-key': 'k-5' });
    const res = await api.post('/api/shipping_categories', category('per-app-b'), other, { 'idempotency-key': 'k-5' });
    expect(res.statusCode).toBe(201);
  });
});
