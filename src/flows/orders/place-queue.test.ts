// The placement queue alone (no database): who goes together, who waits, and what happens
// when a shared transaction fails. Batches are recorded as they start; a batch finishes when
// the test lets it.
import { describe, expect, it } from 'vitest';
import { PlacementQueue, type Settled } from './place-queue.js';

interface Started {
  readonly batch: readonly string[];
  readonly planned: () => void;
  readonly finish: (outcome?: Error) => void;
}

function aQueue(lanes = 2) {
  const started: Started[] = [];
  const alone: string[] = [];
  const queue = new PlacementQueue<string, string>({
    lanes,
    maxBatch: 3,
    turnMs: 30,
    key: (r) => r.split('#')[0]!,
    together: (batch, planned) => new Promise<Settled<string>[]>((resolve, reject) => {
      started.push({
        batch, planned,
        finish: (outcome) => (outcome ? reject(outcome) : resolve(batch.map((r) => (r.startsWith('bad') ? { status: 'rejected', reason: new Error(`${r} refused`) } : { status: 'fulfilled', value: `${r} placed` })))),
      });
    }),
    alone: (request, planned) => new Promise<string>((resolve, reject) => {
      alone.push(request);
      started.push({ batch: [request], planned, finish: (outcome) => (outcome ? reject(outcome) : request.startsWith('bad') ? reject(new Error(`${request} refused`)) : resolve(`${request} placed alone`)) });
    }),
  });
  return { queue, started, alone };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the placement queue', () => {
  it('places a request that finds nobody ahead at once, alone', async () => {
    const { queue, started } = aQueue();
    const placed = queue.place('a');
    expect(started.map((s) => s.batch)).toEqual([['a']]);
    started[0]!.finish();
    expect(await placed).toBe('a placed alone');
  });

  it('puts what arrives while a batch locks and plans into the next batch, which starts once the first has planned', async () => {
    const { queue, started } = aQueue();
    const a = queue.place('a');
    const rest = ['b', 'c', 'd'].map((r) => queue.place(r));
    expect(started).toHaveLength(1);
    started[0]!.planned();
    expect(started.map((s) => s.batch)).toEqual([['a'], ['b', 'c', 'd']]);
    started[1]!.finish();
    started[0]!.finish();
    expect(await a).toBe('a placed alone');
    expect(await Promise.all(rest)).toEqual(['b placed', 'c placed', 'd placed']);
  });

  it('keeps at most `lanes` batches running and at most maxBatch requests in one', async () => {
    const { queue, started } = aQueue(2);
    const all = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((r) => queue.place(r));
    started[0]!.planned();
    started[1]!.planned();
    expect(started.map((s) => s.batch)).toEqual([['a'], ['b', 'c', 'd']]);
    started[0]!.finish();
    await tick();
    expect(started.map((s) => s.batch)).toEqual([['a'], ['b', 'c', 'd'], ['e', 'f', 'g']]);
    started[1]!.finish();
    started[2]!.finish();
    expect(await Promise.all(all)).toHaveLength(7);
  });

  it('lets the next batch start when one has not planned within turnMs (a lock held elsewhere)', async () => {
    const { queue, started } = aQueue();
    const stuck = queue.place('a');
    const next = queue.place('b');
    await tick();
    expect(started).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(started.map((s) => s.batch)).toEqual([['a'], ['b']]);
    started[1]!.finish();
    expect(await next).toBe('b placed alone');
    started[0]!.finish();
    expect(await stuck).toBe('a placed alone');
  });

  it('never puts the same order twice in one batch', async () => {
    const { queue, started } = aQueue();
    const all = ['x', 'a#1', 'a#2', 'b'].map((r) => queue.place(r));
    started[0]!.planned();
    started[0]!.finish();
    await tick();
    expect(started[1]!.batch).toEqual(['a#1', 'b']);
    started[1]!.planned();
    expect(started[2]!.batch).toEqual(['a#2']);
    for (const s of started) s.finish();
    expect(await Promise.all(all)).toEqual(['x placed alone', 'a#1 placed', 'a#2 placed alone', 'b placed']);
  });

  it('gives a refused order its own error and the others their placements', async () => {
    const { queue, started } = aQueue();
    const first = queue.place('a');
    const [good, bad] = [queue.place('b'), queue.place('bad')];
    const refused = expect(bad).rejects.toThrow('bad refused');
    started[0]!.planned();
    started[1]!.finish();
    started[0]!.finish();
    await first;
    expect(await good).toBe('b placed');
    await refused;
  });

  it('places each order of a failed shared transaction again on its own', async () => {
    const { queue, started, alone } = aQueue();
    const first = queue.place('a');
    const batch = ['b', 'bad', 'c'].map((r) => queue.place(r));
    const settled = Promise.allSettled(batch);
    started[0]!.planned();
    started[0]!.finish();
    await first;
    started[1]!.finish(new Error('could not serialize access'));
    for (let i = 2; i < 5; i++) {
      await tick();
      started[i]!.finish();
    }
    const results = await settled;
    expect(alone).toEqual(['a', 'b', 'bad', 'c']);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['b placed alone', 'bad refused', 'c placed alone']);
  });
});
