// Browser test of the inventory side of the admin UI against the real server: log in, read
// the SKU × location grid, count a quantity with a note and find it in the movement
// history, see the locations with coordinates, reorder an inventory model's priorities.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, type Watched } from './admin-browser.js';
import { aCatalogue, levels, type Catalogue } from './admin-fixtures.js';
import { startServer, type RunningServer } from './admin-server.js';
import { cell, eventually, logIn } from './admin-steps.js';

describe('admin UI: inventory, locations, models (Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;
  let w: Watched;
  let world: Catalogue;

  beforeAll(async () => {
    server = await startServer();
    world = await aCatalogue(server.api);
    browser = await launchBrowser();
    w = await openPage(browser, 'inventory');
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await w.shot(`FAILED-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('refuses wrong credentials with the API message, then logs in', async () => {
    const { page } = w;
    await page.goto(`${server.baseUrl}/admin/inventory`);
    await page.getByLabel('Client ID').fill(server.clientId);
    await page.getByLabel('Client secret').fill('wrong');
    await page.getByRole('button', { name: 'Log in' }).click();
    await eventually(() => page.getByRole('alert').textContent()).toContain('wrong client secret');
    await w.shot('login-refused');
    // The refused login is a 401 the browser logs as a failed resource: expected here, and only here.
    await eventually(() => w.errors.some((e) => e.startsWith('http: 401 POST'))).toBe(true);
    expect(w.takeErrors().every((e) => e.includes('401'))).toBe(true);
    await logIn(w, server, { from: '/admin/inventory' });
    expect(page.url()).toContain('/admin/inventory');
    expect(await page.evaluate(() => location.href)).not.toContain('token');
  });

  it('shows on hand / reserved / available per SKU and location', async () => {
    const { page } = w;
    await page.getByRole('heading', { name: 'Inventory' }).waitFor();
    expect(await cell(page, 'TSHIRT', 'WH-NORTH')).toEqual({ onHand: '3', reserved: '0', available: '3' });
    expect(await cell(page, 'MUG', 'WH-SOUTH')).toEqual({ onHand: '4', reserved: '0', available: '4' });
    expect(await page.locator('tr[data-sku="MUG"] td.salable').textContent()).toBe('5');
    await w.shot('grid');
  });

  it('counts a quantity inline, refuses a negative one at the field, and records the reason', async () => {
    const { page } = w;
    await page.getByRole('button', { name: 'Count MUG at WH-NORTH' }).click();
    const form = page.getByRole('form', { name: 'Count MUG at WH-NORTH' });
    await form.getByLabel('On hand counted').fill('-2');
    await form.getByRole('button', { name: 'Save' }).click();
    await eventually(() => form.locator('.field-error').textContent()).toContain('0 or more');
    expect(await form.getByLabel('On hand counted').getAttribute('aria-invalid')).toBe('true');
    await w.shot('adjust-refused');
    await form.getByLabel('On hand counted').fill('7');
    await form.getByLabel('Note').fill('stock count');
    await form.getByRole('button', { name: 'Save' }).click();
    await eventually(() => cell(page, 'MUG', 'WH-NORTH')).toEqual({ onHand: '7', reserved: '0', available: '7' });
    expect(await levels(server.api, 'MUG', 'WH-NORTH')).toEqual({ onHand: 7, reserved: 0 });
    await w.shot('adjusted');

    await page.getByRole('link', { name: 'Movement history of MUG at WH-NORTH' }).click();
    await page.getByRole('heading', { name: 'Movements of MUG at WH-NORTH' }).waitFor();
    const rows = page.locator('tbody tr');
    await eventually(() => rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toMatch(/\+6.*7.*count correction.*stock count/);
    expect(await rows.nth(1).textContent()).toMatch(/\+1.*1.*initial/);
    await w.shot('movements');
  });

  it('lists locations with coordinates on a preview map', async () => {
    const { page } = w;
    await page.getByRole('link', { name: 'Locations' }).click();
    await page.getByRole('heading', { name: 'Locations' }).waitFor();
    expect(await page.locator('tr[data-location="WH-SOUTH"]').textContent()).toContain('48.1351, 11.5820');
    expect(await page.getByRole('img', { name: 'Map of 2 locations' }).locator('circle').count()).toBe(2);
    await w.shot('locations');
  });

  it('reorders an inventory model and changes its strategy and routing algorithm', async () => {
    const { page } = w;
    await page.getByRole('link', { name: 'Inventory models' }).click();
    await page.getByRole('link', { name: 'Germany' }).click();
    await page.getByRole('heading', { name: 'Inventory model: Germany' }).waitFor();
    await page.getByRole('button', { name: 'Move WH-SOUTH up' }).click();
    await eventually(() => page.locator('tbody tr').first().getAttribute('data-location')).toBe('WH-SOUTH');
    await page.getByLabel('Strategy').selectOption('ship_from_primary');
    await page.getByLabel('Routing algorithm').selectOption({ label: 'Fewest Shipments' });
    await page.getByLabel('Routing time budget').fill('40');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved.').waitFor();
    const links = await server.api.get(`inventory_stock_locations?filter[q][inventory_model_id_eq]=${world.model.id}&include=stock_location&sort=priority`);
    const first = links.included?.find((r) => r.id === (links.data[0]?.relationships?.stock_location?.data as { id: string }).id);
    expect(first?.attributes.code).toBe('WH-SOUTH');
    const model = (await server.api.get(`inventory_models/${world.model.id}`)).data.attributes;
    expect(model.strategy).toBe('ship_from_primary');
    expect(model.routing_algorithm).toBe('fewest_shipments');
    expect(model.routing_time_budget_ms).toBe(40);
    await w.shot('model');
  });

  it('logged no console errors', () => {
    expect(w.errors).toEqual([]);
  });
});
