// The Magento API as a whole: listed in /openapi.json under its own tag (only the /rest/V1
// base; the store-code aliases answer the same but are not listed twice), every service
// file registered, and the token route open while everything else needs a token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../test-support/app.js';
import { magentoServices } from './services.js';

describe('Magento API in OpenAPI', () => {
  let api: TestApi;
  beforeAll(async () => { api = await startTestApi('pglite'); });
  afterAll(() => api.close());

  it('lists every Magento route under /rest/V1 with the tag Magento, and no alias', async () => {
    const doc = (await api.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, { tags?: string[]; security?: unknown[] }>> };
    const magento = Object.entries(doc.paths).filter(([path]) => path.startsWith('/rest/'));
    expect(magento.every(([path]) => path.startsWith('/rest/V1/'))).toBe(true);
    const operations = magento.flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
    expect(operations).toHaveLength(magentoServices().length);
    expect(operations.every((o) => o.op.tags?.includes('Magento'))).toBe(true);
    for (const path of ['/rest/V1/inventory/sources/{sourceCode}', '/rest/V1/inventory/source-selection-algorithm-result', '/rest/V1/order/{orderId}/ship', '/rest/V1/products/{sku}']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths['/rest/V1/integration/admin/token']?.post?.security).toEqual([]);
  });

  it('answers under /rest/default/V1 and /rest/all/V1 too', async () => {
    for (const base of ['/rest/V1', '/rest/default/V1', '/rest/all/V1']) {
      const res = await api.app.inject({ method: 'GET', url: `${base}/inventory/source-selection-algorithm-list`, headers: { authorization: `Bearer ${api.admin}` } });
      expect(res.statusCode, base).toBe(200);
      expect(res.headers['content-type']).toContain('application/json');
    }
  });
});
