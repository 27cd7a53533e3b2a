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
