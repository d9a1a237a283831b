import { type PersonFields, TITLE_PREFIXES } from '../model/person';
import { checkNationalId } from '../rules/nationalId';
import { THAI_TITLE_WORDS } from '../rules/thaiTitles';
import { cellText, type SheetCell } from './cells';
import { cellDateToIsoDate } from './dates';
import { type Read, readFail, readOk } from './errors';

type TitlePrefix = (typeof TITLE_PREFIXES)[number];

/** A text cell: trimmed, null when empty. */
export function readText(cell: SheetCell): string | null {
  const text = cellText(cell);
  return text === '' ? null : text;
}

/**
 * A บ้านเลขที่. Excel turns `12/1` typed into a cell into 12 January (in a Thai, day-first
 * locale): a date in this column is given back as the day/month it was typed as.
 */
export function readHouseNo(cell: SheetCell): string | null {
  if (cell instanceof Date) {
    const iso = cellDateToIsoDate(cell);
    return iso ? `${Number(iso.slice(8, 10))}/${Number(iso.slice(5, 7))}` : null;
  }
  return readText(cell);
}

const SCIENTIFIC = /^\d(\.\d+)?e\+?\d+$/i;

/**
 * A เลขประจำตัวประชาชน as offices keep it: with dashes or spaces, Thai digits, or as a number
 * that lost its leading zeros (a cell formatted as a number, or a CSV Excel re-saved): a
 * number, or digits only, shorter than 13 is padded with zeros before the checksum is tried.
 * `1.23457E+12` lost digits for good and is said so. An empty cell reads as null.
 */
export function readNationalId(cell: SheetCell): Read<string | null> {
  let text = typeof cell === 'number' ? String(Math.trunc(cell)) : cellText(cell);
  if (text === '') return readOk(null);
  if (SCIENTIFIC.test(text)) return readFail('national_id_scientific');
  text = text.replace(/[\s\-.]/g, '');
  if (/^\d{9,12}$/.test(text)) text = text.padStart(13, '0');
  const check = checkNationalId(text);
  if (check.problem === 'format') return readFail('national_id_format');
  if (check.problem === 'checksum') return readFail('national_id_checksum');
  return readOk(check.value);
}

/** Title words as lists write them, longest first so `นางสาว` is not read as `นาง` + `สาว…`. */
const TITLE_WORDS: ReadonlyArray<readonly [string, TitlePrefix]> = (
  [
    [THAI_TITLE_WORDS.miss, 'miss'],
    ['น.ส.', 'miss'],
    ['นส.', 'miss'],
    [THAI_TITLE_WORDS.master, 'master'],
    ['ด.ช', 'master'],
    ['ดช.', 'master'],
    ['เด็กชาย', 'master'],
    [THAI_TITLE_WORDS.girl, 'girl'],
    ['ด.ญ', 'girl'],
    ['ดญ.', 'girl'],
    ['เด็กหญิง', 'girl'],
    [THAI_TITLE_WORDS.mr, 'mr'],
    [THAI_TITLE_WORDS.mrs, 'mrs'],
    ['mrs.', 'mrs'],
    ['mrs', 'mrs'],
    ['mr.', 'mr'],
    ['mr', 'mr'],
    ['miss', 'miss'],
    ['ms.', 'miss'],
    ['ms', 'miss'],
  ] as const
)
  .map(([word, prefix]) => [word.toLowerCase(), prefix] as const)
  .sort((a, b) => b[0].length - a[0].length);

/** The title a whole cell names (`นาย`, `น.ส.`, `เด็กหญิง`, `Mrs.`), or null. */
export function titleOfWord(word: string): TitlePrefix | null {
  const key = word.trim().toLowerCase();
  if (TITLE_PREFIXES.includes(key as TitlePrefix)) return key as TitlePrefix;
  return TITLE_WORDS.find(([w]) => w === key || w === `${key}.`)?.[1] ?? null;
}

/**
 * Splits a leading title from a name: `นายสมชาย`, `นาย สมชาย`, `น.ส.สมหญิง`, `Mr. John`. An
 * English title needs a space after it (`Mrs` is not the start of `Mrsomething`); a Thai one
 * may be glued, as lists write it, when at least two letters follow.
 */
export function splitTitle(name: string): { titlePrefix: TitlePrefix | null; rest: string } {
  const lower = name.toLowerCase();
  for (const [word, prefix] of TITLE_WORDS) {
    if (!lower.startsWith(word)) continue;
    const rest = name.slice(word.length);
    const spaced = rest.startsWith(' ') || word.endsWith('.');
    const thai = /[\u0E00-\u0E7F]/.test(word);
    if ((spaced || (thai && rest.trim().length >= 2)) && rest.trim() !== '')
      return { titlePrefix: prefix, rest: rest.trim() };
  }
  return { titlePrefix: null, rest: name };
}

export interface PersonName {
  titlePrefix: TitlePrefix | null;
  firstName: string;
  lastName: string;
}

export interface NameCells {
  title?: SheetCell;
  firstName?: SheetCell;
  lastName?: SheetCell;
  fullName?: SheetCell;
}

/**
 * A person's name from the cells a list has: one ชื่อ-สกุล cell (`นายสมชาย ใจดี`), or ชื่อ and
 * นามสกุล apart, with the title in its own cell or before the first name. A surname of several
 * words (`ณ อยุธยา`) stays whole. Null when all are empty.
 */
export function readPersonName(cells: NameCells): Read<PersonName | null> {
  const title = readText(cells.title);
  let first = readText(cells.firstName);
  let last = readText(cells.lastName);
  const full = readText(cells.fullName);
  if (!first && !last && full) {
    const { titlePrefix, rest } = splitTitle(full);
    const space = rest.indexOf(' ');
    if (space < 0) return readFail('name_unreadable');
    first = rest.slice(0, space);
    last = rest.slice(space + 1);
    return readOk({
      titlePrefix: titleFrom(title) ?? titlePrefix,
      firstName: first,
      lastName: last,
    });
  }
  if (!first && !last && !title) return readOk(null);
  let titlePrefix = titleFrom(title);
  if (first) {
    const split = splitTitle(first);
    titlePrefix ??= split.titlePrefix;
    first = split.rest;
  }
  return readOk({ titlePrefix, firstName: first ?? '', lastName: last ?? '' });
}

function titleFrom(text: string | null): TitlePrefix | null {
  return text ? (titleOfWord(text) ?? 'other') : null;
}

/** The sex a title implies, for lists without a เพศ column. */
export function sexOfTitle(title: TitlePrefix | null): PersonFields['sex'] {
  if (title === 'mr' || title === 'master') return 'M';
  if (title === 'mrs' || title === 'miss' || title === 'girl') return 'F';
  return undefined;
}

/**
 * An amount in baht: `1,000`, `฿600`, `600 บาท`, `600.-` (as Thai receipts write it), a number
 * cell as it is, rounded to satang. An empty cell reads as null.
 */
export function readAmount(cell: SheetCell): Read<number | null> {
  if (typeof cell === 'number')
    return Number.isFinite(cell)
      ? readOk(Math.round(cell * 100) / 100)
      : readFail('amount_unreadable');
  const text = cellText(cell)
    .replace(/บาท|฿|thb|,|\s/gi, '')
    .replace(/\.-$/, '');
  if (text === '') return readOk(null);
  if (!/^-?\d+(\.\d+)?$/.test(text)) return readFail('amount_unreadable');
  return readOk(Math.round(Number(text) * 100) / 100);
}

const MOO = /^(?:หมู่(?:ที่)?|ม\.?|moo\.?|m\.?)?\s*(\d{1,2})(?:\s.*)?$/i;

/** หมู่ที่ as `หมู่ 3`, `หมู่ที่ 3`, `ม.3`, `3`, `Moo 3` or a number. An empty cell reads as null. */
export function readMooNo(cell: SheetCell): Read<number | null> {
  if (typeof cell === 'number')
    return Number.isInteger(cell) && cell >= 1 && cell <= 99
      ? readOk(cell)
      : readFail('moo_unreadable');
  const text = cellText(cell);
  if (text === '') return readOk(null);
  const m = MOO.exec(text);
  const moo = m ? Number(m[1]) : 0;
  return moo >= 1 && moo <= 99 ? readOk(moo) : readFail('moo_unreadable');
}

/**
 * A choice written in words: the first entry whose word the cell's text contains (entries
 * listed most specific first), after lower-casing and dropping spaces and dots.
 */
export function readChoice<T>(
  cell: SheetCell,
  words: ReadonlyArray<readonly [string, T]>,
  failure: 'program_unknown' | 'sex_unknown' | 'relation_unknown',
): Read<T | null> {
  const text = cellText(cell).toLowerCase().replace(/[\s.]/g, '');
  if (text === '') return readOk(null);
  const exact = words.find(([word]) => word === text);
  if (exact) return readOk(exact[1]);
  const found = words.find(([word]) => word.length > 1 && text.includes(word));
  return found ? readOk(found[1]) : readFail(failure);
}

export const SEX_WORDS = [
  ['ชาย', 'M'],
  ['ช', 'M'],
  ['m', 'M'],
  ['male', 'M'],
  ['หญิง', 'F'],
  ['ญ', 'F'],
  ['f', 'F'],
  ['female', 'F'],
] as const;

export const RELATION_WORDS = [
  ['หัวหน้า', 'head'],
  ['head', 'head'],
  ['คู่สมรส', 'spouse'],
  ['ภรรยา', 'spouse'],
  ['ภริยา', 'spouse'],
  ['สามี', 'spouse'],
  ['spouse', 'spouse'],
  ['หลาน', 'grandchild'],
  ['grandchild', 'grandchild'],
  ['บุตร', 'child'],
  ['ลูก', 'child'],
  ['child', 'child'],
  ['บิดา', 'parent'],
  ['มารดา', 'parent'],
  ['พ่อ', 'parent'],
  ['แม่', 'parent'],
  ['parent', 'parent'],
  ['พี่', 'sibling'],
  ['น้อง', 'sibling'],
  ['sibling', 'sibling'],
  ['ญาติ', 'relative'],
  ['relative', 'relative'],
  ['อื่น', 'other'],
  ['other', 'other'],
] as const;

export const ALLOWANCE_PROGRAM_WORDS = [
  ['พิการ', 'disability-allowance'],
  ['disab', 'disability-allowance'],
  ['สูงอายุ', 'elderly-allowance'],
  ['ชรา', 'elderly-allowance'],
  ['elder', 'elderly-allowance'],
] as const;
