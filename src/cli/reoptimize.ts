// `stockroute reoptimize --model CODE [--dry-run]`: one batch re-optimisation run of an
// inventory model (flows/reoptimise.ts). CODE is the model's id, its name, or the code of a
// market that uses it. Prints the run's before → baseline → after and the changed orders.
import type { Command } from 'commander';
import { reoptimiseModel, type ChangedOrder } from '../flows/reoptimise.js';
import { flowContext } from '../flows/context.js';
import { UsageError } from '../io/import-error.js';
import { runCommand, withDbOptions } from '../io/cli-support.js';
import type { Db } from '../store/db.js';
import { openDbFromOptions, type DbOptions } from './open-db.js';

interface Options extends DbOptions {
  readonly model: string;
  readonly dryRun?: boolean;
  readonly budgetMs: number;
  readonly maxOrders: number;
}

export function register(program: Command): void {
  withDbOptions(
    program
      .command('reoptimize')
      .description('Re-plan together the orders of an inventory model not yet released to the warehouse (fewer shipments)')
      .requiredOption('--model <code>', 'inventory model id or name, or the code of a market using it')
      .option('--dry-run', 'compute and record the run, change no order')
      .option('--budget-ms <ms>', 'time budget of the batch search', (v) => Number(v), 2000)
      .option('--max-orders <n>', 'orders per run, oldest placement first', (v) => Number(v), 500),
  ).action(async (options: Options) => {
    await runCommand('reoptimize', async () => {
      if (!Number.isInteger(options.budgetMs) || options.budgetMs < 1) throw new UsageError('--budget-ms must be a whole number of milliseconds ≥ 1');
      if (!Number.isInteger(options.maxOrders) || options.maxOrders < 1) throw new UsageError('--max-orders must be a whole number ≥ 1');
      const db = await openDbFromOptions(options);
      try {
        const modelId = await resolveModel(db, options.model);
        const run = await reoptimiseModel(flowContext(db), {
          modelId, trigger: 'cli', budgetMs: options.budgetMs, maxOrders: options.maxOrders, ...(options.dryRun ? { dryRun: true } : {}),
        });
        const out = (s: string) => process.stdout.write(`${s}\n`);
        out(`run ${run.id} (${run.status}${run.message ? `: ${run.message}` : ''})`);
        out(`orders considered ${run.orders_considered}, skipped ${run.orders_skipped}, changed ${run.orders_changed}`);
        out(`shipments: before ${run.shipments_before}, greedy baseline ${run.shipments_baseline}, after ${run.shipments_after}`);
        out(`km (Σ units × km): before ${run.km_before}, greedy baseline ${run.km_baseline}, after ${run.km_after}`);
        out(`search: ${run.search_moves} moves, ${run.search_stopped ?? '-'}, ${run.elapsed_ms} ms`);
        for (const c of run.changed_orders as ChangedOrder[]) out(`  ${c.number}: ${c.shipments_before} → ${c.shipments_after} shipments, ${c.km_before} → ${c.km_after} km`);
      } finally {
        await db.close();
      }
    });
  });
}

async function resolveModel(db: Db, code: string): Promise<string> {
  const k = db.kysely;
  const model = await k.selectFrom('inventory_models').select('id').where((eb) => eb.or([eb('id', '=', code), eb('name', '=', code)])).orderBy('id').execute();
  if (model.length === 1) return (model[0] as { id: string }).id;
  if (model.length > 1) throw new UsageError(`--model ${code}: ${model.length} inventory models have that name; give the id`);
  const market = await k.selectFrom('markets').select('inventory_model_id').where('code', '=', code).executeTakeFirst();
  if (market) return market.inventory_model_id;
  throw new UsageError(`--model ${code}: no inventory model has that id or name, and no market that code`);
}
