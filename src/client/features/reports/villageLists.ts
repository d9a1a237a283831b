import { templateHeaders } from '../../../shared/import';
import type { HouseholdFields } from '../../../shared/model/household';
import type { Village } from '../../../shared/model/organization';
import type { PersonFields } from '../../../shared/model/person';
import { isValidNationalId } from '../../../shared/rules/nationalId';
import { BE_OFFSET } from '../../../shared/rules/thaiDate';
import { THAI_TITLE_WORDS } from '../../../shared/rules/thaiTitles';
import { houseNoCollator } from '../../records/householdRows';
import type { ReportRecord } from './officeLists';
import type { ReportCell, ReportTable } from './xlsx';

/**
 * The households and the people of a village as the import's templates lay them out (same Thai
 * headers, same words): the office edits the file and imports it back, and a file exported and
 * imported unchanged changes nothing.
 */

type Relation = NonNullable<PersonFields['relationToHead']>;

/** The word of each relation that the import reads back as that relation. */
const RELATION_WORDS: Record<Relation, string> = {
  head: 'หัวหน้าครัวเรือน',
  spouse: 'คู่สมรส',
  child: 'บุตร',
  grandchild: 'หลาน',
  parent: 'บิดามารดา',
  sibling: 'พี่น้อง',
  relative: 'ญาติ',
  other: 'อื่น ๆ',
};

/** A birth date as precise as it is known: a date cell, `m/yyyy` or the year, in พ.ศ. */
function birthCell(fields: Partial<PersonFields>): ReportCell {
  const day = fields.birthDate;
  const match = day ? /^(\d{4})-(\d{2})/.exec(day) : null;
  if (!match) return null;
  const yearBE = Number(match[1]) + BE_OFFSET;
  if (fields.birthDatePrecision === 'year') return String(yearBE);
  if (fields.birthDatePrecision === 'month') return `${Number(match[2])}/${yearBE}`;
  return { date: day };
}

function titleWord(prefix: PersonFields['titlePrefix']): string {
  return prefix && prefix !== 'other' ? THAI_TITLE_WORDS[prefix] : '';
}

const sexWord = (sex: PersonFields['sex']) => (sex === 'M' ? 'ชาย' : sex === 'F' ? 'หญิง' : '');

const byHouse = (a: ReportRecord<HouseholdFields>, b: ReportRecord<HouseholdFields>) =>
  houseNoCollator.compare(a.fields.houseNo ?? '', b.fields.houseNo ?? '');

/** Every person of the village with their household's address (the people template). */
export function villagePeopleTable(
  village: Village,
  households: readonly ReportRecord<HouseholdFields>[],
  people: readonly ReportRecord<PersonFields>[],
  title: readonly string[],
): ReportTable {
  const rows: ReportCell[][] = [];
  const members = new Map<string, ReportRecord<PersonFields>[]>();
  for (const person of people) {
    if (person.villageId !== village.id || !person.fields.householdId) continue;
    const list = members.get(person.fields.householdId) ?? [];
    list.push(person);
    members.set(person.fields.householdId, list);
  }
  for (const household of households.filter((h) => h.villageId === village.id).sort(byHouse)) {
    const h = household.fields;
    for (const { fields: p } of members.get(household.id) ?? []) {
      rows.push([
        h.houseNo,
        village.mooNo,
        h.houseCode,
        titleWord(p.titlePrefix),
        p.firstName,
        p.lastName,
        // A role that sees national IDs masked (supervisors) gets none rather than a wrong one.
        p.nationalId && isValidNationalId(p.nationalId) ? p.nationalId : '',
        birthCell(p),
        sexWord(p.sex),
        p.relationToHead ? RELATION_WORDS[p.relationToHead] : '',
        h.soi,
        h.road,
        h.postalCode,
      ]);
    }
  }
  return { title, header: templateHeaders('people'), rows };
}

/** The village's households (the households template). */
export function villageHouseholdsTable(
  village: Village,
  households: readonly ReportRecord<HouseholdFields>[],
  title: readonly string[],
): ReportTable {
  const rows = households
    .filter((h) => h.villageId === village.id)
    .sort(byHouse)
    .map(({ fields: h }): ReportCell[] => [
      h.houseNo,
      village.mooNo,
      h.houseCode,
      h.soi,
      h.road,
      h.postalCode,
    ]);
  return { title, header: templateHeaders('households'), rows };
}
