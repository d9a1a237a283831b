// What the Node side of the Chromium benches shares: calling into the bench page, a free port.
import type { Page } from '@playwright/test';
import type { BenchApi } from '../browser/bench';

export { freePort } from '../../e2e/support/server';

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
