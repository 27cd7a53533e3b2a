// What a benchmark module exports, and small helpers they share: timing samples, percentiles
// and a plain-text table. A module is `export const benchmark: Benchmark = { name, run }`;
// `run` prints its own progress and returns flat figures for bench/results.json.
export type Figures = Record<string, number | string>;

export interface Benchmark {
  readonly name: string;
  /** One line saying what is measured, printed before it runs. */
  readonly description?: string;
  run(): Promise<Figures>;
}

/** The value at quantile q (0..1) of ascending-sorted samples (nearest rank). */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

export interface Timing {
  readonly iterations: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly meanUs: number;
  readonly perSecond: number;
}

/** Runs `once` `warmup` times untimed, then `iterations` times, timing each call. */
export function timeSync(once: (i: number) => void, options: { warmup: number; iterations: number }): Timing {
  for (let i = 0; i < options.warmup; i += 1) once(i);
  const samples = new Float64Array(options.iterations);
  const started = process.hrtime.bigint();
  for (let i = 0; i < options.iterations; i += 1) {
    const t0 = process.hrtime.bigint();
    once(i);
    samples[i] = Number(process.hrtime.bigint() - t0) / 1_000;
  }
  const totalUs = Number(process.hrtime.bigint() - started) / 1_000;
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    iterations: options.iterations,
    p50Us: percentile(sorted, 0.5),
    p99Us: percentile(sorted, 0.99),
    meanUs: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    perSecond: (options.iterations / totalUs) * 1_000_000,
  };
}

/** A plain-text table with aligned columns (numbers right-aligned). */
export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [header, ...rows].map((row) => row.map((c) => (typeof c === 'number' ? formatNumber(c) : c)));
  const widths = header.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const numeric = header.map((_, i) => rows.every((row) => typeof row[i] === 'number'));
  const line = (row: readonly string[]) =>
    row.map((c, i) => (numeric[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(cells[0] ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toPrecision(3);
}
