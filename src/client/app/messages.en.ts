import { auditEn } from '../features/admin/auditMessages.en';
import { backupsEn } from '../features/admin/backupMessages.en';
import { adminEn } from '../features/admin/messages.en';
import { adminNoticesEn } from '../features/admin/noticeMessages.en';
import { privacyEn } from '../features/admin/privacyMessages.en';
import { caseFormsEn } from '../features/cases/forms/messages.en';
import { casesEn } from '../features/cases/messages.en';
import { surveyEn } from '../features/households/forms/messages.en';
import { householdsEn } from '../features/households/messages.en';
import { importEn } from '../features/import/messages.en';
import { mapEn } from '../features/map/messages.en';
import { reportsEn } from '../features/reports/messages.en';
import { settingsEn } from '../features/settings/messages.en';
import { coreEn } from '../ui/i18n/core.en';
import type { Dictionary } from '../ui/i18n/dictionary';
import { securityEn } from './securityMessages.en';
import { shellEn } from './shellMessages.en';

/** English: the same keys as `messages.th.ts` (a missing or extra key is a type error). */
export const en: Dictionary = {
  ...surveyEn,
  ...householdsEn,
  ...casesEn,
  ...caseFormsEn,
  ...reportsEn,
  ...importEn,
  ...mapEn,
  ...privacyEn,
  ...securityEn,
  ...auditEn,
  ...backupsEn,
  ...shellEn,
  ...adminEn,
  ...adminNoticesEn,
  ...settingsEn,
  ...coreEn,
};
