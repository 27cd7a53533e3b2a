// CORS as a browser meets it, through inject: preflights answered without a token for
// admitted origins only; actual requests checked against the calling application (its
// allowed_origins, plus STOCKROUTE_CORS_ORIGINS for sales channels); integration tokens
// refused from foreign pages unless their application names the origin; the admin UI on its
// own origin unaffected; allowed_origins validated and effective at once.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../../store/test-support/engines.js';
import { JSONAPI, startTestApi, type TestApi } from '../test-support/app.js';

const SHOP_A = 'https://shop-a.example';
const SHOP_B = 'https://shop-b.example';
const GLOBAL = 'https://global.example';
const ERP_UI = 'https://erp.example';
const EVIL = 'https://evil.example';

const corsHeaders = (res: LightMyRequestResponse) => Object.keys(res.headers).filter((h) => h.startsWith('access-control-'));

describe.each(enginesUnderTest())('CORS on %s', (engine) => {
  let api: TestApi;
  let sku: string;
  let market: string;
  const clients: Record<string, { id: string; client_id: string; client_secret: string }> = {};

  const application = async (key: string, attributes: Record<string, unknown>, relationships: Record<string, unknown> = {}) => {
    const res = await api.post('/api/applications', { data: { type: 'applications', attributes: { name: key, ...attributes }, relationships } });
    expect(res.statusCode, res.body).toBe(201);
    const { id, attributes: a } = res.json().data as { id: string; attributes: { client_id: string; client_secret: string } };
    clients[key] = { id, client_id: a.client_id, client_secret: a.client_secret };
  };
  const tokenRequest = (key: string, origin?: string) => api.app.inject({
    method: 'POST', url: '/oauth/token',
    headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
    payload: { grant_type: 'client_credentials', client_id: clients[key]?.client_id, client_secret: clients[key]?.client_secret },
  });
  const tokenOf = async (key: string) => (await tokenRequest(key)).json().access_token as string;
  const preflight = (url: string, origin: string, method = 'POST') => api.app.inject({
    method: 'OPTIONS', url,
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization,content-type' },
  });
  /** A GET with the headers a browser adds; `site` is Sec-Fetch-Site (absent in older browsers). */
  const fromPage = (url: string, token: string, origin: string, { host, site = 'cross-site' }: { host?: string; site?: string | null } = {}) =>
    api.app.inject({
      method: 'GET', url,
      headers: { authorization: `Bearer ${token}`, accept: JSONAPI, origin, ...(site ? { 'sec-fetch-site': site } : {}), ...(host ? { host } : {}) },
    });

  beforeAll(async () => {
    api = await startTestApi(engine, { corsOrigins: [GLOBAL] });
    const model = await api.create('inventory_models', { name: 'Shop model' });
    market = await api.create('markets', { code: 'shop', name: 'Shop' }, { inventory_model: { type: 'inventory_models', id: model } });
    sku = await api.create('skus', { code: 'CORS-SKU', name: 'Mug', do_not_ship: true });
    const shopMarket = { market: { data: { type: 'markets', id: market } } };
    await application('shopA', { kind: 'sales_channel', allowed_origins: [SHOP_A] }, shopMarket);
    await application('shopB', { kind: 'sales_channel', allowed_origins: [SHOP_B] }, shopMarket);
    await application('erp', { kind: 'integration', role: 'admin' });
    await application('erpUi', { kind: 'integration', role: 'read_only', allowed_origins: [ERP_UI] });
  });
  afterAll(() => api.close());

  it('answers a preflight from an admitted origin with 204 and the CORS headers, without a token', async () => {
    for (const origin of [SHOP_A, SHOP_B, GLOBAL, ERP_UI]) {
      const res = await preflight('/api/orders', origin);
      expect(res.statusCode, origin).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(origin);
      expect(res.headers['access-control-allow-methods']).toBe('GET, HEAD, POST, PATCH, DELETE');
      expect(res.headers['access-control-allow-headers']).toBe('Authorization, Content-Type, Accept, Idempotency-Key, X-Request-Id');
      expect(res.headers['access-control-max-age']).toBe('600');
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      expect(res.headers.vary).toContain('Origin');
    }
    const token = await preflight('/oauth/token', SHOP_A);
    expect(token.statusCode).toBe(204);
    expect(token.headers['access-control-allow-origin']).toBe(SHOP_A);
    expect((await preflight(`/api/skus/${sku}`, SHOP_A, 'GET')).statusCode).toBe(204);
  });

  it('gives a preflight from any other origin no CORS headers', async () => {
    for (const origin of [EVIL, 'null', `${SHOP_A}.evil.example`, 'http://shop-a.example']) {
      const res = await preflight('/api/orders', origin);
      expect(res.statusCode, origin).toBeGreaterThanOrEqual(400);
      expect(corsHeaders(res), origin).toEqual([]);
    }
    expect(corsHeaders(await preflight('/oauth/token', EVIL))).toEqual([]);
    // Only /api and /oauth/token speak CORS.
    for (const url of ['/health', '/openapi.json', '/admin/', '/docs']) expect(corsHeaders(await preflight(url, SHOP_A, 'GET')), url).toEqual([]);
  });

  it('serves a sales channel to a page on its own origin, exposing the useful headers', async () => {
    const res = await fromPage(`/api/skus/${sku}`, await tokenOf('shopA'), SHOP_A);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(SHOP_A);
    expect(res.headers['access-control-expose-headers']).toContain('Location');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(res.json().data.attributes.inventory).toBeDefined();
  });

  it("refuses a sales channel's token on another shop's origin (403, no CORS headers)", async () => {
    const res = await fromPage(`/api/skus/${sku}`, await tokenOf('shopA'), SHOP_B);
    expect(res.statusCode).toBe(403);
    expect(res.json().errors[0]).toMatchObject({ code: 'FORBIDDEN', meta: { origin: SHOP_B } });
    expect(corsHeaders(res)).toEqual([]);
    expect(corsHeaders(await fromPage(`/api/skus/${sku}`, await tokenOf('shopA'), EVIL))).toEqual([]);
  });

  it('lets STOCKROUTE_CORS_ORIGINS admit every sales channel but no integration', async () => {
    const shop = await fromPage(`/api/skus/${sku}`, await tokenOf('shopB'), GLOBAL);
    expect(shop.statusCode).toBe(200);
    expect(shop.headers['access-control-allow-origin']).toBe(GLOBAL);
    const erp = await fromPage('/api/skus', await tokenOf('erp'), GLOBAL);
    expect(erp.statusCode).toBe(403);
    expect(erp.json().errors[0].detail).toContain('integration tokens are not for browser pages');
    expect(corsHeaders(erp)).toEqual([]);
  });

  it('uses an integration token from a browser only on an origin its application names', async () => {
    const erpUi = await tokenOf('erpUi');
    const ok = await fromPage('/api/skus', erpUi, ERP_UI);
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBe(ERP_UI);
    expect((await fromPage('/api/skus', erpUi, SHOP_A)).statusCode).toBe(403);
    expect((await fromPage('/api/skus', await tokenOf('erp'), ERP_UI)).statusCode).toBe(403);
  });

  it('leaves the admin UI on its own origin, and clients without an Origin, as they were', async () => {
    const erp = await tokenOf('erp');
    const same = await fromPage('/api/skus', erp, 'http://127.0.0.1:3000', { host: '127.0.0.1:3000', site: 'same-origin' });
    expect(same.statusCode).toBe(200);
    expect(corsHeaders(same)).toEqual([]);
    // Browsers send Origin on same-origin POSTs; one without Sec-Fetch-Site is recognised by Host.
    const post = await api.app.inject({
      method: 'POST', url: '/api/shipping_categories',
      headers: { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000', authorization: `Bearer ${erp}`, 'content-type': JSONAPI },
      payload: JSON.stringify({ data: { type: 'shipping_categories', attributes: { code: 'same-origin', name: 'Same origin' } } }),
    });
    expect(post.statusCode, post.body).toBe(201);
    expect((await fromPage('/api/skus', erp, 'https://stock.example', { host: 'stock.example:443', site: null })).statusCode).toBe(200);
    expect((await fromPage('/api/skus', erp, 'https://stock.example', { host: 'stock.example:8443', site: null })).statusCode).toBe(403);
    // Behind a proxy that rewrites Host, Sec-Fetch-Site still says same-origin.
    expect((await fromPage('/api/skus', erp, 'https://stock.example', { host: '10.0.0.5:3000', site: 'same-origin' })).statusCode).toBe(200);
    expect((await api.get('/api/skus', erp)).statusCode).toBe(200);
  });

  it('issues tokens to a page only for an application that admits its origin', async () => {
    const shop = await tokenRequest('shopA', SHOP_A);
    expect(shop.statusCode).toBe(200);
    expect(shop.headers['access-control-allow-origin']).toBe(SHOP_A);
    const elsewhere = await tokenRequest('shopA', SHOP_B);
    expect(elsewhere.statusCode).toBe(403);
    expect(corsHeaders(elsewhere)).toEqual([]);
    const erp = await tokenRequest('erp', SHOP_A);
    expect(erp.statusCode).toBe(403);
    expect(erp.json().access_token).toBeUndefined();
    // A form post needs no preflight, so the server itself must refuse it.
    const form = await api.app.inject({
      method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: EVIL },
      payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: clients.erp?.client_id ?? '', client_secret: clients.erp?.client_secret ?? '' }).toString(),
    });
    expect(form.statusCode).toBe(403);
    expect(corsHeaders(form)).toEqual([]);
  });

  it('shows allowed_origins, validates each entry naming it, and applies a change at once', async () => {
    const id = clients.shopB?.id ?? '';
    expect((await api.get(`/api/applications/${id}`)).json().data.attributes.allowed_origins).toEqual([SHOP_B]);
    const patch = (allowed: unknown) => api.patch(`/api/applications/${id}`, { data: { type: 'applications', id, attributes: { allowed_origins: allowed } } });
    const bad = await patch([SHOP_B, 'https://new-shop.example/checkout']);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({
      code: 'VALIDATION_ERROR', source: { pointer: '/data/attributes/allowed_origins/1' },
      detail: 'allowed_origins[1] "https://new-shop.example/checkout" is not a browser origin: write scheme://host[:port] with no path, e.g. https://new-shop.example',
    });
    expect((await patch('https://new-shop.example')).json().errors[0].source.pointer).toBe('/data/attributes/allowed_origins');
    expect((await patch([SHOP_B, SHOP_B])).statusCode).toBe(422);
    const created = await api.post('/api/applications', { data: { type: 'applications', attributes: { name: 'x', kind: 'sales_channel', allowed_origins: ['*'] }, relationships: { market: { data: { type: 'markets', id: market } } } } });
    expect(created.json().errors[0].source.pointer).toBe('/data/attributes/allowed_origins/0');

    expect(corsHeaders(await preflight('/api/orders', 'https://new-shop.example'))).toEqual([]);
    const ok = await patch([SHOP_B, 'https://new-shop.example']);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().data.attributes.allowed_origins).toEqual([SHOP_B, 'https://new-shop.example']);
    expect((await preflight('/api/orders', 'https://new-shop.example')).headers['access-control-allow-origin']).toBe('https://new-shop.example');
    expect((await fromPage(`/api/skus/${sku}`, await tokenOf('shopB'), 'https://new-shop.example')).statusCode).toBe(200);
    expect((await patch([])).statusCode).toBe(200);
    expect((await fromPage(`/api/skus/${sku}`, await tokenOf('shopB'), SHOP_B)).statusCode).toBe(403);
  });
});
