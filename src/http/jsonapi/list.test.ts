// Lists over HTTP: Ransack filters (attributes and one relationship away), sorting,
// pagination meta and links, and bad list parameters as 400s.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../../store/test-support/engines.js';
import { startTestApi, type TestApi } from '../test-support/app.js';

type Doc = { data: { id: string; attributes: Record<string, unknown> }[]; meta: { record_count: number; page_count: number }; links: Record<string, string> };

describe.each(enginesUnderTest())('list queries on %s', (engine) => {
  let api: TestApi;
  const codes = async (url: string) => {
    const res = await api.get(url);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as Doc).data.map((d) => d.attributes.sku_code ?? d.attributes.code);
  };

  beforeAll(async () => {
    api = await startTestApi(engine);
    const category = await api.create('shipping_categories', { code: 'std', name: 'Standard' });
    const north = await api.create('stock_locations', { code: 'NORTH', name: 'North hub' });
    const south = await api.create('stock_locations', { code: 'SOUTH', name: 'South depot', enabled: false });
    const skus: [string, Record<string, unknown>][] = [
      ['BOOT-BLK', { name: 'Black boot', weight: 1.2 }], ['BOOT-RED', { name: 'Red boot', weight: 0.9 }],
      ['HAT-100%', { name: 'Wool hat', weight: 0.1, allow_backorders: true }], ['SOCK', { name: 'Sock' }],
    ];
    for (const [code, attrs] of skus) await api.create('skus', { code, ...attrs }, { shipping_category: { type: 'shipping_categories', id: category } });
    const stock: [string, string, number][] = [['BOOT-BLK', north, 5], ['BOOT-RED', north, 0], ['HAT-100%', north, 12], ['BOOT-BLK', south, 7], ['SOCK', south, 3]];
    for (const [sku, location, quantity] of stock) await api.create('stock_items', { sku_code: sku, quantity }, { stock_location: { type: 'stock_locations', id: location } });
  });
  afterAll(() => api.close());

  it('filters with attribute matchers', async () => {
    expect(await codes('/api/skus?filter[q][code_eq]=SOCK')).toEqual(['SOCK']);
    expect(await codes('/api/skus?filter[q][code_not_eq]=SOCK&sort=code')).toEqual(['BOOT-BLK', 'BOOT-RED', 'HAT-100%']);
    expect(await codes('/api/skus?filter[q][code_in]=SOCK,BOOT-RED&sort=code')).toEqual(['BOOT-RED', 'SOCK']);
    expect(await codes('/api/skus?filter[q][code_not_in]=SOCK,BOOT-RED&sort=code')).toEqual(['BOOT-BLK', 'HAT-100%']);
    expect(await codes('/api/skus?filter[q][code_start]=boot&sort=code')).toEqual(['BOOT-BLK', 'BOOT-RED']);
    expect(await codes('/api/skus?filter[q][code_end]=red')).toEqual(['BOOT-RED']);
    expect(await codes('/api/skus?filter[q][name_cont]=BOOT&sort=-code')).toEqual(['BOOT-RED', 'BOOT-BLK']);
    expect(await codes('/api/skus?filter[q][code_cont]=100%25')).toEqual(['HAT-100%']);
    expect(await codes('/api/skus?filter[q][code_cont]=_')).toEqual([]);
    expect(await codes('/api/skus?filter[q][name_matches]=%25boot')).toHaveLength(2);
    expect(await codes('/api/skus?filter[q][weight_gt]=0.9')).toEqual(['BOOT-BLK']);
    expect(await codes('/api/skus?filter[q][weight_gteq]=0.9&sort=code')).toEqual(['BOOT-BLK', 'BOOT-RED']);
    expect(await codes('/api/skus?filter[q][weight_lt]=0.9')).toEqual(['HAT-100%']);
    expect(await codes('/api/skus?filter[q][weight_lteq]=0.1')).toEqual(['HAT-100%']);
    expect(await codes('/api/skus?filter[q][weight_null]=true')).toEqual(['SOCK']);
    expect(await codes('/api/skus?filter[q][weight_not_null]=true')).toHaveLength(3);
    expect(await codes('/api/skus?filter[q][allow_backorders_true]=1')).toEqual(['HAT-100%']);
    expect(await codes('/api/skus?filter[q][allow_backorders_false]=1')).toHaveLength(3);
    expect(await codes('/api/skus?filter[q][reference_blank]=true')).toHaveLength(4);
    expect(await codes('/api/skus?filter[q][reference_present]=true')).toEqual([]);
  });

  it('ANDs several filters and filters through one relationship', async () => {
    expect(await codes('/api/stock_items?filter[q][stock_location_code_eq]=NORTH&filter[q][quantity_gt]=0&sort=sku_code')).toEqual(['BOOT-BLK', 'HAT-100%']);
    expect(await codes('/api/stock_items?filter[q][sku_code_in]=BOOT-BLK,SOCK&sort=sku_code,quantity')).toEqual(['BOOT-BLK', 'BOOT-BLK', 'SOCK']);
    expect(await codes('/api/stock_items?filter[q][stock_location_enabled_false]=true&sort=sku_code')).toEqual(['BOOT-BLK', 'SOCK']);
    expect(await codes('/api/stock_items?filter%5Bq%5D%5Bsku_name_cont%5D=boot&filter%5Bq%5D%5Bstock_location_code_eq%5D=SOUTH')).toEqual(['BOOT-BLK']);
    expect(await codes('/api/stock_locations?filter[q][stock_items_sku_code_eq]=SOCK')).toEqual(['SOUTH']);
  });

  it('sorts by several keys in both directions', async () => {
    expect(await codes('/api/stock_items?sort=-quantity')).toEqual(['HAT-100%', 'BOOT-BLK', 'BOOT-BLK', 'SOCK', 'BOOT-RED']);
    expect(await codes('/api/stock_items?sort=sku_code,-quantity').then((c) => c.slice(0, 2))).toEqual(['BOOT-BLK', 'BOOT-BLK']);
  });

  it('paginates with record and page counts and first/prev/next/last links', async () => {
    const first = (await api.get('/api/stock_items?page[size]=2&sort=quantity')).json() as Doc;
    expect(first.meta).toEqual({ record_count: 5, page_count: 3 });
    expect(first.data).toHaveLength(2);
    expect(first.links.prev).toBeUndefined();
    expect(new URL(first.links.next ?? '').searchParams.get('page[number]')).toBe('2');
    expect(new URL(first.links.last ?? '').searchParams.get('page[number]')).toBe('3');
    expect(new URL(first.links.next ?? '').searchParams.get('sort')).toBe('quantity');
    const next = (await api.get(new URL(first.links.next ?? '').pathname + new URL(first.links.next ?? '').search)).json() as Doc;
    expect(next.data.map((d) => d.attributes.quantity)).toEqual([5, 7]);
    expect(new URL(next.links.prev ?? '').searchParams.get('page[number]')).toBe('1');
    const last = (await api.get('/api/stock_items?page%5Bsize%5D=2&page%5Bnumber%5D=3&sort=quantity')).json() as Doc;
    expect(last.data.map((d) => d.attributes.quantity)).toEqual([12]);
    expect(last.links.next).toBeUndefined();
    const beyond = (await api.get('/api/stock_items?page[size]=2&page[number]=9')).json() as Doc;
    expect(beyond.data).toEqual([]);
    // past the end no row carries the window count: the total is counted on its own
    expect(beyond.meta).toEqual({ record_count: 5, page_count: 3 });
  });

  it('reads a page with its to-one includes in one statement, and includes the same records as a separate read', async () => {
    const url = '/api/stock_items?filter[q][stock_location_code_eq]=NORTH&include=stock_location,sku&sort=sku_code';
    await api.get(url); // the first list with an include also reads the included table's column names, once
    let res = await api.get(url);
    const statements = await api.statementsDuring(async () => { res = await api.get(url); });
    expect(statements).toHaveLength(1);
    const doc = res.json() as Doc & { data: { relationships: Record<string, { data: { type: string; id: string } | null }> }[]; included: { type: string; id: string; attributes: Record<string, unknown> }[] };
    expect(doc.meta).toEqual({ record_count: 3, page_count: 1 });
    const north = (await api.get(`/api/stock_locations/${doc.data[0]?.relationships.stock_location?.data?.id}`)).json().data;
    const boot = (await api.get('/api/skus?filter[q][code_eq]=BOOT-BLK')).json().data[0];
    // each record once, in order of first use, rendered as GET renders it (dates, quantities, relationships)
    expect(doc.included.map((r) => `${r.type}:${String(r.attributes.code)}`)).toEqual(['stock_locations:NORTH', 'skus:BOOT-BLK', 'skus:BOOT-RED', 'skus:HAT-100%']);
    expect(doc.included[0]).toEqual(north);
    expect(doc.included[1]).toEqual(boot);
  });

  it('answers lists asked together each with its own page and include', async () => {
    const urls = ['/api/stock_items?filter[q][sku_code_eq]=BOOT-BLK&include=stock_location&sort=quantity', '/api/stock_items?filter[q][sku_code_eq]=SOCK&include=stock_location', '/api/skus?filter[q][code_eq]=SOCK', '/api/stock_items?filter[q][quantity_gt]=bad'];
    const alone = [];
    for (const url of urls) alone.push(await api.get(url));
    const together = await Promise.all(urls.map((url) => api.get(url)));
    expect(together.map((r) => r.statusCode)).toEqual([200, 200, 200, 400]);
    expect(together.map((r) => r.json())).toEqual(alone.map((r) => r.json()));
    expect(await codes(urls[0] ?? '')).toEqual(['BOOT-BLK', 'BOOT-BLK']);
  });

  it('answers bad list parameters with 400 naming the parameter', async () => {
    for (const url of ['/api/skus?filter[q][secret_eq]=x', '/api/skus?filter[q][code_like]=x', '/api/skus?sort=client_secret', '/api/skus?page[size]=100', '/api/skus?include=owner', '/api/skus?filter[q][weight_gt]=heavy']) {
      const res = await api.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().errors[0].source.parameter, url).toBeTruthy();
    }
  });
});
