import { computed } from '@preact/signals';
import { canReadAdmin, canWriteAdmin, seesSensitiveValues } from '../../shared/model/roles';
import type { SessionUser } from '../../shared/model/user';
import { currentUser } from './state';

type SignedIn = SessionUser | null;

/** Supervisors and admins read the admin screens. */
export function readsAdmin(user: SignedIn): boolean {
  return user !== null && canReadAdmin(user.role);
}

/** Welfare officers and supervisors run cases, follow-ups and the office lists. */
export function worksCases(user: SignedIn): boolean {
  return user?.role === 'welfare' || user?.role === 'supervisor';
}

/** Only admins change users, villages and devices; supervisors read them. */
export function administers(user: SignedIn): boolean {
  return user !== null && canWriteAdmin(user.role);
}

export const mayReadAdmin = computed(() => readsAdmin(currentUser.value));
export const mayWorkCases = computed(() => worksCases(currentUser.value));
export const isAdmin = computed(() => administers(currentUser.value));

/**
 * Whether this device receives health and disability answers: admins' devices never do
 * (shared/model/masking.ts), so flags worked out from them would be wrong, not zero.
 */
export const receivesSensitiveValues = computed(
  () => currentUser.value !== null && seesSensitiveValues(currentUser.value.role),
);
