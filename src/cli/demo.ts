// `stockroute demo`: load the demo dataset (20 real-city locations, 3 markets, ~2,000 SKUs,
// a few hundred orders) into an empty database.
import { InvalidArgumentError, type Command } from 'commander';
import { formatSummary, loadDemo } from '../demo/load.js';
import { runWithDb, withDbOptions, type DbOptions } from '../io/cli-support.js';
import { startProgress, type Progress } from '../io/progress.js';

const count = (name: string, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new InvalidArgumentError(`must be an integer between 0 and ${max}`);
  return n;
};

export function register(program: Command): void {
  withDbOptions(
    program
      .command('demo')
      .description('Load a realistic demo dataset into an empty database: 20 warehouses in real European and North American ' +
        'cities, 3 markets with different strategies, ~2,000 SKUs with uneven stock, and a few hundred orders in every state')
      .option('--seed <n>', 'random seed: the same seed gives the same data', count('--seed', 2 ** 31), 42)
      .option('--orders <n>', 'number of orders to create through the order flows', count('--orders', 10_000), 300)
      .option('--skus <n>', 'number of SKUs', count('--skus', 100_000), 2000)
      .addHelpText('after', `
The database must have no stock locations yet; otherwise nothing is changed and the command
exits with status 1. \`stockroute serve\` loads the same data by itself on a fresh embedded
database (disable with --no-demo).

Examples:
  $ stockroute demo
  $ stockroute demo --data-dir /tmp/stockroute-demo --seed 7 --orders 500
`),
  ).action(async (options: DbOptions & { seed: number; orders: number; skus: number }) => {
    await runWithDb('demo', options, async (db) => {
      let bar: Progress | undefined;
      let phase = '';
      try {
        const summary = await loadDemo(db, {
          seed: options.seed, orders: options.orders, skus: options.skus,
          onProgress: (p, done, total) => {
            if (p !== phase) {
              bar?.stop();
              phase = p;
              bar = startProgress({ label: p === 'catalogue' ? 'catalogue rows' : 'orders        ', total });
            }
            bar?.update(done);
          },
        });
        bar?.stop();
        process.stdout.write(`${formatSummary(summary)}\n`);
      } finally {
        bar?.stop();
      }
    });
  });
}
