// Steps shared by the admin browser tests: logging in, reading a grid cell.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Watched } from './admin-browser.js';
import type { RunningServer } from './admin-server.js';

export async function logIn(w: Watched, server: RunningServer, options: { from?: string } = {}): Promise<void> {
  const { page } = w;
  if (!page.url().includes('/admin/login')) await page.goto(`${server.baseUrl}${options.from ?? '/admin/'}`);
  await page.getByLabel('Client ID').fill(server.clientId);
  await page.getByLabel('Client secret').fill(server.clientSecret);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

/** The on hand / reserved / available texts of one inventory grid cell. */
export async function cell(page: Page, sku: string, location: string) {
  const td = page.locator(`tr[data-sku="${sku}"] td[data-location="${location}"]`);
  return {
    onHand: (await td.locator('.on-hand').textContent())?.trim(),
    reserved: (await td.locator('.reserved').textContent())?.trim(),
    available: (await td.locator('.available').textContent())?.trim(),
  };
}

/** The Qty to Deduct field of one SKU at one source on the Source Selection page. */
export function deduct(page: Page, sku: string, location: string) {
  return page.getByLabel(`Qty to Deduct of ${sku} from ${location}`);
}

/** Every Qty to Deduct on the page as { 'SKU@LOCATION': value }. */
export async function deductions(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const item of await page.locator('.selection-item').all()) {
    const sku = await item.getAttribute('data-sku');
    for (const row of await item.locator('tbody tr').all()) {
      out[`${sku}@${await row.getAttribute('data-source')}`] = await row.locator('input').inputValue();
    }
  }
  return out;
}

/** The review page's tables as { LOCATION: { SKU: [ordered, to ship] } }. */
export async function reviewTables(page: Page): Promise<Record<string, Record<string, [string, string]>>> {
  const out: Record<string, Record<string, [string, string]>> = {};
  for (const table of await page.locator('table.review').all()) {
    const code = (await table.getAttribute('data-source')) ?? '?';
    out[code] = {};
    for (const row of await table.locator('tbody tr').all()) {
      const cells = await row.locator('td').allTextContents();
      out[code][cells[0] ?? '?'] = [cells[1] ?? '', cells[2] ?? ''];
    }
  }
  return out;
}

/** The order page's line items as { SKU: { ordered, inShipments, shipped, backordered, reserved, toShip } }. */
export async function orderLines(page: Page) {
  const out: Record<string, Record<'ordered' | 'inShipments' | 'shipped' | 'backordered' | 'reserved' | 'toShip', string>> = {};
  for (const row of await page.locator('tr[data-sku]').all()) {
    const [sku, ordered, inShipments, shipped, backordered, reserved, toShip] = (await row.locator('td').allTextContents()).map((t) => t ?? '');
    out[sku ?? '?'] = { ordered: ordered ?? '', inShipments: inShipments ?? '', shipped: shipped ?? '', backordered: backordered ?? '', reserved: reserved ?? '', toShip: toShip ?? '' };
  }
  return out;
}

/** expect.poll with room for a loaded CI machine (the default gives up after one second). */
export function eventually<T>(fn: () => T | Promise<T>) {
  return expect.poll(fn, { timeout: 15_000, interval: 100 });
}
