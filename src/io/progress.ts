// Progress bars on stderr (cli-progress), shown only when stderr is a terminal so that
// pipes, logs and tests stay clean.
import cliProgress from 'cli-progress';

export interface Progress {
  update(value: number): void;
  setTotal(total: number): void;
  stop(): void;
}

const silent: Progress = { update() {}, setTotal() {}, stop() {} };

export interface ProgressOptions {
  readonly label: string;
  readonly total: number;
  /** Format values as bytes (import files) instead of counts. */
  readonly bytes?: boolean;
  /** Defaults to whether stderr is a TTY. */
  readonly enabled?: boolean;
}

export function startProgress(options: ProgressOptions): Progress {
  if (!(options.enabled ?? process.stderr.isTTY === true)) return silent;
  const value = options.bytes ? '{doneMb}/{totalMb} MB' : '{value}/{total}';
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${options.label} [{bar}] {percentage}% | ${value} | {duration_formatted}`,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const mb = (n: number) => (n / 1_048_576).toFixed(1);
  let total = options.total;
  bar.start(total, 0, { doneMb: mb(0), totalMb: mb(total) });
  return {
    update: (v) => bar.update(v, { doneMb: mb(v), totalMb: mb(total) }),
    setTotal: (t) => {
      total = t;
      bar.setTotal(t);
    },
    stop: () => bar.stop(),
  };
}
