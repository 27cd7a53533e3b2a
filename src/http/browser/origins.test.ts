// Origins as browsers write them, the environment list, and who a page on an origin may act as.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkOrigin, originAdmits, originProblems, parseOriginList } from './origins.js';

describe('checkOrigin', () => {
  it('accepts origins exactly as a browser sends them', () => {
    for (const origin of ['https://shop.example.com', 'http://127.0.0.1:5173', 'http://[::1]:8080', 'https://xn--bcher-kva.example']) {
      expect(checkOrigin(origin)).toEqual({ ok: true, origin });
    }
  });

  it('refuses paths, default ports, upper case and other schemes, suggesting the origin meant', () => {
    expect(checkOrigin('https://shop.example.com/')).toEqual({ ok: false, suggestion: 'https://shop.example.com' });
    expect(checkOrigin('https://shop.example.com/checkout')).toEqual({ ok: false, suggestion: 'https://shop.example.com' });
    expect(checkOrigin('https://shop.example.com:443')).toEqual({ ok: false, suggestion: 'https://shop.example.com' });
    expect(checkOrigin('https://Shop.Example.com')).toEqual({ ok: false, suggestion: 'https://shop.example.com' });
    expect(checkOrigin('shop.example.com').ok).toBe(false);
    expect(checkOrigin('ftp://shop.example.com').ok).toBe(false);
    expect(checkOrigin('null').ok).toBe(false);
    expect(checkOrigin('*').ok).toBe(false);
    expect(checkOrigin('https://user:pw@shop.example.com').ok).toBe(false);
  });

  it('accepts the origin of any http(s) URL, and nothing longer', () => {
    fc.assert(fc.property(fc.webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true, withFragments: true }), (url) => {
      const { origin } = new URL(url);
      expect(checkOrigin(origin)).toEqual({ ok: true, origin });
      const withPath = `${origin}/x`;
      expect(checkOrigin(withPath)).toEqual({ ok: false, suggestion: origin });
    }), { numRuns: 50 });
  });
});

describe('originProblems', () => {
  it('names each bad entry by its index, with the canonical form when there is one', () => {
    expect(originProblems(['https://a.example', 'https://b.example/', 'nope'])).toEqual([
      { index: 1, message: 'allowed_origins[1] "https://b.example/" is not a browser origin: write scheme://host[:port] with no path, e.g. https://b.example' },
      { index: 2, message: 'allowed_origins[2] "nope" is not a browser origin: write scheme://host[:port] with no path, e.g. https://shop.example.com' },
    ]);
    expect(originProblems([])).toEqual([]);
  });
});

describe('parseOriginList (STOCKROUTE_CORS_ORIGINS)', () => {
  it('reads comma-separated origins or *, and nothing from an empty value', () => {
    expect(parseOriginList(' https://a.example , http://localhost:5173 ')).toEqual(['https://a.example', 'http://localhost:5173']);
    expect(parseOriginList('*')).toEqual(['*']);
    expect(parseOriginList('')).toEqual([]);
    expect(parseOriginList(undefined)).toEqual([]);
  });

  it('refuses a malformed entry, naming the variable and the fix', () => {
    expect(() => parseOriginList('https://a.example/shop')).toThrow('STOCKROUTE_CORS_ORIGINS: "https://a.example/shop" is not an origin like https://shop.example.com (did you mean https://a.example?)');
  });
});

describe('originAdmits', () => {
  const shop = { kind: 'sales_channel', allowedOrigins: ['https://shop.example'] } as const;
  const erp = { kind: 'integration', allowedOrigins: [] } as const;
  const browserErp = { kind: 'integration', allowedOrigins: ['https://erp.example'] } as const;

  it('admits an application on its own origins', () => {
    expect(originAdmits('https://shop.example', shop, [])).toBe(true);
    expect(originAdmits('https://erp.example', browserErp, [])).toBe(true);
    expect(originAdmits('https://other.example', shop, [])).toBe(false);
  });

  it('lets the global list admit sales channels, never integrations', () => {
    expect(originAdmits('https://global.example', shop, ['https://global.example'])).toBe(true);
    expect(originAdmits('https://anything.example', shop, ['*'])).toBe(true);
    expect(originAdmits('https://global.example', erp, ['https://global.example'])).toBe(false);
    expect(originAdmits('https://anything.example', erp, ['*'])).toBe(false);
    expect(originAdmits('https://anything.example', browserErp, ['*'])).toBe(false);
  });
});
