// The demo tambon's welfare work (`--demo`): cases across villages and categories, their status
// changes, visits, assistance and the allowance enrollments of about half of the people who
// get an allowance. Generated from a fixed seed over the demo people already stored, and
// written through the sync engine like the households (demoHouseholds.ts), as its own device so
// a database loaded before welfare existed gets it at the next start.

import { uuidv7 } from '../../shared/ids';
import type {
  CaseCategory,
  CaseStatus,
  ProgramCode,
  WelfareCaseFields,
} from '../../shared/model/welfare';
import {
  disabilityMonthlyAmount,
  elderlyMonthlyAmount,
  isElderlyForFiscalYear,
} from '../../shared/rules/allowance';
import { reversalAmountTHB } from '../../shared/rules/ledger';
import { bangkokDate, fiscalQuarter } from '../../shared/rules/thaiDate';
import { formatHlc } from '../../shared/sync/hlc';
import type { Mutation, RecordType, SyncRecord } from '../../shared/sync/protocol';
import { CURRENT_SCHEMA_VERSION } from '../../shared/sync/upgrade';
import type { Store } from '../store';
import { applyUnits } from '../sync/apply';
import { type Incoming, prepareIncoming } from '../sync/intake';
import { seededRandom } from './random';

export const DEMO_WELFARE_CLIENT_ID = 'demo-welfare-loader';
export const DEMO_CASES = 40;
const DEMO_WELFARE_SEED = 4518042;
const DAY_MS = 86_400_000;
/** Cases were received over the last two months. */
const CASE_DAYS = 60;

export interface DemoWelfareInput {
  villages: ReadonlyArray<{ id: string; mooNo: number }>;
  /** Whose authority writes the records (every status move is a supervisor's). */
  supervisor: { id: string; role: 'supervisor' };
  /** The welfare officer who runs the cases and makes the visits. */
  officerId: string;
  at: string;
}

interface DemoPerson {
  id: string;
  villageId: string;
  householdId: string;
  birthDate: string | undefined;
  elderly: boolean;
  bedridden: boolean;
  disabled: boolean;
  receivesElderlyAllowance: boolean;
  receivesDisabilityAllowance: boolean;
}

interface Change {
  op: 'create' | 'patch';
  type: RecordType;
  id: string;
  villageId: string;
  patch: Record<string, unknown>;
}

/** Adds the demo welfare records unless they are there already. Returns the cases added. */
export async function loadDemoWelfare(store: Store, input: DemoWelfareInput): Promise<number> {
  if ((await store.getClientCounter(DEMO_WELFARE_CLIENT_ID)) > 0) return 0;
  const today = bangkokDate(input.at);
  const { people, gpsByVillage } = await readDemoTambon(store, input.villages, today);
  if (people.length === 0) return 0;
  const random = seededRandom(DEMO_WELFARE_SEED);
  const plan = new WelfarePlan(random, input, today, people, gpsByVillage);
  const cases = plan.cases(DEMO_CASES);
  const enrollments = plan.enrollments();
  const { units, n } = toIncoming([...cases, ...enrollments], input.at);
  const actor = {
    userId: input.supervisor.id,
    role: input.supervisor.role,
    villageIds: new Set(input.villages.map((village) => village.id)),
  };
  return store.transaction(async (tx) => {
    await tx.lockClientCounter(DEMO_WELFARE_CLIENT_ID, input.supervisor.id, input.at);
    const outcome = await applyUnits(tx, actor, units, { at: input.at });
    if (outcome.counts.quarantined > 0 || outcome.counts.conflicts > 0) {
      throw new Error(`demo welfare: ${JSON.stringify(outcome.counts)}`);
    }
    await tx.setClientCounter(DEMO_WELFARE_CLIENT_ID, input.supervisor.id, n, input.at);
    return cases.length;
  });
}

/** The stored people (in bucket order, so the same load gives the same picks) and house GPS. */
async function readDemoTambon(
  store: Store,
  villages: DemoWelfareInput['villages'],
  today: string,
): Promise<{ people: DemoPerson[]; gpsByVillage: Map<string, { lat: number; lng: number }[]> }> {
  const people: DemoPerson[] = [];
  const gpsByVillage = new Map<string, { lat: number; lng: number }[]>();
  const { fiscalYearBE } = fiscalQuarter(`${today}T12:00:00+07:00`);
  const ordered = [...villages].sort((a, b) => a.mooNo - b.mooNo);
  for (const village of ordered) {
    const records = await store.recordsSince(village.id, 0, 100_000);
    const gps = records.flatMap((r) => (r.type === 'household' ? householdGps(r) : []));
    gpsByVillage.set(village.id, gps);
    for (const record of records) {
      if (record.type === 'person' && !record.deleted)
        people.push(demoPerson(record, fiscalYearBE));
    }
  }
  return { people, gpsByVillage };
}

function householdGps(record: SyncRecord): { lat: number; lng: number }[] {
  const gps = record.fields.gps as { lat?: unknown; lng?: unknown } | undefined;
  return typeof gps?.lat === 'number' && typeof gps.lng === 'number'
    ? [{ lat: gps.lat, lng: gps.lng }]
    : [];
}

function demoPerson(record: SyncRecord, fiscalYearBE: number): DemoPerson {
  const f = record.fields;
  const birthDate = typeof f.birthDate === 'string' ? f.birthDate : undefined;
  return {
    id: record.id,
    villageId: record.villageId,
    householdId: String(f.householdId),
    birthDate,
    elderly: birthDate !== undefined && isElderlyForFiscalYear(birthDate, fiscalYearBE),
    bedridden: f.bedridden === true,
    disabled: f.disabilityCard === true,
    receivesElderlyAllowance: f.receivesElderlyAllowance === true,
    receivesDisabilityAllowance: f.receivesDisabilityAllowance === true,
  };
}

/** Every change as a demo device's mutation; each case (or enrollment) is one transaction. */
function toIncoming(groups: Change[][], at: string): { units: Incoming[][]; n: number } {
  // After the households' HLCs, and a day before loading: any device edit wins a conflict.
  const hlcMs = Date.parse(at) - DAY_MS + 1;
  let n = 0;
  const units = groups.map((changes) => {
    const txId = uuidv7();
    return changes.map((change) => {
      n += 1;
      const mutation: Mutation = {
        mutationId: `${DEMO_WELFARE_CLIENT_ID}:${n}`,
        clientId: DEMO_WELFARE_CLIENT_ID,
        txId,
        schemaVersion: CURRENT_SCHEMA_VERSION,
        hlc: formatHlc({ millis: hlcMs, counter: n, clientId: DEMO_WELFARE_CLIENT_ID }),
        op: change.op,
        type: change.type,
        id: change.id,
        villageId: change.villageId,
        patch: change.patch,
        base: {},
      };
      return prepareIncoming(mutation, Date.parse(at));
    });
  });
  return { units, n };
}

const JOURNEYS: ReadonlyArray<{ steps: CaseStatus[]; weight: number }> = [
  { steps: ['received'], weight: 4 },
  { steps: ['received', 'assessed'], weight: 6 },
  { steps: ['received', 'assessed', 'approved'], weight: 4 },
  { steps: ['received', 'assessed', 'approved', 'in-progress'], weight: 8 },
  { steps: ['received', 'assessed', 'approved', 'in-progress', 'done'], weight: 10 },
  { steps: ['received', 'rejected'], weight: 2 },
  { steps: ['received', 'assessed', 'rejected'], weight: 2 },
];

/** Person cases in this rotation; every third case is about a place instead. */
const PERSON_CATEGORIES: readonly CaseCategory[] = [
  'elderly-care',
  'health-care',
  'disability-care',
  'housing-repair',
  'elderly-care',
  'disaster-relief',
  'health-care',
];
const PLACE_CATEGORIES: readonly CaseCategory[] = ['road', 'water', 'waste', 'electricity'];

const DESCRIPTIONS: Record<CaseCategory, string> = {
  'elderly-care': 'ผู้สูงอายุอยู่ลำพัง ขอรับการดูแลและผ้าอ้อมผู้ใหญ่',
  'disability-care': 'ผู้พิการขอรถเข็นและปรับปรุงทางลาดในบ้าน',
  'health-care': 'ผู้ป่วยเรื้อรัง ขอรถรับส่งไปโรงพยาบาลตามนัด',
  'housing-repair': 'หลังคาบ้านรั่ว ผนังผุ ขอซ่อมแซมที่อยู่อาศัย',
  'disaster-relief': 'บ้านได้รับความเสียหายจากพายุฤดูร้อน',
  'human-disease-outbreak': 'พบผู้ป่วยไข้เลือดออกในหมู่บ้าน',
  'animal-disease-outbreak': 'โคป่วยหลายตัว สงสัยโรคลัมปี สกิน',
  road: 'ถนนลูกรังเป็นหลุมลึก รถจักรยานยนต์ล้มบ่อย',
  water: 'ท่อประปาหมู่บ้านแตก น้ำไม่ไหลหลายหลังคาเรือน',
  waste: 'มีการทิ้งขยะริมทางเข้าหมู่บ้าน ส่งกลิ่นเหม็น',
  electricity: 'ไฟส่องสว่างทางสาธารณะดับหลายจุด',
  other: 'ขอคำปรึกษาเรื่องสิทธิสวัสดิการ',
};

/** Which programme pays for assistance on a case of each category. */
const PROGRAM_OF: Partial<Record<CaseCategory, ProgramCode>> = {
  'elderly-care': 'ltc-care',
  'disability-care': 'other',
  'health-care': 'other',
  'housing-repair': 'housing-repair',
  'disaster-relief': 'disaster-relief',
};

/** Next visits overdue, due today, next week, in two weeks (days from the demo start date). */
const FOLLOW_UP_OFFSETS = [-3, 0, 7, 14] as const;

class WelfarePlan {
  private readonly used = new Set<string>();
  private followUps = 0;
  private reversalMade = false;

  constructor(
    private readonly random: () => number,
    private readonly input: DemoWelfareInput,
    private readonly today: string,
    private readonly people: readonly DemoPerson[],
    private readonly gpsByVillage: Map<string, { lat: number; lng: number }[]>,
  ) {}

  cases(count: number): Change[][] {
    const villages = [...this.input.villages].sort((a, b) => a.mooNo - b.mooNo);
    const groups: Change[][] = [];
    for (let i = 0; i < count; i++) {
      const placeCase = i % 3 === 2;
      const category = placeCase
        ? (PLACE_CATEGORIES[Math.floor(i / 3) % PLACE_CATEGORIES.length] as CaseCategory)
        : (PERSON_CATEGORIES[i % PERSON_CATEGORIES.length] as CaseCategory);
      const village = villages[i % villages.length] as { id: string };
      const person = placeCase ? undefined : this.beneficiary(category);
      groups.push(this.caseChanges(category, person?.villageId ?? village.id, person));
    }
    return groups;
  }

  /** About half of the people who get an allowance (or, as the survey rarely says, may). */
  enrollments(): Change[][] {
    const groups: Change[][] = [];
    for (const person of this.people) {
      if (!person.birthDate) continue;
      if (person.receivesElderlyAllowance || person.elderly) {
        const amount = elderlyMonthlyAmount(person.birthDate, this.today);
        if (this.chance(0.5)) groups.push([this.enrollment(person, 'elderly-allowance', amount)]);
      }
      if (person.receivesDisabilityAllowance || person.disabled) {
        const amount = disabilityMonthlyAmount(person.birthDate, this.today);
        if (this.chance(0.5))
          groups.push([this.enrollment(person, 'disability-allowance', amount)]);
      }
    }
    return groups;
  }

  private enrollment(person: DemoPerson, programCode: ProgramCode, amount: number): Change {
    const since = `${this.day(-this.int(60, 2400)).slice(0, 8)}01`;
    return {
      op: 'create',
      type: 'programEnrollment',
      id: uuidv7(),
      villageId: person.villageId,
      patch: {
        personId: person.id,
        programCode,
        since,
        status: 'active',
        ...(amount > 0 ? { monthlyAmountTHB: amount } : {}),
      },
    };
  }

  /** Someone the category fits, not yet a beneficiary; bedridden elders first for elderly care. */
  private beneficiary(category: CaseCategory): DemoPerson | undefined {
    const fits = (p: DemoPerson) => {
      if (category === 'elderly-care') return p.elderly;
      if (category === 'disability-care') return p.disabled;
      if (category === 'health-care') return p.elderly;
      return true;
    };
    const unused = this.people.filter((p) => !this.used.has(p.id));
    const bedridden = unused.filter((p) => p.elderly && p.bedridden);
    const candidates =
      category === 'elderly-care' && bedridden.length > 0 ? bedridden : unused.filter(fits);
    const pool = candidates.length > 0 ? candidates : unused;
    const person = pool[Math.floor(this.random() * pool.length)];
    if (person) this.used.add(person.id);
    return person;
  }

  private caseChanges(
    category: CaseCategory,
    villageId: string,
    person: DemoPerson | undefined,
  ): Change[] {
    const caseId = uuidv7();
    const { steps } = this.journey();
    let offset = -this.int(12, CASE_DAYS);
    const receivedAt = this.instant(offset);
    const fields: WelfareCaseFields = {
      category,
      ...(person ? { personId: person.id, householdId: person.householdId } : {}),
      ...(person ? {} : this.place(villageId)),
      channel: person ? this.pick(['walk-in', 'field-visit', 'phone'] as const) : 'line',
      description: DESCRIPTIONS[category],
      priority: person?.bedridden ? 'urgent' : this.pick(['low', 'normal', 'normal'] as const),
      status: 'received',
      receivedAt,
      assignedTo: this.input.officerId,
    };
    const ref = { caseId, villageId, personId: person?.id };
    const changes: Change[] = [
      { op: 'create', type: 'case', id: caseId, villageId, patch: fields },
      this.statusChange(ref, undefined, 'received', receivedAt),
    ];
    for (let i = 1; i < steps.length; i++) {
      offset = Math.min(0, offset + this.int(1, 4));
      const from = steps[i - 1] as CaseStatus;
      const to = steps[i] as CaseStatus;
      changes.push(...this.move(ref, from, to, this.instant(offset)));
      if (to === 'assessed') changes.push(this.visit(ref, this.day(offset), 'ประเมินสภาพปัญหา'));
      if (to === 'in-progress' && person) {
        changes.push(...this.assistance(ref, category, person, this.day(offset)));
      }
    }
    const last = steps.at(-1) as CaseStatus;
    if (last !== 'received' && last !== 'done' && last !== 'rejected') {
      changes.push(...this.followUp(ref, this.day(Math.min(0, offset + 1))));
    }
    return changes;
  }

  private move(ref: CaseRef, from: CaseStatus, to: CaseStatus, at: string): Change[] {
    const closing = to === 'done' || to === 'rejected';
    const reason = to === 'rejected' ? 'ไม่เข้าหลักเกณฑ์ตามระเบียบ' : undefined;
    return [
      {
        op: 'patch',
        type: 'case',
        id: ref.caseId,
        villageId: ref.villageId,
        patch: {
          status: to,
          ...(closing ? { closedAt: at } : {}),
          ...(reason ? { statusReason: reason } : {}),
        },
      },
      this.statusChange(ref, from, to, at, reason),
    ];
  }

  private statusChange(
    ref: CaseRef,
    from: CaseStatus | undefined,
    to: CaseStatus,
    at: string,
    reason?: string,
  ): Change {
    return {
      op: 'create',
      type: 'caseStatusChange',
      id: uuidv7(),
      villageId: ref.villageId,
      patch: {
        caseId: ref.caseId,
        ...(from ? { fromStatus: from } : {}),
        toStatus: to,
        at,
        ...(reason ? { reason } : {}),
      },
    };
  }

  private visit(ref: CaseRef, visitedOn: string, notes: string, nextVisitOn?: string): Change {
    return {
      op: 'create',
      type: 'visit',
      id: uuidv7(),
      villageId: ref.villageId,
      patch: {
        caseId: ref.caseId,
        ...(ref.personId ? { personId: ref.personId } : {}),
        visitedOn,
        officerId: this.input.officerId,
        notes,
        ...(nextVisitOn ? { nextVisitOn } : {}),
      },
    };
  }

  /** A follow-up visit whose next visit is overdue, due today or ahead; the case's due date. */
  private followUp(ref: CaseRef, visitedOn: string): Change[] {
    const next = FOLLOW_UP_OFFSETS[this.followUps++ % FOLLOW_UP_OFFSETS.length] as number;
    const nextVisitOn = this.day(next);
    const visitDay = visitedOn < nextVisitOn ? visitedOn : this.day(next - 7);
    return [
      this.visit(ref, visitDay, 'ติดตามอาการและความคืบหน้า', nextVisitOn),
      {
        op: 'patch',
        type: 'case',
        id: ref.caseId,
        villageId: ref.villageId,
        patch: { dueDate: nextVisitOn },
      },
    ];
  }

  /** One entry of a few thousand baht; the first is entered wrong, reversed and entered again. */
  private assistance(
    ref: CaseRef,
    category: CaseCategory,
    person: DemoPerson,
    deliveredAt: string,
  ): Change[] {
    const programCode = PROGRAM_OF[category];
    if (!programCode) return [];
    const entry = (amountTHB: number, extra: Record<string, unknown> = {}): Change => ({
      op: 'create',
      type: 'assistance',
      id: uuidv7(),
      villageId: ref.villageId,
      patch: {
        caseId: ref.caseId,
        personId: person.id,
        householdId: person.householdId,
        programCode,
        amountTHB,
        ...(category === 'housing-repair' ? { inKind: 'สังกะสี 12 แผ่น ตะปู 2 กก.' } : {}),
        legalBasis: 'ระเบียบกระทรวงมหาดไทยว่าด้วยการช่วยเหลือประชาชน',
        approvedBy: 'นายก อบต.',
        deliveredAt,
        category,
        ...extra,
      },
    });
    const amount = this.int(10, 50) * 100;
    if (this.reversalMade) return [entry(amount)];
    this.reversalMade = true;
    const mistaken = entry(amount * 10, { note: 'บันทึกจำนวนเงินผิด' });
    const reversal = entry(reversalAmountTHB({ id: mistaken.id, amountTHB: amount * 10 }), {
      reversesId: mistaken.id,
      note: 'กลับรายการที่บันทึกผิด',
    });
    return [mistaken, reversal, entry(amount)];
  }

  private journey(): (typeof JOURNEYS)[number] {
    const total = JOURNEYS.reduce((sum, j) => sum + j.weight, 0);
    let roll = this.random() * total;
    for (const journey of JOURNEYS) {
      roll -= journey.weight;
      if (roll < 0) return journey;
    }
    return JOURNEYS[0] as (typeof JOURNEYS)[number];
  }

  /** A spot near one of the village's houses, with a phone-grade accuracy. */
  private place(villageId: string): Pick<WelfareCaseFields, 'location' | 'locationNote'> {
    const houses = this.gpsByVillage.get(villageId) ?? [];
    const house = houses[Math.floor(this.random() * houses.length)];
    if (!house) return { locationNote: 'ทางเข้าหมู่บ้าน' };
    const jitter = () => Math.round((this.random() - 0.5) * 0.004 * 1e6) / 1e6;
    return {
      location: {
        lat: house.lat + jitter(),
        lng: house.lng + jitter(),
        accuracyM: this.int(4, 15),
      },
      locationNote: 'ใกล้ศาลาประชาคม',
    };
  }

  /** The Bangkok calendar day `offset` days from the demo start date. */
  private day(offset: number): string {
    const [y, m, d] = this.today.split('-').map(Number) as [number, number, number];
    return new Date(Date.UTC(y, m - 1, d + offset)).toISOString().slice(0, 10);
  }

  /** Office hours of that day, Bangkok time, never after the demo start. */
  private instant(offset: number): string {
    const hour = String(this.int(8, 15)).padStart(2, '0');
    const at = Date.parse(`${this.day(offset)}T${hour}:${this.int(10, 59)}:00+07:00`);
    return new Date(Math.min(at, Date.parse(this.input.at))).toISOString();
  }

  private int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }
}

interface CaseRef {
  caseId: string;
  villageId: string;
  personId: string | undefined;
}
