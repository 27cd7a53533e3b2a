// `stockroute geonames import`, then a stock location without coordinates placed from it.
import { describe, expect, it } from 'vitest';
import { csvFile } from '../../src/io/test-support.js';
import { expectNoStackTrace, stockroute, tempDataDir } from './cli-run.js';

const SAMPLE = new URL('../fixtures/geonames-sample.txt', import.meta.url).pathname;

describe('stockroute geonames import', () => {
  const db = ['--data-dir', tempDataDir()];

  it('loads the postcodes and places addresses that have no coordinates', { timeout: 300_000 }, async () => {
    const run = await stockroute(['geonames', 'import', SAMPLE, ...db]);
    expect(run, run.stderr).toMatchObject({ code: 0 });
    expect(run.stdout).toMatch(/^Imported 33 postal codes for 5 countries \(DE, FR, GB, IT, US\) from 1 file\(s\)/);
    const again = await stockroute(['geonames', 'import', SAMPLE, ...db]);
    expect(again.stdout).toContain('replaced 33 earlier rows');

    const locations = csvFile([
      'code,name,city,zip_code,state_code,country_code,lat,lng',
      'hamburg,Hamburg Hafen,Hamburg,20095,HH,DE,,',
      'lyon,Lyon,Lyon,69999,,FR,,',
      'somewhere,Somewhere,Nowhere,00000,,ES,,',
    ]);
    expect((await stockroute(['import', 'stock_locations', locations, ...db])).code).toBe(0);
    const exported = (await stockroute(['export', 'stock_locations', ...db])).stdout.trim().split('\n');
    expect(exported).toContain('hamburg,Hamburg Hafen,true,,Hamburg,20095,HH,DE,53.5511,10.0006');
    // Unknown postcode: the city's districts, averaged.
    expect(exported.find((l) => l.startsWith('lyon,'))).toMatch(/,FR,45\.758\d*,4\.828\d*$/);
    expect(exported).toContain('somewhere,Somewhere,true,,Nowhere,00000,,ES,,');
  });

  it('rejects a malformed file with its line, exit 2', { timeout: 120_000 }, async () => {
    const bad = csvFile(['DE\t10115\tBerlin\tBerlin\tBE\t\t\t\t\t52.53\t13.38\t4', 'DE\t10117\tBerlin\tBerlin\tBE\t\t\t\t\t52.51\teast\t4'], 'DE.txt');
    const run = await stockroute(['geonames', 'import', bad, ...db]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('line 2, column longitude: not a longitude: "east"');
    expect(expectNoStackTrace(run.stderr)).toBe(true);
    expect((await stockroute(['geonames', 'import', '--help'])).stdout).toContain('$ stockroute geonames import DE.txt FR.txt GB.txt');
  });
});
