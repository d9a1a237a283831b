import { auditTh } from '../features/admin/auditMessages.th';
import { backupsTh } from '../features/admin/backupMessages.th';
import { adminTh } from '../features/admin/messages.th';
import { privacyTh } from '../features/admin/privacyMessages.th';
import { caseFormsTh } from '../features/cases/forms/messages.th';
import { casesTh } from '../features/cases/messages.th';
import { surveyTh } from '../features/households/forms/messages.th';
import { importTh } from '../features/import/messages.th';
import { mapTh } from '../features/map/messages.th';
import { reportsTh } from '../features/reports/messages.th';

/** The Thai messages of the screens behind the home screen, loaded with the first of them. */
export const thScreens = {
  ...adminTh,
  ...auditTh,
  ...backupsTh,
  ...caseFormsTh,
  ...casesTh,
  ...importTh,
  ...mapTh,
  ...privacyTh,
  ...reportsTh,
  ...surveyTh,
} as const;
