// @vitest-environment happy-dom
import { cleanup, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../../../src/client/db/database';
import { addDays } from '../../../../../src/client/features/cases/caseRecords';
import VisitFormPage from '../../../../../src/client/features/cases/forms/VisitFormPage';
import { getPerson } from '../../../../../src/client/records/people';
import { draftKey } from '../../../../../src/client/ui/form/useDraft';
import { hasUnsavedInput } from '../../../../../src/client/ui/unsaved';
import { ADL_ITEM_MAX, ADL_ITEMS } from '../../../../../src/shared/rules/adl';
import { bangkokDate } from '../../../../../src/shared/rules/thaiDate';
import { signOutDevice } from '../../households/fixtures';
import {
  choose,
  messageOf,
  pathname,
  seedHousehold,
  tick,
  type,
} from '../../households/forms/formTestKit';
import {
  formReady,
  queued,
  renderAt,
  seedCase,
  WELFARE_OFFICER,
  welfareDevice,
} from './caseFormFixtures';

beforeEach(welfareDevice);

afterEach(async () => {
  cleanup();
  signOutDevice();
  await waitFor(() => expect(hasUnsavedInput.value).toBe(false));
});

const value = (testId: string) => (screen.getByTestId(testId) as HTMLInputElement).value;

async function openVisit(caseId: string) {
  const view = renderAt(`/cases/${caseId}/visits/new`, '/cases/:caseId/visits/new', VisitFormPage);
  await formReady('visit');
  return view;
}

/** The visits and case patches queued after the seeded case and its status change. */
async function queuedAfterSeed() {
  return (await queued()).slice(2);
}

describe('visit form', () => {
  it('opens on today and saves a visit that sets the case due date to the next visit', async () => {
    const caseId = await seedCase();
    await openVisit(caseId);
    expect(screen.getByTestId('visit-form')).toBeTruthy();
    const today = bangkokDate();
    expect(value('visit-dateYear')).toBe(String(Number(today.slice(0, 4)) + 543));

    type('visit-notes', 'ผู้สูงอายุช่วยเหลือตัวเองได้ดี');
    tick('visit-next-14');
    const next = addDays(today, 14);
    expect(value('visit-nextYear')).toBe(String(Number(next.slice(0, 4)) + 543));
    tick('visit-save');

    await waitFor(() => expect(pathname()).toBe(`/cases/${caseId}`));
    const [visit, casePatch, ...rest] = await queuedAfterSeed();
    expect(rest).toHaveLength(0);
    expect(visit).toMatchObject({
      op: 'create',
      type: 'visit',
      patch: {
        caseId,
        visitedOn: today,
        officerId: WELFARE_OFFICER.id,
        notes: 'ผู้สูงอายุช่วยเหลือตัวเองได้ดี',
        nextVisitOn: next,
      },
    });
    expect(casePatch).toMatchObject({
      op: 'patch',
      type: 'case',
      id: caseId,
      patch: { dueDate: next },
    });
    expect((await db().pending.get(caseId))?.fields.dueDate).toBe(next);
  });

  it('needs the visit date, in Thai, and refuses one still to come', async () => {
    const caseId = await seedCase();
    await openVisit(caseId);
    type('visit-dateYear', '');
    expect(messageOf('visit-date')).toBe('กรุณากรอกปี');
    type('visit-dateYear', String(Number(bangkokDate().slice(0, 4)) + 543 + 1));
    expect(messageOf('visit-date')).toContain('ปีนี้ยังมาไม่ถึง');
    tick('visit-save');
    await waitFor(() =>
      expect(screen.getByTestId('visit-save').getAttribute('aria-busy')).toBeNull(),
    );
    expect(await queuedAfterSeed()).toHaveLength(0);
  });

  it('restores a half-filled visit after a remount (draft)', async () => {
    const caseId = await seedCase();
    const { unmount } = await openVisit(caseId);
    type('visit-notes', 'ยังเขียนไม่เสร็จ');
    tick('visit-next-7');
    unmount(); // at once: no time for the debounce
    const key = draftKey(WELFARE_OFFICER.id, `visit:new:${caseId}`);
    await waitFor(async () =>
      expect((await db().drafts.get(key))?.values).toMatchObject({ notes: 'ยังเขียนไม่เสร็จ' }),
    );

    await openVisit(caseId);
    await screen.findByTestId('draft-restored');
    expect(value('visit-notes')).toBe('ยังเขียนไม่เสร็จ');
    const next = addDays(bangkokDate(), 7);
    expect(value('visit-nextDay')).toBe(String(Number(next.slice(8))));
  });

  it("saves an ADL re-assessment on the visit and the person's record, in one transaction", async () => {
    const { householdId, personIds } = await seedHousehold({}, [{ firstName: 'บุญมี' }]);
    const personId = personIds[0] ?? '';
    const caseId = await seedCase({ personId, householdId });
    await openVisit(caseId);

    expect(screen.queryByTestId('person-adl')).toBeNull();
    tick('visit-adl-toggle');
    choose('person-adl-feeding', '1');
    tick('visit-save');
    await waitFor(() => expect(messageOf('person-adl-grooming')).toContain('ครบ 10 ข้อ'));
    for (const item of ADL_ITEMS) choose(`person-adl-${item}`, String(ADL_ITEM_MAX[item]));
    expect(screen.getByTestId('person-adl-score').textContent).toContain('20');
    tick('visit-save');

    await waitFor(() => expect(pathname()).toBe(`/cases/${caseId}`));
    const changes = await queuedAfterSeed();
    const visit = changes.find((m) => m.type === 'visit');
    const personPatch = changes.find((m) => m.type === 'person');
    expect(visit?.patch.adl).toEqual(ADL_ITEM_MAX);
    expect(visit?.patch.personId).toBe(personId);
    expect(personPatch).toMatchObject({ op: 'patch', id: personId, patch: { adl: ADL_ITEM_MAX } });
    expect(personPatch?.txId).toBe(visit?.txId);
    expect((await getPerson(db(), personId))?.fields.adl).toEqual(ADL_ITEM_MAX);
  });
});
