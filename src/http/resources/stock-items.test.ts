// Race-free stock changes over HTTP, as an ERP or a warehouse app uses them: PATCH a delta
// with a reason (movements filterable by reason), a removal refused below what orders hold
// (422 naming SKU, location, held, asked), counts compared with expected_quantity (409
// STALE_QUANTITY) or with If-Match against the ETag of a GET (412), an arrival serving a
// backorder, and the stock_items.update webhook carrying delta, reason and quantity after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../../store/test-support/engines.js';
import { startTestApi, type TestApi } from '../test-support/app.js';
import { buildCatalogue, draftOrder, trigger, type Catalogue } from '../test-support/catalogue.js';

interface ErrorDoc { errors: { code: string; status: string; detail: string; source?: { pointer?: string; parameter?: string }; meta: Record<string, unknown> }[] }

describe.each(enginesUnderTest())('stock item changes over HTTP on %s', (engine) => {
  let api: TestApi;
  let cat: Catalogue;
  beforeAll(async () => {
    api = await startTestApi(engine);
    cat = await buildCatalogue(api, { backorderable: ['SOFA'], stock: { 'TSHIRT@paris': 10, 'MUG@paris': 20, 'MUG@lyon': 5, 'SOFA@berlin': 1 } });
  });
  afterAll(() => api.close());

  const patch = (id: string, attributes: Record<string, unknown>, headers?: Record<string, string>) =>
    api.patch(`/api/stock_items/${id}`, { data: { type: 'stock_items', id, attributes } }, undefined, headers);
  const quantity = async (id: string) => (await api.get(`/api/stock_items/${id}`)).json().data.attributes.quantity as number;
  const firstError = (res: { json(): unknown }) => (res.json() as ErrorDoc).errors[0]!;

  it('adjusts by a signed delta with a reason, and movements can be filtered by reason', async () => {
    const id = cat.stockItems['MUG@paris']!;
    const received = await patch(id, { delta: 5, reason: 'received', reference: 'PO-1' });
    expect(received.statusCode, received.body).toBe(200);
    expect(received.json().data.attributes).toMatchObject({ quantity: 25, reference: 'PO-1' });
    expect(received.json().data.attributes).not.toHaveProperty('delta');
    expect((await patch(id, { delta: -2, reason: 'damaged' })).statusCode).toBe(200);
    expect((await patch(id, { delta: -1 })).statusCode).toBe(200);
    const byReason = async (reason: string) => (await api.get(`/api/stock_items/${id}/stock_movements?filter[q][reason_eq]=${reason}`)).json().data as { attributes: Record<string, unknown> }[];
    expect((await byReason('received')).map((m) => m.attributes)).toEqual([expect.objectContaining({ delta: 5, quantity_after: 25, reason: 'received', reference: 'PO-1' })]);
    expect((await byReason('damaged')).map((m) => m.attributes.delta)).toEqual([-2]);
    expect((await byReason('adjustment')).map((m) => m.attributes.delta)).toEqual([-1]);
    expect(await quantity(id)).toBe(22);
  });

  it('names the field of a bad change and changes nothing', async () => {
    const id = cat.stockItems['MUG@lyon']!;
    const cases: [Record<string, unknown>, string][] = [
      [{ delta: 1, quantity: 3 }, '/data/attributes/delta'],
      [{ delta: 1, reason: 'gift' }, '/data/attributes/reason'],
      [{ delta: 1, reason: 'order_approved' }, '/data/attributes/reason'],
      [{ delta: -1, reason: 'received' }, '/data/attributes/reason'],
      [{ delta: 0.5 }, '/data/attributes/delta'],
      [{ delta: 0 }, '/data/attributes/delta'],
      [{ delta: 1.00001 }, '/data/attributes/delta'],
      [{ delta: '1' }, '/data/attributes/delta'],
      [{ delta: 2, expected_quantity: 5 }, '/data/attributes/expected_quantity'],
      [{ quantity: 4, expected_quantity: -1 }, '/data/attributes/expected_quantity'],
    ];
    for (const [attributes, pointer] of cases) {
      const res = await patch(id, attributes);
      expect(res.statusCode, JSON.stringify(attributes)).toBe(422);
      expect(firstError(res).source?.pointer, JSON.stringify(attributes)).toBe(pointer);
    }
    expect(await quantity(id)).toBe(5);
  });

  it('refuses a removal below what orders hold, naming the SKU, the location, what is held and what was asked', async () => {
    const orderId = await draftOrder(api, cat.marketId, { TSHIRT: 6 }, { payment_status: 'paid' });
    expect((await trigger(api, 'orders', orderId, '_place')).statusCode).toBe(200);
    const id = cat.stockItems['TSHIRT@paris']!;
    const res = await patch(id, { delta: -5, reason: 'lost' });
    expect(res.statusCode).toBe(422);
    expect(firstError(res)).toMatchObject({
      code: 'INSUFFICIENT_STOCK', source: { pointer: '/data/attributes/delta' },
      meta: { sku_code: 'TSHIRT', stock_location_code: 'paris', on_hand: 10, held: 6, requested: 5, available: 4 },
    });
    expect(firstError(res).detail).toBe('cannot remove 5 of TSHIRT at paris: 10 on hand, 6 held by orders, so at most 4 can be removed');
    const count = await patch(id, { quantity: 3, reason: 'count_correction' });
    expect(count.statusCode).toBe(422);
    expect(firstError(count)).toMatchObject({ code: 'INSUFFICIENT_STOCK', source: { pointer: '/data/attributes/quantity' }, meta: { held: 6, requested: 7 } });
    expect((await patch(id, { delta: -4, reason: 'lost' })).json().data.attributes.quantity).toBe(6);
    expect((await trigger(api, 'orders', orderId, '_cancel')).statusCode).toBe(200);
  });

  it('refuses a stale count with 409 naming the current quantity, and accepts a fresh one', async () => {
    const id = cat.stockItems['MUG@lyon']!;
    const seen = await quantity(id);
    expect((await patch(id, { delta: -1, reason: 'damaged' })).statusCode).toBe(200);
    const stale = await patch(id, { quantity: 9, expected_quantity: seen, reason: 'count_correction' });
    expect(stale.statusCode).toBe(409);
    expect(firstError(stale)).toMatchObject({
      code: 'STALE_QUANTITY', status: '409', source: { pointer: '/data/attributes/expected_quantity' },
      meta: { sku_code: 'MUG', stock_location_code: 'lyon', expected_quantity: seen, current_quantity: seen - 1 },
    });
    expect(await quantity(id)).toBe(seen - 1);
    const fresh = await patch(id, { quantity: 9, expected_quantity: seen - 1, reason: 'count_correction' });
    expect(fresh.statusCode, fresh.body).toBe(200);
    expect(fresh.json().data.attributes.quantity).toBe(9);
  });

  it('sends an ETag and refuses a PATCH whose If-Match no longer matches (412), even when on-hand came back to the same number', async () => {
    const id = cat.stockItems['MUG@paris']!;
    const read = await api.get(`/api/stock_items/${id}`);
    const etag = read.headers.etag as string;
    expect(etag).toMatch(/^"\d+-[\w-]+"$/);
    expect((await api.get(`/api/stock_items/${id}`)).headers.etag).toBe(etag);
    const ok = await patch(id, { quantity: 30, reason: 'count_correction' }, { 'if-match': etag });
    expect(ok.statusCode, ok.body).toBe(200);
    const next = ok.headers.etag as string;
    expect(next).not.toBe(etag);
    expect((await patch(id, { delta: -8 }, { 'if-match': next })).statusCode).toBe(200);
    const back = await api.get(`/api/stock_items/${id}`);
    expect(back.json().data.attributes.quantity).toBe(22);
    const refused = await patch(id, { quantity: 40 }, { 'if-match': etag });
    expect(refused.statusCode).toBe(412);
    expect(firstError(refused)).toMatchObject({ code: 'PRECONDITION_FAILED', source: { parameter: 'If-Match' }, meta: { etag: back.headers.etag } });
    expect((await patch(id, { quantity: 40 }, { 'if-match': `W/${back.headers.etag as string}` })).statusCode).toBe(412);
    expect(await quantity(id)).toBe(22);
    expect((await patch(id, { quantity: 23 }, { 'if-match': `"nope", ${back.headers.etag as string}` })).statusCode).toBe(200);
    expect((await patch(id, { quantity: 24 }, { 'if-match': '*' })).statusCode).toBe(200);
  });

  it('lets an arrival serve a backorder, as before', async () => {
    const orderId = await draftOrder(api, cat.marketId, { SOFA: 3 }, { payment_status: 'paid' });
    expect((await trigger(api, 'orders', orderId, '_place')).statusCode).toBe(200);
    const backordered = async () => ((await api.get(`/api/orders/${orderId}/line_items`)).json().data as { attributes: { backordered_quantity: number } }[])[0]!.attributes.backordered_quantity;
    expect(await backordered()).toBe(2);
    expect((await patch(cat.stockItems['SOFA@berlin']!, { delta: 2, reason: 'received' })).statusCode).toBe(200);
    expect(await backordered()).toBe(0);
  });

  it('sends stock_items.update with the delta, the reason and the quantity after', async () => {
    await api.create('webhooks', { name: 'erp', topic: 'stock_items.update', callback_url: 'http://127.0.0.1:9/hook' });
    const id = cat.stockItems['MUG@lyon']!;
    const before = await quantity(id);
    expect((await patch(id, { delta: 3, reason: 'returned', reference: 'RMA-4' })).statusCode).toBe(200);
    const events = await api.db.kysely.selectFrom('webhook_events').select('payload').where('topic', '=', 'stock_items.update').execute();
    expect(events.at(-1)?.payload).toMatchObject({ id, sku_code: 'MUG', delta: 3, reason: 'returned', quantity_after: before + 3, reference: 'RMA-4', movement_id: expect.stringMatching(/^mov_/) });
  });
});
