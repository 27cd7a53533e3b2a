// shipping_categories as CSV (code, name), upserted by code: SKUs refer to them by code, so
// a fresh database needs them before `import skus`.
import { sql } from 'kysely';
import { newId } from '../store/ids.js';
import type { Cells } from './csv-cells.js';
import type { CsvTable } from './csv-table.js';

export interface ShippingCategoryRow {
  readonly code: string;
  readonly name: string;
}

export const shippingCategoriesCsv: CsvTable<ShippingCategoryRow> = {
  name: 'shipping_categories',
  columns: [
    { name: 'code', required: true, help: 'unique code, referred to by skus.shipping_category' },
    { name: 'name', required: true, help: 'display name' },
  ],
  read: (cells: Cells) => ({ code: cells.requiredText('code'), name: cells.requiredText('name') }),
  key: (row) => row.code,
  writer: (trx) => ({
    async write(rows, counts) {
      const written = await trx
        .insertInto('shipping_categories')
        .values(rows.map(({ row }) => ({ id: newId('shc'), code: row.code, name: row.name })))
        .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), updated_at: sql<Date>`now()` })))
        .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
        .execute();
      for (const w of written) {
        if (w.inserted) counts.inserted++;
        else counts.updated++;
      }
    },
  }),
  async *exportPages(db) {
    yield await db.kysely.selectFrom('shipping_categories').select(['code', 'name']).orderBy('code').execute();
  },
};
