// Commerce Layer's official JavaScript SDK as a real client of a listening Stockroute: every
// request is sent to our server (path and query kept), authenticated with our /oauth/token.
// Covers the catalogue: shipping categories, SKUs, stock locations with addresses, stock
// items, an inventory model with locations, a market; lists with filters, sorting, pages and
// includes; updates; and the SDK's error objects for 404 and 422.
import { CommerceLayer } from '@commercelayer/sdk/bundle';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { createApplication } from '../../src/http/auth/applications.js';
import { testConfig } from '../../src/http/config.js';
import { enginesUnderTest, openTestDb, type TestDb } from '../../src/store/test-support/engines.js';

describe.each(enginesUnderTest())('Commerce Layer SDK against Stockroute on %s (catalogue)', (engine) => {
  let db: TestDb;
  let app: FastifyInstance;
  let cl: ReturnType<typeof CommerceLayer>;

  beforeAll(async () => {
    db = await openTestDb(engine);
    app = await buildApp({ db, config: testConfig() });
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });
    const admin = await createApplication(db, { name: 'sdk', kind: 'integration', role: 'admin' }, new Date());
    const token = await fetch(`${origin}/oauth/token`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: admin.clientId, client_secret: admin.clientSecret }),
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    cl = CommerceLayer({
      organization: 'stockroute',
      accessToken: token.access_token,
      fetch: (input, init) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        return fetch(`${origin}${url.pathname}${url.search}`, init);
      },
    });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('builds a catalogue and reads it back with includes, filters, sorting and pages', async () => {
    const category = await cl.shipping_categories.create({ name: 'Merchandise', reference: 'merch' });
    expect(category.id).toBeTruthy();
    const locations = [];
    for (const [code, city, priority] of [['US-WEST', 'Los Angeles', 1], ['US-EAST', 'New York', 2], ['US-CENTRAL', 'Chicago', 3]] as const) {
      // Stockroute's addresses carry only what routing needs, so the SDK's create type is bypassed.
      const address = await cl.addresses.create({ line_1: '1 Main St', city, zip_code: '10001', state_code: 'NY', country_code: 'US' } as never);
      const location = await cl.stock_locations.create({ name: `Warehouse ${city}`, code, address: cl.addresses.relationship(address.id) } as never);
      locations.push({ location, priority });
    }
    for (const code of ['TSHIRT-S', 'TSHIRT-M', 'TSHIRT-L']) {
      await cl.skus.create({ code, name: `T-shirt ${code.slice(-1)}`, shipping_category: cl.shipping_categories.relationship(category.id) });
    }
    for (const { location } of locations) {
      await cl.stock_items.create({ sku_code: 'TSHIRT-M', quantity: 10, stock_location: cl.stock_locations.relationship(location.id) });
    }
    const model = await cl.inventory_models.create({ name: 'US', strategy: 'split_shipments', stock_locations_cutoff: 3 });
    for (const { location, priority } of locations) {
      await cl.inventory_stock_locations.create({ priority, inventory_model: cl.inventory_models.relationship(model.id), stock_location: cl.stock_locations.relationship(location.id) });
    }
    const market = await cl.markets.create({ name: 'USA', code: 'us', inventory_model: cl.inventory_models.relationship(model.id) } as never);
    expect(market.id).toBeTruthy();

    const skus = await cl.skus.list({ filters: { code_start: 'TSHIRT' }, sort: { code: 'desc' }, pageSize: 2 });
    expect(Array.from(skus, (s) => s.code)).toEqual(['TSHIRT-S', 'TSHIRT-M']);
    expect(skus.getRecordCount()).toBe(3);
    expect(skus.getPageCount()).toBe(2);
    expect(skus.hasNextPage()).toBe(true);
    const page2 = await cl.skus.list({ filters: { code_start: 'TSHIRT' }, sort: { code: 'desc' }, pageSize: 2, pageNumber: 2 });
    expect(Array.from(page2, (s) => s.code)).toEqual(['TSHIRT-L']);

    const items = await cl.stock_items.list({ include: ['stock_location', 'stock_location.address'], filters: { stock_location_code_in: 'US-WEST,US-EAST' }, sort: ['quantity'] });
    expect(items).toHaveLength(2);
    expect(Array.from(items, (i) => i.stock_location?.address?.city).sort()).toEqual(['Los Angeles', 'New York']);

    const modelWithLocations = await cl.inventory_models.retrieve(model.id, { include: ['inventory_stock_locations.stock_location'] });
    expect(modelWithLocations.inventory_stock_locations?.map((isl) => [isl.priority, isl.stock_location?.code]).sort()).toEqual([[1, 'US-WEST'], [2, 'US-EAST'], [3, 'US-CENTRAL']]);

    const updated = await cl.inventory_models.update({ id: model.id, strategy: 'ship_from_first_available_or_primary' });
    expect(updated.strategy).toBe('ship_from_first_available_or_primary');

    const fields = await cl.skus.list({ fields: { skus: ['code'] }, filters: { code_eq: 'TSHIRT-M' } });
    expect(fields[0]?.code).toBe('TSHIRT-M');
    expect(fields[0]?.name).toBeUndefined();
  });

  it('surfaces Stockroute errors as SDK errors with status and JSON:API error objects', async () => {
    const missing = await cl.skus.retrieve('sku_does_not_exist').catch((e: unknown) => e);
    expect(cl.isApiError(missing)).toBe(true);
    expect((missing as { status: number }).status).toBe(404);
    expect((missing as { errors: { code: string }[] }).errors[0]?.code).toBe('RECORD_NOT_FOUND');

    const invalid = await cl.inventory_models.create({ name: 'Bad', strategy: 'cheapest_first' }).catch((e: unknown) => e);
    expect((invalid as { status: number }).status).toBe(422);
    expect((invalid as { errors: { source: { pointer: string } }[] }).errors[0]?.source.pointer).toBe('/data/attributes/strategy');
  });
});
