import { expect, test } from '@playwright/test';

// Issue 13, item 8: the built app's JavaScript goes out compressed, from the brotli and gzip
// copies written at build time.

test('the entry script is sent as brotli, or gzip, when the browser asks', async ({ request }) => {
  const html = await (await request.get('/', { headers: { accept: 'text/html' } })).text();
  const entry = html.match(/<script[^>]+src="(\/assets\/[^"]+\.js)"/)?.[1];
  expect(entry, 'index.html names its entry script').toBeTruthy();
  const sizes = { br: 0, gzip: 0, identity: 0 };
  for (const encoding of ['br', 'gzip', 'identity'] as const) {
    const response = await request.fetch(entry as string, {
      headers: { 'accept-encoding': encoding },
    });
    expect(response.status()).toBe(200);
    expect(response.headers()['content-encoding'] ?? 'identity').toBe(encoding);
    sizes[encoding] = Number(response.headers()['content-length']);
  }
  expect(sizes.br).toBeLessThan(sizes.identity / 2);
});
