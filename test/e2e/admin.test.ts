// The Magento shipping flow (seed 000) in the admin UI, in real Chromium against the real
// server: a paid order that needs two warehouses; Source Priority, then Distance Priority
// (and its fallback when the walking mode has no routes); editing Qty to Deduct, with
// invalid values refused at the field; Proceed → New Shipment review → Submit; the order's
// shipments and the inventory grid afterwards; then stock arrives and the backordered rest
// ships; finally a shipment moves through its statuses with only legal buttons offered.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, type Watched } from './admin-browser.js';
import { aWorldNeedingTwoSources, levels, type World } from './admin-fixtures.js';
import { startServer, type RunningServer } from './admin-server.js';
import { cell, deduct, deductions, eventually, logIn, orderLines, reviewTables } from './admin-steps.js';

async function openOrder(page: Page, number: string) {
  await page.getByRole('link', { name: 'Orders', exact: true }).click();
  await page.getByRole('link', { name: number, exact: true }).click();
  await page.getByRole('heading', { name: `Order #${number}` }).waitFor();
}

async function proceed(page: Page) {
  await page.getByRole('button', { name: 'Proceed to Shipment' }).click();
}

describe('admin UI: shipping an order from two sources (Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;
  let w: Watched;
  let world: World;

  beforeAll(async () => {
    server = await startServer();
    world = await aWorldNeedingTwoSources(server.api);
    browser = await launchBrowser();
    w = await openPage(browser, 'ship');
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await w.shot(`FAILED-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('logs in and finds the paid order with its backordered T-shirt', async () => {
    const { page } = w;
    await page.goto(`${server.baseUrl}/admin/`);
    await page.getByLabel('Client ID').waitFor();
    await w.shot('login');
    await logIn(w, server);
    await page.getByRole('heading', { name: 'Orders' }).waitFor();
    await page.getByLabel('Status').selectOption('approved');
    await page.getByRole('link', { name: world.orderNumber, exact: true }).waitFor();
    await w.shot('orders');
    await page.getByRole('link', { name: world.orderNumber, exact: true }).click();
    await page.getByRole('heading', { name: `Order #${world.orderNumber}` }).waitFor();
    const lines = await orderLines(page);
    expect(lines.TSHIRT).toMatchObject({ ordered: '6', inShipments: '0', shipped: '0', backordered: '1', toShip: '6' });
    expect(lines.TSHIRT?.reserved).toBe('3 at WH-NORTH, 2 at WH-SOUTH');
    expect(lines.MUG).toMatchObject({ ordered: '2', shipped: '0', backordered: '0', reserved: '1 at WH-NORTH, 1 at WH-SOUTH', toShip: '2' });
    await w.shot('order');
  });

  it('recommends by Source Priority: the primary first', async () => {
    const { page } = w;
    await page.getByRole('link', { name: 'Ship', exact: true }).click();
    await page.getByRole('heading', { name: 'Source Selection' }).waitFor();
    await page.getByRole('button', { name: 'Proceed to Shipment' }).waitFor();
    expect(await deductions(page)).toEqual({
      'TSHIRT@WH-NORTH': '3', 'TSHIRT@WH-SOUTH': '2', 'MUG@WH-NORTH': '1', 'MUG@WH-SOUTH': '1',
    });
    expect(await page.locator('.selection-item[data-sku="TSHIRT"] caption').textContent()).toContain('shortfall 1');
    expect(await page.locator('.selection-item[data-sku="MUG"] tr[data-source="WH-SOUTH"] td.num').textContent()).toBe('4');
    await w.shot('source-priority');
  });

  it('recommends by Distance Priority: Munich is closer to Augsburg', async () => {
    const { page } = w;
    await page.getByLabel('Algorithm').selectOption('distance');
    await page.getByLabel('Computation mode').waitFor();
    await eventually(() => page.getByRole('status').filter({ hasText: 'Recommendation by' }).textContent()).toContain('Distance Priority (driving)');
    await eventually(() => deductions(page)).toEqual({
      'TSHIRT@WH-SOUTH': '2', 'TSHIRT@WH-NORTH': '3', 'MUG@WH-SOUTH': '2', 'MUG@WH-NORTH': '0',
    });
    await w.shot('distance-priority');
  });

  it('shows the fallback to Source Priority, with its reason, when walking has no routes', async () => {
    const { page } = w;
    await page.getByLabel('Computation mode').selectOption('walking');
    const notice = page.locator('.notice.fallback');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/Distance Priority \(walking\) could not be used, so Source Priority was used instead.*no walking routes/);
    expect((await deductions(page))['MUG@WH-NORTH']).toBe('1');
    await w.shot('distance-fallback');
    await page.getByLabel('Computation mode').selectOption('driving');
    await eventually(() => notice.count()).toBe(0);
    await eventually(async () => (await deductions(page))['MUG@WH-SOUTH']).toBe('2');
  });

  it('puts everything on one source with "Select a Source to Ship from"', async () => {
    const { page } = w;
    await page.getByLabel('Select a Source to Ship from').selectOption('WH-NORTH');
    expect(await deductions(page)).toEqual({
      'TSHIRT@WH-SOUTH': '0', 'TSHIRT@WH-NORTH': '3', 'MUG@WH-SOUTH': '0', 'MUG@WH-NORTH': '1',
    });
    await w.shot('ship-from-one-source');
    await page.getByLabel('Select a Source to Ship from').selectOption('');
    expect((await deductions(page))['MUG@WH-SOUTH']).toBe('2');
  });

  it('refuses invalid quantities at the field and stays on the page', async () => {
    const { page } = w;
    const mugNorth = deduct(page, 'MUG', 'WH-NORTH');
    await mugNorth.fill('5');
    await proceed(page);
    await eventually(() => mugNorth.getAttribute('aria-invalid')).toBe('true');
    const describedBy = await mugNorth.getAttribute('aria-describedby');
    expect(await page.locator(`#${describedBy}`).textContent()).toBe('Only 1 available at WH-NORTH.');
    await eventually(() => page.evaluate(() => document.activeElement?.id)).toBe(await mugNorth.getAttribute('id'));
    await w.shot('invalid-more-than-available');

    await mugNorth.fill('abc');
    await proceed(page);
    await eventually(() => page.locator(`#${describedBy}`).textContent()).toBe('Enter a number.');

    await mugNorth.fill('1'); // 1 + 2 at WH-SOUTH is more than the 2 mugs ordered
    await proceed(page);
    await eventually(() => page.locator('.selection-item[data-sku="MUG"] p.field-error').textContent()).toContain('exceeds the 2 left to ship');
    await w.shot('invalid-more-than-ordered');
    expect(page.url()).toMatch(/\/ship$/);
  });

  it('proceeds to the New Shipment review: one shipment per source', async () => {
    const { page } = w;
    await deduct(page, 'MUG', 'WH-SOUTH').fill('1');
    await proceed(page);
    await page.getByRole('heading', { name: `New Shipment for Order #${world.orderNumber}` }).waitFor();
    expect(await reviewTables(page)).toEqual({
      'WH-SOUTH': { TSHIRT: ['6', '2'], MUG: ['2', '1'] },
      'WH-NORTH': { TSHIRT: ['6', '3'], MUG: ['2', '1'] },
    });
    await w.shot('new-shipment-review');
  });

  it('submits: two shipments, stock deducted where it came from, the sixth T-shirt still backordered', async () => {
    const { page } = w;
    await page.getByRole('button', { name: 'Submit Shipment' }).click();
    await page.getByRole('heading', { name: `Order #${world.orderNumber}` }).waitFor();
    await page.getByText('Shipment submitted: 2 shipment(s) created.').waitFor();
    const lines = await orderLines(page);
    expect(lines.TSHIRT).toMatchObject({ ordered: '6', inShipments: '5', shipped: '0', backordered: '1', toShip: '1' });
    expect(lines.MUG).toMatchObject({ ordered: '2', inShipments: '2', toShip: '0' });
    const open = page.getByRole('table', { name: 'Shipments of this order' }).locator('tbody tr').filter({ hasNotText: 'cancelled' });
    expect(await open.count()).toBe(2);
    expect(await open.filter({ hasText: 'WH-NORTH' }).filter({ hasText: '3 × TSHIRT' }).filter({ hasText: '1 × MUG' }).count()).toBe(1);
    expect(await open.filter({ hasText: 'WH-SOUTH' }).filter({ hasText: '2 × TSHIRT' }).filter({ hasText: '1 × MUG' }).count()).toBe(1);
    await w.shot('order-after-submit');

    await page.getByRole('link', { name: 'Inventory', exact: true }).click();
    await page.getByRole('heading', { name: 'Inventory' }).waitFor();
    expect(await cell(page, 'TSHIRT', 'WH-NORTH')).toEqual({ onHand: '0', reserved: '0', available: '0' });
    expect(await cell(page, 'TSHIRT', 'WH-SOUTH')).toEqual({ onHand: '0', reserved: '0', available: '0' });
    expect(await cell(page, 'MUG', 'WH-NORTH')).toEqual({ onHand: '0', reserved: '0', available: '0' });
    expect(await cell(page, 'MUG', 'WH-SOUTH')).toEqual({ onHand: '3', reserved: '0', available: '3' });
    await w.shot('inventory-after-submit');
  });

  it('reserves the backorder when stock arrives, then ships the rest', async () => {
    const { page } = w;
    await page.getByRole('button', { name: 'Count TSHIRT at WH-SOUTH' }).click();
    const form = page.getByRole('form', { name: 'Count TSHIRT at WH-SOUTH' });
    await form.getByLabel('On hand counted').fill('4');
    await form.getByLabel('Note').fill('supplier delivery');
    await form.getByRole('button', { name: 'Save' }).click();
    await eventually(() => cell(page, 'TSHIRT', 'WH-SOUTH')).toEqual({ onHand: '4', reserved: '1', available: '3' });
    await w.shot('stock-arrived');

    await openOrder(page, world.orderNumber);
    expect((await orderLines(page)).TSHIRT).toMatchObject({ inShipments: '5', backordered: '0', reserved: '1 at WH-SOUTH', toShip: '1' });
    await page.getByRole('link', { name: 'Ship', exact: true }).click();
    await page.getByRole('button', { name: 'Proceed to Shipment' }).waitFor();
    expect((await deductions(page))['TSHIRT@WH-SOUTH']).toBe('1');
    await w.shot('ship-the-rest');
    await proceed(page);
    await page.getByRole('heading', { name: `New Shipment for Order #${world.orderNumber}` }).waitFor();
    expect(await reviewTables(page)).toEqual({ 'WH-SOUTH': { TSHIRT: ['6', '1'] } });
    await page.getByRole('button', { name: 'Submit Shipment' }).click();
    await page.getByText('Shipment submitted: 1 shipment(s) created.').waitFor();
    expect((await orderLines(page)).TSHIRT).toMatchObject({ inShipments: '6', backordered: '0', toShip: '0' });
    expect(await page.getByRole('button', { name: 'Ship', exact: true }).isDisabled()).toBe(true);
    expect(await page.locator('#ship-reason').textContent()).toBe('Everything in this order is shipped or in a shipment.');
    expect(await levels(server.api, 'TSHIRT', 'WH-SOUTH')).toEqual({ onHand: 3, reserved: 0 });
    await w.shot('order-fully-shipped');
  });

  it('moves a shipment through its statuses with only the legal buttons', async () => {
    const { page } = w;
    await page.getByRole('table', { name: 'Shipments of this order' }).locator('tbody tr').filter({ hasNotText: 'cancelled' }).filter({ hasText: 'WH-NORTH' }).getByRole('link').click();
    const actions = page.getByRole('group', { name: 'Move the shipment' });
    const buttons = () => actions.getByRole('button').allTextContents();
    const status = () => page.locator('dl.facts dd .badge').first().textContent();
    await actions.waitFor();
    const start = await status();
    if (start === 'draft') {
      expect(await buttons()).toEqual(['Mark upcoming']);
      await actions.getByRole('button', { name: 'Mark upcoming' }).click();
      await eventually(status).toBe('upcoming');
    }
    expect(await buttons()).toEqual(['Start picking', 'Put on hold', 'Cancel shipment']);
    await w.shot('shipment-upcoming');
    const steps: [string, string, string[]][] = [
      ['Put on hold', 'on hold', ['Start picking']],
      ['Start picking', 'picking', ['Start packing']],
      ['Start packing', 'packing', ['Ready to ship']],
      ['Ready to ship', 'ready to ship', ['Ship']],
      ['Ship', 'shipped', ['Mark delivered']],
      ['Mark delivered', 'delivered', []],
    ];
    for (const [click, next, offered] of steps) {
      await actions.getByRole('button', { name: click }).click();
      await eventually(status).toBe(next);
      await eventually(buttons).toEqual(offered);
    }
    expect(await actions.textContent()).toContain('No further steps from delivered');
    await w.shot('shipment-delivered');
    const id = page.url().split('/').pop() ?? '';
    expect((await server.api.get(`shipments/${id}`)).data.attributes.status).toBe('delivered');
    await page.getByRole('link', { name: `#${world.orderNumber}` }).click();
    await page.getByRole('heading', { name: `Order #${world.orderNumber}` }).waitFor();
    const lines = await orderLines(page);
    expect(lines.TSHIRT).toMatchObject({ inShipments: '3', shipped: '3', toShip: '0' });
    expect(lines.MUG).toMatchObject({ inShipments: '1', shipped: '1', toShip: '0' });
  });

  it('lists the shipments', async () => {
    const { page } = w;
    await page.getByRole('link', { name: 'Shipments', exact: true }).click();
    await page.getByRole('heading', { name: 'Shipments' }).waitFor();
    await page.getByLabel('Status').selectOption('delivered');
    await eventually(() => page.locator('tbody tr').count()).toBe(1);
    expect(page.url()).toContain('status=delivered');
    expect(await page.locator('tbody tr').textContent()).toContain('WH-NORTH');
    await w.shot('shipments');
  });

  it('logged no console errors', () => {
    expect(w.errors).toEqual([]);
  });
});
