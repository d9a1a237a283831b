// @vitest-environment happy-dom
import { cleanup, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import AssistanceFormPage from '../../../../../src/client/features/cases/forms/AssistanceFormPage';
import { hasUnsavedInput } from '../../../../../src/client/ui/unsaved';
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
import { formReady, queued, renderAt, seedCase, VILLAGE, welfareDevice } from './caseFormFixtures';

beforeEach(welfareDevice);

afterEach(async () => {
  cleanup();
  signOutDevice();
  await waitFor(() => expect(hasUnsavedInput.value).toBe(false));
});

const value = (testId: string) => (screen.getByTestId(testId) as HTMLInputElement).value;

async function openAssistance(caseId: string) {
  renderAt(`/cases/${caseId}/assistance/new`, '/cases/:caseId/assistance/new', AssistanceFormPage);
  await formReady('assistance');
}

/** The ledger entries queued. */
async function entries() {
  return (await queued()).filter((m) => m.type === 'assistance');
}

describe('assistance form', () => {
  it('requires an amount or goods, in Thai, then writes the ledger entry', async () => {
    const { householdId, personIds } = await seedHousehold();
    const personId = personIds[0] ?? '';
    const caseId = await seedCase({ category: 'housing-repair', personId, householdId });
    await openAssistance(caseId);
    expect(screen.getByTestId('assistance-form')).toBeTruthy();
    expect(value('assistance-program')).toBe('housing-repair');

    tick('assistance-save');
    await waitFor(() =>
      expect(messageOf('assistance-amount')).toBe('กรอกจำนวนเงินหรือสิ่งของที่มอบอย่างน้อยหนึ่งอย่าง'),
    );
    expect(await entries()).toHaveLength(0);

    type('assistance-amount', '๒๐,๐๐๐.๕๐');
    expect(messageOf('assistance-amount')).toBeNull();
    type(
      'assistance-basis',
      'ระเบียบกระทรวงมหาดไทยว่าด้วยค่าใช้จ่ายเพื่อช่วยเหลือประชาชนขององค์กรปกครองส่วนท้องถิ่น พ.ศ. 2560',
    );
    type('assistance-approved-by', 'นายก อบต.');
    tick('assistance-save');

    await waitFor(() => expect(pathname()).toBe(`/cases/${caseId}`));
    const [entry, ...rest] = await entries();
    expect(rest).toHaveLength(0);
    expect(entry).toMatchObject({
      op: 'create',
      type: 'assistance',
      villageId: VILLAGE.id,
      patch: {
        caseId,
        personId,
        householdId,
        programCode: 'housing-repair',
        category: 'housing-repair',
        amountTHB: 20000.5,
        approvedBy: 'นายก อบต.',
        deliveredAt: bangkokDate(),
      },
    });
    expect(entry?.patch.legalBasis).toContain('พ.ศ. 2560');
  });

  it('accepts goods without cash, and refuses a zero or unreadable amount', async () => {
    const caseId = await seedCase({ category: 'disaster-relief' });
    await openAssistance(caseId);
    expect(value('assistance-program')).toBe('disaster-relief');
    type('assistance-amount', '0');
    expect(messageOf('assistance-amount')).toBe('จำนวนเงินต้องมากกว่า 0');
    type('assistance-amount', 'สองพัน');
    expect(messageOf('assistance-amount')).toBe('กรุณากรอกเป็นตัวเลข');
    type('assistance-amount', '');
    type('assistance-inkind', 'ข้าวสาร 5 กก., น้ำดื่ม 2 แพ็ค');
    tick('assistance-save');

    await waitFor(() => expect(pathname()).toBe(`/cases/${caseId}`));
    const [entry] = await entries();
    expect(entry?.patch).toMatchObject({
      programCode: 'disaster-relief',
      category: 'disaster-relief',
      inKind: 'ข้าวสาร 5 กก., น้ำดื่ม 2 แพ็ค',
    });
    expect(entry?.patch).not.toHaveProperty('amountTHB');
  });

  it("defaults the programme to the case's application", async () => {
    const caseId = await seedCase({ category: 'elderly-care', programCode: 'elderly-allowance' });
    await openAssistance(caseId);
    expect(value('assistance-program')).toBe('elderly-allowance');
    choose('assistance-program', 'other');
    expect(value('assistance-program')).toBe('other');
  });

  it('says so when the case is not on the device', async () => {
    renderAt(
      '/cases/01930000-0000-7000-8000-0000000000ff/assistance/new',
      '/cases/:caseId/assistance/new',
      AssistanceFormPage,
    );
    expect(await screen.findByTestId('case-form-missing')).toBeTruthy();
  });
});
