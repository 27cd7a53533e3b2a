// The server's background work, started after it listens and stopped before the database
// closes: webhook delivery from the outbox, and the sweep that releases cart (draft)
// reservations past their expiry so their stock is salable again.
import { flowContext } from './flows/context.js';
import { releaseExpiredReservations } from './flows/expired-reservations.js';
import type { Db } from './store/db.js';
import { startWebhookWorker } from './webhooks/delivery.js';

export interface BackgroundOptions {
  readonly webhookIntervalMs?: number;
  readonly sweepIntervalMs?: number;
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
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await Promise.all([webhooks.stop(), sweeping]);
    },
  };
}
