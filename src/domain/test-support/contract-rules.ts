// The rules every ranking and every strategy obeys, as a checker that lists what an answer
// violates (empty = obeys). It recomputes candidates and availability from the problem on
// its own — plain arithmetic on ten-thousandths — so it does not trust the engine's code.
import type { Quantity } from '../quantity.js';
import type { LocationInput, Plan, RoutingProblem, Selection } from '../routing.js';

export interface Routed {
  readonly selection: Selection;
  readonly plan: Plan | null;
}

export interface RuleOptions {
  /** Sources name every candidate holding the SKU in stock (all but no_split). */
  readonly listsEveryHolder: boolean;
}

export function candidatesOf(problem: RoutingProblem): LocationInput[] {
  const enabled = problem.locations
    .filter((l) => l.enabled)
    .sort((a, b) => a.priority - b.priority || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return problem.stockLocationsCutoff === null ? enabled : enabled.slice(0, Math.max(0, problem.stockLocationsCutoff));
}

/** Available (ten-thousandths) of sku at a candidate; undefined when it holds no in-stock row. */
export function availableAt(problem: RoutingProblem, location: string, sku: string): number | undefined {
  if (!candidatesOf(problem).some((c) => c.code === location)) return undefined;
  const rows = problem.stock.filter((r) => r.location === location && r.sku === sku && r.status === 'in_stock');
  return rows.length === 0 ? undefined : rows.reduce((t, r) => t + Math.max(0, r.quantity - r.reserved), 0);
}

export function violations(problem: RoutingProblem, routed: Routed, options: RuleOptions): string[] {
  const out: string[] = [];
  const { selection, plan } = routed;
  const skuOf = (code: string) => problem.skus.find((s) => s.code === code);
  const candidates = candidatesOf(problem);
  const isCandidate = (code: string) => candidates.some((c) => c.code === code);

  if (selection.lines.length !== problem.lines.length) out.push('one selection line per order line');
  const used = new Map<string, number>();
  selection.lines.forEach((line, i) => {
    const asked = problem.lines[i];
    if (asked === undefined || asked.id !== line.line || asked.sku !== line.sku || asked.quantity !== line.quantity) {
      out.push(`line ${i} does not answer order line ${asked?.id}`);
    }
    const sku = skuOf(line.sku);
    const deducted = line.sources.reduce((t, s) => t + s.quantityToDeduct, 0);
    if (!sku?.doNotTrack && deducted + line.shortfall !== line.quantity) out.push(`${line.line}: allocated ${deducted} + shortfall ${line.shortfall} ≠ ${line.quantity}`);
    if (line.shortfall < 0) out.push(`${line.line}: negative shortfall`);
    if (line.backordered !== (sku?.allowBackorders ? line.shortfall : 0)) out.push(`${line.line}: backordered ${line.backordered} is not the accepted shortfall`);
    if (sku?.doNotTrack && (line.sources.length > 0 || line.shortfall !== 0)) out.push(`${line.line}: do_not_track allocated or short`);
    const codes = line.sources.map((s) => s.location);
    if (new Set(codes).size !== codes.length) out.push(`${line.line}: a location twice in sources`);
    for (const s of line.sources) {
      if (!isCandidate(s.location)) out.push(`${line.line}: ${s.location} is not a candidate`);
      if (availableAt(problem, s.location, line.sku) === undefined) out.push(`${line.line}: ${s.location} has no in-stock ${line.sku}`);
      if (s.quantityToDeduct < 0 || s.quantityToDeduct > s.quantityAvailable) out.push(`${line.line}: deducts ${s.quantityToDeduct} of ${s.quantityAvailable} at ${s.location}`);
      if (line.shortfall > 0 && s.quantityToDeduct !== s.quantityAvailable) out.push(`${line.line}: short while ${s.location} has some left`);
      const key = `${s.location} ${line.sku}`;
      used.set(key, (used.get(key) ?? 0) + s.quantityToDeduct);
    }
    if (options.listsEveryHolder && !sku?.doNotTrack) {
      const holders = candidates.filter((c) => availableAt(problem, c.code, line.sku) !== undefined).map((c) => c.code);
      if ([...codes].sort().join() !== [...holders].sort().join()) out.push(`${line.line}: sources ${codes.join()} are not every holder ${holders.join()}`);
    }
  });
  for (const [key, total] of used) {
    const [location = '', sku = ''] = key.split(' ');
    const available = availableAt(problem, location, sku) ?? 0;
    if (total > available) out.push(`oversold ${sku} at ${location}: ${total} of ${available}`);
  }
  if (selection.shippable !== selection.lines.every((l) => l.shortfall === 0)) out.push('shippable is not "every shortfall is 0"');
  if (plan !== null) out.push(...planViolations(problem, plan, isCandidate));
  return out;
}

function planViolations(problem: RoutingProblem, plan: Plan, isCandidate: (code: string) => boolean): string[] {
  const out: string[] = [];
  const skuOf = (code: string) => problem.skus.find((s) => s.code === code);
  const location = (code: string) => problem.locations.find((l) => l.code === code);
  const keys = new Set<string>();
  for (const s of plan.shipments) {
    if (!isCandidate(s.location)) out.push(`shipment from non-candidate ${s.location}`);
    if (s.onHold !== location(s.location)?.onHold) out.push(`shipment from ${s.location}: on_hold is not the location's`);
    if (s.items.length === 0) out.push(`empty shipment from ${s.location}`);
    const perLine = plan.strategy === 'split_by_line_items' ? s.items[0]?.line : '';
    const key = `${s.location}|${s.shippingCategory}|${perLine}`;
    if (keys.has(key)) out.push(`two shipments for ${key}`);
    keys.add(key);
    for (const item of s.items) {
      const sku = skuOf(item.sku);
      if (sku?.doNotShip) out.push(`do_not_ship ${item.sku} in a shipment`);
      if (item.quantity <= 0) out.push(`shipment item of ${item.quantity}`);
      const category = plan.strategy === 'no_split' ? null : (sku?.shippingCategory ?? null);
      if (s.shippingCategory !== category) out.push(`${item.sku} in a ${s.shippingCategory} shipment`);
      if (plan.strategy === 'split_by_line_items' && item.line !== perLine) out.push('two lines share a split_by_line_items shipment');
    }
  }
  for (const t of plan.transfers) {
    if (t.from === t.to || t.quantity <= 0 || !isCandidate(t.from) || !isCandidate(t.to)) out.push(`odd transfer ${JSON.stringify(t)}`);
  }
  const hasCandidate = problem.locations.some((l) => isCandidate(l.code));
  for (const line of plan.selection.lines) {
    const sku = skuOf(line.sku);
    const balance = new Map<string, number>();
    const move = (at: string, q: Quantity | number) => balance.set(at, (balance.get(at) ?? 0) + q);
    for (const s of line.sources) move(s.location, s.quantityToDeduct);
    let shipped = 0;
    for (const s of plan.shipments) {
      for (const i of s.items.filter((item) => item.line === line.line)) {
        move(s.location, -i.quantity);
        shipped += i.quantity;
      }
    }
    let unshipped = 0;
    for (const u of plan.unshippedItems.filter((item) => item.line === line.line)) {
      move(u.location, -u.quantity);
      unshipped += u.quantity;
    }
    for (const t of plan.transfers.filter((transfer) => transfer.line === line.line)) {
      move(t.from, -t.quantity);
      move(t.to, t.quantity);
    }
    if (sku?.doNotTrack) {
      const expected = hasCandidate ? line.quantity : 0;
      const [ships, stays] = sku.doNotShip ? [0, expected] : [expected, 0];
      if (shipped !== ships || unshipped !== stays) out.push(`${line.line}: do_not_track ships ${shipped} and leaves ${unshipped} unshipped`);
      continue;
    }
    for (const [at, left] of balance) if (left !== 0) out.push(`${line.line}: ${left} deducted at ${at} is not shipped, unshipped or transferred`);
    if (sku?.doNotShip && shipped !== 0) out.push(`${line.line}: do_not_ship shipped`);
    if (!sku?.doNotShip && unshipped !== 0) out.push(`${line.line}: unshipped though it ships`);
  }
  return out;
}
