// GeoNames postal codes: offline geocoding for distance ranking, as Magento's offline
// distance provider does. An address is placed by (country, postcode), then (country, city,
// case-insensitive, or its numbered districts), then (country, region = admin code 1 or
// admin name 1); when several rows match, their coordinates are averaged. A UK/CA postcode
// with no exact row is retried with its outward part ("SW1A 1AA" → "SW1A"), the granularity
// of the public GeoNames files.
import { sql, type Kysely } from 'kysely';
import type { Database, NewRow } from './schema.js';

type Queryable = Kysely<Database>;

export interface GeocodeQuery {
  readonly countryCode: string;
  readonly zipCode?: string | null | undefined;
  readonly city?: string | null | undefined;
  readonly stateCode?: string | null | undefined;
}

export interface GeocodeResult {
  readonly lat: number;
  readonly lng: number;
  readonly matchedBy: 'postcode' | 'city' | 'region';
}

export async function geocode(db: Queryable, query: GeocodeQuery): Promise<GeocodeResult | null> {
  const country = query.countryCode.trim().toUpperCase();
  if (!country) return null;
  const zip = query.zipCode?.trim().toUpperCase();
  if (zip) {
    const candidates = [zip, zip.split(/\s+/)[0] ?? zip].filter((z, i, all) => all.indexOf(z) === i);
    for (const postal of candidates) {
      const hit = await average(db, country, sql`postal_code = ${postal}`);
      if (hit) return { ...hit, matchedBy: 'postcode' };
    }
  }
  const city = query.city?.trim();
  if (city) {
    // GeoNames splits some cities into districts ("Paris 08", "Lyon 01"): those count too.
    const prefix = `${city.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)} %`;
    const hit =
      (await average(db, country, sql`lower(place_name) = lower(${city})`)) ??
      (await average(db, country, sql`lower(place_name) LIKE ${prefix}`));
    if (hit) return { ...hit, matchedBy: 'city' };
  }
  const region = query.stateCode?.trim();
  if (region) {
    const byCode = await average(db, country, sql`admin_code1 = ${region}`);
    const hit = byCode ?? (await average(db, country, sql`lower(admin_name1) = lower(${region})`));
    if (hit) return { ...hit, matchedBy: 'region' };
  }
  return null;
}

async function average(db: Queryable, country: string, condition: ReturnType<typeof sql>) {
  const result = await sql<{ lat: number | null; lng: number | null }>`
    SELECT avg(lat) AS lat, avg(lng) AS lng FROM geonames_postcodes
    WHERE country_code = ${country} AND ${condition}`.execute(db);
  const row = result.rows[0];
  if (!row || row.lat === null || row.lng === null) return null;
  return { lat: Number(row.lat), lng: Number(row.lng) };
}

/** Removes every postcode of a country (before re-importing it). Returns the rows removed. */
export async function deleteCountry(db: Queryable, countryCode: string): Promise<number> {
  const result = await db.deleteFrom('geonames_postcodes').where('country_code', '=', countryCode).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function insertPostcodes(db: Queryable, rows: readonly NewRow<'geonames_postcodes'>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('geonames_postcodes').values(rows).execute();
}

export async function countPostcodes(db: Queryable): Promise<number> {
  const row = await db.selectFrom('geonames_postcodes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
