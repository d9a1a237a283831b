import type { IntervalTree, ObservabilitySet } from 'dexie';
import type { TambonDatabase } from '../../db/database';
import { getHousehold, getPerson, type HouseholdView } from '../../records/people';
import { loadPeopleAndHouseholds, personEntry } from './loadPeopleEntries';
import type { PersonSearchEntry } from './types';

/** More changed records than this are read again in full rather than one by one. */
const MAX_SINGLE_READS = 200;

/** Which records a write touched: their ids, `'all'` for a range (a pulled page), or none. */
export type ChangedRecords = Set<string> | 'all';

/**
 * The record ids a Dexie write (this tab or another) touched in `records` or `pending`, from
 * its `storagemutated` parts; null when it touched neither.
 */
export function changedRecords(
  databaseName: string,
  parts: ObservabilitySet,
): ChangedRecords | null {
  let changed: ChangedRecords | null = null;
  for (const table of ['records', 'pending']) {
    const tree = parts[`idb://${databaseName}/${table}/`];
    if (!tree) continue;
    const keys = singleKeys(tree);
    if (keys === 'all') return 'all';
    changed ??= new Set();
    for (const key of keys) changed.add(key);
  }
  return changed;
}

/** The keys of a Dexie range set, or 'all' when it holds a range (Dexie's big bulk writes). */
function singleKeys(tree: IntervalTree): string[] | 'all' {
  const keys: string[] = [];
  const stack: IntervalTree[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as IntervalTree;
    if (!('from' in node)) continue; // an empty set
    if (node.from !== node.to || typeof node.from !== 'string') return 'all';
    keys.push(node.from);
    if (node.l) stack.push(node.l);
    if (node.r) stack.push(node.r);
  }
  return keys.length > MAX_SINGLE_READS ? 'all' : keys;
}

/**
 * The people of some villages in memory, kept equal to the device's data: loaded once, then
 * only the records a save or a small pull changed are read again.
 */
export class PeopleEntries {
  private people = new Map<string, PersonSearchEntry>();
  private households = new Map<string, HouseholdView>();
  private loadedOn = '';
  private readonly villages: ReadonlySet<string>;

  constructor(
    private readonly database: TambonDatabase,
    private readonly villageIds: readonly string[],
  ) {
    this.villages = new Set(villageIds);
  }

  list(): PersonSearchEntry[] {
    return [...this.people.values()];
  }

  /** Applies changes; a new day derives every profile again (ages, allowances). */
  async update(changed: ChangedRecords, today: string): Promise<void> {
    if (changed === 'all' || today !== this.loadedOn) await this.loadAll(today);
    else for (const id of changed) await this.reread(id, today);
  }

  private async loadAll(today: string): Promise<void> {
    const { people, households } = await loadPeopleAndHouseholds(this.database, this.villageIds);
    this.households = households;
    this.people = new Map(
      people.map((person) => [person.id, personEntry(person, households, today)]),
    );
    this.loadedOn = today;
  }

  private async reread(id: string, today: string): Promise<void> {
    const person = await getPerson(this.database, id);
    if (person) {
      if (person.deleted || !this.villages.has(person.villageId)) this.people.delete(id);
      else this.people.set(id, personEntry(person, this.households, today));
      return;
    }
    this.people.delete(id);
    const household = await getHousehold(this.database, id);
    if (household && !household.deleted && this.villages.has(household.villageId)) {
      this.households.set(id, household);
    } else {
      this.households.delete(id);
    }
    // Members show their household's new answers (house number, missing GPS…).
    for (const entry of this.people.values()) {
      if (entry.person.fields.householdId === id) {
        this.people.set(entry.person.id, personEntry(entry.person, this.households, today));
      }
    }
  }
}
