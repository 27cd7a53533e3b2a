// Browser test of the inventory model page's "Batch re-optimisation" panel against the real
// server: two orders placed under priority routing compete for one mug (3 shipments); the
// preview lists both orders and "shipments 3 → 2" without changing anything, "Re-optimise now"
// rewrites them, the run appears in the last runs and the API serves the new plans.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, type Watched } from './admin-browser.js';
import { aContestedMug, shipmentSources, type ContestedMug } from './admin-fixtures.js';
import { startServer, type RunningServer } from './admin-server.js';
import { eventually, logIn } from './admin-steps.js';

describe('admin UI: batch re-optimisation of an inventory model (Chromium)', () => {
  let server: RunningServer;
  let browser: Browser;
  let w: Watched;
  let world: ContestedMug;

  beforeAll(async () => {
    server = await startServer();
    world = await aContestedMug(server.api);
    browser = await launchBrowser();
    w = await openPage(browser, 'reoptimise');
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await w.shot(`FAILED-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const panel = () => w.page.getByRole('region', { name: 'Batch re-optimisation' });
  const runRows = () => panel().getByRole('table', { name: 'Last runs' }).locator('tbody tr');
  const number = (o: { attributes: Record<string, unknown> }) => String(o.attributes.number);

  it('starts from priority routing: the second order ships in two parcels', async () => {
    expect(await shipmentSources(server.api, world.first.id)).toEqual(['WH-NORTH']);
    expect(await shipmentSources(server.api, world.second.id)).toEqual(['WH-NORTH', 'WH-SOUTH']);
    await logIn(w, server, { from: `/admin/inventory-models/${world.model.id}` });
    await w.page.getByRole('heading', { name: 'Inventory model: Contested' }).waitFor();
    await panel().getByRole('heading', { name: 'Batch re-optimisation' }).waitFor();
    await eventually(() => runRows().count()).toBe(0);
    await w.shot('panel');
  });

  it('previews the orders that would change, shipments 3 → 2, and changes nothing', async () => {
    await panel().getByRole('button', { name: 'Preview (dry run)' }).click();
    const preview = panel().getByTestId('reoptimize-preview');
    await eventually(() => preview.locator('p').textContent()).toBe('Preview: 2 of 2 orders would change; shipments 3 → 2.');
    const items = (await preview.locator('li').allTextContents()).sort();
    expect(items).toEqual([`${number(world.first)}: 1 → 1 shipments`, `${number(world.second)}: 2 → 1 shipments`].sort());
    await expect(preview.getByRole('link', { name: number(world.second) }).getAttribute('href')).resolves.toBe(`/admin/orders/${world.second.id}`);
    expect(await runRows().count()).toBe(1);
    expect(await runRows().first().locator('td').allTextContents()).toEqual([expect.any(String), 'dry_run', '2 / 2', '3 → 2', '3', expect.stringMatching(/^\d+$/)]);
    expect(await shipmentSources(server.api, world.second.id)).toEqual(['WH-NORTH', 'WH-SOUTH']);
    await w.shot('preview');
  });

  it('re-optimises now: the run is listed and the API serves the new plans', async () => {
    await panel().getByRole('button', { name: 'Re-optimise now' }).click();
    await eventually(() => runRows().count()).toBe(2);
    expect((await runRows().first().locator('td').allTextContents()).slice(1, 5)).toEqual(['completed', '2 / 2', '3 → 2', '3']);
    // The preview shows only while the latest run is a dry run.
    expect(await panel().getByTestId('reoptimize-preview').count()).toBe(0);
    expect(await shipmentSources(server.api, world.first.id)).toEqual(['WH-SOUTH']);
    expect(await shipmentSources(server.api, world.second.id)).toEqual(['WH-NORTH']);
    const runs = await server.api.get(`inventory_models/${world.model.id}/reoptimization_runs?sort=-created_at`);
    expect(runs.data.map((r) => [r.attributes.status, r.attributes.shipments_after])).toEqual([['completed', 2], ['dry_run', 2]]);
    await w.shot('reoptimised');
  });

  it('a second preview finds nothing more to gain', async () => {
    await panel().getByRole('button', { name: 'Preview (dry run)' }).click();
    await eventually(() => panel().getByTestId('reoptimize-preview').locator('p').textContent()).toBe('Preview: 0 of 2 orders would change; shipments 2 → 2.');
    expect(await panel().getByTestId('reoptimize-preview').locator('li').count()).toBe(0);
    await w.shot('nothing-more');
  });

  it('logged no console errors', () => {
    expect(w.errors).toEqual([]);
  });
});
