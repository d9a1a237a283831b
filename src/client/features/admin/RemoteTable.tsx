import type { ComponentChildren } from 'preact';
import { RemoteState } from './RemoteState';
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
