import type { PersonSearchEntry } from '../../../../src/client/features/search/types';
import type { HouseholdView, PersonView } from '../../../../src/client/records/people';
import type { HouseholdFields } from '../../../../src/shared/model/household';
import type { PersonFields } from '../../../../src/shared/model/person';
import { ADL_ITEM_MAX } from '../../../../src/shared/rules/adl';
import { nationalIdCheckDigit } from '../../../../src/shared/rules/nationalId';
import { personProfile } from '../../../../src/shared/rules/personProfile';

export const TODAY = '2026-06-01';
export const VILLAGE_1 = '01930000-0000-7000-8000-0000000000a1';
export const VILLAGE_2 = '01930000-0000-7000-8000-0000000000a2';
export const SURVEYOR = '01930000-0000-7000-8000-0000000000b1';

/** A valid national ID from its first 12 digits. */
export const nationalId = (first12: string) => `${first12}${nationalIdCheckDigit(first12)}`;

export const ADL_BEDBOUND = {
  feeding: 0,
  grooming: 0,
  transfer: 1,
  toilet: 0,
  mobility: 1,
  dressing: 0,
  stairs: 0,
  bathing: 0,
  bowels: 1,
  bladder: 0,
};
export const ADL_HOMEBOUND = { ...ADL_BEDBOUND, feeding: 2, toilet: 2, bowels: 2, bladder: 2 };
/** Full marks on every item: score 20. */
export const ADL_SOCIAL = { ...ADL_ITEM_MAX };

export function household(id: string, villageId: string, fields: Partial<HouseholdFields>) {
  const view: HouseholdView = {
    id,
    villageId,
    fields: {
      mooNo: 1,
      surveyDate: '2026-05-01',
      surveyorId: SURVEYOR,
      privacyNoticeGiven: true,
      ...fields,
    },
    deleted: false,
    unsyncedFields: [],
  };
  return view;
}

export function entry(
  id: string,
  home: HouseholdView,
  fields: Partial<PersonFields>,
): PersonSearchEntry {
  const person: PersonView = {
    id,
    villageId: home.villageId,
    fields: { householdId: home.id, ...fields },
    deleted: false,
    unsyncedFields: [],
  };
  return { person, household: home, profile: personProfile(person.fields, TODAY) };
}

/** A complete household of หมู่ 1 at 12/3, and one of หมู่ 2 at 45 without its GPS fix. */
export const HOME_A = household('hA', VILLAGE_1, {
  houseNo: '12/3',
  houseCode: '45180000123',
  gps: { lat: 15.9, lng: 103.7 },
});
export const HOME_B = household('hB', VILLAGE_2, { houseNo: '45', houseCode: '45180000045' });

export const SHARED_ID = nationalId('345180000017');

export const PEOPLE = {
  somchai: entry('p1', HOME_A, {
    firstName: 'สมชาย',
    lastName: 'ใจดี',
    nationalId: '1234567890121',
    sex: 'M',
    birthDate: '1980-02-10',
    relationToHead: 'head',
  }),
  boonmee: entry('p2', HOME_A, {
    titlePrefix: 'mrs',
    firstName: 'บุญมี',
    lastName: 'ใจดี',
    nationalId: '1101700203140',
    sex: 'F',
    birthDate: '1944-03-02',
    relationToHead: 'parent',
    adl: ADL_BEDBOUND,
  }),
  manee: entry('p6', HOME_A, {
    firstName: 'มานี',
    lastName: 'ใจดี',
    sex: 'F',
    birthDate: '2010-08-01',
    relationToHead: 'child',
  }),
  somsri: entry('p3', HOME_B, {
    firstName: 'สมศรี',
    lastName: 'มีสุข',
    nationalId: '3450101234563',
    sex: 'F',
    birthDate: '1990-01-15',
    relationToHead: 'head',
    disabilityCard: true,
    receivesDisabilityAllowance: true,
    adl: ADL_SOCIAL,
  }),
  kaewta: entry('p5', HOME_B, {
    firstName: 'แก้วตา',
    lastName: 'ศรีสุข',
    nationalId: SHARED_ID,
    sex: 'F',
    birthDate: '1970-05-05',
    relationToHead: 'sibling',
    adl: ADL_HOMEBOUND,
  }),
  wichai: entry('p4', HOME_B, {
    firstName: 'วิชัย',
    lastName: 'มีสุข',
    nationalId: SHARED_ID,
    sex: 'M',
    birthDate: '1988-01-01',
    relationToHead: 'spouse',
    memberStatus: 'deceased',
  }),
};

export const ALL = Object.values(PEOPLE);
