import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

/**
 * The result of a Dexie query, re-run whenever the tables it read change (in this tab or
 * another). `initial` is shown until the first result arrives.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: readonly unknown[], initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    // An async querier: Dexie keeps tracking the tables read after its first await only then.
    const subscription = liveQuery(async () => query()).subscribe({
      next: setValue,
      error: (error: unknown) => console.error(error),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return value;
}
