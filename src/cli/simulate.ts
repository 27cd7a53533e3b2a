// `stockroute simulate`: replay an order stream against a stock snapshot under several
// strategy × algorithm combinations side by side, and report shipments per order, split
// share, backorders, distance per unit, transfers and routing time (terminal, JSON, HTML).
import { InvalidArgumentError, Option } from 'commander';
import type { Command } from 'commander';
import { runCommand, withDbOptions } from '../io/cli-support.js';
import type { DbOptions } from '../io/cli-support.js';
import { REGIONS } from '../simulate/cities.js';
import { commaList } from '../simulate/scenarios.js';
import type { SimulateOptions } from '../simulate/command.js';

const wholeNumber = (min: number) => (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`must be a whole number ≥ ${min}, not "${value}"`);
  return n;
};
const positiveNumber = () => (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`must be a number greater than 0, not "${value}"`);
  return n;
};

export function register(program: Command): void {
  const command = program
    .command('simulate')
    .description(
      'Replay an order stream against a stock snapshot under several strategies/algorithms side by side; ' +
        'report shipments per order, split share, backorders, distance per unit, transfers and routing time',
    )
    .option('--orders <file>', 'order stream: CSV (order_id,sku,quantity,lat,lng[,country_code,zip_code,placed_at]), JSON array or NDJSON')
    .option('--generate <n>', 'generate N orders instead of reading --orders (default 1000)', wholeNumber(1))
    .option('--seed <n>', 'seed for generated orders and snapshot', wholeNumber(0), 1)
    .option('--snapshot <file>', 'stock snapshot JSON: locations, skus, stock (as `stockroute route` input) and stock_locations_cutoff')
    .option('--from-db', 'take the snapshot from the database (with --model)')
    .option('--model <id or name>', 'inventory model for --from-db')
    .option('--generate-snapshot', 'generate the snapshot (the default without --snapshot or --from-db)')
    .option('--locations <n>', 'generated snapshot: warehouses in real cities (all of them candidates)', wholeNumber(1), 8)
    .option('--skus <n>', 'generated snapshot: SKUs', wholeNumber(1), 500)
    .addOption(new Option('--region <region>', 'generated snapshot: where the warehouses are').choices(REGIONS).default('europe'))
    .option('--coverage <x>', 'generated snapshot: stock ÷ expected demand of the orders', positiveNumber(), 1.5)
    .option('--cutoff <n|none>', 'override stock_locations_cutoff (candidates per order, by priority); "none" = all')
    .option('--strategies <list>', 'comma-separated strategies (default: all five)', commaList)
    .option('--algorithms <list>', 'comma-separated rankings, e.g. priority,distance (default: priority)', commaList)
    .option('--json <file>', 'write the report as JSON')
    .option('--html <file>', 'write the report as a self-contained HTML page with charts')
    .option('--save-snapshot <file>', 'write the snapshot used (e.g. a generated one) as JSON, to replay it later')
    .option('--save-orders <file>', 'write the order stream used (e.g. a generated one) as CSV, to replay it with --orders')
    .option('--batch <n>', 'also hold the orders in batches of N re-optimised together (fewest_shipments), per strategy that allows it', wholeNumber(1))
    .option('--batch-window <minutes>', 'or hold them in windows of MINUTES of simulated time (placed_at; exclusive with --batch)', positiveNumber())
    .option('--orders-per-hour <n>', 'with --batch-window: arrival rate given to orders without placed_at, drawn from --seed (default 60)', positiveNumber())
    .option('--no-progress', 'no progress bar on stderr')
    .addHelpText(
      'after',
      `
Without inputs it generates both a snapshot and 1,000 orders. Defaults compare every strategy
with priority ranking, plus split_shipments with distance ranking.

Examples:
  $ stockroute simulate --generate 100000 --seed 7 --html report.html --json report.json
  $ stockroute simulate --orders orders.csv --snapshot stock.json --strategies split_shipments,no_split --algorithms priority,distance
  $ stockroute simulate --generate 20000 --seed 7 --strategies split_shipments --algorithms priority,fewest_shipments --batch 50
  $ stockroute simulate --generate 20000 --seed 7 --strategies split_shipments --batch-window 30 --orders-per-hour 120
  $ stockroute simulate --from-db --model "EU model" --generate 20000 --html eu.html
`,
    );
  withDbOptions(command).action(async (options: SimulateOptions & DbOptions) => {
    // Imported here: the simulator and its chart library (echarts, ~600 modules) would
    // otherwise load with every command, `stockroute serve` included.
    await runCommand('simulate', async () => (await import('../simulate/command.js')).simulate(options));
  });
}
