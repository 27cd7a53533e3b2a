// Placements that arrive while others are running are placed together. A flash sale sends
// many placements at once; each pays a transaction's fixed cost (two round trips, statement
// start-up, a commit) that is larger than its own rows. So on PostgreSQL a batch places what
// is waiting, as one transaction: one snapshot statement locks every waiting order and their
// stock (orders, then items, each in id order), the orders are planned one after the other
// over it (each sees what the ones before it took), and one statement writes them all with
// the COMMIT.
// - One batch at a time locks and plans (the turn); the next one starts as soon as the one
//   before has sent its write. So PostgreSQL writes one batch while Node plans the next,
//   and a batch waits for another's locks only while that one's write and COMMIT run.
//   (Batches locking freely side by side were slower: they queue on each other's items for
//   a whole plan, and split what is waiting into smaller batches.)
// - A batch that has not planned within `turnMs` (a lock held by some long transaction) lets
//   the next one start anyway: one stuck order never holds every placement up.
// - Nobody waits for a batch to fill: the turn takes whatever is waiting, so one placement
//   alone is placed at once, alone.
// - An order that cannot be placed (not a draft, no lines, not enough stock) gets its own
//   error and the others go on; its holds and stock stay as they were.
// - When the shared transaction fails (after its retries), each of its orders is placed again
//   on its own, so one order's failure is never another's.
// - The same order asked twice waits for the next batch (the second answer is the one a
//   second placement gets).

/** One batch's answers, in the order of its requests. */
export type Settled<T> = PromiseSettledResult<T>;

interface Waiting<R, T> {
  readonly request: R;
  readonly resolve: (value: T) => void;
  readonly reject: (reason: unknown) => void;
}

export interface PlacementQueueOptions<R, T> {
  /** Batches running at once (each holds one connection); only one of them locks and plans. */
  readonly lanes: number;
  /** The most requests one batch takes. */
  readonly maxBatch: number;
  /** How long a batch keeps the turn at most before the next may start (ms). */
  readonly turnMs: number;
  /** Requests with the same key never share a batch. */
  readonly key: (request: R) => string;
  /**
   * Places a batch in one transaction, calling `planned` once its locks are taken and its
   * plans made (just before the write); throws when the transaction failed as a whole.
   */
  readonly together: (batch: readonly R[], planned: () => void) => Promise<Settled<T>[]>;
  /** Places one request in a transaction of its own (`planned` as above). */
  readonly alone: (request: R, planned: () => void) => Promise<T>;
}

export class PlacementQueue<R, T> {
  private readonly waiting: Waiting<R, T>[] = [];
  private running = 0;
  /** A batch is locking and planning. */
  private turnTaken = false;

  constructor(private readonly options: PlacementQueueOptions<R, T>) {}

  place(request: R): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.turnTaken || this.running >= this.options.lanes || this.waiting.length === 0) return;
    const batch = this.take();
    this.running++;
    this.turnTaken = true;
    let planned = false;
    const endTurn = () => {
      if (planned) return;
      planned = true;
      clearTimeout(timer);
      this.turnTaken = false;
      this.pump();
    };
    const timer = setTimeout(endTurn, this.options.turnMs);
    timer.unref();
    void this.run(batch, endTurn).finally(() => {
      this.running--;
      endTurn();
      this.pump();
    });
  }

  /** The oldest waiting requests, up to maxBatch, one per key. */
  private take(): Waiting<R, T>[] {
    const batch: Waiting<R, T>[] = [];
    const keys = new Set<string>();
    for (let i = 0; i < this.waiting.length && batch.length < this.options.maxBatch;) {
      const w = this.waiting[i]!;
      const key = this.options.key(w.request);
      if (keys.has(key)) { i++; continue; }
      keys.add(key);
      batch.push(w);
      this.waiting.splice(i, 1);
    }
    return batch;
  }

  private async run(batch: readonly Waiting<R, T>[], planned: () => void): Promise<void> {
    if (batch.length === 1) {
      const [only] = batch as [Waiting<R, T>];
      await this.options.alone(only.request, planned).then(only.resolve, only.reject);
      return;
    }
    let settled: Settled<T>[];
    try {
      settled = await this.options.together(batch.map((w) => w.request), planned);
    } catch {
      // Each again on its own, one after the other, keeping the turn (they lock and plan).
      for (const w of batch) await this.options.alone(w.request, () => undefined).then(w.resolve, w.reject);
      return;
    }
    batch.forEach((w, i) => {
      const answer = settled[i]!;
      if (answer.status === 'fulfilled') w.resolve(answer.value);
      else w.reject(answer.reason);
    });
  }
}
