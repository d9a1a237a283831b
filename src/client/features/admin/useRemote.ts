import { useCallback, useEffect, useState } from 'preact/hooks';
import { online } from '../../api/online';

export interface Remote<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload: () => Promise<void>;
}

/** Loads data from the server on mount, again on `reload()` and when the device comes back online. */
export function useRemote<T>(load: () => Promise<T>): Remote<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const isOnline = online.value;

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await load());
      setError(null);
    } catch (failure) {
      setError(failure);
    } finally {
      setLoading(false);
    }
  }, [load]);

  useEffect(() => {
    if (isOnline) void reload();
  }, [reload, isOnline]);

  return { data, error, loading, reload };
}
