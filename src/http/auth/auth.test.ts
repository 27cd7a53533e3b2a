// Authentication and authorisation as clients meet them: the token endpoint, bearer tokens
// (missing, garbage, expired, foreign), integration roles, sales channels scoped to a market,
// applications created by admins, and a signing key that survives restarts.
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enginesUnderTest } from '../../store/test-support/engines.js';
import { startTestApi, type TestApi } from '../test-support/app.js';
import { signingKey } from './tokens.js';

describe.each(enginesUnderTest())('authentication on %s', (engine) => {
  let api: TestApi;
  let clock = new Date('2026-01-01T10:00:00Z');
  let eu: string;
  let us: string;
  let sku: string;
  beforeAll(async () => {
    api = await startTestApi(engine, { tokenTtlSeconds: 600 }, () => clock);
    const model = await api.create('inventory_models', { name: 'EU' });
    const location = await api.create('stock_locations', { code: 'AUTH-1', name: 'One' });
    await api.create('inventory_stock_locations', { priority: 1 }, { inventory_model: { type: 'inventory_models', id: model }, stock_location: { type: 'stock_locations', id: location } });
    eu = await api.create('markets', { code: 'eu', name: 'Europe' }, { inventory_model: { type: 'inventory_models', id: model } });
    us = await api.create('markets', { code: 'us', name: 'USA' }, { inventory_model: { type: 'inventory_models', id: model } });
    sku = await api.create('skus', { code: 'AUTH-SKU', name: 'Sku', do_not_ship: true });
    await api.create('stock_items', { sku_code: 'AUTH-SKU', quantity: 4 }, { stock_location: { type: 'stock_locations', id: location } });
  });
  afterAll(() => api.close());

  const token = (payload: string, contentType = 'application/json') =>
    api.app.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': contentType }, payload });
  const newApplication = async (attributes: Record<string, unknown>, relationships: Record<string, unknown> = {}) => {
    const res = await api.post('/api/applications', { data: { type: 'applications', attributes, relationships } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().data as { id: string; attributes: { client_id: string; client_secret: string } };
  };

  it('issues bearer tokens for client credentials, JSON or form-encoded', async () => {
    const app = await newApplication({ name: 'ERP', kind: 'integration', role: 'admin' });
    const { client_id, client_secret } = app.attributes;
    const json = await token(JSON.stringify({ grant_type: 'client_credentials', client_id, client_secret }));
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({ token_type: 'bearer', expires_in: 600, scope: '' });
    const form = await token(new URLSearchParams({ grant_type: 'client_credentials', client_id, client_secret }).toString(), 'application/x-www-form-urlencoded');
    expect(form.statusCode).toBe(200);
    const access = form.json().access_token as string;
    expect((await api.get('/api/skus', access)).statusCode).toBe(200);
    expect((await api.get(`/api/applications/${app.id}`)).json().data.attributes.client_secret).toBeUndefined();

    expect((await token(JSON.stringify({ grant_type: 'client_credentials', client_id, client_secret: 'wrong' }))).statusCode).toBe(401);
    expect((await token(JSON.stringify({ grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'x' }))).json().errors[0].code).toBe('UNAUTHORIZED');
    expect((await token(JSON.stringify({ grant_type: 'password', client_id, client_secret }))).statusCode).toBe(400);
    expect((await token(JSON.stringify({ grant_type: 'client_credentials' }))).statusCode).toBe(422);
  });

  it('refuses /api without a token (401 UNAUTHORIZED) and with a bad, foreign or expired one (401 INVALID_TOKEN)', async () => {
    const none = await api.app.inject({ method: 'GET', url: '/api/skus' });
    expect(none.statusCode).toBe(401);
    expect(none.json().errors[0]).toMatchObject({ code: 'UNAUTHORIZED', status: '401' });
    expect((await api.get('/api/skus', 'not-a-jwt')).json().errors[0].code).toBe('INVALID_TOKEN');
    const foreign = await new SignJWT({ kind: 'integration', role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('app_x')
      .setIssuer('stockroute').setExpirationTime('1h').sign(new TextEncoder().encode('some-other-secret-some-other-secret'));
    expect((await api.get('/api/skus', foreign)).statusCode).toBe(401);

    const fresh = await api.token('admin');
    expect((await api.get('/api/skus', fresh)).statusCode).toBe(200);
    clock = new Date(clock.getTime() + 601_000);
    const expired = await api.get('/api/skus', fresh);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().errors[0]).toMatchObject({ code: 'INVALID_TOKEN', detail: 'the access token has expired' });
    clock = new Date(clock.getTime() - 601_000);
  });

  it('lets a read_only integration read but not write (403), and not see applications', async () => {
    const readOnly = await api.token('read_only');
    expect((await api.get('/api/skus', readOnly)).statusCode).toBe(200);
    const write = await api.post('/api/shipping_categories', { data: { type: 'shipping_categories', attributes: { code: 'ro', name: 'ro' } } }, readOnly);
    expect(write.statusCode).toBe(403);
    expect(write.json().errors[0]).toMatchObject({ code: 'FORBIDDEN', status: '403' });
    expect((await api.del(`/api/skus/${sku}`, readOnly)).statusCode).toBe(403);
    expect((await api.get('/api/applications', readOnly)).statusCode).toBe(403);
    expect((await api.get('/api/skus', api.admin)).statusCode).toBe(200);
  });

  it('scopes a sales channel to its market: SKUs with availability, its market only, nothing else', async () => {
    const channel = await newApplication({ name: 'EU shop', kind: 'sales_channel' }, { market: { data: { type: 'markets', id: eu } } });
    const res = await token(JSON.stringify({ grant_type: 'client_credentials', client_id: channel.attributes.client_id, client_secret: channel.attributes.client_secret, scope: 'market:code:eu' }));
    expect(res.json().scope).toBe('market:code:eu');
    const shop = res.json().access_token as string;
    const wrongScope = await token(JSON.stringify({ grant_type: 'client_credentials', client_id: channel.attributes.client_id, client_secret: channel.attributes.client_secret, scope: 'market:code:us' }));
    expect(wrongScope.statusCode).toBe(403);

    const one = await api.get(`/api/skus/${sku}`, shop);
    expect(one.statusCode).toBe(200);
    expect(one.json().data.attributes.inventory).toMatchObject({ available: true, quantity: 4 });
    expect((await api.get('/api/markets', shop)).json().data.map((m: { id: string }) => m.id)).toEqual([eu]);
    expect((await api.get(`/api/markets/${us}`, shop)).statusCode).toBe(404);
    expect((await api.get(`/api/markets/${eu}`, shop)).statusCode).toBe(200);
    expect((await api.get('/api/stock_locations', shop)).statusCode).toBe(403);
    expect((await api.get('/api/stock_items', shop)).statusCode).toBe(403);
    expect((await api.post('/api/skus', { data: { type: 'skus', attributes: { code: 'S', name: 'S', do_not_ship: true } } }, shop)).statusCode).toBe(403);
    expect((await api.get('/api/applications', shop)).statusCode).toBe(403);

    // Related routes and includes obey the same rules.
    const model = await api.get(`/api/markets/${eu}/inventory_model`, shop);
    expect(model.statusCode).toBe(200);
    expect((await api.get(`/api/markets/${us}/inventory_model`, shop)).statusCode).toBe(404);
    expect((await api.get(`/api/inventory_models/${model.json().data.id}/markets`, shop)).json().data.map((m: { id: string }) => m.id)).toEqual([eu]);
    const withLocations = await api.get(`/api/markets/${eu}?include=inventory_model.inventory_stock_locations`, shop);
    expect(withLocations.json().included.map((r: { type: string }) => r.type)).toEqual(['inventory_models']);
    const address = await api.post('/api/addresses', { data: { type: 'addresses', attributes: { city: 'Paris', country_code: 'FR' } } }, shop);
    expect(address.statusCode).toBe(201);
    const warehouse = await api.create('addresses', { city: 'Lyon' });
    await api.create('stock_locations', { code: 'AUTH-WH', name: 'Warehouse' }, { address: { type: 'addresses', id: warehouse } });
    expect((await api.get(`/api/addresses/${warehouse}`, shop)).statusCode).toBe(404);
    expect((await api.patch(`/api/addresses/${warehouse}`, { data: { type: 'addresses', id: warehouse, attributes: { city: 'Nowhere' } } }, shop)).statusCode).toBe(404);
    expect((await api.get(`/api/addresses/${address.json().data.id}`, shop)).statusCode).toBe(200);
  });

  it('requires a role for integrations and a market for sales channels', async () => {
    const noRole = await api.post('/api/applications', { data: { type: 'applications', attributes: { name: 'x', kind: 'integration' } } });
    expect(noRole.json().errors[0].source.pointer).toBe('/data/attributes/role');
    const noMarket = await api.post('/api/applications', { data: { type: 'applications', attributes: { name: 'x', kind: 'sales_channel' } } });
    expect(noMarket.json().errors[0].source.pointer).toBe('/data/relationships/market');
  });

  it('keeps a generated signing key in the database, so tokens survive a restart', async () => {
    const first = await signingKey(api.db);
    const second = await signingKey(api.db);
    expect(Buffer.from(second).toString()).toBe(Buffer.from(first).toString());
    expect(first.length).toBeGreaterThanOrEqual(32);
  });
});
