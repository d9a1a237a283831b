import { auditTh } from './audit.th';
import { caseFormsTh } from './caseForms.th';
import { casesTh } from './cases.th';
import { privacyTh } from './privacy.th';
import { reportsTh } from './reports.th';
import { surveyTh } from './survey.th';

/** The Thai messages of the screens behind the home screen, loaded with the first of them. */
export const thScreens = {
  ...auditTh,
  ...caseFormsTh,
  ...casesTh,
  ...privacyTh,
  ...reportsTh,
  ...surveyTh,
} as const;
