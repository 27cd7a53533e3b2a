// The server's garbage-collection policy, set by the process that serves (`npm start`,
// `stockroute serve`) before it starts. On a machine with a few GB of memory V8 lets the old
// generation grow to up to 4× what survived the last full collection before it collects
// again. The server keeps ~40 MB alive (code, routes, schemas) and, under load, promotes part
// of its short-lived request garbage, so its resident memory rose to 225–300 MB under
// bench/http-api while ~40 MB was in use. A fixed factor of 1.75 keeps the peak near 1.75×
// live plus the young generation: ~165–190 MB. Measured on bench/http-api's load, alternating
// servers on one database: 1.75 kept the requests per second and CPU per request of the
// default; 1.5 saved ~10 MB more but cost ~5–10% of the read throughput; 2 peaked at ~200 MB.
//
// V8 reads this flag each time it sets the next collection's limit, so setting it at run
// time works. A factor the operator gives (`node --heap-growing-percent=N`, NODE_OPTIONS) wins.
//
// The young generation is sized once, when V8 starts, so its limit can only be given on the
// command line: `npm start` runs `node --max-semi-space-size=8 dist/main.js` (package.json).
// V8's default on such a machine is 16 MB per semi-space, and the server reaches it soon after
// start: 32 MB of new space resident while ~0.3 MB of it is in use. With 8 MB the idle RSS fell
// from 158–163 to 144–146 MB and the peak under bench/http-api from 196–200 to 181–183 MB,
// with requests per second and CPU per request within the runs' noise (AMD EPYC, alternating).
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 75;

/** The V8 flags to set: none when the operator already chose a growing factor. */
export function serverHeapFlags(execArgv: readonly string[], nodeOptions: string): string[] {
  const given = [...execArgv, nodeOptions].some((arg) => /--heap[-_]growing[-_]percent\b/.test(arg));
  return given ? [] : [`--heap-growing-percent=${HEAP_GROWING_PERCENT}`];
}

/** The V8 flags `npm start` gives node: what stands between `node` and the script in the start script. */
export function startScriptNodeFlags(startScript: string): string[] {
  const words = startScript.trim().split(/\s+/);
  if (words[0] !== 'node' || words.length < 2) throw new Error(`the start script does not run node: ${startScript}`);
  return words.slice(1, -1);
}

export function applyServerHeapPolicy(): void {
  for (const flag of serverHeapFlags(process.execArgv, process.env.NODE_OPTIONS ?? '')) setFlagsFromString(flag);
}
