// POST /api/stock_adjustments as an ERP sync uses it: a batch of deltas and counts applied in
// one transaction, answered row by row; and all or nothing: one bad row (unknown SKU, a
// removal below what orders hold, a stale count, a bad reason) writes nothing and is named
// by its pointer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../store/test-support/engines.js';
import { startTestApi, type TestApi } from './test-support/app.js';
import { buildCatalogue, draftOrder, trigger, type Catalogue } from './test-support/catalogue.js';

interface Doc { data: { id: string; attributes: Record<string, unknown>; meta: Record<string, unknown> }[]; errors?: { code: string; detail: string; source?: { pointer?: string }; meta: Record<string, unknown> }[] }

const row = (attributes: Record<string, unknown>) => ({ type: 'stock_adjustments', attributes });

describe.each(enginesUnderTest())('bulk stock adjustments on %s', (engine) => {
  let api: TestApi;
  let cat: Catalogue;
  beforeAll(async () => {
    api = await startTestApi(engine);
    cat = await buildCatalogue(api, { stock: { 'TSHIRT@paris': 10, 'MUG@paris': 4, 'MUG@lyon': 8 } });
  });
  afterAll(() => api.close());

  const post = (rows: unknown[], token?: string) => api.post('/api/stock_adjustments', { data: rows }, token);
  const snapshot = async () => ({
    items: await api.db.kysely.selectFrom('stock_items').select(['id', 'sku_code', 'stock_location_id', 'quantity']).orderBy('id').execute(),
    movements: (await api.db.kysely.selectFrom('stock_movements').select('id').execute()).length,
  });

  it('applies deltas and counts in row order, creating a missing stock item, and answers row by row', async () => {
    const res = await post([
      row({ sku_code: 'TSHIRT', stock_location_code: 'paris', delta: 5, reason: 'received', reference: 'ASN-1' }),
      row({ sku_code: 'MUG', stock_location_code: 'lyon', quantity: 6, expected_quantity: 8, reason: 'count_correction' }),
      row({ sku_code: 'TSHIRT', stock_location_code: 'paris', delta: -2, reason: 'damaged' }),
      row({ sku_code: 'SOFA', stock_location_code: 'lyon', delta: 3, reason: 'found' }),
      row({ sku_code: 'MUG', stock_location_code: 'paris', quantity: 4, expected_quantity: 4 }),
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const doc = res.json() as Doc;
    expect(doc.data.map((d) => [d.attributes.sku_code, d.meta.delta, d.meta.reason, d.meta.quantity_after])).toEqual([
      ['TSHIRT', 5, 'received', 15], ['MUG', -2, 'count_correction', 6], ['TSHIRT', -2, 'damaged', 13], ['SOFA', 3, 'found', 3], ['MUG', 0, 'adjustment', 4],
    ]);
    expect(doc.data[0]!.id).toBe(cat.stockItems['TSHIRT@paris']);
    expect(doc.data[0]!.meta.stock_movement_id).toMatch(/^mov_/);
    expect(doc.data[4]!.meta.stock_movement_id).toBeNull();
    const sofa = (await api.get(`/api/stock_items?filter[q][sku_code_eq]=SOFA&filter[q][stock_location_code_eq]=lyon`)).json().data;
    expect(sofa.map((s: { attributes: { quantity: number } }) => s.attributes.quantity)).toEqual([3]);
    const received = (await api.get(`/api/stock_movements?filter[q][reason_eq]=received&filter[q][sku_code_eq]=TSHIRT`)).json().data;
    expect(received.map((m: { attributes: { delta: number; reference: string } }) => [m.attributes.delta, m.attributes.reference])).toEqual([[5, 'ASN-1']]);
  });

  it('writes nothing when one row is refused, and points at that row', async () => {
    const orderId = await draftOrder(api, cat.marketId, { MUG: 3 }, { payment_status: 'paid' });
    expect((await trigger(api, 'orders', orderId, '_place')).statusCode).toBe(200);
    const before = await snapshot();
    const good = row({ sku_code: 'TSHIRT', stock_location_code: 'paris', delta: 1, reason: 'received' });
    const cases: [unknown[], number, string, string][] = [
      [[good, good, row({ sku_code: 'NOPE', stock_location_code: 'paris', delta: 1 })], 422, '/data/2/attributes/sku_code', 'VALIDATION_ERROR'],
      [[good, row({ sku_code: 'MUG', stock_location_code: 'nowhere', delta: 1 })], 422, '/data/1/attributes/stock_location_code', 'VALIDATION_ERROR'],
      [[good, row({ sku_code: 'MUG', stock_location_code: 'paris', delta: -2, reason: 'lost' })], 422, '/data/1/attributes/delta', 'INSUFFICIENT_STOCK'],
      [[row({ sku_code: 'MUG', stock_location_code: 'lyon', quantity: 1, expected_quantity: 8 }), good], 409, '/data/0/attributes/expected_quantity', 'STALE_QUANTITY'],
      [[good, row({ sku_code: 'MUG', stock_location_code: 'lyon', delta: 1, reason: 'gift' })], 422, '/data/1/attributes/reason', 'VALIDATION_ERROR'],
      [[good, row({ sku_code: 'MUG', stock_location_code: 'lyon', delta: 1, quantity: 2 })], 422, '/data/1/attributes/delta', 'VALIDATION_ERROR'],
      [[good, row({ sku_code: 'MUG', stock_location_code: 'lyon' })], 422, '/data/1/attributes/delta', 'VALIDATION_ERROR'],
      [[good, row({ sku_code: 'MUG', stock_location_code: 'lyon', delta: 1, colour: 'red' })], 422, '/data/1/attributes/colour', 'VALIDATION_ERROR'],
      [Array.from({ length: 251 }, () => good), 422, '/data', 'VALIDATION_ERROR'],
      [[], 422, '/data', 'VALIDATION_ERROR'],
    ];
    for (const [rows, status, pointer, code] of cases) {
      const res = await post(rows);
      expect(res.statusCode, `${pointer}: ${res.body}`).toBe(status);
      const error = (res.json() as Doc).errors![0]!;
      expect(error, res.body).toMatchObject({ code, source: { pointer } });
    }
    const held = (await post([good, row({ sku_code: 'MUG', stock_location_code: 'paris', delta: -2, reason: 'lost' })])).json() as Doc;
    expect(held.errors![0]).toMatchObject({ meta: { row: 1, sku_code: 'MUG', stock_location_code: 'paris', on_hand: 4, held: 3, requested: 2 } });
    expect(held.errors![0]!.detail).toMatch(/^row 1: cannot remove 2 of MUG at paris: 4 on hand, 3 held by orders/);
    expect(await snapshot()).toEqual(before);
    expect((await trigger(api, 'orders', orderId, '_cancel')).statusCode).toBe(200);
  });

  it('is for admin integrations only', async () => {
    const res = await post([row({ sku_code: 'TSHIRT', stock_location_code: 'paris', delta: 1 })], await api.token('read_only'));
    expect(res.statusCode).toBe(403);
  });

  it('is described in the OpenAPI document, with the stock_items PATCH attributes', async () => {
    const doc = (await api.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
    const bulk = JSON.stringify(doc.paths['/api/stock_adjustments']?.post?.requestBody);
    for (const word of ['sku_code', 'stock_location_code', 'delta', 'expected_quantity', 'count_correction', '"maxItems":250']) expect(bulk).toContain(word);
    const patch = JSON.stringify(doc.paths['/api/stock_items/{id}']?.patch?.requestBody);
    for (const word of ['delta', 'expected_quantity', 'received', 'STALE_QUANTITY']) expect(patch).toContain(word);
  });
});
