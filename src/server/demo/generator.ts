// A generated tambon: households and their members with realistic Thai names, valid national
// IDs, birth dates, addresses and survey answers, from a seeded PRNG (the same options give the
// same records, ids included). Pure TypeScript (no Node, no DOM): the demo loader uses it, and
// so do the benchmarks (tests/bench), in Node and in the browser. docs/architecture.md §7:
// households ~450 bytes and people ~350 bytes of
// field JSON.
import type { z } from 'zod';
import {
  DRINKING_WATER,
  ELECTRICITY,
  HOUSE_CONDITIONS,
  type HouseholdFields,
  LAND_DOC_TYPES,
  TENURES,
  WASTE_DISPOSAL,
} from '../../shared/model/household';
import {
  EDUCATION_LEVELS,
  HEALTH_SCHEMES,
  OCCUPATIONS,
  type PersonFields,
  type RELATIONS_TO_HEAD,
} from '../../shared/model/person';
import { nationalIdCheckDigit } from '../../shared/rules/nationalId';
import { seededRandom, weighted } from './random';

export interface TambonVillage {
  id: string;
  mooNo: number;
}

export interface TambonOptions {
  /** PRNG seed: the same seed and options give the same tambon. */
  seed?: number;
  households: number;
  /** People in all; at least one per household. */
  people: number;
  /** The households are spread over these (unevenly, as real villages are). */
  villages: readonly TambonVillage[];
  /** `surveyorId` of every household. */
  surveyorId: string;
  /** 4-digit registry office / district code: national IDs and house codes start with it. */
  districtCode?: string;
  postalCode?: string;
  /** Centre of the tambon (WGS84); villages lie within ~6 km of it. */
  center?: { lat: number; lng: number };
  /** First day of the survey round (ISO date); surveys spread over the 10 weeks after it. */
  surveyStart?: string;
  /** Ids are UUIDv7 whose timestamps count up from here, one ms per record (unique). */
  idBaseMs?: number;
  /** Number of the first household in its house code (7 digits), so two sets don't share codes. */
  firstHouseNumber?: number;
}

export interface TambonHousehold {
  id: string;
  villageId: string;
  fields: HouseholdFields;
}

/** As a device sends it: `memberStatus` left out means active (the schema's default). */
export type TambonPersonFields = z.input<typeof PersonFields>;

export interface TambonPerson {
  id: string;
  villageId: string;
  fields: TambonPersonFields;
}

/** A household and its members: what a surveyor saves together (one transaction). */
export interface TambonHome {
  household: TambonHousehold;
  members: TambonPerson[];
}

const MALE_NAMES = [
  'สมชาย',
  'สมศักดิ์',
  'สมพงษ์',
  'บุญมี',
  'บุญเลิศ',
  'ประเสริฐ',
  'สุรชัย',
  'วิชัย',
  'ทองดี',
  'คำพันธ์',
  'สมบัติ',
  'ณรงค์',
  'ประยุทธ',
  'อนุชา',
  'ธนากร',
  'กิตติพงษ์',
  'ศักดิ์ชัย',
  'ชาญชัย',
  'สุริยา',
  'วีระ',
  'เกียรติศักดิ์',
  'พงศกร',
  'ธีรวัฒน์',
  'ภานุวัฒน์',
  'ณัฐวุฒิ',
  'จักรพันธ์',
  'อภิชาติ',
  'ไพโรจน์',
  'บุญส่ง',
  'คำปั่น',
  'ทองใบ',
  'สมหมาย',
  'มานพ',
  'สุวิทย์',
  'อุดม',
  'เสถียร',
  'ประสิทธิ์',
  'สมาน',
  'ยุทธนา',
  'ปิยะ',
] as const;

const FEMALE_NAMES = [
  'สมศรี',
  'สมหญิง',
  'บุญเรือน',
  'คำแพง',
  'ทองสุข',
  'มาลี',
  'สุนีย์',
  'อรุณี',
  'วันเพ็ญ',
  'จันทร์เพ็ญ',
  'พิมพ์ใจ',
  'นงลักษณ์',
  'สุภาพร',
  'กาญจนา',
  'ศิริพร',
  'รัตนา',
  'อำไพ',
  'บัวผัน',
  'คำปุน',
  'ประภาพร',
  'วิไลวรรณ',
  'ณัฐธิดา',
  'ปิยะนุช',
  'อัญชลี',
  'ชลธิชา',
  'กนกวรรณ',
  'สุดารัตน์',
  'พรทิพย์',
  'นิภาพร',
  'จิราพร',
  'ทองม้วน',
  'บุญมา',
  'ลำดวน',
  'สายทอง',
  'อุไรวรรณ',
  'ธิดารัตน์',
  'เพ็ญศรี',
  'ละเอียด',
  'บัวลา',
  'ดวงใจ',
] as const;

const LAST_NAMES = [
  'ศรีสุข',
  'แก้วมณี',
  'บุญมา',
  'พลเยี่ยม',
  'ศรีวงศ์',
  'คำภูเงิน',
  'ทองคำ',
  'สุขประเสริฐ',
  'ภูมิสะอาด',
  'นามวงศ์',
  'ศรีบุญเรือง',
  'พรมมา',
  'จันทร์หอม',
  'แสนสุข',
  'บุตรดี',
  'อินทร์แก้ว',
  'ชัยมงคล',
  'วงศ์ไชย',
  'พิมพ์ทอง',
  'ดวงจันทร์',
  'สีหาราช',
  'มูลมณี',
  'ทองดี',
  'ศรีสะอาด',
  'หอมจันทร์',
  'บุญประคม',
  'สิงห์คำ',
  'ไชยวงศ์',
  'คำแสน',
  'นาคสุข',
  'ศรีเมือง',
  'โพธิ์ศรี',
  'วิเศษศักดิ์',
  'แสงสว่าง',
  'พันธ์เพ็ง',
  'ประทุมมา',
  'กองแก้ว',
  'ผาลา',
  'ยอดคำ',
  'สุวรรณชาติ',
  'อุ่นเรือน',
  'ทองไสย์',
  'ภักดีวงศ์',
  'บัวระภา',
  'จำปาทอง',
  'สายแวว',
  'เหล่าคำ',
  'มหาไชย',
  'จันทะแจ่ม',
  'ศรีโคตร',
] as const;

const CHRONIC_DISEASES = [
  'เบาหวาน',
  'ความดันโลหิตสูง',
  'ไขมันในเลือดสูง',
  'โรคหัวใจ',
  'โรคไตเรื้อรัง',
  'โรคปอดอุดกั้นเรื้อรัง',
] as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Generates `households` households with `people` members in all over `villages`. Members of a
 * household share its village; the first member is the head. Every national ID is valid
 * (checksum) and unique within the tambon, every id a unique UUIDv7.
 */
export function generateTambon(options: TambonOptions): TambonHome[] {
  const { households, people, villages } = options;
  if (villages.length === 0) throw new Error('generateTambon: no villages');
  if (people < households) throw new Error('generateTambon: fewer people than households');
  const random = seededRandom(options.seed ?? 1);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const chance = (p: number) => random() < p;

  const districtCode = options.districtCode ?? '4518';
  const postalCode = options.postalCode ?? '45000';
  const center = options.center ?? { lat: 16.0567, lng: 103.6531 };
  const surveyStart = Date.parse(`${options.surveyStart ?? '2025-01-06'}T00:00:00Z`);
  let idTime = options.idBaseMs ?? Date.UTC(2025, 0, 6);
  const firstHouseNumber = options.firstHouseNumber ?? 1;

  const hex = (digits: number) => {
    let out = '';
    for (let i = 0; i < digits; i++) out += Math.floor(random() * 16).toString(16);
    return out;
  };
  // The tax map's zone is the household's หมู่, and a code names one parcel: a farm code drawn
  // twice moves to the next free lot. (The random draws stay as they were, so the rest of the
  // demo tambon does not change.)
  const usedParcelCodes = new Set<string>();
  const taxParcel = (mooNo: number) => {
    int(1, 9);
    const block = pick(['A', 'B', 'C', 'D']);
    let lot = int(1, 400);
    let code = '';
    do {
      code = `${pad2(mooNo)}${block}${String(lot).padStart(3, '0')}`;
      lot = (lot % 999) + 1;
    } while (usedParcelCodes.has(code));
    usedParcelCodes.add(code);
    return code;
  };
  const nextId = () => {
    const time = (idTime++).toString(16).padStart(12, '0');
    const variant = (8 + Math.floor(random() * 4)).toString(16);
    return `${time.slice(0, 8)}-${time.slice(8)}-7${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
  };

  // Unique national IDs: 7 group/sequence digits from a permutation of the running number.
  let idCounter = Math.floor(random() * 1_000_000);
  const nationalId = (birthYear: number) => {
    // Born after the 13-digit system started (1984): type 1; registered before it: type 3.
    const type = birthYear >= 1984 ? '1' : '3';
    const serial = String((idCounter++ * 7_654_321) % 10_000_000).padStart(7, '0');
    const first12 = `${type}${districtCode}${serial}`;
    return `${first12}${nationalIdCheckDigit(first12)}`;
  };

  // Villages differ in size: weights 0.6–1.4, then centres scattered around the tambon's.
  const weights = villages.map(() => 0.6 + random() * 0.8);
  const totalWeight = weights.reduce((sum, w) => sum + w, 0);
  const cumulative: number[] = [];
  weights.reduce((sum, w) => {
    cumulative.push((sum + w) / totalWeight);
    return sum + w;
  }, 0);
  const centres = villages.map(() => ({
    lat: center.lat + (random() - 0.5) * 0.1,
    lng: center.lng + (random() - 0.5) * 0.1,
  }));
  const houseCount = villages.map(() => 0);

  // Household sizes: 1 + extra people dealt at random (mean people/households, a long tail).
  const sizes = new Array<number>(households).fill(1);
  for (let i = households; i < people; i++) {
    const h = Math.floor(random() * households);
    sizes[h] = (sizes[h] as number) + 1;
  }

  const homes: TambonHome[] = [];
  for (let h = 0; h < households; h++) {
    const r = random();
    let v = cumulative.findIndex((c) => r < c);
    if (v < 0) v = villages.length - 1;
    const village = villages[v] as TambonVillage;
    const centre = centres[v] as { lat: number; lng: number };
    houseCount[v] = (houseCount[v] as number) + 1;
    const houseNumber = firstHouseNumber + h;
    const villageHouseNo = houseCount[v] as number;

    const surveyMs = surveyStart + int(0, 69) * DAY_MS;
    const surveyDate = new Date(surveyMs).toISOString().slice(0, 10);
    const farming = chance(0.7);
    const household: HouseholdFields = {
      houseNo: chance(0.15) ? `${villageHouseNo}/${int(1, 4)}` : String(villageHouseNo),
      mooNo: village.mooNo,
      houseCode: `${districtCode}${String(houseNumber % 10_000_000).padStart(7, '0')}`,
      ...(chance(0.1) ? { soi: `ซอย ${int(1, 12)}` } : {}),
      ...(chance(0.08) ? { road: 'ถนนแจ้งสนิท' } : {}),
      postalCode,
      gps: {
        lat: round(centre.lat + (random() - 0.5) * 0.012, 6),
        lng: round(centre.lng + (random() - 0.5) * 0.012, 6),
        accuracyM: int(3, 25),
      },
      surveyDate,
      surveyorId: options.surveyorId,
      privacyNoticeGiven: true,
      tenure: pick(TENURES),
      landDocType: pick(LAND_DOC_TYPES),
      ...(chance(0.05) ? { inForestReserve: true } : {}),
      ...(farming ? { taxParcelCode: taxParcel(village.mooNo) } : {}),
      houseCondition: weighted(random, HOUSE_CONDITIONS, [0.75, 0.2, 0.05]),
      drinkingWater: pick(DRINKING_WATER),
      toilet: chance(0.97),
      electricity: weighted(random, ELECTRICITY, [0.95, 0.04, 0.01]),
      wasteDisposal: pick(WASTE_DISPOSAL),
      householdDebtTHB: chance(0.6) ? int(1, 60) * 5_000 : 0,
      farmLandSqWah: farming ? int(2, 40) * 400 + int(0, 399) : int(0, 200),
    };
    const householdRecord: TambonHousehold = {
      id: nextId(),
      villageId: village.id,
      fields: household,
    };

    const lastName = pick(LAST_NAMES);
    const size = sizes[h] as number;
    const headBirthYear = 2025 - int(30, 82);
    const headSex = chance(0.7) ? 'M' : 'F';
    const members: TambonPerson[] = [];
    for (let m = 0; m < size; m++) {
      let relation: (typeof RELATIONS_TO_HEAD)[number];
      let birthYear: number;
      let sex: 'M' | 'F';
      if (m === 0) {
        relation = 'head';
        birthYear = headBirthYear;
        sex = headSex;
      } else if (m === 1 && chance(0.8)) {
        relation = 'spouse';
        birthYear = headBirthYear + int(-6, 6);
        sex = headSex === 'M' ? 'F' : 'M';
      } else {
        const grandparentAge = 2025 - headBirthYear >= 50;
        relation = grandparentAge && chance(0.35) ? 'grandchild' : chance(0.1) ? 'parent' : 'child';
        if (relation === 'parent') birthYear = Math.max(1930, headBirthYear - int(20, 30));
        else if (relation === 'grandchild') birthYear = Math.min(2024, headBirthYear + int(40, 55));
        else birthYear = Math.min(2024, headBirthYear + int(18, 38));
        sex = chance(0.5) ? 'M' : 'F';
      }
      const age = 2025 - birthYear;
      const birthDate = `${birthYear}-${pad2(int(1, 12))}-${pad2(int(1, 28))}`;
      const title =
        age < 15
          ? sex === 'M'
            ? 'master'
            : 'girl'
          : sex === 'M'
            ? 'mr'
            : chance(0.7)
              ? 'mrs'
              : 'miss';
      const elderly = age >= 60;
      const person: TambonPersonFields = {
        householdId: householdRecord.id,
        nationalId: nationalId(birthYear),
        titlePrefix: title,
        firstName: pick(sex === 'M' ? MALE_NAMES : FEMALE_NAMES),
        lastName: relation === 'parent' && chance(0.5) ? pick(LAST_NAMES) : lastName,
        sex,
        birthDate,
        relationToHead: relation,
        residesActually: chance(0.85),
        healthScheme: weighted(random, HEALTH_SCHEMES, [0.8, 0.1, 0.07, 0.03]),
      };
      // Only what the surveyor recorded: day-precise birth dates, adults' income and work.
      if (chance(0.05)) person.birthDatePrecision = 'year';
      if (age >= 7) person.education = pick(EDUCATION_LEVELS);
      if (age >= 15) {
        person.occupation = elderly && chance(0.5) ? 'unemployed' : pick(OCCUPATIONS);
        person.incomeMonthlyTHB = int(0, 30) * 500;
      }
      if (chance(0.4)) person.stateWelfareCard = true;
      if (elderly && chance(0.5)) {
        person.chronicDiseases = [pick(CHRONIC_DISEASES)];
        if (chance(0.4)) person.chronicDiseases.push(pick(CHRONIC_DISEASES));
      }
      if (elderly && chance(0.3)) {
        const bedbound = chance(0.1);
        person.adl = bedbound
          ? adl(0, 0, 1, 0, 0, 0, 0, 0, 1, 1)
          : adl(2, 1, int(2, 3), 2, int(1, 3), 2, int(0, 2), 1, 2, int(1, 2));
        person.bedridden = bedbound;
      }
      if (chance(0.03)) {
        person.disabilityCard = true;
        person.disabilityTypes = [pick([1, 2, 3, 4, 5, 6, 7] as const)];
      }
      members.push({ id: nextId(), villageId: village.id, fields: person });
    }
    homes.push({ household: householdRecord, members });
  }
  return homes;
}

function adl(
  feeding: number,
  grooming: number,
  transfer: number,
  toilet: number,
  mobility: number,
  dressing: number,
  stairs: number,
  bathing: number,
  bowels: number,
  bladder: number,
): NonNullable<PersonFields['adl']> {
  return {
    feeding,
    grooming,
    transfer,
    toilet,
    mobility,
    dressing,
    stairs,
    bathing,
    bowels,
    bladder,
  } as NonNullable<PersonFields['adl']>;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
