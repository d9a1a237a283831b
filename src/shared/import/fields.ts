/**
 * What a column of an imported sheet can hold. Several fill one record field (a name comes
 * from ชื่อ-สกุล or from ชื่อ and นามสกุล apart), so these are the sheet's words, not the model's.
 */
export const IMPORT_FIELDS = [
  'fullName',
  'title',
  'firstName',
  'lastName',
  'nationalId',
  'birthDate',
  'sex',
  'relationToHead',
  'houseNo',
  'mooNo',
  'houseCode',
  'soi',
  'road',
  'postalCode',
  'programCode',
  'monthlyAmountTHB',
  'enrollmentSince',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const IMPORT_KINDS = ['people', 'allowances', 'households'] as const;
/** People with their household, allowance enrollments, or households alone. */
export type ImportKind = (typeof IMPORT_KINDS)[number];

const PERSON_COLUMNS = [
  'title',
  'firstName',
  'lastName',
  'fullName',
  'nationalId',
  'birthDate',
  'sex',
] as const satisfies readonly ImportField[];
const ADDRESS_COLUMNS = ['houseNo', 'mooNo'] as const satisfies readonly ImportField[];

/** The fields each kind reads; the first ones, in order, are its template's columns. */
export const KIND_FIELDS: Record<ImportKind, readonly ImportField[]> = {
  people: [
    ...ADDRESS_COLUMNS,
    'houseCode',
    ...PERSON_COLUMNS,
    'relationToHead',
    'soi',
    'road',
    'postalCode',
  ],
  allowances: [
    ...PERSON_COLUMNS,
    ...ADDRESS_COLUMNS,
    'programCode',
    'monthlyAmountTHB',
    'enrollmentSince',
  ],
  households: [...ADDRESS_COLUMNS, 'houseCode', 'soi', 'road', 'postalCode'],
};

/**
 * Fields a kind cannot do without (besides a name for a person, from either name form).
 * A missing column is reported once, at the header; a missing cell per row.
 */
export const KIND_REQUIRED: Record<ImportKind, readonly ImportField[]> = {
  people: ['houseNo', 'mooNo'],
  allowances: ['houseNo', 'mooNo', 'programCode'],
  households: ['houseNo', 'mooNo'],
};

/**
 * The header each field has in a downloadable template. They are the file's words, in Thai as
 * the office's own lists have them, and the first header each field is recognised by.
 */
export const TEMPLATE_HEADERS: Record<ImportField, string> = {
  fullName: 'ชื่อ-สกุล',
  title: 'คำนำหน้าชื่อ',
  firstName: 'ชื่อ',
  lastName: 'นามสกุล',
  nationalId: 'เลขประจำตัวประชาชน',
  birthDate: 'วันเดือนปีเกิด',
  sex: 'เพศ',
  relationToHead: 'ความสัมพันธ์กับหัวหน้าครัวเรือน',
  houseNo: 'บ้านเลขที่',
  mooNo: 'หมู่ที่',
  houseCode: 'รหัสประจำบ้าน',
  soi: 'ซอย',
  road: 'ถนน',
  postalCode: 'รหัสไปรษณีย์',
  programCode: 'ประเภทเบี้ย',
  monthlyAmountTHB: 'จำนวนเงิน (บาท)',
  enrollmentSince: 'วันที่เริ่มรับเบี้ย',
};

/** A template's header row: one name form (ชื่อ and นามสกุล apart), every other field once. */
export function templateHeaders(kind: ImportKind): string[] {
  return KIND_FIELDS[kind].filter((f) => f !== 'fullName').map((f) => TEMPLATE_HEADERS[f]);
}

/** Other headers offices use, Thai and English; compared without spaces, case and punctuation. */
export const HEADER_ALIASES: Record<ImportField, readonly string[]> = {
  fullName: ['ชื่อสกุล', 'ชื่อนามสกุล', 'ชื่อและนามสกุล', 'ชื่อผู้รับ', 'ชื่อผู้มีสิทธิ', 'fullname', 'name'],
  title: ['คำนำหน้า', 'คำนำหน้านาม', 'title', 'prefix'],
  firstName: ['ชื่อ', 'ชื่อจริง', 'firstname', 'givenname', 'first'],
  lastName: ['นามสกุล', 'สกุล', 'lastname', 'surname', 'familyname', 'last'],
  nationalId: [
    'เลขประจำตัวประชาชน',
    'เลขบัตรประชาชน',
    'เลขบัตรประจำตัวประชาชน',
    'บัตรประชาชน',
    'เลขที่บัตรประชาชน',
    'nationalid',
    'citizenid',
    'idcard',
    'cid',
    'pid',
  ],
  birthDate: [
    'วันเดือนปีเกิด',
    'วดปเกิด',
    'วันเกิด',
    'ปีเกิด',
    'birthdate',
    'dateofbirth',
    'dob',
    'birthday',
  ],
  sex: ['เพศ', 'sex', 'gender'],
  relationToHead: ['ความสัมพันธ์', 'สถานะในครัวเรือน', 'ความเกี่ยวพัน', 'relation', 'relationship'],
  houseNo: ['บ้านเลขที่', 'เลขที่บ้าน', 'เลขที่', 'houseno', 'housenumber', 'address'],
  mooNo: ['หมู่ที่', 'หมู่', 'ม', 'moo', 'villageno', 'moono'],
  houseCode: ['รหัสบ้าน', 'เลขรหัสประจำบ้าน', 'housecode', 'houseid'],
  soi: ['ซอย', 'soi', 'lane'],
  road: ['ถนน', 'road', 'street'],
  postalCode: ['ไปรษณีย์', 'postalcode', 'postcode', 'zip', 'zipcode'],
  programCode: [
    'ประเภทเบี้ยยังชีพ',
    'ประเภทเบี้ย',
    'ประเภท',
    'ประเภทผู้มีสิทธิ',
    'program',
    'allowancetype',
    'type',
  ],
  monthlyAmountTHB: [
    'จำนวนเงิน',
    'ยอดเงิน',
    'อัตราเบี้ย',
    'เงินที่ได้รับ',
    'บาทต่อเดือน',
    'amount',
    'monthlyamount',
  ],
  enrollmentSince: [
    'วันที่เริ่มรับ',
    'วันที่ขึ้นทะเบียน',
    'เริ่มรับเบี้ย',
    'วันที่อนุมัติ',
    'since',
    'startdate',
    'enrolledon',
  ],
};
