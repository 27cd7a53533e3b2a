// stock_locations as CSV, upserted by code, with their address in the same row. When lat and
// lng are blank but the country is given, the address is placed from the imported GeoNames
// postcodes (postcode, then city, then region), so distance ranking can use it.
import { sql } from 'kysely';
import { geocode } from '../store/geonames.js';
import { newId } from '../store/ids.js';
import type { NewRow } from '../store/schema.js';
import type { Trx } from '../store/transaction.js';
import type { Cells } from './csv-cells.js';
import type { BatchWriter, CsvTable, Located, WriteCounts } from './csv-table.js';

export interface StockLocationRow {
  readonly code: string;
  readonly name: string;
  readonly enabled: boolean | undefined;
  readonly address: {
    readonly line_1?: string | null | undefined;
    readonly city?: string | null | undefined;
    readonly zip_code?: string | null | undefined;
    readonly state_code?: string | null | undefined;
    readonly country_code?: string | null | undefined;
    readonly lat?: number | null | undefined;
    readonly lng?: number | null | undefined;
  };
}

const ADDRESS_COLUMNS = ['line_1', 'city', 'zip_code', 'state_code', 'country_code', 'lat', 'lng'] as const;

export const stockLocationsCsv: CsvTable<StockLocationRow> = {
  name: 'stock_locations',
  columns: [
    { name: 'code', required: true, help: 'unique location code' },
    { name: 'name', required: true, help: 'display name' },
    { name: 'enabled', help: 'true/false (default true)' },
    { name: 'line_1', help: 'street address' },
    { name: 'city', help: 'city' },
    { name: 'zip_code', help: 'postal code' },
    { name: 'state_code', help: 'state / region code' },
    { name: 'country_code', help: 'ISO 3166 two-letter code' },
    { name: 'lat', help: 'latitude (-90..90); blank = geocode from GeoNames data' },
    { name: 'lng', help: 'longitude (-180..180); blank = geocode from GeoNames data' },
  ],
  read(cells: Cells): StockLocationRow {
    const country = cells.text('country_code');
    if (country && !/^[A-Za-z]{2}$/.test(country)) throw cells.error('country_code', `not a two-letter country code: "${country}"`);
    const lat = cells.number('lat', -90, 90);
    const lng = cells.number('lng', -180, 180);
    if ((lat == null) !== (lng == null)) throw cells.error(lat == null ? 'lat' : 'lng', 'lat and lng go together: give both or neither');
    return {
      code: cells.requiredText('code'),
      name: cells.requiredText('name'),
      enabled: cells.has('enabled') ? (cells.text('enabled') === null ? true : cells.bool('enabled')) : undefined,
      address: {
        line_1: cells.text('line_1'), city: cells.text('city'), zip_code: cells.text('zip_code'),
        state_code: cells.text('state_code'), country_code: country?.toUpperCase() ?? country, lat, lng,
      },
    };
  },
  key: (row) => row.code,
  writer: (trx, header) => new StockLocationsWriter(trx, header),
  async *exportPages(db, pageSize) {
    let after = '';
    for (;;) {
      const page = await db.kysely
        .selectFrom('stock_locations as l')
        .leftJoin('addresses as a', 'a.id', 'l.address_id')
        .select(['l.code', 'l.name', 'l.enabled', 'a.line_1', 'a.city', 'a.zip_code', 'a.state_code', 'a.country_code', 'a.lat', 'a.lng'])
        .where('l.code', '>', after)
        .orderBy('l.code')
        .limit(pageSize)
        .execute();
      if (page.length === 0) return;
      after = page[page.length - 1]!.code;
      yield page;
    }
  },
};

class StockLocationsWriter implements BatchWriter<StockLocationRow> {
  constructor(
    private readonly trx: Trx,
    private readonly header: ReadonlySet<string>,
  ) {}

  async write(rows: readonly Located<StockLocationRow>[], counts: WriteCounts): Promise<void> {
    const codes = rows.map((r) => r.row.code);
    const existing = new Map(
      (await this.trx.selectFrom('stock_locations').select(['id', 'code', 'address_id']).where('code', 'in', codes).forUpdate().execute())
        .map((l) => [l.code, l]),
    );
    const addressColumns = ADDRESS_COLUMNS.filter((c) => this.header.has(c));
    const addresses: NewRow<'addresses'>[] = [];
    const locations: NewRow<'stock_locations'>[] = [];
    for (const { row } of rows) {
      const current = existing.get(row.code);
      let addressId = current?.address_id ?? null;
      if (addressColumns.length > 0) {
        addressId ??= newId('addr');
        addresses.push({ id: addressId, ...(await this.placed(row)) });
      }
      locations.push({ id: current?.id ?? newId('sloc'), code: row.code, name: row.name, enabled: row.enabled ?? true, address_id: addressId });
      if (current) counts.updated++;
      else counts.inserted++;
    }
    if (addresses.length > 0) {
      // lat/lng are rewritten when given, or when the country is given (they may be geocoded).
      const set = this.header.has('country_code') ? [...new Set([...addressColumns, 'lat', 'lng'] as const)] : addressColumns;
      await this.trx
        .insertInto('addresses')
        .values(addresses)
        .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({
          updated_at: sql<Date>`now()`,
          ...Object.fromEntries(set.map((c) => [c, eb.ref(`excluded.${c}`)])),
        })))
        .execute();
    }
    await this.trx
      .insertInto('stock_locations')
      .values(locations)
      .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        address_id: eb.ref('excluded.address_id'),
        updated_at: sql<Date>`now()`,
        ...(this.header.has('enabled') ? { enabled: eb.ref('excluded.enabled') } : {}),
      })))
      .execute();
  }

  /** The address columns to write, with lat/lng from GeoNames when the row has none. */
  private async placed(row: StockLocationRow) {
    const a = row.address;
    if (a.lat != null || !a.country_code) return a;
    const hit = await geocode(this.trx, { countryCode: a.country_code, zipCode: a.zip_code, city: a.city, stateCode: a.state_code });
    return { ...a, lat: hit?.lat ?? null, lng: hit?.lng ?? null };
  }
}
