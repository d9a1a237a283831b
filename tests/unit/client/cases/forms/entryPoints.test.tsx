// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { HouseholdPage } from '../../../../../src/client/features/households/HouseholdPage';
import { PersonPage } from '../../../../../src/client/features/households/PersonPage';
import { session } from '../../../../../src/client/session/state';
import { signOutDevice } from '../../households/fixtures';
import { seedHousehold } from '../../households/forms/formTestKit';
import { welfareDevice } from './caseFormFixtures';

afterEach(() => {
  cleanup();
  signOutDevice();
});

describe('opening a case from the registry', () => {
  it('links a person and a household to a new case for a role that may open one', async () => {
    await welfareDevice();
    const { householdId, personIds } = await seedHousehold();
    render(<PersonPage personId={personIds[0] ?? ''} />);
    const fromPerson = await screen.findByTestId('person-open-case');
    expect(fromPerson.getAttribute('href')).toBe(`/cases/new?personId=${personIds[0]}`);
    cleanup();
    render(<HouseholdPage householdId={householdId} />);
    const fromHousehold = await screen.findByTestId('household-open-case');
    expect(fromHousehold.getAttribute('href')).toBe(`/cases/new?householdId=${householdId}`);
  });

  it('offers no case to a role that may not open one', async () => {
    await welfareDevice();
    const { householdId } = await seedHousehold();
    const user = session.value?.user;
    if (!session.value || !user) throw new Error('no session');
    session.value = { ...session.value, user: { ...user, role: 'admin' } };
    render(<HouseholdPage householdId={householdId} />);
    await screen.findByTestId('household-edit');
    expect(screen.queryByTestId('household-open-case')).toBeNull();
  });
});
