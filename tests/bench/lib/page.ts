// What the Node side of the Chromium benches shares: calling into the bench page, a free port.
import { createServer } from 'node:net';
import type { Page } from '@playwright/test';
import type { BenchApi } from '../browser/bench';

type Method = keyof BenchApi;

/** Calls `window.bench[name](...args)` in the page and returns its answer. */
export function callBench<K extends Method>(
  page: Page,
  name: K,
  ...args: Parameters<BenchApi[K]>
): Promise<Awaited<ReturnType<BenchApi[K]>>> {
  return page.evaluate(
    ([method, values]) =>
      (window as unknown as { bench: Record<string, (...a: unknown[]) => Promise<unknown>> }).bench[
        method
      ]?.(...values),
    [name, args] as [string, unknown[]],
  ) as Promise<Awaited<ReturnType<BenchApi[K]>>>;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}
