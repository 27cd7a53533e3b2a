// Reading Magento request bodies by hand, so that every rule answers with Magento's own
// wording: `"%field" can not be empty.`, `… should be numeric.`, and the REST type errors
// (`Error occurred during "%field" processing. The "x" value's type is invalid. …`).
// Numeric SKUs and codes may arrive as JSON numbers; they are read as strings.
import { MagentoError, fieldError, type MagentoErrorItem } from './errors.js';

export type Body = Record<string, unknown>;

export const isRecord = (v: unknown): v is Body => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The object under `key` of the body (`{"source": {...}}`), or a 400 naming it. */
export function envelope(body: unknown, key: string): Body {
  const inner = isRecord(body) ? body[key] : undefined;
  if (!isRecord(inner)) throw new MagentoError(400, '"%fieldName" is required. Enter and try again.', { fieldName: key });
  return inner;
}

/** The list under `key` (`{"sourceItems": [...]}`), each entry an object. */
export function listOf(body: unknown, key: string): Body[] {
  const list = isRecord(body) ? body[key] : undefined;
  if (!Array.isArray(list)) throw new MagentoError(400, '"%fieldName" is required. Enter and try again.', { fieldName: key });
  return list.map((item, i) => {
    if (!isRecord(item)) throw new MagentoError(400, `Error occurred during "${key}" processing. Item ${i} must be an object.`);
    return item;
  });
}

export function typeError(field: string, value: unknown, expected: 'string' | 'float' | 'int' | 'bool'): MagentoError {
  const shown = Array.isArray(value) ? 'array' : isRecord(value) ? 'object' : String(value);
  return new MagentoError(400, `Error occurred during "${field}" processing. The "${shown}" value's type is invalid. The "${expected}" type was expected. Verify and try again.`);
}

/** A string field (numbers accepted and read as text); undefined/null stay absent. */
export function text(o: Body, field: string): string | undefined {
  const v = o[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') throw typeError(field, v, 'string');
  return v;
}

/** A number field: JSON numbers or numeric strings; '' and words are Magento's type error. */
export function number(o: Body, field: string, expected: 'float' | 'int' = 'float'): number | undefined {
  const v = o[field];
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  if (!Number.isFinite(n) || (expected === 'int' && !Number.isInteger(n))) throw typeError(field, v, expected);
  return n;
}

export function bool(o: Body, field: string): boolean | undefined {
  const v = o[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === '1' || v === 'true') return true;
  if (v === 0 || v === '0' || v === 'false') return false;
  throw typeError(field, v, 'bool');
}

/** Magento's "required text" rules: `can not be empty.`, plus the code rule `can not contain whitespaces.` */
export function requiredText(o: Body, field: string, errors: MagentoErrorItem[], options: { code?: boolean } = {}): string {
  const v = text(o, field) ?? '';
  if (v.trim() === '') errors.push(fieldError('can not be empty.', field));
  if (options.code && /\s/.test(v)) errors.push(fieldError('can not contain whitespaces.', field));
  return v;
}

/** Drops null and undefined values, as Magento's REST output does. */
export function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;
}
