import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importGeonames } from '../io/geonames-import.js';
import { ImportError } from '../io/import-error.js';
import { countPostcodes, geocode } from './geonames.js';
import { enginesUnderTest, openTestDb, type TestDb } from './test-support/engines.js';

const SAMPLE = new URL('../../test/fixtures/geonames-sample.txt', import.meta.url).pathname;

describe.each(enginesUnderTest())('geonames on %s', (engine) => {
  let db: TestDb;
  beforeEach(async () => {
    db = await openTestDb(engine);
  });
  afterEach(async () => {
    await db.close();
  });

  it('imports the sample and places addresses by postcode, then city, then region', async () => {
    const summary = await importGeonames(db, [SAMPLE]);
    expect(summary).toMatchObject({ files: 1, rows: 33, countries: ['DE', 'FR', 'GB', 'IT', 'US'], replaced: 0 });

    expect(await geocode(db.kysely, { countryCode: 'de', zipCode: '10115' })).toEqual({ lat: 52.5323, lng: 13.3846, matchedBy: 'postcode' });
    // Full UK postcode falls back to its outward code.
    expect(await geocode(db.kysely, { countryCode: 'GB', zipCode: 'sw1a 1aa' })).toMatchObject({ lat: 51.501, matchedBy: 'postcode' });
    // Unknown postcode, known city: the average of the city's rows.
    const munich = await geocode(db.kysely, { countryCode: 'DE', zipCode: '99999', city: 'münchen' });
    expect(munich?.matchedBy).toBe('city');
    expect(munich?.lat).toBeCloseTo((48.1372 + 48.1458) / 2, 6);
    // City split into districts.
    const paris = await geocode(db.kysely, { countryCode: 'FR', city: 'Paris' });
    expect(paris).toMatchObject({ matchedBy: 'city' });
    expect(paris?.lng).toBeCloseTo((2.3417 + 2.3183) / 2, 6);
    // Region by admin code 1, then by name.
    const california = await geocode(db.kysely, { countryCode: 'US', city: 'Sacramento', stateCode: 'CA' });
    expect(california?.matchedBy).toBe('region');
    expect(california?.lat).toBeCloseTo((34.0614 + 37.7725) / 2, 6);
    expect(await geocode(db.kysely, { countryCode: 'IT', stateCode: 'lombardia' })).toMatchObject({ matchedBy: 'region' });
    expect(await geocode(db.kysely, { countryCode: 'ES', zipCode: '28001', city: 'Madrid' })).toBeNull();
    expect(await geocode(db.kysely, { countryCode: 'US', city: 'Nowhere', stateCode: 'ZZ' })).toBeNull();
  });

  it('replaces a country when it is imported again', async () => {
    await importGeonames(db, [SAMPLE]);
    const dir = mkdtempSync(join(tmpdir(), 'geonames-'));
    const berlinOnly = join(dir, 'DE.txt');
    writeFileSync(berlinOnly, 'DE\t10115\tBerlin\tBerlin\tBE\t\t\t\t\t52.5\t13.4\t4\n');
    const summary = await importGeonames(db, [berlinOnly]);
    expect(summary).toMatchObject({ rows: 1, countries: ['DE'], replaced: 7 });
    expect(await countPostcodes(db.kysely)).toBe(33 - 7 + 1);
    expect(await geocode(db.kysely, { countryCode: 'DE', zipCode: '20095' })).toBeNull();
    expect(await geocode(db.kysely, { countryCode: 'FR', zipCode: '75001' })).not.toBeNull();
  });

  it('rejects a bad row with its line number and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'geonames-'));
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, 'FR\t75001\tParis\t\t\t\t\t\t\t48.86\t2.34\t5\nFR\t75002\tParis\t\t\t\t\t\t\tnorth\t2.34\t5\n');
    const error = await importGeonames(db, [bad]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect(error).toMatchObject({ line: 2, column: 'latitude' });
    expect(await countPostcodes(db.kysely)).toBe(0);
  });
});
