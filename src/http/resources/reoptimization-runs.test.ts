// reoptimization_runs over HTTP: `_reoptimize_dry_run` and `_reoptimize` on an inventory
// model store runs readable (read-only) at /api/reoptimization_runs and under the model;
// only admin integrations may start one; orders carry the `reoptimize` opt-out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../../store/test-support/engines.js';
import { startTestApi, type TestApi } from '../test-support/app.js';
import { buildCatalogue, draftOrder, trigger, type Catalogue } from '../test-support/catalogue.js';

interface Rec { id: string; attributes: Record<string, unknown> }
const list = (res: { json(): unknown }) => (res.json() as { data: Rec[] }).data;

describe.each(enginesUnderTest())('reoptimization_runs on %s', (engine) => {
  let api: TestApi;
  let cat: Catalogue;
  beforeAll(async () => {
    api = await startTestApi(engine);
    cat = await buildCatalogue(api, { strategy: 'split_shipments', cutoff: 3, stock: { 'MUG@paris': 5, 'TSHIRT@lyon': 5 } });
  });
  afterAll(async () => { await api.close(); });

  it('a dry run, then a run, each stored and listed under the model', async () => {
    const orderId = await draftOrder(api, cat.marketId, { MUG: 1 });
    expect((await trigger(api, 'orders', orderId, '_place')).statusCode).toBe(200);
    const dry = await trigger(api, 'inventory_models', cat.modelId, '_reoptimize_dry_run');
    expect(dry.statusCode, dry.body).toBe(200);
    expect((await trigger(api, 'inventory_models', cat.modelId, '_reoptimize')).statusCode).toBe(200);
    const runs = list(await api.get(`/api/reoptimization_runs?sort=created_at&filter[q][trigger_eq]=api`));
    expect(runs.map((r) => r.attributes.status).sort()).toEqual(['completed', 'dry_run']);
    expect(runs[0]?.attributes).toMatchObject({ orders_considered: 1, orders_changed: 0, shipments_before: 1, shipments_after: 1, changed_orders: [] });
    const under = list(await api.get(`/api/inventory_models/${cat.modelId}/reoptimization_runs`));
    expect(under).toHaveLength(2);
    const one = await api.get(`/api/reoptimization_runs/${runs[0]?.id}?include=inventory_model`);
    expect(one.statusCode).toBe(200);
  });

  it('is read-only, and only admin integrations start runs', async () => {
    const created = await api.post('/api/reoptimization_runs', { data: { type: 'reoptimization_runs', attributes: {} } });
    expect(created.statusCode).not.toBe(201);
    const readOnly = await api.token('read_only');
    expect((await trigger(api, 'inventory_models', cat.modelId, '_reoptimize', readOnly)).statusCode).toBe(403);
  });

  it('orders opt out with reoptimize: false', async () => {
    const orderId = await draftOrder(api, cat.marketId, { MUG: 1 }, { reoptimize: false });
    const res = await api.get(`/api/orders/${orderId}`);
    expect((res.json() as { data: Rec }).data.attributes.reoptimize).toBe(false);
    const patched = await api.patch(`/api/orders/${orderId}`, { data: { type: 'orders', id: orderId, attributes: { reoptimize: true } } });
    expect((patched.json() as { data: Rec }).data.attributes.reoptimize).toBe(true);
    const bad = await api.patch(`/api/orders/${orderId}`, { data: { type: 'orders', id: orderId, attributes: { reoptimize: 'no' } } });
    expect(bad.statusCode).toBe(422);
  });
});
