// Our ids are opaque prefixed strings: `sku_4kq9x2m7f1ab`. Random, URL-safe, sortable enough
// for humans to tell apart; never derived from data. The random bytes come from the system's
// generator in blocks (one call per 256 ids, not one per id: a placement makes several ids).
import { randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const ID_BYTES = 12;
const pool = Buffer.alloc(ID_BYTES * 256);
let used = pool.length;

export function newId(prefix: string): string {
  if (used + ID_BYTES > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  let out = '';
  for (let i = used; i < used + ID_BYTES; i++) out += ALPHABET[pool[i]! & 31];
  used += ID_BYTES;
  return `${prefix}_${out}`;
}
