// Test helpers for the Magento API: a Stockroute test API plus a Magento admin token
// (obtained through POST /rest/V1/integration/admin/token) and JSON request shorthands.
import type { LightMyRequestResponse } from 'fastify';
import type { Engine } from '../../store/db.js';
import { createApplication } from '../auth/applications.js';
import { startTestApi, type TestApi } from '../test-support/app.js';

export interface MagentoTestApi {
  readonly api: TestApi;
  readonly token: string;
  tokenFor(role: 'admin' | 'read_only'): Promise<string>;
  get(path: string, token?: string): Promise<LightMyRequestResponse>;
  post(path: string, body: unknown, token?: string): Promise<LightMyRequestResponse>;
  put(path: string, body: unknown, token?: string): Promise<LightMyRequestResponse>;
  del(path: string, token?: string): Promise<LightMyRequestResponse>;
  /** Fails loudly unless 200; returns the parsed body. */
  ok(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export async function startMagentoApi(engine: Engine, now?: () => Date): Promise<MagentoTestApi> {
  const api = await startTestApi(engine, {}, now);
  const tokenFor = async (role: 'admin' | 'read_only') => {
    const app = await createApplication(api.db, { name: `magento-${role}`, kind: 'integration', role }, new Date());
    const res = await api.app.inject({ method: 'POST', url: '/rest/V1/integration/admin/token', payload: { username: app.clientId, password: app.clientSecret } });
    if (res.statusCode !== 200) throw new Error(`token: ${res.statusCode} ${res.body}`);
    return res.json() as string;
  };
  const token = await tokenFor('admin');
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, t = token) =>
    api.app.inject({
      method, url: path.startsWith('/rest/') ? path : `/rest/V1${path}`,
      headers: { authorization: `Bearer ${t}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
  return {
    api, token, tokenFor,
    get: (path, t) => call('GET', path, undefined, t),
    post: (path, body, t) => call('POST', path, body, t),
    put: (path, body, t) => call('PUT', path, body, t),
    del: (path, t) => call('DELETE', path, undefined, t),
    async ok(method, path, body) {
      const res = await call(method, path, body);
      if (res.statusCode !== 200) throw new Error(`${method} ${path}: ${res.statusCode} ${res.body}`);
      return res.json() as unknown;
    },
    close: () => api.close(),
  };
}

/** searchCriteria query string from [field, value, condition_type] filters, one group each. */
export function criteria(filters: [string, string | number, string?][], extra: Record<string, string | number> = {}): string {
  const params = new URLSearchParams();
  filters.forEach(([field, value, type], g) => {
    params.set(`searchCriteria[filter_groups][${g}][filters][0][field]`, field);
    params.set(`searchCriteria[filter_groups][${g}][filters][0][value]`, String(value));
    params.set(`searchCriteria[filter_groups][${g}][filters][0][condition_type]`, type ?? 'eq');
  });
  for (const [k, v] of Object.entries(extra)) params.set(`searchCriteria[${k}]`, String(v));
  return params.toString();
}

export interface MagentoFixture { readonly eu: number; readonly us: number; readonly global: number }

/**
 * Magento's InventoryApi test fixtures (Test/_files: products, sources, stocks, links,
 * source_items), loaded through this API. Stock ids are ours: eu = Magento's 10, us = 20,
 * global = 30. Sources: eu-1, eu-2, eu-3 (FR), eu-disabled, us-1 (US).
 */
export async function loadMagentoFixture(m: MagentoTestApi): Promise<MagentoFixture> {
  const sources: [string, string, string, boolean][] = [['eu-1', 'FR', '75001', true], ['eu-2', 'FR', '69001', true], ['eu-3', 'DE', '10115', true], ['eu-disabled', 'FR', '13001', false], ['us-1', 'US', '10001', true]];
  for (const [code, country, postcode, enabled] of sources) {
    await m.ok('POST', '/inventory/sources', { source: { source_code: code, name: code, country_id: country, postcode, enabled } });
  }
  const stock = async (name: string, website: string) => m.ok('POST', '/inventory/stocks', { stock: { name, extension_attributes: { sales_channels: [{ type: 'website', code: website }] } } }) as Promise<number>;
  const eu = await stock('EU-stock', 'eu_website');
  const us = await stock('US-stock', 'us_website');
  const global = await stock('Global-stock', 'global_website');
  const stockItems: Record<string, Record<string, unknown>> = {
    'SKU-1': { is_qty_decimal: true }, 'SKU-2': {}, 'SKU-3': {}, 'SKU-4': { use_config_manage_stock: false, manage_stock: false }, 'SKU-5': {},
    'SKU-6': { is_qty_decimal: true, use_config_min_qty: false, min_qty: -3, use_config_backorders: false, backorders: 1 },
  };
  for (const [sku, stock_item] of Object.entries(stockItems)) {
    await m.ok('POST', '/products', { product: { sku, name: `Simple Product ${sku}`, type_id: 'simple', attribute_set_id: 4, price: 10, extension_attributes: { stock_item } } });
  }
  const links = [[eu, 'eu-1', 1], [eu, 'eu-2', 2], [eu, 'eu-3', 3], [eu, 'eu-disabled', 4], [us, 'us-1', 1],
    [global, 'eu-1', 5], [global, 'eu-2', 4], [global, 'eu-3', 3], [global, 'eu-disabled', 2], [global, 'us-1', 1]];
  await m.ok('POST', '/inventory/stock-source-links', { links: links.map(([stock_id, source_code, priority]) => ({ stock_id, source_code, priority })) });
  const items = [['eu-1', 'SKU-1', 5.5, 1], ['eu-2', 'SKU-1', 3, 1], ['eu-3', 'SKU-1', 10, 0], ['eu-disabled', 'SKU-1', 10, 1], ['us-1', 'SKU-2', 5, 1],
    ['eu-2', 'SKU-3', 6, 0], ['eu-1', 'SKU-6', 0, 1]];
  await m.ok('POST', '/inventory/source-items', { sourceItems: items.map(([source_code, sku, quantity, status]) => ({ source_code, sku, quantity, status })) });
  return { eu, us, global };
}
