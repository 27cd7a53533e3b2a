// Magento source items over stock items, replaying InventoryApi's SourceItemsSave/SaveTest,
// SourceItemsSave/ValidationTest (messages word for word), SourceItemRepository/GetListTest
// and SourceItemsDeleteTest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../../store/test-support/engines.js';
import { criteria, startMagentoApi, type MagentoTestApi } from './test-support.js';

describe.each(enginesUnderTest())('Magento source items on %s', (engine) => {
  let m: MagentoTestApi;
  beforeAll(async () => {
    m = await startMagentoApi(engine);
    for (const code of ['eu-1', 'eu-2']) await m.ok('POST', '/inventory/sources', { source: { source_code: code, name: code, postcode: '75001', country_id: 'FR' } });
    for (const sku of ['SKU-1', 'SKU-2', '10001']) await m.api.create('skus', { code: sku, name: sku, do_not_ship: true, quantity_decimal: sku === 'SKU-1' });
  }, 300_000);
  afterAll(() => m?.close());

  it('saves source items (SaveTest), lists them by searchCriteria, and writes stock movements', async () => {
    const items = [
      { sku: 'SKU-1', source_code: 'eu-1', quantity: 1.5, status: 1 },
      { sku: 'SKU-1', source_code: 'eu-2', quantity: 3, status: 0 },
      { sku: 10001, source_code: 'eu-1', quantity: 7, status: 1 },
    ];
    expect(await m.ok('POST', '/inventory/source-items', { sourceItems: items })).toEqual([]);
    const list = await m.ok('GET', `/inventory/source-items?${criteria([['sku', 'SKU-1']])}`);
    expect(list).toMatchObject({
      items: [{ sku: 'SKU-1', source_code: 'eu-1', quantity: 1.5, status: 1 }, { sku: 'SKU-1', source_code: 'eu-2', quantity: 3, status: 0 }],
      total_count: 2,
    });
    expect(await m.ok('GET', `/inventory/source-items?${criteria([['sku', '10001']])}`)).toMatchObject({ items: [{ sku: '10001', quantity: 7 }], total_count: 1 });
    // A second save is an absolute count: the difference is one movement.
    await m.ok('POST', '/inventory/source-items', { sourceItems: [{ sku: 'SKU-1', source_code: 'eu-1', quantity: 4, status: 1 }] });
    const stock = (await m.api.get('/api/stock_items?filter[q][sku_code_eq]=SKU-1&filter[q][stock_location_code_eq]=eu-1')).json().data[0];
    expect(stock.attributes).toMatchObject({ quantity: 4, status: 'in_stock' });
    const movements = (await m.api.get(`/api/stock_items/${stock.id}/stock_movements`)).json().data.map((d: { attributes: { delta: number } }) => d.attributes.delta);
    expect(movements.sort()).toEqual([1.5, 2.5]);
    const greater = await m.ok('GET', `/inventory/source-items?${criteria([['quantity', 3, 'gteq'], ['status', 1]])}`);
    expect(greater).toMatchObject({ total_count: 2 });
  });

  it('answers Magento’s validation messages for bad rows (ValidationTest), and saves nothing of the request', async () => {
    const valid = { sku: 'SKU-2', quantity: 2, source_code: 'eu-1', status: 1 };
    const failed = (message: string, field: string) => ({ message: `Validation Failed: "${field}" ${message}`, errors: [{ message: `"%field" ${message}`, parameters: { field } }] });
    const cases: [Record<string, unknown>, unknown][] = [
      [{ sku: undefined }, failed('can not be empty.', 'sku')],
      [{ sku: '' }, failed('can not be empty.', 'sku')],
      [{ source_code: null }, failed('can not be empty.', 'source_code')],
      [{ quantity: undefined }, failed('should be numeric.', 'quantity')],
      [{ status: undefined }, failed('should be numeric.', 'status')],
      [{ status: '999999' }, failed('should a known status.', 'status')],
      [{ source_code: 'source code' }, failed('can not contain whitespaces.', 'source_code')],
      [{ sku: ' ' }, { message: 'Validation Failed: "sku" can not be empty.', errors: [{ message: '"%field" can not be empty.', parameters: { field: 'sku' } }, { message: '"%field" can not contain leading or trailing spaces.', parameters: { field: 'sku' } }] }],
      [{ quantity: '' }, { message: 'Error occurred during "quantity" processing. The "" value\'s type is invalid. The "float" type was expected. Verify and try again.' }],
      [{ quantity: 'test' }, { message: 'Error occurred during "quantity" processing. The "test" value\'s type is invalid. The "float" type was expected. Verify and try again.' }],
      [{ source_code: [] }, { message: 'Error occurred during "source_code" processing. The "array" value\'s type is invalid. The "string" type was expected. Verify and try again.' }],
      [{ source_code: 'not-existed-source-code' }, { message: 'Could not save Source Item' }],
    ];
    for (const [change, expected] of cases) {
      const res = await m.post('/inventory/source-items', { sourceItems: [{ ...valid, source_code: 'eu-2' }, { ...valid, ...change }] });
      expect(res.statusCode, JSON.stringify(change)).toBe(400);
      expect(res.json(), JSON.stringify(change)).toEqual(expected);
    }
    const empty = await m.post('/inventory/source-items', { sourceItems: [] });
    expect(empty.json()).toEqual({ message: 'Input data is empty' });
    // The valid first row of each refused request was not saved either.
    expect(await m.ok('GET', `/inventory/source-items?${criteria([['sku', 'SKU-2']])}`)).toMatchObject({ total_count: 0 });
  });

  it('deletes source items (SourceItemsDeleteTest), ignoring rows that do not exist', async () => {
    await m.ok('POST', '/inventory/source-items', { sourceItems: [{ sku: 'SKU-2', source_code: 'eu-1', quantity: 5, status: 1 }, { sku: 'SKU-2', source_code: 'eu-2', quantity: 5, status: 1 }] });
    const res = await m.post('/inventory/source-items-delete', { sourceItems: [{ sku: 'SKU-2', source_code: 'eu-1' }, { sku: 'SKU-2', source_code: 'nowhere' }] });
    expect(res.statusCode).toBe(200);
    expect(await m.ok('GET', `/inventory/source-items?${criteria([['sku', 'SKU-2']])}`)).toMatchObject({ items: [{ source_code: 'eu-2' }], total_count: 1 });
  });
});
