/** Thai names of the welfare model's values, shared by the case, form and report screens. */
export const welfareTh = {
  'nav.work': 'งานของฉัน',
  'nav.cases': 'เรื่อง/คำร้อง',
  'nav.reports': 'รายงาน',
  'nav.eligibility': 'ผู้มีสิทธิ์',

  'case.category.elderly-care': 'ดูแลผู้สูงอายุ',
  'case.category.disability-care': 'ดูแลคนพิการ',
  'case.category.health-care': 'สุขภาพ',
  'case.category.housing-repair': 'ซ่อมแซมที่อยู่อาศัย',
  'case.category.disaster-relief': 'ช่วยเหลือผู้ประสบภัย',
  'case.category.human-disease-outbreak': 'โรคระบาดในคน',
  'case.category.animal-disease-outbreak': 'โรคระบาดในสัตว์',
  'case.category.road': 'ถนน',
  'case.category.water': 'น้ำประปา/แหล่งน้ำ',
  'case.category.waste': 'ขยะ',
  'case.category.electricity': 'ไฟฟ้า/ไฟส่องสว่าง',
  'case.category.other': 'อื่น ๆ',

  'case.status.received': 'รับเรื่อง',
  'case.status.assessed': 'ประเมินแล้ว',
  'case.status.approved': 'อนุมัติ',
  'case.status.in-progress': 'กำลังดำเนินการ',
  'case.status.done': 'เสร็จสิ้น',
  'case.status.rejected': 'ไม่อนุมัติ',

  'case.channel.walk-in': 'มาติดต่อที่สำนักงาน',
  'case.channel.field-visit': 'ลงพื้นที่',
  'case.channel.phone': 'โทรศัพท์',
  'case.channel.line': 'LINE',
  'case.channel.letter': 'หนังสือ',

  'case.priority.low': 'ไม่เร่งด่วน',
  'case.priority.normal': 'ปกติ',
  'case.priority.urgent': 'เร่งด่วน',

  'program.elderly-allowance': 'เบี้ยยังชีพผู้สูงอายุ',
  'program.disability-allowance': 'เบี้ยความพิการ',
  'program.ltc-care': 'การดูแลระยะยาว (LTC)',
  'program.housing-repair': 'ซ่อมแซมบ้าน',
  'program.disaster-relief': 'ช่วยเหลือผู้ประสบภัย',
  'program.other': 'อื่น ๆ',

  'enrollment.status.applied': 'ยื่นคำขอแล้ว',
  'enrollment.status.active': 'ได้รับอยู่',
  'enrollment.status.suspended': 'ระงับ',
  'enrollment.status.ended': 'สิ้นสุด',
} as const;
