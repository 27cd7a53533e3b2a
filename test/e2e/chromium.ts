// Finds a Chromium for the browser tests, so that `npm test` passes on a fresh machine:
//   1. $CHROMIUM_PATH, when set (an error if nothing is there: an explicit choice never falls
//      back silently);
//   2. the usual system locations (Debian's chromium, Chrome), in order; $CHROMIUM_SYSTEM_PATHS
//      (colon-separated, empty for none) replaces that list, which is how a test makes them
//      unavailable;
//   3. the Chromium inside the `@sparticuz/chromium` devDependency. Its binary comes with the
//      npm package (brotli-compressed) and is extracted once into node_modules/.cache; nothing
//      is downloaded. It needs libnss3, which Debian installs with Java, curl-nss and Chromium.
// The packaged extraction goes to a private folder renamed into place, so parallel test files
// never see a half-written binary.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const DEFAULT_SYSTEM_PATHS: readonly string[] = [
  '/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium',
  '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

export interface FoundChromium {
  readonly path: string;
  readonly source: 'CHROMIUM_PATH' | 'system' | 'npm';
  /** Extra environment for the browser process (fonts of the packaged Chromium). */
  readonly env: Readonly<Record<string, string>>;
}

export interface FindOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly exists?: (path: string) => boolean;
  readonly packaged?: () => Promise<FoundChromium>;
}

export function systemPaths(env: NodeJS.ProcessEnv): readonly string[] {
  const listed = env.CHROMIUM_SYSTEM_PATHS;
  if (listed === undefined) return DEFAULT_SYSTEM_PATHS;
  return listed.split(':').filter((p) => p !== '');
}

export async function findChromium(options: FindOptions = {}): Promise<FoundChromium> {
  const env = options.env ?? process.env;
  const exists = options.exists ?? existsSync;
  const explicit = env.CHROMIUM_PATH;
  if (explicit) {
    if (!exists(explicit)) throw new Error(`CHROMIUM_PATH is set to ${explicit}, but nothing is there`);
    return { path: explicit, source: 'CHROMIUM_PATH', env: {} };
  }
  const system = systemPaths(env).find((p) => exists(p));
  if (system) return { path: system, source: 'system', env: {} };
  return (options.packaged ?? packagedChromium)();
}

const ROOT = new URL('../../', import.meta.url).pathname;
const CACHE = join(ROOT, 'node_modules', '.cache', 'stockroute');

/** The Chromium of `@sparticuz/chromium`, extracted once into node_modules/.cache/stockroute. */
export async function packagedChromium(cacheRoot: string = CACHE): Promise<FoundChromium> {
  // Its package.json is not exported; the folder is where npm put the devDependency.
  const manifest = join(ROOT, 'node_modules', '@sparticuz', 'chromium', 'package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  const dir = join(cacheRoot, `chromium-${version}`);
  const found = (): FoundChromium => ({ path: join(dir, 'chromium'), source: 'npm', env: { FONTCONFIG_PATH: join(dir, 'fonts') } });
  if (existsSync(join(dir, 'chromium'))) return found();
  mkdirSync(cacheRoot, { recursive: true });
  const work = mkdtempSync(join(cacheRoot, 'extract-'));
  try {
    await extractInto(work);
    // The package's fonts.conf names Lambda's folders; ours names the extracted fonts and the system's.
    writeFileSync(join(work, 'fonts', 'fonts.conf'), fontsConf(join(dir, 'fonts')));
    try {
      renameSync(work, dir);
    } catch (error) {
      // Another test process finished first: use its copy.
      if (!existsSync(join(dir, 'chromium'))) throw error;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return found();
}

// @sparticuz/chromium inflates into os.tmpdir(), which follows $TMPDIR at each call.
async function extractInto(folder: string): Promise<void> {
  const { default: Chromium } = await import('@sparticuz/chromium');
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = folder;
  try {
    Chromium.setGraphicsMode = false;
    await Chromium.executablePath();
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
}

const fontsConf = (fonts: string): string => `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>${fonts}/fonts</dir>
  <dir>/usr/share/fonts</dir>
  <dir>/usr/local/share/fonts</dir>
  <cachedir>${fonts}/cache</cachedir>
</fontconfig>
`;

export const BROWSER_ARGS: readonly string[] = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];

/** Launches the Chromium findChromium() picks, through playwright-core. */
export async function launchChromium(found?: FoundChromium): Promise<Browser> {
  const browser = found ?? await findChromium();
  return chromium.launch({ executablePath: browser.path, args: [...BROWSER_ARGS], env: { ...process.env, ...browser.env } });
}
