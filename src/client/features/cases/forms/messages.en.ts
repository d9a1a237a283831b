import type { caseFormsTh } from './messages.th';

/** English messages of the caseForms screens: the same keys as `messages.th.ts`. */
export const caseFormsEn: { readonly [K in keyof typeof caseFormsTh]: string } = {
  'caseForm.openCase': 'New request',
  'caseForm.choose': '— Choose —',
  'caseForm.village': 'Moo {mooNo} {name}',
  'caseForm.photosHint': 'Photos of what you found, up to 10',
  'caseForm.caseMissing':
    'This case is not on this device: it may have been deleted or not synced yet',
  'caseForm.caseSummary': '{category} · {status}',

  'caseForm.intake.title': 'New request',
  'caseForm.intake.applicationTitle': 'Application: {program}',
  'caseForm.intake.applicationText': 'Applies for the {program} as the applicant requested',
  'caseForm.intake.beneficiaryMissing':
    'This person or household is not on this device: it may have been deleted or not synced yet',
  'caseForm.intake.beneficiary': 'For',
  'caseForm.intake.section.request': 'Request',
  'caseForm.intake.section.location': 'Place',
  'caseForm.intake.section.followUp': 'Follow-up',
  'caseForm.intake.village': 'Village',
  'caseForm.intake.descriptionHint':
    'What the requester told you: the problem, the need, a contact',
  'caseForm.intake.gps': 'Location of the problem',
  'caseForm.intake.pickPrompt': 'Tap the map where the problem is, then press "Use this location"',
  'caseForm.intake.pickLabel': 'Map for choosing where the problem is',
  'caseForm.intake.locationNoteHint': 'e.g. in front of the village hall, near the bridge',
  'caseForm.intake.dueHint': 'Optional; the year in B.E.',

  'caseForm.visit.title': 'Log a home visit',
  'caseForm.visit.notes': 'What you found',
  'caseForm.visit.notesHint': 'Optional',
  'caseForm.visit.nextHint': "Optional; becomes the case's follow-up date",
  'caseForm.visit.nextIn': 'In {days} days',
  'caseForm.visit.adlToggle': 'Re-assess ADL',
  'caseForm.visit.adlHint': "The result is saved on the person's record too",

  'caseForm.assistance.title': 'Record assistance given',
  'caseForm.assistance.amount': 'Amount (THB)',
  'caseForm.assistance.amountHint': 'Enter an amount, goods given, or both',
  'caseForm.assistance.inKindHint': 'e.g. rice 5 kg, drinking water 2 packs',
  'caseForm.assistance.basis.moi2560':
    'ระเบียบกระทรวงมหาดไทยว่าด้วยค่าใช้จ่ายเพื่อช่วยเหลือประชาชนขององค์กรปกครองส่วนท้องถิ่น พ.ศ. 2560',
  'caseForm.assistance.basis.mof2562':
    'ระเบียบกระทรวงการคลังว่าด้วยเงินทดรองราชการเพื่อช่วยเหลือผู้ประสบภัยพิบัติกรณีฉุกเฉิน พ.ศ. 2562',
  'caseForm.assistance.basis.elderly2552':
    'ระเบียบกระทรวงมหาดไทยว่าด้วยหลักเกณฑ์การจ่ายเงินเบี้ยยังชีพผู้สูงอายุขององค์กรปกครองส่วนท้องถิ่น พ.ศ. 2552',
  'caseForm.assistance.basis.disability2553':
    'ระเบียบกระทรวงมหาดไทยว่าด้วยหลักเกณฑ์การจ่ายเงินเบี้ยความพิการให้คนพิการขององค์กรปกครองส่วนท้องถิ่น พ.ศ. 2553',

  'validation.date_in_past': 'This date has passed',
  'validation.date_too_far': 'This date is too far ahead: check the year (B.E.)',
  'validation.amount_or_inkind_required': 'Enter an amount or the goods given (at least one)',
  'validation.amount_positive': 'The amount must be more than 0',
} as const;
