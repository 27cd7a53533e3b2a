// Browser test of stock changes in the admin UI's inventory grid against the real server:
// Receive (a delta with reason `received`), Remove with a reason (refused with the server's
// explanation when orders hold the stock), and Count sent with the on-hand shown: when the
// stock moves while the user counts, the form shows the new on-hand and asks again. The
// movement history shows each reason.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, type Watched } from './admin-browser.js';
import { aCatalogue, levels, type Catalogue } from './admin-fixtures.js';
import { startServer, type RunningServer } from './admin-server.js';
import { cell, eventually, logIn } from './admin-steps.js';

describe('admin UI: receive, remove and count stock (Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;
  let w: Watched;
  let world: Catalogue;

  beforeAll(async () => {
    server = await startServer();
    world = await aCatalogue(server.api);
    browser = await launchBrowser();
    w = await openPage(browser, 'stock-changes');
    await logIn(w, server, { from: '/admin/inventory' });
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await w.shot(`FAILED-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('receives stock with a note, then removes some as damaged', async () => {
    const { page } = w;
    await page.getByRole('heading', { name: 'Inventory' }).waitFor();
    await page.getByRole('button', { name: 'Receive TSHIRT at WH-NORTH' }).click();
    const receive = page.getByRole('form', { name: 'Receive TSHIRT at WH-NORTH' });
    await receive.getByLabel('Quantity received').fill('0');
    await receive.getByRole('button', { name: 'Save' }).click();
    await eventually(() => receive.locator('.field-error').textContent()).toContain('greater than 0');
    await receive.getByLabel('Quantity received').fill('5');
    await receive.getByLabel('Note').fill('ASN-7');
    await receive.getByRole('button', { name: 'Save' }).click();
    await eventually(() => cell(page, 'TSHIRT', 'WH-NORTH')).toEqual({ onHand: '8', reserved: '0', available: '8' });
    await w.shot('received');

    await page.getByRole('button', { name: 'Remove TSHIRT at WH-NORTH' }).click();
    const remove = page.getByRole('form', { name: 'Remove TSHIRT at WH-NORTH' });
    await remove.getByLabel('Quantity removed').fill('2');
    await remove.getByLabel('Reason').selectOption('damaged');
    await remove.getByRole('button', { name: 'Save' }).click();
    await eventually(() => cell(page, 'TSHIRT', 'WH-NORTH')).toEqual({ onHand: '6', reserved: '0', available: '6' });
    expect(await levels(server.api, 'TSHIRT', 'WH-NORTH')).toEqual({ onHand: 6, reserved: 0 });
  });

  it('shows why a removal is refused and changes nothing', async () => {
    const { page } = w;
    await page.getByRole('button', { name: 'Remove TSHIRT at WH-NORTH' }).click();
    const remove = page.getByRole('form', { name: 'Remove TSHIRT at WH-NORTH' });
    await remove.getByLabel('Quantity removed').fill('9');
    await remove.getByLabel('Reason').selectOption('lost');
    await remove.getByRole('button', { name: 'Save' }).click();
    await eventually(() => remove.getByRole('alert').textContent()).toContain('cannot remove 9 of TSHIRT at WH-NORTH: 6 on hand');
    await w.shot('remove-refused');
    // The refused PATCH is a 422 the browser logs as a failed resource: expected here.
    const refused = w.takeErrors();
    expect(refused.some((e) => e.startsWith('http: 422 PATCH'))).toBe(true);
    expect(refused.every((e) => e.includes('422'))).toBe(true);
    await remove.getByRole('button', { name: 'Cancel' }).click();
    expect(await levels(server.api, 'TSHIRT', 'WH-NORTH')).toEqual({ onHand: 6, reserved: 0 });
  });

  it('counts with the on-hand it showed: a stale count shows the new on-hand and asks again', async () => {
    const { page } = w;
    await page.getByRole('button', { name: 'Count MUG at WH-SOUTH' }).click();
    const count = page.getByRole('form', { name: 'Count MUG at WH-SOUTH' });
    expect(await count.getByLabel('On hand counted').inputValue()).toBe('4');
    // Meanwhile a delivery is booked through the API.
    const mugSouth = (await server.api.get(`stock_items?filter[q][sku_code_eq]=MUG&filter[q][stock_location_code_eq]=WH-SOUTH`)).data[0]!;
    await server.api.update('stock_items', mugSouth.id, { delta: 3, reason: 'received' });
    await count.getByLabel('On hand counted').fill('10');
    await count.getByRole('button', { name: 'Save' }).click();
    await eventually(() => count.getByRole('alert').textContent()).toContain('On hand changed to 7 while you were counting. Count again and save.');
    expect(await levels(server.api, 'MUG', 'WH-SOUTH')).toEqual({ onHand: 7, reserved: 0 });
    const stale = w.takeErrors();
    expect(stale.some((e) => e.startsWith('http: 409 PATCH'))).toBe(true);
    expect(stale.every((e) => e.includes('409'))).toBe(true);
    await w.shot('count-stale');
    await count.getByRole('button', { name: 'Save' }).click();
    await eventually(() => cell(page, 'MUG', 'WH-SOUTH')).toEqual({ onHand: '10', reserved: '0', available: '10' });
    expect(world.mug.attributes.code).toBe('MUG');
  });

  it('shows the reason of each change in the movement history', async () => {
    const { page } = w;
    await page.getByRole('link', { name: 'Movement history of TSHIRT at WH-NORTH' }).click();
    await page.getByRole('heading', { name: 'Movements of TSHIRT at WH-NORTH' }).waitFor();
    const rows = page.locator('tbody tr');
    await eventually(() => rows.count()).toBe(3);
    expect(await rows.nth(0).textContent()).toMatch(/-2.*6.*damaged/);
    expect(await rows.nth(1).textContent()).toMatch(/\+5.*8.*received.*ASN-7/);
    expect(await rows.nth(2).textContent()).toMatch(/\+3.*3.*initial/);
    await w.shot('history');
  });

  it('logged no console errors', () => {
    expect(w.errors).toEqual([]);
  });
});
