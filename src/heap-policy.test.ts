import { describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT, serverHeapFlags } from './heap-policy.js';

describe('serverHeapFlags', () => {
  it('sets the growing factor when the operator gave none', () => {
    expect(serverHeapFlags(['--enable-source-maps'], '--max-old-space-size=512')).toEqual([`--heap-growing-percent=${HEAP_GROWING_PERCENT}`]);
  });

  it('leaves a factor given on the command line alone', () => {
    expect(serverHeapFlags(['--heap-growing-percent=30'], '')).toEqual([]);
    expect(serverHeapFlags(['--heap_growing_percent=30'], '')).toEqual([]);
  });

  it('leaves a factor given in NODE_OPTIONS alone', () => {
    expect(serverHeapFlags([], '--max-old-space-size=512 --heap-growing-percent=50')).toEqual([]);
  });
});
