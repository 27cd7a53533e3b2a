// `stockroute geonames import FILE...`: load GeoNames postal-code files for offline geocoding.
import type { Command } from 'commander';
import { importGeonames } from '../io/geonames-import.js';
import { exitTwoOnUsageError, runWithDb, withDbOptions, type DbOptions } from '../io/cli-support.js';
import { startProgress } from '../io/progress.js';

export function register(program: Command): void {
  const geonames = exitTwoOnUsageError(program.command('geonames'))
    .description('Offline geocoding data: GeoNames postal codes (download from https://download.geonames.org/export/zip/)');
  withDbOptions(
    geonames
      .command('import')
      .description(
        'Load GeoNames postal-code files (tab-separated: country code, postal code, place name, admin name/code 1-3, ' +
          'latitude, longitude, accuracy). Re-importing a country replaces its rows. All files load in one transaction.',
      )
      .argument('<files...>', 'GeoNames files, e.g. DE.txt FR.txt or allCountries.txt')
      .addHelpText('after', '\nExample:\n  $ stockroute geonames import DE.txt FR.txt GB.txt\n'),
  ).action(async (files: string[], options: DbOptions) => {
    await runWithDb('geonames import', options, async (db) => {
      const started = Date.now();
      const bar = startProgress({ label: 'geonames', total: 1, bytes: true });
      try {
        const summary = await importGeonames(db, files, {
          onProgress: (done, total) => {
            bar.setTotal(total);
            bar.update(done);
          },
        });
        bar.stop();
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        process.stdout.write(
          `Imported ${summary.rows} postal codes for ${summary.countries.length} ${summary.countries.length === 1 ? 'country' : 'countries'} ` +
            `(${summary.countries.join(', ')}) from ${summary.files} file(s) in ${seconds}s` +
            (summary.replaced > 0 ? `; replaced ${summary.replaced} earlier rows` : '') + '.\n',
        );
      } finally {
        bar.stop();
      }
    });
  });
}
