import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import type { ComponentChildren } from 'preact';
import { LocationProvider } from 'preact-iso';
import { expect } from 'vitest';
import { db } from '../../../../../src/client/db/database';
import { createHouseholdChanges } from '../../../../../src/client/features/households/householdRecords';
import { getHousehold } from '../../../../../src/client/records/people';
import { saveChanges } from '../../../../../src/client/sync/deviceSync';
import { uuidv7 } from '../../../../../src/shared/ids';
import type { HouseholdFields } from '../../../../../src/shared/model/household';
import type { PersonFields } from '../../../../../src/shared/model/person';
import { bangkokDate } from '../../../../../src/shared/rules/thaiDate';
import { SURVEYOR, VILLAGES } from '../../helpers';

export const VILLAGE = VILLAGES[0] as (typeof VILLAGES)[number];

export function renderPage(page: ComponentChildren) {
  return render(<LocationProvider>{page}</LocationProvider>);
}

export function household(fields: Partial<HouseholdFields> = {}): HouseholdFields {
  return {
    houseNo: '12/3',
    mooNo: VILLAGE.mooNo,
    surveyDate: bangkokDate(),
    surveyorId: SURVEYOR.id,
    privacyNoticeGiven: true,
    ...fields,
  };
}

export function member(fields: Partial<PersonFields> = {}): PersonFields {
  return {
    householdId: '',
    firstName: 'สมศรี',
    lastName: 'ใจดี',
    memberStatus: 'active',
    ...fields,
  };
}

/** Saves a household and its members the way the app does; returns their ids. */
export async function seedHousehold(
  fields: Partial<HouseholdFields> = {},
  members: Partial<PersonFields>[] = [member()],
): Promise<{ householdId: string; personIds: string[] }> {
  const changes = createHouseholdChanges(
    VILLAGE.id,
    household(fields),
    members.map((m) => ({ id: uuidv7(), fields: member(m) })),
  );
  await saveChanges(changes);
  const [first, ...people] = changes;
  return { householdId: first?.id ?? '', personIds: people.map((c) => c.id ?? '') };
}

export async function outbox() {
  return db().outbox.orderBy('n').toArray();
}

export async function waitForHousehold(id: string) {
  await waitFor(async () => expect(await getHousehold(db(), id)).not.toBeNull());
}

export function type(testId: string, value: string): void {
  fireEvent.input(screen.getByTestId(testId), { target: { value } });
}

export function choose(testId: string, value: string): void {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

export function tick(testId: string): void {
  fireEvent.click(screen.getByTestId(testId));
}

/** The message shown under a control (by its id), or null. */
export function messageOf(id: string): string | null {
  return document.getElementById(`${id}-error`)?.textContent ?? null;
}

/** Waits until the form has loaded (its save button is there). */
export async function formReady(prefix: 'household' | 'person'): Promise<void> {
  await screen.findByTestId(`${prefix}-save`);
}

export function pathname(): string {
  return window.location.pathname;
}
