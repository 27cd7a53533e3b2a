// GET /skus/:id under load: many clients ask for SKUs at once, and each statement is a round
// trip whose socket write costs the server more CPU than building the answer. Reads of SKUs
// with inventory that arrive in the same turn of the event loop, for the same model or
// market, are sent together as ONE statement (skusWithInventory) when that turn ends.
// Nothing is cached: every answer is read by a statement sent after its request arrived, so
// a read sees every change committed before it was asked, as a statement of its own would.
// Inside a transaction a read is not deferred (it must see the transaction's own writes).
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { SameTurn } from './same-turn.js';
import { skusWithInventory, type SkuInventoryQuery, type SkuWithInventory } from './sku-inventory.js';

/** More SKUs than this wait for the next statement. */
const MAX_BATCH = 64;

interface Waiting {
  readonly sku: { readonly skuId: string | null; readonly skuCode: string | null };
  resolve(found: SkuWithInventory | undefined): void;
  reject(error: unknown): void;
}

type Scope = Pick<SkuInventoryQuery, 'inventoryModelId' | 'marketId'>;
const turns = new WeakMap<Kysely<Database>, SameTurn<string, Waiting & { readonly scope: Scope }>>();

/** As skuWithInventory, sharing a statement with the reads asked in the same turn. */
export function skuWithInventoryCoalesced(db: Kysely<Database>, q: SkuInventoryQuery): Promise<SkuWithInventory | undefined> {
  if (db.isTransaction) return skusWithInventory(db, [sku(q)], q).then(settle);
  let turn = turns.get(db);
  if (!turn) turns.set(db, (turn = new SameTurn((_, batch) => void send(db, batch, batch[0]!.scope), MAX_BATCH)));
  const asking = turn;
  const scope = { inventoryModelId: q.inventoryModelId ?? null, marketId: q.marketId ?? null };
  return new Promise((resolve, reject) => { asking.add(`${q.inventoryModelId ?? ''} ${q.marketId ?? ''}`, { sku: sku(q), scope, resolve, reject }); });
}

async function send(db: Kysely<Database>, batch: Waiting[], scope: Scope): Promise<void> {
  try {
    const answers = await skusWithInventory(db, batch.map((w) => w.sku), scope);
    batch.forEach((w, i) => {
      const answer = answers[i];
      if (answer instanceof Error) w.reject(answer);
      else w.resolve(answer);
    });
  } catch (error) {
    for (const w of batch) w.reject(error);
  }
}

const sku = (q: SkuInventoryQuery) => ({ skuId: q.skuId ?? null, skuCode: q.skuCode ?? null });

function settle([found]: (SkuWithInventory | Error | undefined)[]): SkuWithInventory | undefined {
  if (found instanceof Error) throw found;
  return found;
}
