import type { ComponentChildren } from 'preact';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { errorMessage } from '../../ui/errors';
import { t } from '../../ui/i18n';
import { RemoteState } from './RemoteState';
import type { Paged } from './usePaged';
import type { Remote } from './useRemote';

/** One column of an admin list: its header, which is also the cell's label on a phone. */
export interface Column<T> {
  label: string;
  cell: (item: T) => ComponentChildren;
  class?: string;
  testId?: string;
}

interface RemoteTableProps<T> {
  /** The request behind the list: its loading, offline and error states show above. */
  remote: Remote<unknown>;
  /** The rows, in the order shown; null until loaded. */
  items: readonly T[] | null;
  /** What an empty list says. */
  empty: string;
  /** `false` leaves a column out (e.g. actions for a reader). */
  columns: ReadonlyArray<Column<T> | false>;
  rowKey: (item: T) => string;
  /** The row's `data-testid` and any other `data-*` attributes. */
  rowData: (item: T) => Record<string, string>;
  class?: string;
}

/** An admin list read from the server: its state, "nothing yet", or a table of its rows. */
export function RemoteTable<T>(props: RemoteTableProps<T>) {
  const { items } = props;
  const columns = props.columns.filter((column): column is Column<T> => column !== false);
  return (
    <>
      <RemoteState remote={props.remote} />
      {items && items.length === 0 && <p class="muted">{props.empty}</p>}
      {items && items.length > 0 && (
        <table class={props.class ? `table ${props.class}` : 'table'}>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column.label} scope="col">
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={props.rowKey(item)} {...props.rowData(item)}>
                {columns.map((column) => (
                  <td
                    key={column.label}
                    data-label={column.label}
                    class={column.class}
                    data-testid={column.testId}
                  >
                    {column.cell(item)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** "Show more" under a paged review list, with the error of the last attempt. */
export function MoreButton({ list }: { list: Paged<unknown> }) {
  if (!list.hasMore) return null;
  return (
    <div class="actions">
      {list.moreError ? <Banner tone="error">{errorMessage(list.moreError)}</Banner> : null}
      <Button
        busy={list.loadingMore}
        busyLabel={t('common.loading')}
        onClick={() => void list.loadMore()}
      >
        {t('admin.loadMore')}
      </Button>
    </div>
  );
}
