// The browser tests find a Chromium by themselves: $CHROMIUM_PATH, then the system's, then the
// one packaged in the @sparticuz/chromium devDependency, which really launches and renders.
import { afterAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEFAULT_SYSTEM_PATHS, findChromium, launchChromium, packagedChromium, type FoundChromium } from './chromium.js';

const never = (): Promise<FoundChromium> => Promise.reject(new Error('the packaged Chromium was not expected'));

describe('findChromium', () => {
  it('takes $CHROMIUM_PATH first, and refuses one that does not exist', async () => {
    const found = await findChromium({ env: { CHROMIUM_PATH: '/opt/my/chrome' }, exists: (p) => p === '/opt/my/chrome' || p === '/usr/bin/chromium', packaged: never });
    expect(found).toMatchObject({ path: '/opt/my/chrome', source: 'CHROMIUM_PATH' });
    await expect(findChromium({ env: { CHROMIUM_PATH: '/nope/chrome' }, exists: () => false, packaged: never }))
      .rejects.toThrow('CHROMIUM_PATH is set to /nope/chrome, but nothing is there');
  });

  it('then the first system Chromium present, in the usual order', async () => {
    const found = await findChromium({ env: {}, exists: (p) => p === '/usr/bin/google-chrome' || p === '/snap/bin/chromium', packaged: never });
    expect(found).toMatchObject({ path: '/snap/bin/chromium', source: 'system' });
    expect(DEFAULT_SYSTEM_PATHS[0]).toBe('/usr/bin/chromium');
  });

  it('then the packaged Chromium when no system path exists (CHROMIUM_SYSTEM_PATHS empty)', async () => {
    const found = await findChromium({ env: { CHROMIUM_SYSTEM_PATHS: '' }, exists: () => true });
    expect(found.source).toBe('npm');
    expect(found.path).toMatch(/node_modules\/\.cache\/stockroute\/chromium-138[^/]*\/chromium$/);
  });
});

describe('the packaged Chromium', () => {
  const browsers: Browser[] = [];
  afterAll(async () => { await Promise.all(browsers.map((b) => b.close())); });

  const render = async (browser: Browser) => {
    browsers.push(browser);
    const page = await browser.newPage();
    await page.setContent('<main><h1 id="t">Stockroute</h1><p style="width:200px">2 + 3 = <b id="s"></b></p><script>s.textContent = 2 + 3</script></main>');
    return { title: await page.textContent('#t'), sum: await page.textContent('#s'), width: (await page.locator('p').boundingBox())?.width, shot: (await page.screenshot()).length };
  };

  it('launches under playwright-core and renders a page', async () => {
    const found = await packagedChromium();
    const result = await render(await launchChromium(found));
    expect(result).toMatchObject({ title: 'Stockroute', sum: '5', width: 200 });
    expect(result.shot).toBeGreaterThan(1000);
  });

  it('launches when $CHROMIUM_PATH points at it', async () => {
    const { path, env } = await packagedChromium();
    const found = await findChromium({ env: { CHROMIUM_PATH: path, CHROMIUM_SYSTEM_PATHS: '' } });
    expect(found).toMatchObject({ path, source: 'CHROMIUM_PATH' });
    const result = await render(await launchChromium({ ...found, env }));
    expect(result).toMatchObject({ title: 'Stockroute', sum: '5' });
  });
});
