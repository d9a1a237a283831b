import { adminNoticesTh } from '../features/admin/noticeMessages.th';
import { householdsTh } from '../features/households/messages.th';
import { settingsTh } from '../features/settings/messages.th';
import { coreTh } from '../ui/i18n/core.th';
import { securityTh } from './securityMessages.th';
import { shellTh } from './shellMessages.th';

/**
 * The Thai messages of the first load: the shell, sign-in, lock, the kit, and the households,
 * admin notices and settings words that the menu, the home screen and those screens use. The screens' own messages
 * (`screenMessages.th.ts`) load with the first screen that needs them, to keep the first load
 * small.
 */
export const thFirstLoad = {
  ...shellTh,
  ...householdsTh,
  ...adminNoticesTh,
  ...settingsTh,
  ...securityTh,
  ...coreTh,
} as const;
