// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { PersonPage } from '../../../../src/client/features/households/PersonPage';
import {
  member,
  seedHousehold,
  signedInDevice,
  signOutDevice,
  VILLAGE_1,
} from '../households/fixtures';

let personId = '';

beforeEach(async () => {
  await signedInDevice();
  const home = await seedHousehold(VILLAGE_1, '5/1', [
    member({ firstName: 'ไม่รู้', birthDate: undefined, bedridden: undefined, adl: undefined }),
  ]);
  personId = home.memberIds[0] as string;
});

afterEach(() => {
  cleanup();
  signOutDevice();
});

it('shows a yes/no question never answered as unanswered, not as "no"', async () => {
  render(<PersonPage personId={personId} />);
  const page = await screen.findByTestId('person-page');
  const bedridden = page.querySelector('[data-field="bedridden"]');
  expect(bedridden?.textContent).toContain('ยังไม่ได้ตอบ');
  expect(bedridden?.textContent).not.toContain('ไม่ใช่');
  const elderly = [...page.querySelectorAll('dt')].find((dt) => dt.textContent === 'ผู้สูงอายุ');
  expect(elderly?.nextElementSibling?.textContent).toBe('ยังไม่ได้ตอบ');
});
