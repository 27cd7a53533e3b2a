// What a benchmark module exports, and small helpers they share: timing samples, percentiles
// and a plain-text table. A module is `export const benchmark: Benchmark = { name, run }`;
// `run` prints its own progress and returns flat figures for bench/results.json.
import os from 'node:os';

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
  /** Wall-clock time per call, microseconds. */
  readonly p50Us: number;
  readonly p99Us: number;
  readonly meanUs: number;
  readonly perSecond: number;
}

/** CPU time of this process per call (user + system, GC threads included), microseconds:
 *  unlike wall-clock time it does not grow while the machine is busy with other work. */
export interface CpuTiming {
  readonly cpuP50Us: number;
  readonly cpuP99Us: number;
}

/** Runs `once` `warmup` times untimed, then `iterations` times, timing each call. */
export function timeSync(once: (i: number) => void, options: { warmup: number; iterations: number }): Timing & CpuTiming {
  for (let i = 0; i < options.warmup; i += 1) once(i);
  const wall: number[] = new Array<number>(options.iterations);
  const cpu: number[] = new Array<number>(options.iterations);
  const started = process.hrtime.bigint();
  for (let i = 0; i < options.iterations; i += 1) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    once(i);
    wall[i] = Number(process.hrtime.bigint() - t0) / 1_000;
    const c = process.cpuUsage(c0);
    cpu[i] = c.user + c.system;
  }
  const totalUs = Number(process.hrtime.bigint() - started) / 1_000;
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return {
    iterations: options.iterations,
    p50Us: percentile(wall, 0.5),
    p99Us: percentile(wall, 0.99),
    meanUs: wall.reduce((a, b) => a + b, 0) / wall.length,
    cpuP50Us: percentile(cpu, 0.5),
    cpuP99Us: percentile(cpu, 0.99),
    perSecond: (options.iterations / totalUs) * 1_000_000,
  };
}

/** A warning when other work competes for the CPUs (wall-clock tails then measure waiting). */
export function busyMachineWarning(): string | null {
  const load = os.loadavg()[0] ?? 0;
  const cpus = os.cpus().length;
  return load > cpus
    ? `note: the machine is busy (load ${load.toFixed(1)} on ${cpus} CPUs): wall-clock p99 includes waiting for a CPU; the CPU-time columns show what the work itself costs`
    : null;
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
