import type { FieldValues } from '../../shared/sync/protocol';
import type { LocalRecord } from './localRecords';

/**
 * A local record with its fields typed. The server validated every value it accepted and the
 * app validates before saving, so the fields are read as the schema's, each possibly absent
 * (an older record, a newer app's answer, a field cleared with null).
 */
export interface RecordView<F> {
  id: string;
  villageId: string;
  fields: Partial<F>;
  deleted: boolean;
  /** Fields with local values the server has not acknowledged yet. */
  unsyncedFields: string[];
}

export function view<F>(record: LocalRecord): RecordView<F> {
  return {
    id: record.id,
    villageId: record.villageId,
    fields: withoutNulls(record.fields) as Partial<F>,
    deleted: record.deleted,
    unsyncedFields: record.unsyncedFields,
  };
}

/** A field cleared on some device arrives as null: the views read it as absent. */
export function withoutNulls(fields: FieldValues): FieldValues {
  const present: FieldValues = {};
  for (const [name, value] of Object.entries(fields)) if (value !== null) present[name] = value;
  return present;
}
