/**
 * The admin notices shown outside the admin screens (the home screen's backup warning): in
 * `app/firstLoadMessages.th.ts`, since the home screen is the first paint.
 */
export const adminNoticesTh = {
  'home.backupStale': 'ยังไม่มีข้อมูลสำรองที่ตรวจการกู้คืนแล้วในช่วง 2 วันที่ผ่านมา ดูที่ ผู้ดูแลระบบ › สำรองข้อมูล',
} as const;
