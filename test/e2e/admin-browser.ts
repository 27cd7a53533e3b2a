// Chromium driven by playwright-core (the one findChromium() picks; no browser downloads), a
// console-error collector (Content-Security-Policy violations included), and numbered
// screenshots in test-artifacts/admin/.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium.js';

export const ARTIFACTS = 'test-artifacts/admin';

export function launchBrowser(): Promise<Browser> {
  return launchChromium();
}

/**
 * Records every Content-Security-Policy violation in any frame of the page as `csp: …`
 * (Chromium also logs most of them to the console, but not all, e.g. report-only ones).
 */
export async function watchCsp(page: Page, into: string[]): Promise<void> {
  await page.exposeBinding('__cspViolation', (_source, text: string) => void into.push(`csp: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __cspViolation?: (text: string) => void }).__cspViolation;
      report?.(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} on ${e.documentURI}`);
    });
  });
}

export interface Watched {
  readonly page: Page;
  /** Console errors, uncaught page errors and failed HTTP responses seen so far. */
  readonly errors: string[];
  shot(name: string): Promise<void>;
  /** Returns and forgets the errors seen so far (for steps that expect a refused request). */
  takeErrors(): string[];
}

/** A page whose screenshots are `<prefix>-NN-<step>.png` (older ones of that prefix removed). */
export async function openPage(browser: Browser, prefix: string): Promise<Watched> {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const f of readdirSync(ARTIFACTS)) if (f.startsWith(`${prefix}-`)) rmSync(`${ARTIFACTS}/${f}`);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  await watchCsp(page, errors);
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
  // Failed API calls, with the error the server gave, make failures readable.
  page.on('response', (r) => {
    if (r.status() < 400) return;
    void r.text().then(
      (body) => errors.push(`http: ${r.status()} ${r.request().method()} ${decodeURIComponent(r.url())} ${body.slice(0, 300)}`),
      () => errors.push(`http: ${r.status()} ${r.request().method()} ${r.url()}`),
    );
  });
  let n = 0;
  return {
    page,
    errors,
    takeErrors: () => errors.splice(0),
    async shot(name) {
      n += 1;
      await page.screenshot({ path: `${ARTIFACTS}/${prefix}-${String(n).padStart(2, '0')}-${name}.png`, fullPage: true });
    },
  };
}
