import type { welfareTh } from './welfare.th';

/** English names of the welfare model's values: the same keys as `welfare.th.ts`. */
export const welfareEn: { readonly [K in keyof typeof welfareTh]: string } = {
  'nav.work': 'My work',
  'nav.cases': 'Cases',
  'nav.reports': 'Reports',
  'nav.eligibility': 'Eligible',

  'case.category.elderly-care': 'Elderly care',
  'case.category.disability-care': 'Disability care',
  'case.category.health-care': 'Health care',
  'case.category.housing-repair': 'Housing repair',
  'case.category.disaster-relief': 'Disaster relief',
  'case.category.human-disease-outbreak': 'Human disease outbreak',
  'case.category.animal-disease-outbreak': 'Animal disease outbreak',
  'case.category.road': 'Road',
  'case.category.water': 'Water',
  'case.category.waste': 'Waste',
  'case.category.electricity': 'Electricity / lighting',
  'case.category.other': 'Other',

  'case.status.received': 'Received',
  'case.status.assessed': 'Assessed',
  'case.status.approved': 'Approved',
  'case.status.in-progress': 'In progress',
  'case.status.done': 'Done',
  'case.status.rejected': 'Rejected',

  'case.channel.walk-in': 'Walk-in',
  'case.channel.field-visit': 'Field visit',
  'case.channel.phone': 'Phone',
  'case.channel.line': 'LINE',
  'case.channel.letter': 'Letter',

  'case.priority.low': 'Low',
  'case.priority.normal': 'Normal',
  'case.priority.urgent': 'Urgent',

  'program.elderly-allowance': 'Elderly allowance',
  'program.disability-allowance': 'Disability allowance',
  'program.ltc-care': 'Long-term care (LTC)',
  'program.housing-repair': 'Housing repair',
  'program.disaster-relief': 'Disaster relief',
  'program.other': 'Other',

  'enrollment.status.applied': 'Applied',
  'enrollment.status.active': 'Active',
  'enrollment.status.suspended': 'Suspended',
  'enrollment.status.ended': 'Ended',
};
