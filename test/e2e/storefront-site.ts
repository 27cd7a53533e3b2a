// A storefront on another origin, for the browser tests: a tiny HTTP server on 127.0.0.1
// (its own port, so its own origin) serving a shop page whose script does what a real
// storefront does with a sales-channel token, and a page that tries to frame /admin.
import { createServer, type Server } from 'node:http';

export interface Site {
  readonly origin: string;
  close(): Promise<void>;
}

// The shop's script: token → SKU availability → draft order → line → _place → availability
// again. Each step writes its result into the page; a failure writes `error`.
const SHOP_JS = `
const q = new URLSearchParams(location.search);
const api = q.get('api');
const show = (id, value) => { document.getElementById(id).textContent = String(value); };
const MEDIA = 'application/vnd.api+json';

async function call(token, method, path, body) {
  const res = await fetch(api + '/api/' + path, {
    method,
    headers: { Authorization: 'Bearer ' + token, Accept: MEDIA, ...(body ? { 'Content-Type': MEDIA } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(method + ' ' + path + ': ' + res.status);
  return res.json();
}

async function shop() {
  const auth = await fetch(api + '/oauth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: q.get('client_id'), client_secret: q.get('client_secret') }),
  });
  const { access_token: token } = await auth.json();
  show('token', token ? 'yes' : 'no');
  const skus = await call(token, 'GET', 'skus?filter[q][code_eq]=' + encodeURIComponent(q.get('sku')));
  const sku = skus.data[0];
  const available = async () => (await call(token, 'GET', 'skus/' + sku.id)).data.attributes.inventory.quantity;
  show('available', await available());
  const market = (await call(token, 'GET', 'markets')).data[0];
  const order = await call(token, 'POST', 'orders', { data: { type: 'orders', relationships: { market: { data: { type: 'markets', id: market.id } } } } });
  await call(token, 'POST', 'line_items', { data: { type: 'line_items', attributes: { sku_code: q.get('sku'), quantity: Number(q.get('quantity')) }, relationships: { order: { data: { type: 'orders', id: order.data.id } } } } });
  const placed = await call(token, 'PATCH', 'orders/' + order.data.id, { data: { type: 'orders', id: order.data.id, attributes: { _place: true } } });
  show('order', placed.data.attributes.number + ' ' + placed.data.attributes.status);
  show('available-after', await available());
}

shop().catch((e) => show('error', e.name + ': ' + e.message)).finally(() => show('done', 'yes'));
`;

const SHOP_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title><link rel="icon" href="data:,">
<script src="/shop.js" defer></script></head><body>
<h1>A storefront</h1>
<p>token: <span id="token"></span></p><p>available: <span id="available"></span></p>
<p>order: <span id="order"></span></p><p>available after: <span id="available-after"></span></p>
<p>error: <span id="error"></span></p><p>done: <span id="done"></span></p></body></html>`;

/** Two frames: Stockroute's admin (refused by the browser) and a page of this site (shown). */
const frameHtml = (admin: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Framing</title><link rel="icon" href="data:,"></head>
<body><iframe id="admin" title="admin" src="${admin}" width="600" height="400"></iframe>
<iframe id="own" title="own" src="/framed.html" width="300" height="100"></iframe></body></html>`;

const FRAMED_HTML = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Framed</title><link rel="icon" href="data:,"></head><body><p>framed page of the shop</p></body></html>';

export async function startSite(stockroute: string): Promise<Site> {
  const pages: Record<string, [string, string]> = {
    '/shop.html': ['text/html', SHOP_HTML],
    '/shop.js': ['text/javascript', SHOP_JS],
    '/frame.html': ['text/html', frameHtml(`${stockroute}/admin/`)],
    '/framed.html': ['text/html', FRAMED_HTML],
  };
  const server: Server = createServer((req, res) => {
    const page = pages[(req.url ?? '/').split('?')[0] ?? '/'];
    if (!page) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': `${page[0]}; charset=utf-8` }).end(page[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the storefront did not listen on a TCP port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
