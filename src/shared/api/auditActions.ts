/**
 * What each action of the audit log is, in Thai: the admin's audit screen and the audit CSV the
 * server writes read the same words, so a file handed to an auditor says what the screen says.
 */
export const AUDIT_ACTION_WORDS_TH = {
  'auth.login': 'เข้าสู่ระบบ',
  'auth.login_failed': 'เข้าสู่ระบบไม่สำเร็จ',
  'auth.logout': 'ออกจากระบบ',
  'auth.rotate': 'ต่ออายุการเข้าสู่ระบบ',
  'user.create': 'เพิ่มผู้ใช้',
  'user.update': 'แก้ไขผู้ใช้',
  'user.password_reset': 'ตั้งรหัสผ่านใหม่ให้ผู้ใช้',
  'user.password_change': 'เปลี่ยนรหัสผ่านของตนเอง',
  'village.create': 'เพิ่มหมู่บ้าน',
  'village.update': 'แก้ไขหมู่บ้าน',
  'device.revoke': 'เพิกถอนอุปกรณ์',
  'organization.create': 'ตั้งค่าหน่วยงาน',
  'demo.load': 'โหลดข้อมูลสาธิต',
  'parcels.import': 'นำเข้าแปลงที่ดินจากแผนที่ภาษี',
  'basemap.upload': 'อัปโหลดแผนที่ฐาน',
  'basemap.delete': 'ลบแผนที่ฐาน',
  'sync.push': 'ส่งข้อมูลจากเครื่อง',
  'sync.push_revoked': 'อุปกรณ์ที่ถูกเพิกถอนพยายามส่งข้อมูล',
  'blob.upload': 'ส่งรูปถ่าย',
  'quarantine.accept': 'รับข้อมูลที่ถูกกักเข้าระบบ',
  'quarantine.reject': 'ปฏิเสธข้อมูลที่ถูกกัก',
  'privacy.request': 'รับคำขอของเจ้าของข้อมูล',
  'privacy.close': 'ปิดคำขอของเจ้าของข้อมูล',
  'privacy.approve': 'อนุมัติคำขอของเจ้าของข้อมูล',
  'privacy.export': 'ส่งออกข้อมูลให้เจ้าของข้อมูล',
  'privacy.erase': 'ลบข้อมูลตามคำขอ',
  'audit.export': 'ดาวน์โหลดบันทึกการใช้งาน',
  'audit.event_refused': 'ปฏิเสธบันทึกจากเครื่องนอกพื้นที่',
  'person.view': 'เปิดดูข้อมูลอ่อนไหวของบุคคล',
  'import.create': 'นำเข้ารายชื่อจากไฟล์',
  'import.undo': 'ยกเลิกการนำเข้ารายชื่อ',
  export: 'ส่งออกรายชื่อหรือไฟล์',
  unknown: 'การกระทำอื่น',
} as const;

export type AuditActionWord = keyof typeof AUDIT_ACTION_WORDS_TH;

/** The Thai words of `action`, or of an unknown action for a code added later. */
export function auditActionWordTh(action: string): string {
  return Object.hasOwn(AUDIT_ACTION_WORDS_TH, action)
    ? AUDIT_ACTION_WORDS_TH[action as AuditActionWord]
    : AUDIT_ACTION_WORDS_TH.unknown;
}
