import { describe, expect, it } from 'vitest';
import { generateClientId } from './secrets.js';

describe('generateClientId', () => {
  it('never starts with "-", so `applications rotate-secret CLIENT_ID` does not read it as an option', () => {
    // One base64url id in 64 starts with "-": 20,000 draws would hold ~300 such ids.
    const ids = Array.from({ length: 20_000 }, generateClientId);
    expect(ids.filter((id) => id.startsWith('-'))).toEqual([]);
    expect(ids.every((id) => /^[A-Za-z0-9_-]{24}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
