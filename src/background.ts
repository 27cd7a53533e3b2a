// The server's background work, started after it listens and stopped before the database
// closes: webhook delivery from the outbox, and the sweep that releases cart (draft)
// reservations past their expiry so their stock is salable again, and the periodic batch
// re-optimisation of the inventory models that ask for it (reoptimize_every_s).
import { flowContext } from './flows/context.js';
import { releaseExpiredReservations } from './flows/expired-reservations.js';
import { runDueReoptimisations } from './flows/reoptimise-schedule.js';
import type { Db } from './store/db.js';
import { startWebhookWorker } from './webhooks/delivery.js';

export interface BackgroundOptions {
  readonly webhookIntervalMs?: number;
  readonly sweepIntervalMs?: number;
  /** How often to look for models due a re-optimisation run (default 10 s). */
  readonly reoptimizeIntervalMs?: number;
  readonly now?: () => Date;
  readonly onError?: (job: string, error: unknown) => void;
}

export interface Background {
  stop(): Promise<void>;
}

export function startBackgroundJobs(db: Db, options: BackgroundOptions = {}): Background {
  const webhooks = startWebhookWorker(db, { intervalMs: options.webhookIntervalMs ?? 1000, ...(options.now ? { now: options.now } : {}) });
  const ctx = flowContext(db, options.now ? { now: options.now } : {});
  let stopped = false;
  let sweeping: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout;
  const sweep = () => {
    if (stopped) return;
    sweeping = releaseExpiredReservations(ctx)
      .catch((error: unknown) => options.onError?.('expired_reservations', error))
      .finally(() => { if (!stopped) timer = setTimeout(sweep, options.sweepIntervalMs ?? 30_000); });
  };
  timer = setTimeout(sweep, options.sweepIntervalMs ?? 30_000);
  let reoptimizing: Promise<unknown> = Promise.resolve();
  let reoptimizeTimer: NodeJS.Timeout;
  const reoptimize = () => {
    if (stopped) return;
    reoptimizing = runDueReoptimisations(ctx, (modelId, error) => options.onError?.(`reoptimize ${modelId}`, error))
      .catch((error: unknown) => options.onError?.('reoptimize', error))
      .finally(() => { if (!stopped) reoptimizeTimer = setTimeout(reoptimize, options.reoptimizeIntervalMs ?? 10_000); });
  };
  reoptimizeTimer = setTimeout(reoptimize, options.reoptimizeIntervalMs ?? 10_000);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(reoptimizeTimer);
      await Promise.all([webhooks.stop(), sweeping, reoptimizing]);
    },
  };
}
