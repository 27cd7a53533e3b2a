// Typed reading of one CSV record. Every parse error is an ImportError naming the line and
// column. A column absent from the header reads as `undefined` (keep the stored value); a
// blank cell in a present column reads as null / the column's default.
import { isQuantityError, parseQuantity, type Quantity } from '../domain/quantity.js';
import { ImportError } from './import-error.js';

const TRUE = new Set(['true', 't', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'f', 'no', 'n', '0', '']);

export class Cells {
  constructor(
    private readonly record: Readonly<Record<string, string | undefined>>,
    readonly line: number,
  ) {}

  error(column: string, detail: string): ImportError {
    return new ImportError(this.line, column, detail);
  }

  has(column: string): boolean {
    return this.record[column] !== undefined;
  }

  /** Trimmed text; null when blank; undefined when the column is absent. */
  text(column: string): string | null | undefined {
    const v = this.record[column];
    if (v === undefined) return undefined;
    const t = v.trim();
    return t === '' ? null : t;
  }

  requiredText(column: string): string {
    const v = this.text(column);
    if (v === undefined || v === null) throw this.error(column, 'is required');
    return v;
  }

  bool(column: string): boolean | undefined {
    const v = this.text(column);
    if (v === undefined) return undefined;
    const lower = (v ?? '').toLowerCase();
    if (TRUE.has(lower)) return true;
    if (FALSE.has(lower)) return false;
    throw this.error(column, `not a boolean: "${v}" (use true or false)`);
  }

  /** A non-negative quantity (4 decimals at most); null when blank. */
  quantity(column: string, options: { positive?: boolean } = {}): Quantity | null | undefined {
    const v = this.text(column);
    if (v === undefined || v === null) return v;
    const q = parseQuantity(v);
    if (isQuantityError(q)) {
      const why = q.kind === 'too_many_decimals' ? 'at most 4 decimals' : q.kind === 'too_large' ? 'too large' : 'not a number';
      throw this.error(column, `${why}: "${v}"`);
    }
    if (q < 0 || (options.positive && q === 0)) throw this.error(column, `must be ${options.positive ? '> 0' : '≥ 0'}, got ${v}`);
    return q;
  }

  number(column: string, lo: number, hi: number): number | null | undefined {
    const v = this.text(column);
    if (v === undefined || v === null) return v;
    const n = Number(v);
    if (!Number.isFinite(n) || n < lo || n > hi) throw this.error(column, `must be a number between ${lo} and ${hi}, got "${v}"`);
    return n;
  }

  oneOf<T extends string>(column: string, allowed: readonly T[]): T | null | undefined {
    const v = this.text(column);
    if (v === undefined || v === null) return v;
    if (!(allowed as readonly string[]).includes(v)) throw this.error(column, `must be one of ${allowed.join(', ')}, got "${v}"`);
    return v as T;
  }
}
