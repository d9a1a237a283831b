/** The backups panel (admins): the list the server keeps of its own backups. */
export const backupsTh = {
  'backups.lead': 'เครื่องแม่ข่ายสำรองข้อมูลเองทุกคืน แล้วทดลองกู้คืนลงฐานข้อมูลชั่วคราวเพื่อตรวจว่าใช้ได้จริง',
  'backups.notScheduled': 'เครื่องแม่ข่ายนี้ไม่ได้ตั้งให้สำรองข้อมูลอัตโนมัติ (--backup-keep 0) ควรเปิดไว้',
  'backups.stale': 'ไม่มีข้อมูลสำรองที่ตรวจการกู้คืนแล้วในช่วง 2 วันที่ผ่านมา',
  'backups.lastGood': 'สำรองข้อมูลที่ใช้ได้ล่าสุด: {date}',
  'backups.takenAt': 'เวลาที่สำรอง',
  'backups.size': 'ขนาด',
  'backups.records': 'จำนวนระเบียน',
  'backups.check': 'ผลการตรวจกู้คืน',
  'backups.verified': 'ตรวจแล้ว ใช้กู้คืนได้',
  'backups.failed': 'ตรวจไม่ผ่าน ใช้กู้คืนไม่ได้',
  'backups.empty': 'ยังไม่มีข้อมูลสำรอง',
  'backups.howToRestore':
    'การกู้คืน: หยุดเครื่องแม่ข่าย แล้วสั่ง npm start -- restore <ไฟล์สำรอง> ที่เครื่องแม่ข่าย ฐานข้อมูลเดิมจะถูกเก็บแยกไว้',
} as const;
