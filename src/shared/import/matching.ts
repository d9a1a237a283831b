import type { PersonFields } from '../model/person';

/** A record the tambon already has, as a device or the server keeps it. */
export interface ExistingRecord<F> {
  id: string;
  villageId: string;
  fields: Partial<F>;
}

/** A name compared without title, spaces, dots and case. */
export function nameKey(firstName: string, lastName: string): string {
  return `${firstName} ${lastName}`.toLowerCase().replace(/[\s.]/g, '');
}

/** Edits (insert, delete, change a letter) between two short texts, stopping past `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * Names one or two letters apart are likely the same person typed twice (a tone mark left
 * out, `ศรี`/`ศี`); short names must be equal.
 */
export function similarNames(a: string, b: string): boolean {
  if (a === b) return true;
  const limit = Math.min(a.length, b.length) >= 8 ? 2 : Math.min(a.length, b.length) >= 5 ? 1 : 0;
  return limit > 0 && editDistance(a, b, limit) <= limit;
}

/** The tambon's people, looked up by national ID and by village and birth date. */
export class PeopleIndex {
  private readonly byNationalId = new Map<string, ExistingRecord<PersonFields>>();
  private readonly byVillageBirth = new Map<string, ExistingRecord<PersonFields>[]>();
  /** By village and birth year: a row that gives the year (or month) only is matched by it. */
  private readonly byVillageYear = new Map<string, ExistingRecord<PersonFields>[]>();
  private readonly byHousehold = new Map<string, ExistingRecord<PersonFields>[]>();

  constructor(people: readonly ExistingRecord<PersonFields>[]) {
    for (const person of people) {
      const { nationalId, birthDate } = person.fields;
      if (nationalId) this.byNationalId.set(nationalId, person);
      if (birthDate) {
        push(this.byVillageBirth, `${person.villageId}|${birthDate}`, person);
        push(this.byVillageYear, `${person.villageId}|${birthDate.slice(0, 4)}`, person);
      }
      if (person.fields.householdId) push(this.byHousehold, person.fields.householdId, person);
    }
  }

  /**
   * Members of the household the row names with a similar name: for a row with neither a
   * national ID nor a birth date (or none born that day), which could otherwise only be new.
   */
  inHousehold(
    householdId: string,
    firstName: string,
    lastName: string,
  ): ExistingRecord<PersonFields>[] {
    const key = nameKey(firstName, lastName);
    return (this.byHousehold.get(householdId) ?? []).filter((person) =>
      similarNames(key, nameKey(person.fields.firstName ?? '', person.fields.lastName ?? '')),
    );
  }

  withNationalId(nationalId: string): ExistingRecord<PersonFields> | undefined {
    return this.byNationalId.get(nationalId);
  }

  /**
   * People of the village born that day with a similar name: the row may be one of them. A row
   * that knows only the year (or month) of birth is compared at that precision.
   */
  likelyMatches(
    villageId: string,
    birthDate: string,
    firstName: string,
    lastName: string,
    precision: 'day' | 'month' | 'year' = 'day',
  ): ExistingRecord<PersonFields>[] {
    const key = nameKey(firstName, lastName);
    const born =
      precision === 'day'
        ? (this.byVillageBirth.get(`${villageId}|${birthDate}`) ?? [])
        : (this.byVillageYear.get(`${villageId}|${birthDate.slice(0, 4)}`) ?? []).filter(
            (person) =>
              precision === 'year' ||
              person.fields.birthDate?.slice(0, 7) === birthDate.slice(0, 7),
          );
    return born.filter((person) =>
      similarNames(key, nameKey(person.fields.firstName ?? '', person.fields.lastName ?? '')),
    );
  }
}

function push<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

/** A house number compared without spaces and case: `12/3` = `12 / 3`. */
export function houseNoKey(villageId: string, houseNo: string): string {
  return `${villageId}|${houseNo.toLowerCase().replace(/\s/g, '')}`;
}
