// Minimum-cost flow by successive shortest paths (Bellman–Ford on the residual graph), for
// the small graphs of lines that share one SKU: source → line (its need) → location (the
// locations the line may use, at their unit cost) → sink (what each location has).
// Capacities are integer ten-thousandths, so the flow is exact.

export interface FlowEdge {
  readonly from: number;
  readonly to: number;
  readonly capacity: number;
  readonly cost: number;
}

export interface FlowResult {
  readonly flow: number;
  readonly cost: number;
  /** Flow on each given edge, in the order given. */
  readonly flows: readonly number[];
}

export function minCostFlow(nodes: number, edges: readonly FlowEdge[], source: number, sink: number): FlowResult {
  // Residual graph: edge 2e forward, 2e+1 backward.
  const to: number[] = [];
  const cap: number[] = [];
  const cost: number[] = [];
  const out: number[][] = Array.from({ length: nodes }, () => []);
  for (const e of edges) {
    out[e.from]?.push(to.length);
    to.push(e.to);
    cap.push(e.capacity);
    cost.push(e.cost);
    out[e.to]?.push(to.length);
    to.push(e.from);
    cap.push(0);
    cost.push(-e.cost);
  }
  let flow = 0;
  let total = 0;
  for (;;) {
    const dist = new Array<number>(nodes).fill(Infinity);
    const via = new Array<number>(nodes).fill(-1);
    dist[source] = 0;
    for (let round = 0; round < nodes; round++) {
      let changed = false;
      for (let u = 0; u < nodes; u++) {
        const du = dist[u] as number;
        if (du === Infinity) continue;
        for (const e of out[u] as number[]) {
          if ((cap[e] as number) <= 0) continue;
          const v = to[e] as number;
          const dv = du + (cost[e] as number);
          // Relative tolerance: costs are metres or seconds (up to ~1e7), and a residual cycle
          // of true cost 0 (c − c + d − d) can sum to a rounding error below zero; an
          // absolute 1e-12 took that for an improvement and looped for ever.
          if (dv < (dist[v] as number) - 1e-9 * Math.max(1, Math.abs(dv))) [dist[v], via[v], changed] = [dv, e, true];
        }
      }
      if (!changed) break;
    }
    if (dist[sink] === Infinity) break;
    let push = Infinity;
    let hops = 0;
    for (let v = sink; v !== source && hops <= nodes; v = to[(via[v] as number) ^ 1] as number, hops++) push = Math.min(push, cap[via[v] as number] as number);
    if (hops > nodes) break; // never expected: the predecessor links hold a cycle, so no path to follow
    for (let v = sink; v !== source; v = to[(via[v] as number) ^ 1] as number) {
      const e = via[v] as number;
      cap[e] = (cap[e] as number) - push;
      cap[e ^ 1] = (cap[e ^ 1] as number) + push;
    }
    flow += push;
    total += push * (dist[sink] as number);
  }
  return { flow, cost: total, flows: edges.map((_, i) => cap[2 * i + 1] as number) };
}
