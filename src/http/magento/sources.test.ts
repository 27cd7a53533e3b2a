// Magento sources and the admin token, replaying Magento's InventoryApi API-functional tests
// (SourceRepository/CreateTest, GetTest, UpdateTest, ValidationTest, GetListTest).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../../store/test-support/engines.js';
import { criteria, startMagentoApi, type MagentoTestApi } from './test-support.js';

const fullSource = {
  source_code: 'source-code-1', name: 'source-name-1', contact_name: 'source-contact-name', email: 'source-email', enabled: true,
  description: 'source-description', latitude: 11.123456, longitude: 12.123456, country_id: 'US', region_id: 10, city: 'source-city',
  street: 'source-street', postcode: 'source-postcode', phone: 'source-phone', fax: 'source-fax', use_default_carrier_config: true, carrier_links: [],
};

describe.each(enginesUnderTest())('Magento sources on %s', (engine) => {
  let m: MagentoTestApi;
  beforeAll(async () => { m = await startMagentoApi(engine); }, 300_000);
  afterAll(() => m?.close());

  it('issues the admin token as a JSON string for client credentials; refuses wrong ones with 401', async () => {
    expect(typeof m.token).toBe('string');
    expect(m.token.split('.')).toHaveLength(3);
    const wrong = await m.api.app.inject({ method: 'POST', url: '/rest/V1/integration/admin/token', payload: { username: 'nobody', password: 'x' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ message: 'The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later.' });
    const missing = await m.api.app.inject({ method: 'POST', url: '/rest/V1/integration/admin/token', payload: {} });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0]).toEqual({ message: '"%fieldName" is required. Enter and try again.', parameters: { fieldName: 'username' } });
  });

  it('answers 401 with Magento’s message without a token, and takes Stockroute OAuth tokens too', async () => {
    const none = await m.api.app.inject({ method: 'GET', url: '/rest/V1/inventory/sources' });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toEqual({ message: "The consumer isn't authorized to access %resources.", parameters: { resources: 'Magento_InventoryApi::source' } });
    expect((await m.get('/inventory/sources', 'garbage')).statusCode).toBe(401);
    expect((await m.get('/inventory/sources', m.api.admin)).statusCode).toBe(200);
    expect((await m.api.get('/api/skus', m.token)).statusCode).toBe(200);
    const unknown = await m.get('/inventory/nothing-here');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ message: 'Request does not match any route.' });
  });

  it('creates a source and reads back every field (CreateTest), under every base path', async () => {
    expect(await m.ok('POST', '/inventory/sources', { source: fullSource })).toEqual([]);
    const got = await m.ok('GET', '/inventory/sources/source-code-1');
    expect(got).toMatchObject(fullSource);
    expect(await m.ok('GET', '/rest/default/V1/inventory/sources/source-code-1')).toEqual(got);
    expect(await m.ok('GET', '/rest/all/V1/inventory/sources/source-code-1')).toEqual(got);
    // The same place on the JSON:API, as a stock location with its address.
    const location = (await m.api.get('/api/stock_locations?filter[q][code_eq]=source-code-1&include=address')).json();
    expect(location.data[0].attributes).toMatchObject({ code: 'source-code-1', name: 'source-name-1', enabled: true });
    expect(location.included[0].attributes).toMatchObject({ country_code: 'US', zip_code: 'source-postcode', lat: 11.123456, lng: 12.123456, city: 'source-city', line_1: 'source-street' });
  });

  it('updates a source by PUT with the code from the path (UpdateTest) and 404s an unknown code (GetTest)', async () => {
    const update = { ...fullSource, source_code: 'ignored', name: 'source-name-1-updated', enabled: false, city: 'updated-city', latitude: 13.123456, longitude: 14.123456 };
    expect(await m.ok('PUT', '/inventory/sources/source-code-1', { source: update })).toEqual([]);
    expect(await m.ok('GET', '/inventory/sources/source-code-1')).toMatchObject({ source_code: 'source-code-1', name: 'source-name-1-updated', enabled: false, city: 'updated-city', latitude: 13.123456 });
    const missing = await m.get('/inventory/sources/no-such-source');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ message: 'Source with code "%value" does not exist.', parameters: { value: 'no-such-source' } });
  });

  it('validates as Magento’s SourceRepository/ValidationTest', async () => {
    const valid = { source_code: 'source-code-2', name: 'source-name-2', postcode: 'source-postcode', country_id: 'US' };
    const cases: [Record<string, unknown>, { message: string; parameters: { field: string } }[]][] = [
      [{ name: undefined }, [{ message: '"%field" can not be empty.', parameters: { field: 'name' } }]],
      [{ name: ' ' }, [{ message: '"%field" can not be empty.', parameters: { field: 'name' } }]],
      [{ postcode: null }, [{ message: '"%field" can not be empty.', parameters: { field: 'postcode' } }]],
      [{ country_id: '' }, [{ message: '"%field" can not be empty.', parameters: { field: 'country_id' } }]],
      [{ source_code: ' ' }, [{ message: '"%field" can not be empty.', parameters: { field: 'source_code' } }, { message: '"%field" can not contain whitespaces.', parameters: { field: 'source_code' } }]],
      [{ source_code: 'source code' }, [{ message: '"%field" can not contain whitespaces.', parameters: { field: 'source_code' } }]],
    ];
    for (const [change, errors] of cases) {
      const res = await m.post('/inventory/sources', { source: { ...valid, ...change } });
      expect(res.statusCode, JSON.stringify(change)).toBe(400);
      expect(res.json()).toEqual({ message: 'Validation Failed', errors });
    }
    const duplicate = await m.post('/inventory/sources', { source: { ...valid, source_code: 'source-code-1' } });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json()).toEqual({ message: 'Could not save Source' });
  });

  it('lists sources with searchCriteria: filters, sort, paging and the envelope (GetListTest)', async () => {
    for (const [code, enabled, country] of [['eu-1', true, 'FR'], ['eu-2', true, 'FR'], ['eu-3', false, 'DE'], ['us-1', true, 'US']] as const) {
      await m.ok('POST', '/inventory/sources', { source: { source_code: code, name: code, enabled, postcode: '1', country_id: country } });
    }
    const enabledEu = await m.ok('GET', `/inventory/sources?${criteria([['enabled', 1], ['source_code', 'eu-%', 'like']], { 'sortOrders][0][field': 'source_code', 'sortOrders][0][direction': 'DESC' })}`) as { items: { source_code: string }[]; total_count: number; search_criteria: unknown };
    expect(enabledEu.items.map((s) => s.source_code)).toEqual(['eu-2', 'eu-1']);
    expect(enabledEu.total_count).toBe(2);
    expect(enabledEu.search_criteria).toEqual({
      filter_groups: [{ filters: [{ field: 'enabled', value: '1', condition_type: 'eq' }] }, { filters: [{ field: 'source_code', value: 'eu-%', condition_type: 'like' }] }],
      sort_orders: [{ field: 'source_code', direction: 'DESC' }],
    });
    const page = await m.ok('GET', `/inventory/sources?${criteria([['country_id', 'FR,DE', 'in']], { pageSize: 2, currentPage: 2 })}`) as { items: { source_code: string }[]; total_count: number };
    expect(page).toMatchObject({ total_count: 3, items: [{ source_code: 'eu-3' }] });
    const bad = await m.get(`/inventory/sources?${criteria([['warehouse', 'x']])}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().parameters[0]).toBe('warehouse');
  });

  it('lets a read_only integration GET but not write (401, as Magento has no 403)', async () => {
    const readOnly = await m.tokenFor('read_only');
    expect((await m.get('/inventory/sources', readOnly)).statusCode).toBe(200);
    const write = await m.post('/inventory/sources', { source: { source_code: 'ro', name: 'ro', postcode: '1', country_id: 'US' } }, readOnly);
    expect(write.statusCode).toBe(401);
    expect(write.json().parameters).toEqual({ resources: 'Magento_InventoryApi::source' });
  });
});
