import type { ComponentChildren } from 'preact';
import type { RecordView } from '../../records/people';
import { t } from '../i18n';
import { Unsynced } from './Badges';

/** One answer of a record: label, value ("ยังไม่ได้ตอบ" when none), and a mark while it waits to sync. */
export function Fact<F>({
  view,
  field,
  label,
  children,
}: {
  view: RecordView<F>;
  field: keyof F & string;
  label: string;
  children: ComponentChildren;
}) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-field={field}>
        {children ?? t('value.unanswered')} <Unsynced view={view} field={field} />
      </dd>
    </>
  );
}

/** An optional answer as text; absent stays absent (a `Fact` then says "ยังไม่ได้ตอบ"). */
export function maybe<T>(value: T | undefined, text: (value: T) => string): string | undefined {
  return value === undefined ? undefined : text(value);
}
