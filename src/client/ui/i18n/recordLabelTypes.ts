import type { HouseholdFields } from '../../../shared/model/household';
import type { ParcelFields } from '../../../shared/model/parcel';
import type { PersonFields } from '../../../shared/model/person';
import type {
  AssistanceFields,
  CaseStatusChangeFields,
  ProgramEnrollmentFields,
  VisitFields,
  WelfareCaseFields,
} from '../../../shared/model/welfare';
import type { RecordType } from '../../../shared/sync/protocol';

/** The fields of each record type, from its zod model: a new field is a type error until labelled. */
interface FieldsOf {
  household: HouseholdFields;
  person: PersonFields;
  case: WelfareCaseFields;
  caseStatusChange: CaseStatusChangeFields;
  visit: VisitFields;
  assistance: AssistanceFields;
  programEnrollment: ProgramEnrollmentFields;
  parcel: ParcelFields;
}

/**
 * One language's names for every record field and every enum value, keyed by record type and
 * field, so forms, record pages and every review screen say the same thing.
 */
export interface RecordLabels {
  fields: { readonly [T in RecordType]: { readonly [F in keyof FieldsOf[T]]-?: string } };
  /** Enum values by record type, field and value (`'1'` for a numeric code). */
  values: {
    readonly [T in RecordType]: Readonly<Record<string, Readonly<Record<string, string>>>>;
  };
  /** The sync layer's own field: the record was deleted. */
  deleted: string;
}

/** `{own: 'เป็นเจ้าของ', …}` from the `hh.tenure.` entries of a flat dictionary. */
export function byPrefix(
  dictionary: Readonly<Record<string, string>>,
  prefix: string,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, text] of Object.entries(dictionary)) {
    if (key.startsWith(prefix)) values[key.slice(prefix.length)] = text;
  }
  return values;
}
