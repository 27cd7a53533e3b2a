// Requests asked in the same turn of the event loop, gathered by key and handed over together
// when the turn ends (setImmediate): the coalesced list statements (coalesced-statements.ts)
// and SKU reads (sku-inventory-coalesced.ts) each send one message or statement for what a
// turn asked, instead of one round trip each. Nothing waits longer than the turn.

export class SameTurn<K, T> {
  private readonly open = new Map<K, T[]>();

  /** `flush` gets each key's requests once the turn ends, or sooner in groups of `max`. */
  constructor(private readonly flush: (key: K, batch: T[]) => void, private readonly max = Number.POSITIVE_INFINITY) {}

  add(key: K, request: T): void {
    let batch = this.open.get(key);
    if (!batch || batch.length >= this.max) {
      const started: T[] = [];
      this.open.set(key, (batch = started));
      setImmediate(() => {
        if (this.open.get(key) === started) this.open.delete(key);
        this.flush(key, started);
      });
    }
    batch.push(request);
  }
}
