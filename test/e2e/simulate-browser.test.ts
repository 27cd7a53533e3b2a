// Opens the simulator's HTML report in real Chromium (playwright-core) and checks that every
// chart rendered: an inline SVG with bars, a non-zero size and its legend texts; then takes a
// screenshot into test-artifacts/simulate/ for a person to look at.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';

const run = promisify(execFile);
const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'simulate');

describe('simulate HTML report in a browser', () => {
  let browser: Browser;
  let html: string;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'simulate-browser-'));
    html = join(dir, 'report.html');
    await run(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'simulate', '--generate', '800', '--seed', '3', '--html', html, '--no-progress']);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('renders every chart as a visible SVG with bars and legends, fetching nothing', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const requests: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    await page.goto(`file://${html}`);
    const charts = await page.$$eval('figure.chart', (figures) =>
      figures.map((f) => {
        const svg = f.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        return {
          id: f.id,
          caption: f.querySelector('figcaption')?.textContent ?? '',
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          shapes: svg ? svg.querySelectorAll('path, rect').length : 0,
          texts: svg ? [...svg.querySelectorAll('text')].map((t) => t.textContent ?? '') : [],
        };
      }),
    );
    expect(charts.map((c) => c.id)).toEqual(['chart-shipments', 'chart-distance', 'chart-split', 'chart-backorders', 'chart-transfers', 'chart-timing']);
    for (const chart of charts) {
      expect(chart.width, chart.id).toBeGreaterThan(300);
      expect(chart.height, chart.id).toBeGreaterThan(150);
      expect(chart.shapes, chart.id).toBeGreaterThan(10);
    }
    const legend = (id: string) => charts.find((c) => c.id === id)!.texts;
    // The distribution chart has one series per scenario: the default six.
    for (const label of ['no_split × priority', 'split_shipments × priority', 'split_shipments × distance', 'ship_from_first_available_or_primary × priority']) {
      expect(legend('chart-shipments')).toContain(label);
    }
    expect(legend('chart-distance')).toEqual(expect.arrayContaining(['mean km', 'p95 km']));
    expect(legend('chart-backorders')).toEqual(expect.arrayContaining(['units backordered', 'units unfulfilled']));
    expect(legend('chart-timing')).toEqual(expect.arrayContaining(['p50 µs', 'p99 µs']));
    // The figures table has one column per scenario.
    expect(await page.$$eval('#figures thead th', (ths) => ths.length)).toBe(7);
    expect(requests).toEqual([]);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
    await page.locator('#chart-shipments').screenshot({ path: join(ARTIFACTS, 'shipments-chart.png') });
    await page.locator('#chart-distance').screenshot({ path: join(ARTIFACTS, 'distance-chart.png') });
    await page.locator('#figures').screenshot({ path: join(ARTIFACTS, 'figures-table.png') });
    expect(readFileSync(join(ARTIFACTS, 'report.png')).length).toBeGreaterThan(10_000);
    await page.close();
  });
});
