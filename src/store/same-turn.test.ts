// What is asked in one turn of the event loop is handed over together, per key, in groups of at most `max`.
import { describe, expect, it } from 'vitest';
import { SameTurn } from './same-turn.js';

describe('SameTurn', () => {
  it('hands over each key once the turn ends, splitting at max, and starts afresh next turn', async () => {
    const flushed: [string, number[]][] = [];
    const turn = new SameTurn<string, number>((key, batch) => flushed.push([key, batch]), 2);
    for (const n of [1, 2, 3]) turn.add('a', n);
    turn.add('b', 9);
    expect(flushed).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(flushed).toEqual([['a', [1, 2]], ['a', [3]], ['b', [9]]]);
    turn.add('a', 4);
    await new Promise((resolve) => setImmediate(resolve));
    expect(flushed.at(-1)).toEqual(['a', [4]]);
  });
});
