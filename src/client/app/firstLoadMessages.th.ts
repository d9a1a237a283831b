import { householdsTh } from '../features/households/messages.th';
import { coreTh } from '../ui/i18n/core.th';
import { securityTh } from './securityMessages.th';

/**
 * The Thai messages of the first load: the shell, sign-in, lock, home and the words of
 * households and welfare that the menu and home screen use. The screens' own messages
 * (`screenMessages.th.ts`) load with the first screen that needs them, to keep the first load
 * small.
 */
export const thFirstLoad = {
  ...householdsTh,
  ...securityTh,
  ...coreTh,
} as const;
