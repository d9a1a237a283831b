import type { SheetRow } from '../../../src/shared/import/cells';
import type { ImportContext } from '../../../src/shared/import/plan';
import { nationalIdCheckDigit } from '../../../src/shared/rules/nationalId';

/**
 * A generated ทะเบียนผู้รับเบี้ยยังชีพ as an office keeps it: two title rows, a Thai header, and
 * rows of every form the readers take. Some rows repeat people the tambon has, some are bad,
 * some repeat an earlier row of the file; the rest are new people, about three to a house.
 */
export interface AllowanceListSpec {
  rows: number;
  /** Rows of people the tambon has (half already enrolled with the same amount). */
  repeats: number;
  bad: number;
  duplicates: number;
}

export interface AllowanceList {
  sheet: SheetRow[];
  context: ImportContext;
  /** The sheet row numbers (1-based) of each sort. */
  repeatRows: number[];
  enrolledRepeatRows: number[];
  badRows: { row: number; code: string }[];
  duplicateRows: number[];
  newHouses: number;
  villageIds: string[];
}

export const TODAY = '2026-12-05';
export const IMPORTED_BY = '01900000-0000-7000-8000-00000000beef';
const HEADER = [
  'ลำดับ',
  'คำนำหน้า',
  'ชื่อ',
  'นามสกุล',
  'เลขประจำตัวประชาชน',
  'วัน/เดือน/ปีเกิด',
  'บ้านเลขที่',
  'หมู่ที่',
  'ประเภทเบี้ย',
  'จำนวนเงิน (บาท)',
];

let uuidCounter = 0;
/** Deterministic, valid UUIDs for the tambon's records. */
export function testUuid(): string {
  uuidCounter++;
  return `01900000-0000-7000-8000-${String(uuidCounter).padStart(12, '0')}`;
}

export const nationalIdOf = (prefix: string, n: number): string => {
  const first12 = `${prefix}${String(n).padStart(11, '0')}`;
  return `${first12}${nationalIdCheckDigit(first12)}`;
};

const TITLES = ['นาย', 'นาง', 'น.ส.', 'นางสาว'];
const FIRST = ['สมชาย', 'สมศรี', 'บุญมี', 'มาลี', 'ทองดี', 'คำปุ่น', 'บัวผัน', 'สุดใจ'];
const LAST = ['ใจดี', 'ศรีสุข', 'แก้วมณี', 'บุญมา', 'ทองคำ', 'พรหมมา'];
const MONTHS = [
  'ม.ค.',
  'ก.พ.',
  'มี.ค.',
  'เม.ย.',
  'พ.ค.',
  'มิ.ย.',
  'ก.ค.',
  'ส.ค.',
  'ก.ย.',
  'ต.ค.',
  'พ.ย.',
  'ธ.ค.',
];

/** The birth date cell of the n-th person, in one of the forms offices write. */
function birthCell(n: number): string | number {
  const day = (n % 28) + 1;
  const month = (n % 12) + 1;
  const yearBE = 2480 + (n % 25);
  switch (n % 5) {
    case 0:
      return `${day}/${month}/${yearBE}`;
    case 1:
      return `${String(day).padStart(2, '0')}-${String(month).padStart(2, '0')}-${yearBE}`;
    case 2:
      return `${day} ${MONTHS[month - 1]} ${yearBE}`;
    case 3:
      // An Excel serial, as an xlsx reader gives a date cell.
      return (Date.UTC(yearBE - 543, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000;
    default:
      return String(yearBE).replace(/\d/g, (d) => String.fromCharCode(0x0e50 + Number(d)));
  }
}

function birthIso(n: number): string {
  const day = (n % 28) + 1;
  const month = (n % 12) + 1;
  const year = 2480 + (n % 25) - 543;
  return n % 5 === 4
    ? `${year}-01-01`
    : `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const BAD_CELLS: ReadonlyArray<{ column: number; value: string; code: string }> = [
  { column: 4, value: '3100000000006', code: 'national_id_checksum' },
  { column: 5, value: '31/2/2500', code: 'date_invalid' },
  { column: 7, value: '42', code: 'moo_unknown' },
  { column: 8, value: 'เบี้ยอะไรก็ได้', code: 'program_unknown' },
  { column: 9, value: 'หกร้อย', code: 'amount_unreadable' },
  { column: 2, value: '', code: 'required' },
  { column: 5, value: '1/1/2575', code: 'date_in_future' },
];

export function generateAllowanceList(spec: AllowanceListSpec): AllowanceList {
  const villageIds = Array.from({ length: 10 }, () => testUuid());
  const villages = villageIds.map((id, i) => ({ id, mooNo: i + 1 }));
  const existingPeople: NonNullable<ImportContext['people']>[number][] = [];
  const existingEnrollments: NonNullable<ImportContext['enrollments']>[number][] = [];
  for (let i = 0; i < spec.repeats; i++) {
    const villageId = villageIds[i % 10] as string;
    const person = {
      id: testUuid(),
      villageId,
      fields: {
        householdId: testUuid(),
        nationalId: nationalIdOf('1', i),
        titlePrefix: 'mrs' as const,
        firstName: FIRST[i % FIRST.length] as string,
        lastName: `${LAST[i % LAST.length]}${i}`,
        sex: 'F' as const,
        birthDate: birthIso(i),
        birthDatePrecision: i % 5 === 4 ? ('year' as const) : ('day' as const),
      },
    };
    existingPeople.push(person);
    if (i % 2 === 0)
      existingEnrollments.push({
        id: testUuid(),
        villageId,
        fields: {
          personId: person.id,
          programCode: 'elderly-allowance',
          since: '2020-10-01',
          status: 'active',
          monthlyAmountTHB: 700,
        },
      });
  }

  const sheet: SheetRow[] = [
    ['ทะเบียนผู้รับเบี้ยยังชีพผู้สูงอายุ ประจำปีงบประมาณ พ.ศ. 2569'],
    ['องค์การบริหารส่วนตำบลทดสอบ อำเภอเมือง จังหวัดขอนแก่น'],
    HEADER,
  ];
  const result: AllowanceList = {
    sheet,
    context: {
      today: TODAY,
      importedBy: IMPORTED_BY,
      villages,
      people: existingPeople,
      enrollments: existingEnrollments,
      households: [],
    },
    repeatRows: [],
    enrolledRepeatRows: [],
    badRows: [],
    duplicateRows: [],
    newHouses: 0,
    villageIds,
  };
  const newRows: SheetRow[] = [];
  const sorts = placeSorts(spec);
  let repeats = 0;
  let newPeople = 0;
  const houses = new Set<string>();
  for (let i = 0; i < spec.rows; i++) {
    const sheetRow = sheet.length + 1;
    const sort = sorts[i];
    if (sort === 'repeat') {
      const n = repeats++;
      const person = existingPeople[n];
      const id = person?.fields.nationalId ?? '';
      sheet.push([
        String(i + 1),
        'นาง',
        person?.fields.firstName,
        person?.fields.lastName,
        // Repeats come in the forms IDs take: a number, dashed, or spaced.
        n % 3 === 0
          ? Number(id)
          : n % 3 === 1
            ? id.replace(/^(\d)(\d{4})(\d{5})(\d{2})(\d)$/, '$1-$2-$3-$4-$5')
            : id.replace(/^(\d{4})/, '$1 '),
        birthCell(n),
        `${n + 1}/1`,
        `หมู่ ${(n % 10) + 1}`,
        'ผู้สูงอายุ',
        '700',
      ]);
      result.repeatRows.push(sheetRow);
      if (n % 2 === 0) result.enrolledRepeatRows.push(sheetRow);
    } else if (sort === 'bad') {
      const n = result.badRows.length;
      const base = [...(newRows[n % newRows.length] as SheetRow)];
      const bad = BAD_CELLS[n % BAD_CELLS.length] as (typeof BAD_CELLS)[number];
      base[0] = String(i + 1);
      base[4] = nationalIdOf('5', n);
      base[bad.column] = bad.value;
      sheet.push(base);
      result.badRows.push({ row: sheetRow, code: bad.code });
    } else if (sort === 'duplicate') {
      const copy = [...(newRows[result.duplicateRows.length * 7] as SheetRow)];
      copy[0] = String(i + 1);
      sheet.push(copy);
      result.duplicateRows.push(sheetRow);
    } else {
      const n = newPeople++;
      // Three people to a house: a house number and หมู่ per three consecutive people.
      const house = Math.floor(n / 3);
      const moo = (house % 10) + 1;
      const houseNo = `${Math.floor(house / 10) + 1}/${house % 10}`;
      houses.add(`${moo}|${houseNo}`);
      const row: SheetRow = [
        String(i + 1),
        TITLES[n % TITLES.length],
        FIRST[n % FIRST.length],
        `${LAST[n % LAST.length]}${n}`,
        n % 4 === 0 ? Number(nationalIdOf('3', n)) : nationalIdOf('3', n),
        birthCell(n + 7),
        houseNo,
        n % 2 === 0 ? `ม.${moo}` : String(moo),
        n % 9 === 0 ? 'เบี้ยยังชีพคนพิการ' : 'เบี้ยยังชีพผู้สูงอายุ',
        n % 3 === 0 ? '1,000 บาท' : n % 3 === 1 ? 600 : '฿800',
      ];
      sheet.push(row);
      newRows.push(row);
    }
  }
  result.newHouses = houses.size;
  return result;
}

type Sort = 'new' | 'repeat' | 'bad' | 'duplicate';

/** Each row's sort, the special ones spread evenly after the first 100 rows (bad and duplicate rows copy earlier new ones). */
function placeSorts(spec: AllowanceListSpec): Sort[] {
  const sorts: Sort[] = Array.from({ length: spec.rows }, () => 'new');
  const place = (sort: Sort, count: number) => {
    for (let i = 0; i < count; i++) {
      let at = 100 + Math.floor((i * (spec.rows - 100)) / count);
      while (sorts[at] !== 'new') at++;
      sorts[at] = sort;
    }
  };
  place('repeat', spec.repeats);
  place('bad', spec.bad);
  place('duplicate', spec.duplicates);
  return sorts;
}
