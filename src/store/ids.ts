// Our ids are opaque prefixed strings: `sku_4kq9x2m7f1ab`. Random, URL-safe, sortable enough
// for humans to tell apart; never derived from data.
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export function newId(prefix: string): string {
  const bytes = randomBytes(12);
  let out = '';
  for (const b of bytes) out += ALPHABET[b & 31];
  return `${prefix}_${out}`;
}
