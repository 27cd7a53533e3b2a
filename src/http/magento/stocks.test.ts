// Magento stocks, the stock resolver and stock-source links, replaying InventoryApi's
// StockRepository/{Create,Get,GetList,Update,Delete,Validation}Test and
// StockSourceLink/{StockSourceLinksSave,StockSourceLinksDelete,GetStockSourceLinks,
// GetSourcesAssignedToStockOrderedByPriority}Test, plus the Default Stock invariants.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../../store/test-support/engines.js';
import { criteria, startMagentoApi, type MagentoTestApi } from './test-support.js';

describe.each(enginesUnderTest())('Magento stocks and links on %s', (engine) => {
  let m: MagentoTestApi;
  let stockId: number;
  beforeAll(async () => {
    m = await startMagentoApi(engine);
    for (const code of ['eu-1', 'eu-2', 'eu-3', 'us-1']) await m.ok('POST', '/inventory/sources', { source: { source_code: code, name: code, postcode: '1', country_id: 'FR' } });
  }, 300_000);
  afterAll(() => m?.close());

  it('has the Default Stock (1) serving website base, linked to the source default only', async () => {
    expect(await m.ok('GET', '/inventory/stocks/1')).toEqual({ stock_id: 1, name: 'Default Stock', extension_attributes: { sales_channels: [{ type: 'website', code: 'base' }] } });
    expect(await m.ok('GET', '/inventory/stock-resolver/website/base')).toEqual({ stock_id: 1, name: 'Default Stock', extension_attributes: { sales_channels: [{ type: 'website', code: 'base' }] } });
    expect(await m.ok('GET', '/inventory/get-sources-assigned-to-stock-ordered-by-priority/1')).toMatchObject([{ source_code: 'default', name: 'Default Source', country_id: 'US', postcode: '00000' }]);
    const link = await m.post('/inventory/stock-source-links', { links: [{ stock_id: 1, source_code: 'eu-1', priority: 2 }] });
    expect(link.statusCode).toBe(400);
    expect(link.json()).toEqual({ message: 'Can not save link for %1 source, as it is related to default stock', parameters: ['eu-1'] });
    const unlink = await m.post('/inventory/stock-source-links-delete', { links: [{ stock_id: 1, source_code: 'default' }] });
    expect(unlink.json()).toEqual({ message: 'Can not delete link for %1 source, as it is related to default stock', parameters: ['default'] });
    const remove = await m.del('/inventory/stocks/1');
    expect(remove.statusCode).toBe(400);
    expect(remove.json()).toEqual({ message: 'Default Stock could not be deleted.' });
  });

  it('creates a stock with a website sales channel (market created), answers its id, resolves it (CreateTest)', async () => {
    const created = await m.post('/inventory/stocks', { stock: { name: 'stock-name-1', extension_attributes: { sales_channels: [{ type: 'website', code: 'eu_website' }] } } });
    expect(created.statusCode).toBe(200);
    stockId = created.json() as number;
    expect(Number.isInteger(stockId) && stockId > 1).toBe(true);
    expect(await m.ok('GET', `/inventory/stocks/${stockId}`)).toEqual({ stock_id: stockId, name: 'stock-name-1', extension_attributes: { sales_channels: [{ type: 'website', code: 'eu_website' }] } });
    expect(await m.ok('GET', '/inventory/stock-resolver/website/eu_website')).toMatchObject({ stock_id: stockId });
    const market = (await m.api.get('/api/markets?filter[q][code_eq]=eu_website&include=inventory_model')).json();
    expect(market.included[0].attributes).toMatchObject({ name: 'stock-name-1', strategy: 'split_shipments', manual_stock_decrement: true });
    const none = await m.get('/inventory/stock-resolver/website/nowhere');
    expect(none.statusCode).toBe(404);
    expect(none.json()).toEqual({ message: 'No linked stock found' });
  });

  it('validates the name (ValidationTest) and 404s unknown ids (GetTest)', async () => {
    for (const name of [undefined, '', ' ', null]) {
      const res = await m.post('/inventory/stocks', { stock: { name } });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ message: 'Validation Failed', errors: [{ message: '"%field" can not be empty.', parameters: { field: 'name' } }] });
    }
    const missing = await m.get('/inventory/stocks/9999');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ message: 'Stock with id "%value" does not exist.', parameters: { value: '9999' } });
  });

  it('saves links and lists them by searchCriteria; the stock’s sources come back by priority', async () => {
    const links = [{ source_code: 'eu-2', stock_id: stockId, priority: 2 }, { source_code: 'eu-1', stock_id: stockId, priority: 1 }, { source_code: 'eu-3', stock_id: stockId, priority: 3 }];
    expect(await m.ok('POST', '/inventory/stock-source-links', { links })).toEqual([]);
    const list = await m.ok('GET', `/inventory/stock-source-links?${criteria([['stock_id', stockId]])}`) as { items: unknown[]; total_count: number };
    expect(list.total_count).toBe(3);
    expect(list.items).toEqual([links[1], links[0], links[2]]);
    const ordered = await m.ok('GET', `/inventory/get-sources-assigned-to-stock-ordered-by-priority/${stockId}`) as { source_code: string }[];
    expect(ordered.map((s) => s.source_code)).toEqual(['eu-1', 'eu-2', 'eu-3']);
    // Re-saving a link changes its priority (an upsert), on the JSON:API model too.
    const fractional = await m.post('/inventory/stock-source-links', { links: [{ source_code: 'eu-3', stock_id: stockId, priority: 0.5 }] });
    expect(fractional.json()).toEqual({ message: 'Error occurred during "priority" processing. The "0.5" value\'s type is invalid. The "int" type was expected. Verify and try again.' });
    await m.ok('POST', '/inventory/stock-source-links', { links: [{ source_code: 'eu-3', stock_id: stockId, priority: 1 }, { source_code: 'eu-1', stock_id: stockId, priority: 3 }] });
    const reordered = await m.ok('GET', `/inventory/get-sources-assigned-to-stock-ordered-by-priority/${stockId}`) as { source_code: string }[];
    expect(reordered.map((s) => s.source_code)).toEqual(['eu-3', 'eu-2', 'eu-1']);
    const bad = await m.post('/inventory/stock-source-links', { links: [{ source_code: '', stock_id: stockId, priority: 1 }] });
    expect(bad.json()).toMatchObject({ errors: [{ message: '"%field" can not be empty.', parameters: { field: 'source_code' } }] });
    const unknown = await m.post('/inventory/stock-source-links', { links: [{ source_code: 'nowhere', stock_id: stockId, priority: 1 }] });
    expect(unknown.json()).toEqual({ message: 'Could not save StockSourceLinks' });
  });

  it('deletes links (StockSourceLinksDeleteTest)', async () => {
    await m.ok('POST', '/inventory/stock-source-links-delete', { links: [{ source_code: 'eu-2', stock_id: stockId }] });
    const list = await m.ok('GET', `/inventory/stock-source-links?${criteria([['stock_id', stockId]])}`) as { items: { source_code: string }[] };
    expect(list.items.map((l) => l.source_code)).toEqual(['eu-3', 'eu-1']);
  });

  it('updates name and sales channels (UpdateTest): a website left out goes back to the Default Stock', async () => {
    expect(await m.ok('PUT', `/inventory/stocks/${stockId}`, { stock: { name: 'stock-name-1-updated', extension_attributes: { sales_channels: [{ type: 'website', code: 'us_website' }] } } })).toBe(stockId);
    expect(await m.ok('GET', `/inventory/stocks/${stockId}`)).toMatchObject({ name: 'stock-name-1-updated', extension_attributes: { sales_channels: [{ type: 'website', code: 'us_website' }] } });
    expect(await m.ok('GET', '/inventory/stock-resolver/website/eu_website')).toMatchObject({ stock_id: 1 });
    const all = await m.ok('GET', `/inventory/stocks?${criteria([['name', '%stock%', 'like']])}`) as { items: { stock_id: number }[]; total_count: number };
    expect(all.items.map((s) => s.stock_id)).toEqual([1, stockId]);
  });

  it('deletes a stock (DeleteTest): its links go, its websites go back to the Default Stock', async () => {
    expect(await m.ok('DELETE', `/inventory/stocks/${stockId}`)).toEqual([]);
    const gone = await m.get(`/inventory/stocks/${stockId}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().parameters).toEqual({ value: String(stockId) });
    expect(await m.ok('GET', '/inventory/stock-resolver/website/us_website')).toMatchObject({ stock_id: 1 });
    expect(await m.ok('GET', `/inventory/stock-source-links?${criteria([['stock_id', stockId]])}`)).toMatchObject({ total_count: 0 });
  });
});
