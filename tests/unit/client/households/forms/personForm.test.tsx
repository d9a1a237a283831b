// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../../../src/client/db/database';
import PersonFormPage from '../../../../../src/client/features/households/forms/PersonFormPage';
import { peopleIndex } from '../../../../../src/client/features/search/usePeopleIndex';
import { draftKey } from '../../../../../src/client/ui/form/useDraft';
import { hasUnsavedInput } from '../../../../../src/client/ui/unsaved';
import { nationalIdCheckDigit } from '../../../../../src/shared/rules/nationalId';
import { bangkokDate } from '../../../../../src/shared/rules/thaiDate';
import { SURVEYOR } from '../../helpers';
import { lastQueued, signedInDevice, signOutDevice } from '../fixtures';
import {
  choose,
  formReady,
  messageOf,
  outbox,
  pathname,
  renderPage,
  seedHousehold,
  tick,
  type,
} from './formTestKit';

const VALID_ID = '1101700203140'; // docs/domain.md §1 worked example
const thisYearBE = () => Number(bangkokDate().slice(0, 4)) + 543;
const value = (testId: string) => (screen.getByTestId(testId) as HTMLInputElement).value;

beforeEach(signedInDevice);

afterEach(async () => {
  cleanup();
  signOutDevice();
  await waitFor(() => expect(hasUnsavedInput.value).toBe(false));
});

async function newMemberForm() {
  const { householdId } = await seedHousehold();
  const view = renderPage(<PersonFormPage householdId={householdId} />);
  await formReady('person');
  return { householdId, ...view };
}

describe('national ID', () => {
  it('tells a missing digit from a wrong check digit, in Thai', async () => {
    await newMemberForm();
    type('person-nationalId', '1-1017-00203');
    expect(messageOf('person-nationalId')).toBe('เลขประจำตัวประชาชนต้องมี 13 หลัก');
    type('person-nationalId', '1-1017-00203-14-5');
    expect(messageOf('person-nationalId')).toBe('เลขประจำตัวประชาชนไม่ถูกต้อง (ตรวจสอบหลักสุดท้าย)');
    type('person-nationalId', '๑-๑๐๑๗-๐๐๒๐๓-๑๔-๐');
    expect(messageOf('person-nationalId')).toBeNull();
    expect(screen.queryByTestId('national-id-non-thai')).toBeNull();
  });

  it('accepts an ID starting with 0 with a warning: no Thai allowance', async () => {
    await newMemberForm();
    const first12 = '012345678901';
    type('person-nationalId', `${first12}${nationalIdCheckDigit(first12)}`);
    expect(messageOf('person-nationalId')).toBeNull();
    expect(screen.getByTestId('national-id-non-thai').textContent).toContain('ไม่มีสัญชาติไทย');
  });

  it('warns when someone else on the device has the ID, with a link to their household', async () => {
    const other = await seedHousehold({ houseNo: '45' }, [{ nationalId: VALID_ID }]);
    const { householdId } = await seedHousehold({ houseNo: '7' }, []);
    renderPage(<PersonFormPage householdId={householdId} />);
    await formReady('person');
    await waitFor(() => expect(peopleIndex.value?.size).toBe(1));

    type('person-nationalId', '1-1017-00203-14-0');
    const warning = await screen.findByTestId('national-id-duplicate');
    expect(warning.textContent).toContain('เลขนี้ซ้ำกับ สมศรี ใจดี (บ้านเลขที่ 45 หมู่ที่ 1)');
    expect(warning.querySelector('a')?.getAttribute('href')).toBe(
      `/households/${other.householdId}`,
    );
    // A warning, not an error: the member can still be saved.
    type('person-firstName', 'สมศรี');
    type('person-lastName', 'ใจดี');
    tick('person-save');
    await waitFor(() => expect(pathname()).toBe(`/households/${householdId}`));
  });

  it('does not count the person being edited as a duplicate', async () => {
    const { personIds } = await seedHousehold({}, [{ nationalId: VALID_ID }]);
    renderPage(<PersonFormPage personId={personIds[0]} />);
    await formReady('person');
    await waitFor(() => expect(peopleIndex.value?.size).toBe(1));
    expect(value('person-nationalId')).toBe(VALID_ID);
    type('person-nationalId', `${VALID_ID} `);
    expect(messageOf('person-nationalId')).toBeNull();
    expect(screen.queryByTestId('national-id-duplicate')).toBeNull();
  });
});

describe('birth date', () => {
  it('reads 2525 as พ.ศ.: shows ค.ศ. 1982 and stores 1982-01-01 with year precision', async () => {
    const { householdId } = await newMemberForm();
    type('person-firstName', 'ทองดี');
    type('person-lastName', 'มีสุข');
    type('person-birthYear', '2525');
    expect(screen.getByTestId('person-birthYear-converted').textContent).toBe('ตรงกับ ค.ศ. 1982');
    expect(screen.getByTestId('person-derived-age').textContent).toMatch(/^อายุ \d+ ปี/);
    choose('person-relationToHead', 'child');

    tick('person-save');
    await waitFor(() => expect(pathname()).toBe(`/households/${householdId}`));
    const created = await lastQueued();
    expect(created).toMatchObject({ op: 'create', type: 'person' });
    expect(created?.patch).toMatchObject({
      householdId,
      firstName: 'ทองดี',
      lastName: 'มีสุข',
      birthDate: '1982-01-01',
      birthDatePrecision: 'year',
      relationToHead: 'child',
      residesActually: true,
    });
  });

  it('refuses implausible years and half dates, in Thai', async () => {
    await newMemberForm();
    type('person-birthYear', String(thisYearBE() + 90));
    expect(messageOf('person-birthDate')).toBe(
      'ปีนี้ยังมาไม่ถึง ตรวจสอบว่ากรอกเป็น พ.ศ. ถูกต้อง (เช่น 2568 ไม่ใช่ 2658)',
    );
    type('person-birthYear', '2442');
    expect(messageOf('person-birthDate')).toBe('ปีเก่าเกินไป ต้องไม่ก่อน พ.ศ. 2443 (ค.ศ. 1900)');
    type('person-birthYear', '2025');
    expect(screen.getByTestId('person-birthYear-converted').textContent).toBe(
      'อ่านเป็น ค.ศ. ตรงกับ พ.ศ. 2568',
    );
    expect(messageOf('person-birthDate')).toBeNull();
    type('person-birthYear', '2525');
    type('person-birthDay', '31');
    expect(messageOf('person-birthDate')).toBe('กรุณาเลือกเดือน');
    choose('person-birthMonth', '2');
    expect(messageOf('person-birthDate')).toBe('ไม่มีวันที่นี้ในเดือนที่เลือก');
    type('person-birthDay', '28');
    expect(messageOf('person-birthDate')).toBeNull();
  });
});

describe('ADL', () => {
  it('shows the score and dependency group live, and needs all 10 items once started', async () => {
    await newMemberForm();
    type('person-firstName', 'ทองพูน');
    type('person-lastName', 'ทดสอบ');
    choose('person-adl-feeding', '0');
    choose('person-adl-transfer', '1');
    expect(screen.getByTestId('person-adl-score').textContent).toBe('ประเมินแล้ว 2 จาก 10 ข้อ');
    tick('person-save');
    await waitFor(() =>
      expect(messageOf('person-adl-grooming')).toBe(
        'กรุณาเลือกคะแนนข้อนี้ (ประเมิน ADL ต้องตอบครบ 10 ข้อ)',
      ),
    );
    expect(messageOf('person-adl-feeding')).toBeNull();

    const scores = { grooming: 0, toilet: 0, mobility: 1, dressing: 0, stairs: 0, bathing: 0 };
    for (const [item, score] of Object.entries(scores)) choose(`person-adl-${item}`, String(score));
    choose('person-adl-bowels', '1');
    choose('person-adl-bladder', '0');
    expect(screen.getByTestId('person-adl-score').textContent).toBe('คะแนน ADL 3/20 · ติดเตียง');
    choose('person-adl-mobility', '3');
    choose('person-adl-feeding', '2');
    choose('person-adl-bladder', '2');
    expect(screen.getByTestId('person-adl-score').textContent).toBe('คะแนน ADL 9/20 · ติดบ้าน');

    tick('person-save');
    await waitFor(async () => expect((await lastQueued())?.type).toBe('person'));
    expect((await lastQueued())?.patch.adl).toEqual({
      feeding: 2,
      grooming: 0,
      transfer: 1,
      toilet: 0,
      mobility: 3,
      dressing: 0,
      stairs: 0,
      bathing: 0,
      bowels: 1,
      bladder: 2,
    });
  });

  it('may be left empty, and cleared once started', async () => {
    await newMemberForm();
    choose('person-adl-feeding', '1');
    tick('person-adl-clear');
    expect(screen.getByTestId('person-adl-score').textContent).toBe('ประเมินแล้ว 0 จาก 10 ข้อ');
    type('person-firstName', 'ก');
    type('person-lastName', 'ข');
    tick('person-save');
    await waitFor(async () => expect((await lastQueued())?.type).toBe('person'));
    expect((await lastQueued())?.patch).not.toHaveProperty('adl');
  });
});

describe('what is derived', () => {
  it('shows age, elderly band and the allowance the person is eligible for', async () => {
    await newMemberForm();
    type('person-birthYear', String(thisYearBE() - 75));
    expect(screen.getByTestId('person-derived-age').textContent).toBe('อายุ 75 ปี · ผู้สูงอายุ 70+ ปี');
    const welfare = screen.getByTestId('person-derived-welfare').textContent;
    expect(welfare).toContain('มีสิทธิ์เบี้ยยังชีพผู้สูงอายุ 700 บาท/เดือน');
    expect(welfare).toContain('มีสิทธิ์แต่ยังไม่ได้รับเบี้ย');
    tick('person-receivesElderlyAllowance');
    expect(screen.getByTestId('person-derived-welfare').textContent).not.toContain('ยังไม่ได้รับเบี้ย');
  });
});

describe('draft', () => {
  it('is written shortly after typing, restored after a remount, and discarded on request', async () => {
    const { householdId, unmount } = await newMemberForm();
    const key = draftKey(SURVEYOR.id, `person:new:${householdId}`);
    type('person-firstName', 'ร่างค้างไว้');
    type('person-birthYear', '2525');
    tick('person-disease-diabetes');
    await waitFor(async () =>
      expect((await db().drafts.get(key))?.values).toMatchObject({ firstName: 'ร่างค้างไว้' }),
    );
    unmount();

    renderPage(<PersonFormPage householdId={householdId} />);
    expect((await screen.findByTestId('draft-restored')).textContent).toContain(
      'กู้คืนแบบฟอร์มที่ยังไม่ได้บันทึก',
    );
    expect(value('person-firstName')).toBe('ร่างค้างไว้');
    expect(value('person-birthYear')).toBe('2525');
    expect((screen.getByTestId('person-disease-diabetes') as HTMLInputElement).checked).toBe(true);
    await waitFor(() => expect(hasUnsavedInput.value).toBe(true));

    tick('draft-discard');
    await waitFor(() => expect(value('person-firstName')).toBe(''));
    expect(screen.queryByTestId('draft-restored')).toBeNull();
    await waitFor(async () => expect(await db().drafts.get(key)).toBeUndefined());
  });

  it('is kept when the form goes before the delay ends (leaving the page), then deleted by a save', async () => {
    const { householdId, unmount } = await newMemberForm();
    type('person-firstName', 'สมใจ');
    type('person-lastName', 'รักดี');
    unmount(); // at once: no time for the debounce

    renderPage(<PersonFormPage householdId={householdId} />);
    await screen.findByTestId('draft-restored');
    expect(value('person-lastName')).toBe('รักดี');
    tick('person-save');
    await waitFor(() => expect(pathname()).toBe(`/households/${householdId}`));
    expect(await db().drafts.count()).toBe(0);
  });

  it('belongs to its user: another user of the device does not get it', async () => {
    const { householdId, unmount } = await newMemberForm();
    type('person-firstName', 'ของคนแรก');
    unmount();
    await waitFor(async () => expect(await db().drafts.count()).toBe(1));

    const { session } = await import('../../../../../src/client/session/state');
    const current = session.value;
    if (!current) throw new Error('signed out');
    session.value = {
      ...current,
      user: { ...current.user, id: '01930000-0000-7000-8000-0000000000b2' },
    };
    renderPage(<PersonFormPage householdId={householdId} />);
    await formReady('person');
    expect(value('person-firstName')).toBe('');
    expect(screen.queryByTestId('draft-restored')).toBeNull();
  });
});

describe('editing a member', () => {
  it('patches only what changed and keeps unanswered questions unanswered', async () => {
    const { householdId, personIds } = await seedHousehold({}, [
      { nationalId: VALID_ID, chronicDiseases: ['เบาหวาน', 'เก๊าท์'], incomeMonthlyTHB: 3000 },
    ]);
    const before = (await outbox()).length;
    renderPage(<PersonFormPage personId={personIds[0]} />);
    await formReady('person');
    expect(value('person-chronicOther')).toBe('เก๊าท์');
    type('person-incomeMonthlyTHB', '4,500');
    type('person-chronicOther', 'เก๊าท์, ข้อเสื่อม');
    fireEvent.click(screen.getByTestId('person-save'));
    await waitFor(() => expect(pathname()).toBe(`/households/${householdId}`));

    expect(await outbox()).toHaveLength(before + 1);
    expect(await lastQueued()).toMatchObject({
      op: 'patch',
      type: 'person',
      id: personIds[0],
      patch: { incomeMonthlyTHB: 4500, chronicDiseases: ['เบาหวาน', 'เก๊าท์', 'ข้อเสื่อม'] },
    });
    expect(Object.keys((await lastQueued())?.patch ?? {}).sort()).toEqual([
      'chronicDiseases',
      'incomeMonthlyTHB',
    ]);
  });
});
