// skus as CSV, upserted by code. The shipping category is given by its code and must exist;
// it is required unless the SKU is do_not_ship. A column left out of the header keeps the
// stored value on update (and the default on insert); a blank cell clears it / sets the default.
import { sql } from 'kysely';
import { toDecimal, toDecimalString, type Quantity } from '../domain/quantity.js';
import { newId } from '../store/ids.js';
import type { NewRow } from '../store/schema.js';
import type { Trx } from '../store/transaction.js';
import type { Cells } from './csv-cells.js';
import type { BatchWriter, CsvTable, Located, WriteCounts } from './csv-table.js';
import { ImportError } from './import-error.js';

export interface SkuRow {
  readonly code: string;
  readonly name: string;
  readonly shippingCategory: string | null;
  readonly doNotShip?: boolean | undefined;
  readonly doNotTrack?: boolean | undefined;
  readonly allowBackorders?: boolean | undefined;
  readonly quantityDecimal?: boolean | undefined;
  readonly weight?: Quantity | null | undefined;
  readonly unitOfWeight?: string | null | undefined;
  readonly minSaleQuantity?: Quantity | null | undefined;
  readonly maxSaleQuantity?: Quantity | null | undefined;
  readonly quantityIncrements?: Quantity | null | undefined;
  readonly outOfStockThreshold?: Quantity | null | undefined;
}

const UNITS = ['gr', 'kg', 'lb', 'oz'] as const;
const dec = (q: Quantity | null | undefined) => (q === null || q === undefined ? q : toDecimalString(q));

export const skusCsv: CsvTable<SkuRow> = {
  name: 'skus',
  columns: [
    { name: 'code', required: true, help: 'unique SKU code' },
    { name: 'name', required: true, help: 'display name' },
    { name: 'shipping_category', required: true, help: 'shipping category code (blank only when do_not_ship)' },
    { name: 'do_not_ship', help: 'true/false (default false)' },
    { name: 'do_not_track', help: 'true/false: no stock kept, always available' },
    { name: 'allow_backorders', help: 'true/false: may be sold beyond stock' },
    { name: 'weight', help: 'number ≥ 0' },
    { name: 'unit_of_weight', help: UNITS.join(', ') },
    { name: 'quantity_decimal', help: 'true/false: fractional quantities allowed' },
    { name: 'min_sale_quantity', help: '> 0 (default 1)' },
    { name: 'max_sale_quantity', help: '> 0 or blank' },
    { name: 'quantity_increments', help: '> 0 or blank' },
    { name: 'out_of_stock_threshold', help: '≥ 0 (default 0)' },
  ],
  read(cells: Cells): SkuRow {
    const row: SkuRow = {
      code: cells.requiredText('code'),
      name: cells.requiredText('name'),
      shippingCategory: cells.text('shipping_category') ?? null,
      doNotShip: cells.bool('do_not_ship'),
      doNotTrack: cells.bool('do_not_track'),
      allowBackorders: cells.bool('allow_backorders'),
      quantityDecimal: cells.bool('quantity_decimal'),
      weight: cells.quantity('weight'),
      unitOfWeight: cells.oneOf('unit_of_weight', UNITS),
      minSaleQuantity: cells.quantity('min_sale_quantity', { positive: true }),
      maxSaleQuantity: cells.quantity('max_sale_quantity', { positive: true }),
      quantityIncrements: cells.quantity('quantity_increments', { positive: true }),
      outOfStockThreshold: cells.quantity('out_of_stock_threshold'),
    };
    if (!row.shippingCategory && !row.doNotShip) throw cells.error('shipping_category', 'is required unless do_not_ship is true');
    const { minSaleQuantity: lo, maxSaleQuantity: hi } = row;
    if (lo != null && hi != null && hi < lo) throw cells.error('max_sale_quantity', `is below min_sale_quantity (${toDecimal(lo)})`);
    return row;
  },
  key: (row) => row.code,
  writer: (trx, header) => new SkusWriter(trx, header),
  async *exportPages(db, pageSize) {
    let after = '';
    for (;;) {
      const page = await db.kysely
        .selectFrom('skus as s')
        .leftJoin('shipping_categories as c', 'c.id', 's.shipping_category_id')
        .select([
          's.code', 's.name', 'c.code as shipping_category', 's.do_not_ship', 's.do_not_track', 's.allow_backorders',
          's.weight', 's.unit_of_weight', 's.quantity_decimal', 's.min_sale_quantity', 's.max_sale_quantity',
          's.quantity_increments', 's.out_of_stock_threshold',
        ])
        .where('s.code', '>', after)
        .orderBy('s.code')
        .limit(pageSize)
        .execute();
      if (page.length === 0) return;
      after = page[page.length - 1]!.code;
      yield page;
    }
  },
};

// CSV column → skus column, for the ON CONFLICT update list (only columns in the header).
const UPDATABLE = {
  name: 'name', shipping_category: 'shipping_category_id', do_not_ship: 'do_not_ship', do_not_track: 'do_not_track',
  allow_backorders: 'allow_backorders', weight: 'weight', unit_of_weight: 'unit_of_weight',
  quantity_decimal: 'quantity_decimal', min_sale_quantity: 'min_sale_quantity', max_sale_quantity: 'max_sale_quantity',
  quantity_increments: 'quantity_increments', out_of_stock_threshold: 'out_of_stock_threshold',
} as const;

class SkusWriter implements BatchWriter<SkuRow> {
  private categories: Map<string, string> | undefined;

  constructor(
    private readonly trx: Trx,
    private readonly header: ReadonlySet<string>,
  ) {}

  async write(rows: readonly Located<SkuRow>[], counts: WriteCounts): Promise<void> {
    this.categories ??= new Map(
      (await this.trx.selectFrom('shipping_categories').select(['id', 'code']).execute()).map((c) => [c.code, c.id]),
    );
    const values: NewRow<'skus'>[] = rows.map(({ row, line }) => {
      const categoryId = row.shippingCategory ? this.categories!.get(row.shippingCategory) : null;
      if (categoryId === undefined) throw new ImportError(line, 'shipping_category', `unknown shipping category "${row.shippingCategory}"`);
      return {
        id: newId('sku'), code: row.code, name: row.name, shipping_category_id: categoryId,
        do_not_ship: row.doNotShip ?? false, do_not_track: row.doNotTrack ?? false,
        allow_backorders: row.allowBackorders ?? false, quantity_decimal: row.quantityDecimal ?? false,
        weight: dec(row.weight) ?? null, unit_of_weight: row.unitOfWeight ?? null,
        min_sale_quantity: dec(row.minSaleQuantity) ?? '1', max_sale_quantity: dec(row.maxSaleQuantity) ?? null,
        quantity_increments: dec(row.quantityIncrements) ?? null, out_of_stock_threshold: dec(row.outOfStockThreshold) ?? '0',
      };
    });
    const updates = Object.entries(UPDATABLE).filter(([csv]) => this.header.has(csv)).map(([, column]) => column);
    const written = await this.trx
      .insertInto('skus')
      .values(values)
      .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({
        updated_at: sql<Date>`now()`,
        ...Object.fromEntries(updates.map((c) => [c, eb.ref(`excluded.${c}`)])),
      })))
      .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
      .execute();
    for (const w of written) {
      if (w.inserted) counts.inserted++;
      else counts.updated++;
    }
  }
}
