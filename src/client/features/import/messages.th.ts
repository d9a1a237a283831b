import type { ImportErrorCode } from '../../../shared/import/errors';
import type { ImportField } from '../../../shared/import/fields';
import type { RowAction } from '../../../shared/import/plan';

/**
 * Thai messages of the import (issue 15): the pure core returns codes with parameters, these
 * are their words. Shaped like the dictionary's parts (each feature's `messages.th.ts`) so the
 * import screens can spread them into `app/screenMessages.th.ts`; `{row}` and the like are `t()`
 * parameters.
 */
export const importTh = {
  'import.error.required': 'ไม่ได้กรอก',
  'import.error.too_long': 'ยาวเกิน {max} ตัวอักษร',
  'import.error.number_min': 'ต้องไม่น้อยกว่า {min}',
  'import.error.number_max': 'ต้องไม่เกิน {max}',
  'import.error.invalid': 'รูปแบบไม่ถูกต้อง',
  'import.error.not_a_choice': 'ไม่ใช่ค่าที่เลือกได้',
  'import.error.date_unreadable': 'อ่านวันที่ไม่ได้ (เช่น 1/10/2510 หรือ 1 ต.ค. 2510)',
  'import.error.date_invalid': 'ไม่มีวันที่นี้ในปฏิทิน',
  'import.error.date_too_early': 'ปีเก่าเกินไป ตรวจสอบ พ.ศ./ค.ศ.',
  'import.error.date_in_future': 'วันที่เลยวันนี้ไป ตรวจสอบ พ.ศ./ค.ศ.',
  'import.error.national_id_format': 'เลขประจำตัวประชาชนต้องมี 13 หลัก',
  'import.error.national_id_checksum': 'เลขประจำตัวประชาชนไม่ถูกต้อง (หลักตรวจสอบไม่ตรง)',
  'import.error.national_id_scientific':
    'เลขประจำตัวประชาชนถูก Excel ย่อเป็น 1.23E+12 ตัวเลขหายไปแล้ว จัดรูปแบบคอลัมน์เป็นข้อความแล้วกรอกใหม่',
  'import.error.name_unreadable': 'แยกชื่อและนามสกุลไม่ได้ (ต้องเว้นวรรคระหว่างชื่อกับนามสกุล)',
  'import.error.amount_unreadable': 'อ่านจำนวนเงินไม่ได้',
  'import.error.moo_unreadable': 'อ่านหมู่ที่ไม่ได้ (เช่น หมู่ 3 หรือ ม.3)',
  'import.error.moo_unknown': 'ไม่มีหมู่ที่ {moo} ในตำบลนี้',
  'import.error.program_unknown': 'ไม่รู้จักประเภทเบี้ย (ผู้สูงอายุ หรือ คนพิการ)',
  'import.error.sex_unknown': 'ไม่รู้จักเพศ (ชาย หรือ หญิง)',
  'import.error.relation_unknown': 'ไม่รู้จักความสัมพันธ์กับหัวหน้าครัวเรือน',
  'import.error.house_code_format': 'รหัสประจำบ้านต้องมี 11 หลัก',
  'import.error.postal_code_format': 'รหัสไปรษณีย์ต้องมี 5 หลัก',
  'import.error.duplicate_in_file': 'ซ้ำกับแถวที่ {row} ในไฟล์',
  'import.error.village_not_allowed': 'คุณไม่มีสิทธิ์นำเข้าข้อมูลของหมู่นี้',
  'import.error.not_allowed': 'ระบบไม่รับข้อมูลแถวนี้ตามสิทธิ์ของคุณ',

  'import.cell': 'แถวที่ {row} คอลัมน์ {column} ({header}): {message}',
  'import.row': 'แถวที่ {row}: {message}',

  'import.field.fullName': 'ชื่อ-สกุล',
  'import.field.title': 'คำนำหน้าชื่อ',
  'import.field.firstName': 'ชื่อ',
  'import.field.lastName': 'นามสกุล',
  'import.field.nationalId': 'เลขประจำตัวประชาชน',
  'import.field.birthDate': 'วันเดือนปีเกิด',
  'import.field.sex': 'เพศ',
  'import.field.relationToHead': 'ความสัมพันธ์กับหัวหน้าครัวเรือน',
  'import.field.houseNo': 'บ้านเลขที่',
  'import.field.mooNo': 'หมู่ที่',
  'import.field.houseCode': 'รหัสประจำบ้าน',
  'import.field.soi': 'ซอย',
  'import.field.road': 'ถนน',
  'import.field.postalCode': 'รหัสไปรษณีย์',
  'import.field.programCode': 'ประเภทเบี้ย',
  'import.field.monthlyAmountTHB': 'จำนวนเงิน (บาท)',
  'import.field.enrollmentSince': 'วันที่เริ่มรับเบี้ย',

  'import.action.create': 'เพิ่มใหม่',
  'import.action.update': 'ปรับปรุงข้อมูลเดิม',
  'import.action.unchanged': 'มีอยู่แล้ว ไม่เปลี่ยนแปลง',
  'import.action.likely-match': 'อาจเป็นคนเดิม รอยืนยัน',
  'import.action.duplicate': 'ซ้ำในไฟล์ ข้าม',
  'import.action.bad': 'ข้อมูลไม่ถูกต้อง ข้าม',
} as const satisfies Record<
  | `import.error.${ImportErrorCode}`
  | `import.field.${ImportField}`
  | `import.action.${RowAction}`
  | 'import.cell'
  | 'import.row',
  string
>;
