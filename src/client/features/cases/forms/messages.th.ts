/** Thai messages of the caseForms screens (in `app/screenMessages.th.ts`). */
export const caseFormsTh = {
  'caseForm.openCase': 'รับเรื่อง/คำร้อง',
  'caseForm.choose': '— เลือก —',
  'caseForm.village': 'หมู่ที่ {mooNo} {name}',
  'caseForm.photosHint': 'ถ่ายภาพสภาพที่พบ ไม่เกิน 10 รูป',
  'caseForm.caseMissing': 'ไม่พบเรื่องนี้ในเครื่อง อาจถูกลบหรือยังไม่ได้ซิงก์',
  'caseForm.caseSummary': '{category} · {status}',

  'caseForm.intake.title': 'รับเรื่อง/คำร้องใหม่',
  'caseForm.intake.applicationTitle': 'ยื่นคำขอ{program}',
  'caseForm.intake.applicationText': 'ขอยื่นคำขอรับ{program} ตามที่ผู้ยื่นแจ้งความประสงค์',
  'caseForm.intake.beneficiaryMissing': 'ไม่พบบุคคลหรือครัวเรือนนี้ในเครื่อง อาจถูกลบหรือยังไม่ได้ซิงก์',
  'caseForm.intake.beneficiary': 'ผู้ขอรับความช่วยเหลือ',
  'caseForm.intake.section.request': 'เรื่องที่รับ',
  'caseForm.intake.section.location': 'สถานที่',
  'caseForm.intake.section.followUp': 'การติดตาม',
  'caseForm.intake.village': 'หมู่บ้าน',
  'caseForm.intake.descriptionHint': 'เล่าสิ่งที่ผู้ร้องแจ้ง เช่น ปัญหา ความต้องการ ผู้ติดต่อ',
  'caseForm.intake.gps': 'พิกัดจุดที่พบปัญหา',
  'caseForm.intake.pickPrompt': 'แตะบนแผนที่ตรงจุดที่พบปัญหา แล้วกด "ใช้ตำแหน่งนี้"',
  'caseForm.intake.pickLabel': 'แผนที่สำหรับเลือกจุดที่พบปัญหา',
  'caseForm.intake.locationNoteHint': 'เช่น หน้าศาลาประชาคม ใกล้สะพาน',
  'caseForm.intake.dueHint': 'ไม่บังคับ ปีเป็น พ.ศ.',

  'caseForm.visit.title': 'บันทึกการเยี่ยมบ้าน',
  'caseForm.visit.notes': 'สิ่งที่พบ',
  'caseForm.visit.notesHint': 'ไม่บังคับ',
  'caseForm.visit.nextHint': 'ไม่บังคับ จะเป็นกำหนดติดตามของเรื่องนี้',
  'caseForm.visit.nextIn': 'อีก {days} วัน',
  'caseForm.visit.adlToggle': 'ประเมิน ADL ใหม่',
  'caseForm.visit.adlHint': 'ผลประเมินจะบันทึกในข้อมูลของบุคคลด้วย',

  'caseForm.assistance.title': 'บันทึกการให้ความช่วยเหลือ',
  'caseForm.assistance.amount': 'จำนวนเงิน (บาท)',
  'caseForm.assistance.amountHint': 'กรอกจำนวนเงิน หรือสิ่งของ หรือทั้งสองอย่าง',
  'caseForm.assistance.inKindHint': 'เช่น ข้าวสาร 5 กก., น้ำดื่ม 2 แพ็ค',
  'caseForm.assistance.basis.moi2560':
    'ระเบียบกระทรวงมหาดไทยว่าด้วยค่าใช้จ่ายเพื่อช่วยเหลือประชาชนขององค์กรปกครองส่วนท้องถิ่น พ.ศ. 2560',
  'caseForm.assistance.basis.mof2562':
    'ระเบียบกระทรวงการคลังว่าด้วยเงินทดรองราชการเพื่อช่วยเหลือผู้ประสบภัยพิบัติกรณีฉุกเฉิน พ.ศ. 2562',
  'caseForm.assistance.basis.elderly2552':
    'ระเบียบกระทรวงมหาดไทยว่าด้วยหลักเกณฑ์การจ่ายเงินเบี้ยยังชีพผู้สูงอายุขององค์กรปกครองส่วนท้องถิ่น พ.ศ. 2552',
  'caseForm.assistance.basis.disability2553':
    'ระเบียบกระทรวงมหาดไทยว่าด้วยหลักเกณฑ์การจ่ายเงินเบี้ยความพิการให้คนพิการขององค์กรปกครองส่วนท้องถิ่น พ.ศ. 2553',

  'validation.date_in_past': 'วันที่นี้ผ่านไปแล้ว',
  'validation.date_too_far': 'วันที่ไกลเกินไป ตรวจสอบว่ากรอกปีเป็น พ.ศ. ถูกต้อง',
  'validation.amount_or_inkind_required': 'กรอกจำนวนเงินหรือสิ่งของที่มอบอย่างน้อยหนึ่งอย่าง',
  'validation.amount_positive': 'จำนวนเงินต้องมากกว่า 0',
} as const;
