// Ids stay unique and well-formed across refills of the random block they are cut from.
import { describe, expect, it } from 'vitest';
import { newId } from './ids.js';

describe('newId', () => {
  it('gives 10,000 distinct ids of the prefix and 12 characters of the alphabet, across many refills', () => {
    const ids = Array.from({ length: 10_000 }, () => newId('rsv'));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^rsv_[0-9abcdefghjkmnpqrstvwxyz]{12}$/);
    const firstCharacters = new Set(ids.map((id) => id[4]));
    expect(firstCharacters.size).toBe(32);
  });
});
