// The server's periodic batch re-optimisation: every inventory model with
// `reoptimize_every_s` set gets a run (trigger `schedule`) once its last real run (completed
// or unsupported, any trigger; dry runs do not count) is at least that many seconds old.
// Models are run one after the other; a failing model does not stop the others.
import { sql } from 'kysely';
import type { FlowContext } from './context.js';
import { reoptimiseModel, type ReoptimizationRun } from './reoptimise.js';

export async function runDueReoptimisations(ctx: FlowContext, onError?: (modelId: string, error: unknown) => void): Promise<ReoptimizationRun[]> {
  const now = ctx.now();
  const due = await ctx.db.kysely.selectFrom('inventory_models as m')
    .select('m.id')
    .where('m.reoptimize_every_s', 'is not', null)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('reoptimization_runs as r').select('r.id')
      .whereRef('r.inventory_model_id', '=', 'm.id').where('r.status', 'in', ['completed', 'unsupported'])
      .where(sql<boolean>`r.created_at > ${now}::timestamptz - make_interval(secs => m.reoptimize_every_s)`))))
    .orderBy('m.id').execute();
  const runs: ReoptimizationRun[] = [];
  for (const { id } of due) {
    try {
      runs.push(await reoptimiseModel(ctx, { modelId: id, trigger: 'schedule' }));
    } catch (error) {
      onError?.(id, error);
    }
  }
  return runs;
}
