import type { core } from 'zod';
import type { HouseholdFields } from '../model/household';
import type { PersonFields } from '../model/person';
import type { ProgramCode, ProgramEnrollmentFields } from '../model/welfare';
import { normalizeHouseCode } from '../rules/houseCode';
import type { SheetCell, SheetRow } from './cells';
import { type ReadDate, readDate } from './dates';
import type { ImportErrorCode, ImportErrorParams, Read } from './errors';
import type { ImportField } from './fields';
import type { ColumnMapping } from './headers';
import {
  ALLOWANCE_PROGRAM_WORDS,
  type PersonName,
  RELATION_WORDS,
  readAmount,
  readChoice,
  readHouseNo,
  readMooNo,
  readNationalId,
  readPersonName,
  readText,
  SEX_WORDS,
  sexOfTitle,
} from './values';

/** One problem of a row: its sheet row (1-based, as the spreadsheet numbers it) and column. */
export interface CellError {
  row: number;
  /** 0-based column index (`columnLetter` names it), or null when no column holds the field. */
  column: number | null;
  /** The sheet field at fault; null for a value the import itself supplies. */
  field: ImportField | null;
  code: ImportErrorCode;
  params?: ImportErrorParams;
}

/** What a row says, each value read and checked; `errors` lists what could not be. */
export interface RowValues {
  row: number;
  name: PersonName | null;
  nationalId: string | null;
  birthDate: ReadDate | null;
  sex: PersonFields['sex'];
  relationToHead: PersonFields['relationToHead'];
  houseNo: string | null;
  mooNo: number | null;
  villageId: string | null;
  houseCode: string | null;
  soi: string | null;
  road: string | null;
  postalCode: string | null;
  programCode: ProgramCode | null;
  monthlyAmountTHB: number | null;
  enrollmentSince: string | null;
  errors: CellError[];
}

export interface RowReadContext {
  today: string;
  date1904?: boolean;
  /** หมู่ number → the village's id. */
  villageOfMoo: ReadonlyMap<number, string>;
}

/** Reads one data row by its mapping. `row` is the sheet's 1-based row number. */
export function readRow(
  cells: SheetRow,
  row: number,
  mapping: ColumnMapping,
  context: RowReadContext,
): RowValues {
  const errors: CellError[] = [];
  const columns = columnsOf(mapping);
  const columnOf = (field: ImportField): number | null => columns.get(field) ?? null;
  const cellOf = (field: ImportField): SheetCell => {
    const column = columnOf(field);
    return column === null ? undefined : cells[column];
  };
  const fail = (field: ImportField | null, code: ImportErrorCode, params?: ImportErrorParams) => {
    const error: CellError = { row, column: field ? columnOf(field) : null, field, code };
    if (params) error.params = params;
    errors.push(error);
  };
  const take = <T>(field: ImportField, read: Read<T>): T | null => {
    if (read.ok) return read.value;
    fail(field, read.code, read.params);
    return null;
  };

  const nameField: ImportField =
    columnOf('fullName') !== null && columnOf('firstName') === null ? 'fullName' : 'firstName';
  const name = take(
    nameField,
    readPersonName({
      title: cellOf('title'),
      firstName: cellOf('firstName'),
      lastName: cellOf('lastName'),
      fullName: cellOf('fullName'),
    }),
  );
  const mooNo = take('mooNo', readMooNo(cellOf('mooNo')));
  const villageId = mooNo === null ? null : (context.villageOfMoo.get(mooNo) ?? null);
  if (mooNo !== null && villageId === null) fail('mooNo', 'moo_unknown', { moo: mooNo });
  const houseCodeText = readText(cellOf('houseCode'));
  const houseCode = houseCodeText && normalizeHouseCode(houseCodeText);
  const postalCode = readText(cellOf('postalCode'));
  if (houseCode && !/^\d{11}$/.test(houseCode)) fail('houseCode', 'house_code_format');
  if (postalCode && !/^\d{5}$/.test(postalCode)) fail('postalCode', 'postal_code_format');
  const sex = take('sex', readChoice(cellOf('sex'), SEX_WORDS, 'sex_unknown'));
  const since = take('enrollmentSince', readDate(cellOf('enrollmentSince'), context));

  return {
    row,
    name,
    nationalId: take('nationalId', readNationalId(cellOf('nationalId'))),
    birthDate: take('birthDate', readDate(cellOf('birthDate'), context)),
    sex: sex ?? sexOfTitle(name?.titlePrefix ?? null),
    relationToHead:
      take(
        'relationToHead',
        readChoice(cellOf('relationToHead'), RELATION_WORDS, 'relation_unknown'),
      ) ?? undefined,
    houseNo: readHouseNo(cellOf('houseNo')),
    mooNo,
    villageId,
    houseCode: houseCode || null,
    soi: readText(cellOf('soi')),
    road: readText(cellOf('road')),
    postalCode,
    programCode: take(
      'programCode',
      readChoice(cellOf('programCode'), ALLOWANCE_PROGRAM_WORDS, 'program_unknown'),
    ),
    monthlyAmountTHB: take('monthlyAmountTHB', readAmount(cellOf('monthlyAmountTHB'))),
    enrollmentSince: since?.iso ?? null,
    errors,
  };
}

const COLUMNS = new WeakMap<readonly (ImportField | null)[], ReadonlyMap<ImportField, number>>();

/** Each mapped field's column, found once per mapping rather than once per cell of 5,000 rows. */
function columnsOf(mapping: ColumnMapping): ReadonlyMap<ImportField, number> {
  let columns = COLUMNS.get(mapping.columns);
  if (!columns) {
    const found = new Map<ImportField, number>();
    mapping.columns.forEach((field, column) => {
      if (field && !found.has(field)) found.set(field, column);
    });
    columns = found;
    COLUMNS.set(mapping.columns, columns);
  }
  return columns;
}

/** A row's person as the record's fields (`householdId` filled in by the plan). */
export function personFieldsOf(values: RowValues, householdId: string): Record<string, unknown> {
  return withoutEmpty({
    householdId,
    nationalId: values.nationalId,
    titlePrefix: values.name?.titlePrefix,
    firstName: values.name?.firstName,
    lastName: values.name?.lastName,
    sex: values.sex,
    birthDate: values.birthDate?.iso,
    birthDatePrecision: values.birthDate?.precision,
    relationToHead: values.relationToHead,
  });
}

export interface HouseholdDefaults {
  /** A new household's `surveyDate` and `surveyorId`: the day and the user of the import. */
  today: string;
  importedBy: string;
}

export function householdFieldsOf(
  values: RowValues,
  defaults: HouseholdDefaults,
): Record<string, unknown> {
  return withoutEmpty({
    houseNo: values.houseNo,
    mooNo: values.mooNo,
    houseCode: values.houseCode,
    soi: values.soi,
    road: values.road,
    postalCode: values.postalCode,
    surveyDate: defaults.today,
    surveyorId: defaults.importedBy,
    // The office's list is no survey: nobody has read the person the privacy notice yet.
    privacyNoticeGiven: false,
  });
}

export function enrollmentFieldsOf(
  values: RowValues,
  personId: string,
  today: string,
): Record<string, unknown> {
  return withoutEmpty({
    personId,
    programCode: values.programCode,
    // A list without a start date says who receives the allowance now: known from today.
    since: values.enrollmentSince ?? today,
    status: 'active',
    monthlyAmountTHB: values.monthlyAmountTHB,
  } satisfies Partial<Record<keyof ProgramEnrollmentFields, unknown>>);
}

function withoutEmpty(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields))
    if (value !== null && value !== undefined && value !== '') out[key] = value;
  return out;
}

/** The sheet field each record field is read from. */
const SHEET_FIELD_OF: Readonly<Record<string, ImportField>> = {
  nationalId: 'nationalId',
  titlePrefix: 'title',
  firstName: 'firstName',
  lastName: 'lastName',
  sex: 'sex',
  birthDate: 'birthDate',
  relationToHead: 'relationToHead',
  houseNo: 'houseNo',
  mooNo: 'mooNo',
  houseCode: 'houseCode',
  soi: 'soi',
  road: 'road',
  postalCode: 'postalCode',
  programCode: 'programCode',
  monthlyAmountTHB: 'monthlyAmountTHB',
  since: 'enrollmentSince',
} satisfies Partial<
  Record<keyof (PersonFields & HouseholdFields & ProgramEnrollmentFields), ImportField>
>;

/**
 * A zod issue of the shared model as a cell error. The model's message keys (`invalid_date`…)
 * and zod's codes become import codes; a name field maps to the ชื่อ-สกุล column when the
 * sheet has one.
 */
export function issueToCellError(
  issue: core.$ZodIssue,
  row: number,
  mapping: ColumnMapping,
): CellError {
  let field: ImportField | null = SHEET_FIELD_OF[String(issue.path[0] ?? '')] ?? null;
  if ((field === 'firstName' || field === 'lastName') && !mapping.columns.includes(field))
    field = 'fullName';
  const column = field ? mapping.columns.indexOf(field) : -1;
  const { code, params } = codeOfIssue(issue);
  const error: CellError = { row, column: column < 0 ? null : column, field, code };
  if (params) error.params = params;
  return error;
}

const MODEL_MESSAGES: Readonly<Record<string, ImportErrorCode>> = {
  invalid_national_id: 'national_id_checksum',
  invalid_date: 'date_invalid',
  invalid_house_code: 'house_code_format',
};

function codeOfIssue(issue: core.$ZodIssue): { code: ImportErrorCode; params?: ImportErrorParams } {
  const known = MODEL_MESSAGES[issue.message];
  if (known) return { code: known };
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string'
        ? { code: 'required' }
        : { code: 'number_min', params: { min: Number(issue.minimum) } };
    case 'too_big':
      return issue.origin === 'string'
        ? { code: 'too_long', params: { max: Number(issue.maximum) } }
        : { code: 'number_max', params: { max: Number(issue.maximum) } };
    case 'invalid_type':
      return { code: issue.input === undefined ? 'required' : 'invalid' };
    case 'invalid_value':
      return { code: 'not_a_choice' };
    default:
      return { code: 'invalid' };
  }
}
