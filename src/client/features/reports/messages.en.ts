import type { reportsTh } from './messages.th';

/** English messages of the reports screens: the same keys as `messages.th.ts`. */
export const reportsEn: { readonly [K in keyof typeof reportsTh]: string } = {
  'report.title': 'Reports',
  'report.lead': 'Computed from the data on this device; works offline.',
  'report.quarter': 'Quarter',
  'report.quarter.option': 'Q{quarter} FY{year}',
  'report.quarter.name': 'Quarter {quarter}, fiscal year {year} ({from} – {to})',
  'report.printedOn': 'Printed {date}',
  'report.print': 'Print',
  'report.csv': 'Download CSV',
  'report.xlsx': 'Download Excel',
  'report.sheet.assistance': 'Assistance',
  'report.sheet.cases': 'Cases',
  'report.sheet.adl': 'ADL groups',
  'report.sheet.eligibility': 'Eligible not receiving',
  'report.eligibilityLink': 'Eligible people not receiving an allowance',
  'report.loading': 'Counting…',
  'report.village': 'Village',
  'report.villageName': 'Moo {mooNo} {name}',
  'report.category': 'Category',
  'report.total': 'Total',
  'report.grandTotal': 'Grand total',

  'report.assistance.title': 'Assistance delivered in the quarter',
  'report.assistance.entries': 'Entries',
  'report.assistance.amount': 'Amount',
  'report.assistance.beneficiaries': 'Beneficiaries',
  'report.assistance.villageTotal': 'Total {village}',
  'report.assistance.empty': 'No assistance delivered in this quarter.',

  'report.cases.title': 'Cases by category and status',
  'report.cases.onlyQuarter': 'Only cases received in this quarter',
  'report.cases.empty': 'No cases.',

  'report.adl.title': 'People by ADL dependency group',
  'report.adl.note':
    'Current household members; "not assessed" counts elderly and disabled people without an assessment.',
  'report.adl.notAssessed': 'Not assessed',

  'report.csv.amount': 'Amount (THB)',

  'eligibility.title': 'Eligible, not receiving an allowance',
  'eligibility.lead':
    'People eligible for the elderly or disability allowance who neither receive it, nor are enrolled, nor have a case open for it.',
  'eligibility.village': 'Village',
  'eligibility.allVillages': 'All villages',
  'eligibility.name': 'Name',
  'eligibility.age': 'Age',
  'eligibility.ageYears': '{age} years',
  'eligibility.program': 'Allowance',
  'eligibility.amount': 'Per month',
  'eligibility.open': 'Open a case',
  'eligibility.count': '{count} entries',
  'eligibility.empty': 'Nobody eligible is missing an allowance.',
} as const;
