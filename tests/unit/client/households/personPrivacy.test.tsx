// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../../src/client/db/database';
import { CasePage } from '../../../../src/client/features/cases/CasePage';
import PersonFormPage from '../../../../src/client/features/households/forms/PersonFormPage';
import { PersonPage } from '../../../../src/client/features/households/PersonPage';
import { PeopleSearchPage } from '../../../../src/client/features/search/PeopleSearchPage';
import { setDeviceEventSink } from '../../../../src/client/privacy/deviceEvents';
import { saveChanges } from '../../../../src/client/sync/deviceSync';
import type { DeviceEvent } from '../../../../src/shared/api/deviceEvents';
import { PRIVACY_NOTICE_VERSION } from '../../../../src/shared/model/person';
import { seedCase, signedInAs, WELFARE } from '../cases/fixtures';
import { SURVEYOR } from '../helpers';
import { supervisorDevice } from '../reports/fixtures';
import {
  lastQueued,
  member,
  type Seeded,
  seedHousehold,
  signedInDevice,
  signOutDevice,
  VILLAGE_1,
} from './fixtures';
import { choose, formReady, outbox, pathname, renderPage, tick, type } from './forms/formTestKit';

const STORED_ID = '1234567890121'; // member() in ./fixtures
const FULL_ID = '1-2345-67890-12-1';
const MASKED_ID = '1-xxxx-xxxxx-xx-1';
const OTHER_USER = '01930000-0000-7000-8000-0000000000c7';

let events: DeviceEvent[];
let home: Seeded;
let personId: string;

async function seedPerson(fields = {}): Promise<void> {
  home = await seedHousehold(VILLAGE_1, '12/3', [member({ firstName: 'บุญมา', ...fields })]);
  personId = home.memberIds[0] as string;
}

function viewsOf(id: string): DeviceEvent[] {
  return events.filter((event) => event.kind === 'person.view' && event.recordId === id);
}

/** Lets the effects of the last render run (Preact runs them after the frame). */
function effectsRun(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 50));
}

async function openPerson(): Promise<HTMLElement> {
  render(<PersonPage personId={personId} />);
  return screen.findByTestId('person-page');
}

async function openForm(): Promise<void> {
  renderPage(<PersonFormPage personId={personId} />);
  await formReady('person');
}

async function saveForm(): Promise<void> {
  tick('person-save');
  await waitFor(() => expect(pathname()).toBe(`/households/${home.householdId}`));
}

/** Signs the device in with `start`, then captures the device events it would queue. */
async function signIn(start: () => Promise<void>): Promise<void> {
  await start();
  events = [];
  setDeviceEventSink(async (event) => {
    events.push(event);
  });
}

afterEach(() => {
  cleanup();
  signOutDevice();
  setDeviceEventSink(null);
});

describe('privacy notice and consent in the person form', () => {
  beforeEach(() => signIn(signedInDevice));

  it('records the notice version, time and user, and the consent with its time', async () => {
    await seedPerson();
    await openForm();
    const before = Date.now();
    tick('person-privacyNotice');
    choose('person-sensitiveDataConsent', 'given');
    await saveForm();

    const saved = await lastQueued();
    expect(saved).toMatchObject({ op: 'patch', type: 'person', id: personId });
    const patch = saved?.patch ?? {};
    expect(Object.keys(patch).sort()).toEqual([
      'privacyNoticeAt',
      'privacyNoticeBy',
      'privacyNoticeVersion',
      'sensitiveDataConsent',
      'sensitiveDataConsentAt',
    ]);
    expect(patch).toMatchObject({
      privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
      privacyNoticeBy: SURVEYOR.id,
      sensitiveDataConsent: 'given',
    });
    for (const at of [patch.privacyNoticeAt, patch.sensitiveDataConsentAt]) {
      const time = Date.parse(String(at));
      expect(time).toBeGreaterThanOrEqual(before - 1000);
      expect(time).toBeLessThanOrEqual(Date.now());
    }
  });

  it('shows a notice already given instead of asking again, and dates only a new answer', async () => {
    await seedPerson({
      privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
      privacyNoticeAt: '2025-11-03T03:15:00.000Z',
      privacyNoticeBy: SURVEYOR.id,
      sensitiveDataConsent: 'given',
      sensitiveDataConsentAt: '2025-11-03T03:16:00.000Z',
    });
    const before = (await outbox()).length;
    await openForm();
    expect(screen.queryByTestId('person-privacyNotice')).toBeNull();
    expect(screen.getByTestId('person-privacyNotice-given').textContent).toContain(
      `ฉบับ ${PRIVACY_NOTICE_VERSION} · 3 พ.ย. 2568 10:15 · โดย ${SURVEYOR.name}`,
    );
    // Withdrawing is offered once consent was given; choosing it and back changes nothing.
    choose('person-sensitiveDataConsent', 'withdrawn');
    choose('person-sensitiveDataConsent', 'given');
    type('person-firstName', 'บุญมาก');
    await saveForm();
    expect(await outbox()).toHaveLength(before + 1);
    expect(Object.keys((await lastQueued())?.patch ?? {})).toEqual(['firstName']);
  });

  it('offers no withdrawal of a consent never given, and a new member saves the notice', async () => {
    home = await seedHousehold(VILLAGE_1, '5', []);
    renderPage(<PersonFormPage householdId={home.householdId} />);
    await formReady('person');
    const options = [
      ...(screen.getByTestId('person-sensitiveDataConsent') as HTMLSelectElement).options,
    ];
    expect(options.map((option) => option.value)).toEqual(['', 'given', 'refused']);
    type('person-firstName', 'ทองดี');
    type('person-lastName', 'มีสุข');
    tick('person-privacyNotice');
    tick('person-privacyNotice'); // unticked: nothing recorded
    choose('person-sensitiveDataConsent', 'refused');
    await saveForm();
    const created = await lastQueued();
    expect(created?.op).toBe('create');
    expect(created?.patch).toMatchObject({ sensitiveDataConsent: 'refused' });
    expect(created?.patch).not.toHaveProperty('privacyNoticeVersion');
    expect(created?.patch).not.toHaveProperty('privacyNoticeBy');
  });
});

describe('privacy on the person page', () => {
  it('shows the notice with the name of the user who gave it, or their id when unknown', async () => {
    await signIn(signedInDevice);
    await seedPerson({
      privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
      privacyNoticeAt: '2025-11-03T03:15:00.000Z',
      privacyNoticeBy: SURVEYOR.id,
      sensitiveDataConsent: 'refused',
      sensitiveDataConsentAt: '2025-11-03T03:16:00.000Z',
    });
    await openPerson();
    expect(screen.getByTestId('person-privacy-notice').textContent).toBe(
      `ฉบับ ${PRIVACY_NOTICE_VERSION} · 3 พ.ย. 2568 10:15 · โดย ${SURVEYOR.name}`,
    );
    expect(screen.getByTestId('person-privacy-consent').textContent).toBe(
      'ไม่ยินยอม · 3 พ.ย. 2568 10:16',
    );

    await saveChanges([
      {
        op: 'patch',
        type: 'person',
        id: personId,
        villageId: VILLAGE_1,
        patch: { privacyNoticeBy: OTHER_USER },
      },
    ]);
    await waitFor(() =>
      expect(screen.getByTestId('person-privacy-notice').textContent).toContain(OTHER_USER),
    );
  });

  it('says when nothing was given or asked yet', async () => {
    await signIn(signedInDevice);
    await seedPerson();
    await openPerson();
    expect(screen.getByTestId('person-privacy-notice').textContent).toBe('ยังไม่ได้แจ้ง');
    expect(screen.getByTestId('person-privacy-consent').textContent).toBe('ยังไม่ได้ถาม');
  });
});

describe('national ID by role', () => {
  it('is masked for a surveyor until "แสดง", and the reveal is logged once per opening', async () => {
    await signIn(signedInDevice);
    await seedPerson();
    await openPerson();
    await waitFor(() => expect(viewsOf(personId)).toHaveLength(1));
    expect(screen.getByTestId('person-national-id').textContent).toBe(MASKED_ID);

    tick('person-national-id-reveal');
    expect(screen.getByTestId('person-national-id').textContent).toBe(FULL_ID);
    tick('person-national-id-reveal');
    expect(screen.getByTestId('person-national-id').textContent).toBe(MASKED_ID);
    tick('person-national-id-reveal');
    await waitFor(() => expect(viewsOf(personId)).toHaveLength(2));
    expect(viewsOf(personId)[1]).toMatchObject({ villageId: VILLAGE_1, recordId: personId });
  });

  it('is only masked for a supervisor: no button', async () => {
    await signIn(supervisorDevice);
    await seedPerson();
    await openPerson();
    expect(screen.getByTestId('person-national-id').textContent).toBe(MASKED_ID);
    expect(screen.queryByTestId('person-national-id-reveal')).toBeNull();
  });

  it('is read-only and masked in a supervisor’s form, and never in the saved patch', async () => {
    await signIn(supervisorDevice);
    await seedPerson();
    await openForm();
    const field = screen.getByTestId('person-nationalId') as HTMLInputElement;
    expect(field.value).toBe(MASKED_ID);
    expect(field.disabled).toBe(true);
    type('person-firstName', 'บุญมี');
    // Not even the form's draft holds the whole number.
    await waitFor(async () => expect(await db().drafts.count()).toBe(1));
    expect(JSON.stringify(await db().drafts.toArray())).not.toContain(STORED_ID);
    await saveForm();
    const saved = await lastQueued();
    expect(saved?.patch).toEqual({ firstName: 'บุญมี' });
  });

  it('cannot be typed by a supervisor adding a member', async () => {
    await signIn(supervisorDevice);
    home = await seedHousehold(VILLAGE_1, '5', []);
    renderPage(<PersonFormPage householdId={home.householdId} />);
    await formReady('person');
    expect((screen.getByTestId('person-nationalId') as HTMLInputElement).disabled).toBe(true);
    type('person-nationalId', '1101700203140');
    type('person-firstName', 'ทองดี');
    type('person-lastName', 'มีสุข');
    await saveForm();
    expect((await lastQueued())?.patch).not.toHaveProperty('nationalId');
  });

  it('is masked in search results, for a surveyor too', async () => {
    await signIn(signedInDevice);
    await seedPerson();
    render(<PeopleSearchPage />);
    const input = await screen.findByTestId('people-search-input');
    fireEvent.input(input, { target: { value: 'บุญมา' } });
    const shown = await screen.findByTestId('search-national-id');
    expect(shown.textContent).toBe(MASKED_ID);
    expect(document.body.textContent).not.toContain(FULL_ID);
  });
});

describe('audited views', () => {
  it('logs one view per opening of the person page, not per render or change', async () => {
    await signIn(signedInDevice);
    await seedPerson();
    const first = render(<PersonPage personId={personId} />);
    await screen.findByTestId('person-page');
    await waitFor(() => expect(viewsOf(personId)).toHaveLength(1));

    // A change to the record re-renders the open page: still one view.
    await saveChanges([
      {
        op: 'patch',
        type: 'person',
        id: personId,
        villageId: VILLAGE_1,
        patch: { firstName: 'บุญมาก' },
      },
    ]);
    await waitFor(() =>
      expect(screen.getByTestId('person-page').querySelector('h1')?.textContent).toContain('บุญมาก'),
    );
    await effectsRun();
    expect(viewsOf(personId)).toHaveLength(1);

    first.unmount();
    await openPerson();
    await waitFor(() => expect(viewsOf(personId)).toHaveLength(2));
    expect(events.every((event) => event.kind === 'person.view')).toBe(true);
  });

  it('logs a view when the edit form opens with the person’s answers', async () => {
    await signIn(signedInDevice);
    await seedPerson();
    await openForm();
    await waitFor(() => expect(viewsOf(personId)).toHaveLength(1));
    type('person-firstName', 'บุญมาก');
    await effectsRun();
    expect(viewsOf(personId)).toHaveLength(1);
  });

  it('logs a view of the beneficiary when a case page opens', async () => {
    await signIn(() => signedInAs(WELFARE));
    await seedPerson();
    const welfareCase = await seedCase(VILLAGE_1, {
      personId,
      householdId: home.householdId,
      description: 'ติดเตียง ต้องการผ้าอ้อม',
    });
    render(<CasePage caseId={welfareCase.id} />);
    await screen.findByTestId('case-page');
    await waitFor(() => expect(viewsOf(personId)).toHaveLength(1));
    expect(viewsOf(personId)[0]?.villageId).toBe(VILLAGE_1);
  });
});
