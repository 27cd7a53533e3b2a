// Steps shared by the admin browser tests: logging in, reading a grid cell.
import type { Page } from 'playwright-core';
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
