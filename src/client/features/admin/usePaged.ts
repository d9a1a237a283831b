import { useCallback, useEffect, useState } from 'preact/hooks';
import { type Remote, useRemote } from './useRemote';

/** One page of a review list and where the next one starts (null: no more). */
export interface Page<T> {
  items: T[];
  nextBefore: string | null;
}

export interface Paged<T> {
  /** The first page's loading and error state (RemoteState shows it). */
  remote: Remote<Page<T>>;
  /** Every item loaded so far, or null before the first page. */
  items: T[] | null;
  hasMore: boolean;
  loadingMore: boolean;
  moreError: unknown;
  loadMore: () => Promise<void>;
}

/**
 * A list loaded page by page (`before` = the last id seen). `load` must be a stable function
 * (module level). Reloading starts again from the first page.
 */
export function usePaged<T>(load: (before?: string) => Promise<Page<T>>): Paged<T> {
  const first = useRemote(useCallback(() => load(), [load]));
  const [more, setMore] = useState<Page<T> | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);

  // A reload (after an action) replaces everything shown.
  useEffect(() => {
    setMore(null);
    setMoreError(null);
  }, [first.data]);

  const nextBefore = more ? more.nextBefore : (first.data?.nextBefore ?? null);
  const loadMore = async () => {
    if (!nextBefore) return;
    setLoadingMore(true);
    try {
      const page = await load(nextBefore);
      setMore((previous) => ({
        items: [...(previous?.items ?? []), ...page.items],
        nextBefore: page.nextBefore,
      }));
      setMoreError(null);
    } catch (failure) {
      setMoreError(failure);
    } finally {
      setLoadingMore(false);
    }
  };

  return {
    remote: first,
    items: first.data ? [...first.data.items, ...(more?.items ?? [])] : null,
    hasMore: nextBefore !== null,
    loadingMore,
    moreError,
    loadMore,
  };
}
