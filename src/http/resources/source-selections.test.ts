// source_selections against bad input and misuse: unknown attributes, dry runs with bad
// items or an unknown model, edits that point at the offending line and location, edits and
// _submit on a submitted selection, and who may use them. Never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../../store/test-support/engines.js';
import { startTestApi, type TestApi } from '../test-support/app.js';
import { buildCatalogue, draftOrder, trigger, type Catalogue } from '../test-support/catalogue.js';

interface Res { statusCode: number; body: string; json(): unknown }
interface Source { stock_location_code: string; quantity_available: number; quantity_to_deduct: number }
interface Item { sku_code: string; quantity: number; shortfall: number; sources: Source[] }
interface Rec { id: string; attributes: Record<string, unknown> & { items?: Item[] } }
interface ErrorDoc { errors: { code: string; detail: string; source?: { pointer?: string } }[] }

const err = (res: Res) => (res.json() as ErrorDoc).errors[0]!;
const data = (res: Res) => (res.json() as { data: Rec }).data;

describe.each(enginesUnderTest())('source selections input on %s', (engine) => {
  let api: TestApi;
  let cat: Catalogue;
  const dryRun = (attributes: Record<string, unknown>) => api.post('/api/source_selections', { data: { type: 'source_selections', attributes } });
  const forOrder = (orderId: string, attributes: Record<string, unknown> = {}) => api.post('/api/source_selections', {
    data: { type: 'source_selections', attributes, relationships: { order: { data: { type: 'orders', id: orderId } } } },
  });
  const expect4xx = (res: Res, status: number, text: RegExp) => {
    expect(res.statusCode, res.body).toBe(status);
    expect(`${err(res).detail} ${err(res).source?.pointer ?? ''}`).toMatch(text);
  };
  const paidOrder = async (lines: Record<string, number>) => {
    const id = await draftOrder(api, cat.marketId, lines, { payment_status: 'paid' });
    expect((await trigger(api, 'orders', id, '_place')).statusCode).toBe(200);
    return id;
  };

  beforeAll(async () => {
    api = await startTestApi(engine);
    cat = await buildCatalogue(api, { stock: { 'TSHIRT@paris': 5, 'TSHIRT@lyon': 10, 'MUG@paris': 20 } });
  });
  afterAll(async () => { await api.close(); });

  it('a dry run proposes without touching stock', async () => {
    const res = await dryRun({ inventory_model_id: cat.modelId, items: [{ sku_code: 'TSHIRT', quantity: 8 }], algorithm: 'priority' });
    expect(res.statusCode, res.body).toBe(201);
    const item = data(res).attributes.items![0]!;
    expect(item.sources.map((s) => `${s.stock_location_code}:${s.quantity_to_deduct}`)).toEqual(['paris:5', 'lyon:3']);
    expect(data(res).attributes).toMatchObject({ status: 'proposed', shippable: true, algorithm_used: 'priority' });
  });

  it('fewest_shipments states its optimality (read-only); other algorithms and hand edits have none', async () => {
    const res = await dryRun({ inventory_model_id: cat.modelId, items: [{ sku_code: 'TSHIRT', quantity: 8 }], algorithm: 'fewest_shipments' });
    expect(res.statusCode, res.body).toBe(201);
    const sel = data(res);
    expect(sel.attributes.items![0]!.sources.map((s) => `${s.stock_location_code}:${s.quantity_to_deduct}`)).toEqual(['paris:0', 'lyon:8']);
    expect(sel.attributes.optimality).toEqual({ status: 'proven', shipments: 1, lower_bound: 1 });
    const read = await api.get(`/api/source_selections/${sel.id}`);
    expect(data(read).attributes.optimality).toEqual({ status: 'proven', shipments: 1, lower_bound: 1 });
    const patch = (attributes: Record<string, unknown>) => api.patch(`/api/source_selections/${sel.id}`, { data: { type: 'source_selections', id: sel.id, attributes } });
    expect4xx(await patch({ optimality: { status: 'proven' } }), 422, /optimality/);
    const items = structuredClone(sel.attributes.items!);
    items[0]!.sources[0]!.quantity_to_deduct = 5;
    items[0]!.sources[1]!.quantity_to_deduct = 3;
    const edited = await patch({ items });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(data(edited).attributes.optimality).toBeNull();
    const priority = await dryRun({ inventory_model_id: cat.modelId, items: [{ sku_code: 'TSHIRT', quantity: 8 }], algorithm: 'priority' });
    expect(data(priority).attributes.optimality).toBeNull();
  });

  it('bad dry runs are 4xx naming the field', async () => {
    expect4xx(await dryRun({ inventory_model_id: cat.modelId, items: [] }), 422, /items/);
    expect4xx(await dryRun({ inventory_model_id: cat.modelId }), 422, /items/);
    expect4xx(await dryRun({ items: [{ sku_code: 'TSHIRT', quantity: 1 }] }), 422, /inventory_model/);
    expect4xx(await dryRun({ inventory_model_id: 'im_nope', items: [{ sku_code: 'TSHIRT', quantity: 1 }] }), 404, /im_nope/);
    for (const bad of [{ sku_code: 'TSHIRT', quantity: -2 }, { sku_code: 'TSHIRT', quantity: 1.00001 }, { sku_code: 'TSHIRT', quantity: 'lots' }, { sku_code: 'TSHIRT' }, { quantity: 1 }, { sku_code: 'NOPE', quantity: 1 }]) {
      const res = await dryRun({ inventory_model_id: cat.modelId, items: [bad] });
      expect([404, 422], `${JSON.stringify(bad)}: ${res.body}`).toContain(res.statusCode);
      expect(err(res).source?.pointer ?? err(res).detail).toMatch(/items|sku|NOPE/);
    }
    expect4xx(await dryRun({ inventory_model_id: cat.modelId, items: 'TSHIRT' }), 422, /items/);
    expect4xx(await dryRun({ inventory_model_id: cat.modelId, items: [{ sku_code: 'TSHIRT', quantity: 1 }], algorithm: 'teleport' }), 422, /algorithm|teleport/);
    expect4xx(await dryRun({ inventory_model_id: cat.modelId, items: [{ sku_code: 'TSHIRT', quantity: 1 }], distance_mode: 'flying' }), 422, /distance_mode/);
    expect4xx(await dryRun({ inventory_model_id: cat.modelId, items: [{ sku_code: 'TSHIRT', quantity: 1 }], colour: 'red' }), 422, /colour/);
    expect4xx(await dryRun({ inventory_model_id: cat.modelId, items: [{ sku_code: 'TSHIRT', quantity: 1 }], status: 'submitted' }), 422, /status/);
  });

  it('for an order: unknown order is 404; a draft or unpaid order is refused', async () => {
    expect4xx(await forOrder('ord_nope'), 404, /ord_nope/);
    const draft = await draftOrder(api, cat.marketId, { MUG: 1 }, { payment_status: 'paid' });
    expect((await forOrder(draft)).statusCode).toBe(422);
    const unpaid = await draftOrder(api, cat.marketId, { MUG: 1 });
    await trigger(api, 'orders', unpaid, '_place');
    expect((await forOrder(unpaid)).statusCode).toBe(422);
  });

  it('edits point at the offending line and location; a submitted selection cannot be edited or submitted again', async () => {
    const orderId = await paidOrder({ MUG: 4 });
    const created = await forOrder(orderId, { algorithm: 'priority' });
    expect(created.statusCode, created.body).toBe(201);
    const sel = data(created);
    const patch = (attributes: Record<string, unknown>) => api.patch(`/api/source_selections/${sel.id}`, { data: { type: 'source_selections', id: sel.id, attributes } });
    const items = structuredClone(sel.attributes.items!);
    items[0]!.sources[0]!.quantity_to_deduct = 25;
    expect4xx(await patch({ items }), 422, /items\/0\/sources\/0\/quantity_to_deduct/);
    items[0]!.sources[0]!.quantity_to_deduct = -1;
    expect4xx(await patch({ items }), 422, /items\/0\/sources\/0\/quantity_to_deduct/);
    expect4xx(await patch({ items: 'all' }), 422, /items/);
    expect4xx(await patch({ algorithm: 'distance' }), 422, /algorithm/);
    items[0]!.sources[0]!.quantity_to_deduct = 2;
    const edited = await patch({ items });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(data(edited).attributes.items![0]!.sources[0]!.quantity_to_deduct).toBe(2);

    const submitted = await patch({ _submit: true });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(data(submitted).attributes.status).toBe('submitted');
    const shipments = (await api.get(`/api/source_selections/${sel.id}/shipments`)).json() as { data: Rec[] };
    expect(shipments.data).toHaveLength(1);

    const again = await patch({ _submit: true });
    expect(again.statusCode).toBe(422);
    expect(again.json()).toMatchObject({ errors: [{ code: 'ILLEGAL_TRANSITION', meta: { state: 'submitted' } }] });
    items[0]!.sources[0]!.quantity_to_deduct = 1;
    expect4xx(await patch({ items }), 422, /submitted/);
    expect(((await api.get(`/api/source_selections/${sel.id}/shipments`)).json() as { data: Rec[] }).data).toHaveLength(1);
    const line = ((await api.get(`/api/orders/${orderId}/line_items`)).json() as { data: Rec[] }).data[0]!;
    expect(line.attributes.quantity).toBe(4);
    expect(await api.get(`/api/shipments/${shipments.data[0]!.id}/stock_line_items`).then((r) => (r.json() as { data: Rec[] }).data.map((l) => l.attributes.quantity))).toEqual([2]);
    expect((await api.del(`/api/source_selections/${sel.id}`)).statusCode).toBe(404);
  });

  it('a dry run cannot be submitted', async () => {
    const sel = data(await dryRun({ inventory_model_id: cat.modelId, items: [{ sku_code: 'MUG', quantity: 1 }] }));
    const res = await api.patch(`/api/source_selections/${sel.id}`, { data: { type: 'source_selections', id: sel.id, attributes: { _submit: true } } });
    expect(res.statusCode, res.body).toBe(422);
  });

  it('sales channels and read_only integrations cannot create or submit selections', async () => {
    const shop = await api.token({ marketId: cat.marketId });
    const reader = await api.token('read_only');
    const body = { data: { type: 'source_selections', attributes: { inventory_model_id: cat.modelId, items: [{ sku_code: 'MUG', quantity: 1 }] } } };
    expect((await api.post('/api/source_selections', body, shop)).statusCode).toBe(403);
    expect((await api.post('/api/source_selections', body, reader)).statusCode).toBe(403);
    expect((await api.get('/api/source_selections', shop)).statusCode).toBe(403);
    const orderId = await paidOrder({ MUG: 1 });
    const sel = data(await forOrder(orderId));
    const submit = { data: { type: 'source_selections', id: sel.id, attributes: { _submit: true } } };
    expect((await api.patch(`/api/source_selections/${sel.id}`, submit, reader)).statusCode).toBe(403);
    expect((await api.patch(`/api/source_selections/${sel.id}`, submit, shop)).statusCode).toBe(403);
    expect(data(await api.get(`/api/source_selections/${sel.id}`)).attributes.status).toBe('proposed');
  });
});
