import { useEffect, useState } from 'preact/hooks';

export type Loaded<T> =
  | { status: 'loading' }
  | { status: 'failed' }
  | { status: 'ready'; value: T };

/**
 * What a form starts from, read once when it opens (not live: a sync arriving while someone
 * types must not reset their input; the save patches only what they changed).
 */
export function useLoaded<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ status: 'loading' });
  useEffect(() => {
    let cancelled = false;
    setLoaded({ status: 'loading' });
    load().then(
      (value) => {
        if (!cancelled) setLoaded({ status: 'ready', value });
      },
      () => {
        if (!cancelled) setLoaded({ status: 'failed' });
      },
    );
    return () => {
      cancelled = true;
    };
  }, deps);
  return loaded;
}
