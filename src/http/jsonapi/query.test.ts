// Query-string parsing: bracketed keys, percent-encoded brackets, defaults and limits.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { parseListQuery } from './query.js';

describe('parseListQuery', () => {
  it('reads page, sort, include, fields and filters, with or without encoded brackets', () => {
    const plain = parseListQuery('/api/skus?page[number]=2&page[size]=5&sort=-created_at,code&include=sku,stock_location.address&fields[skus]=code,name&filter[q][sku_code_in]=A,B');
    const encoded = parseListQuery('/api/skus?page%5Bnumber%5D=2&page%5Bsize%5D=5&sort=-created_at%2Ccode&include=sku%2Cstock_location.address&fields%5Bskus%5D=code%2Cname&filter%5Bq%5D%5Bsku_code_in%5D=A%2CB');
    for (const q of [plain, encoded]) {
      expect(q.page).toEqual({ number: 2, size: 5 });
      expect(q.sort).toEqual([{ attribute: 'created_at', descending: true }, { attribute: 'code', descending: false }]);
      expect(q.include).toEqual([['sku'], ['stock_location', 'address']]);
      expect([...(q.fields.get('skus') ?? [])]).toEqual(['code', 'name']);
      expect(q.filter.get('sku_code_in')).toBe('A,B');
    }
  });

  it('defaults to page 1 of 10', () => {
    expect(parseListQuery('/api/skus').page).toEqual({ number: 1, size: 10 });
  });

  it.each(['page[size]=26', 'page[size]=0', 'page[number]=-1', 'page[number]=1.5', 'filter[code]=x'])('refuses %s as a bad request', (qs) => {
    expect(() => parseListQuery(`/api/skus?${qs}`)).toThrow(ApiError);
  });
});
