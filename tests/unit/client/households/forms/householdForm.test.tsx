// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../../../../src/client/db/database';
import HouseholdFormPage from '../../../../../src/client/features/households/forms/HouseholdFormPage';
import { hasUnsavedInput } from '../../../../../src/client/ui/unsaved';
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
  VILLAGE,
} from './formTestKit';

function stubGps(result: { accuracy: number } | { code: number }) {
  const getCurrentPosition = vi.fn(
    (ok: PositionCallback, fail: PositionErrorCallback, options?: PositionOptions) => {
      expect(options).toEqual({ enableHighAccuracy: true, timeout: 20_000, maximumAge: 0 });
      if ('code' in result) {
        fail({
          code: result.code,
          PERMISSION_DENIED: 1,
          POSITION_UNAVAILABLE: 2,
          TIMEOUT: 3,
        } as GeolocationPositionError);
      } else {
        ok({
          coords: { latitude: 16.0612345678, longitude: 103.6498765432, accuracy: result.accuracy },
          timestamp: Date.parse('2025-10-01T03:00:00Z'),
        } as GeolocationPosition);
      }
    },
  );
  vi.spyOn(navigator, 'geolocation', 'get').mockReturnValue({
    getCurrentPosition,
  } as unknown as Geolocation);
  return getCurrentPosition;
}

beforeEach(signedInDevice);

afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  signOutDevice();
  await waitFor(() => expect(hasUnsavedInput.value).toBe(false));
});

describe('new household', () => {
  it('shows Thai messages for every missing answer on save and saves nothing', async () => {
    renderPage(<HouseholdFormPage villageId={VILLAGE.id} />);
    await formReady('household');
    tick('household-save');

    await waitFor(() => expect(messageOf('household-houseNo')).toBe('กรุณากรอกข้อมูล'));
    expect(messageOf('household-headTitle')).toBe('กรุณาเลือก');
    expect(messageOf('household-headFirstName')).toBe('กรุณากรอกข้อมูล');
    expect(messageOf('household-headLastName')).toBe('กรุณากรอกข้อมูล');
    expect(messageOf('household-privacyNoticeGiven')).toBe(
      'ต้องแจ้งประกาศความเป็นส่วนตัวก่อนบันทึกข้อมูลครัวเรือนใหม่',
    );
    // Prefilled: today's survey date and the organization's postal code are valid already.
    expect(messageOf('household-surveyDate')).toBeNull();
    expect((screen.getByTestId('household-postalCode') as HTMLInputElement).value).toBe('45000');
    expect(await outbox()).toHaveLength(0);
  });

  it('checks formats as you type: house code, postal code, survey year, land parts', async () => {
    renderPage(<HouseholdFormPage villageId={VILLAGE.id} />);
    await formReady('household');
    type('household-houseCode', '4518-0999');
    expect(messageOf('household-houseCode')).toBe('เลขรหัสประจำบ้านต้องเป็นตัวเลข 11 หลัก');
    type('household-houseCode', '๔๕๑๘-๐๙๙๙๙๐-๑');
    expect(messageOf('household-houseCode')).toBeNull();

    type('household-postalCode', '4500');
    expect(messageOf('household-postalCode')).toBe('รหัสไปรษณีย์ต้องเป็นตัวเลข 5 หลัก');

    const thisYearBE = Number(bangkokDate().slice(0, 4)) + 543;
    type('household-surveyYear', String(thisYearBE + 90));
    expect(messageOf('household-surveyDate')).toContain('ปีนี้ยังมาไม่ถึง');

    type('household-farmNgan', '5');
    expect(messageOf('household-farmLand')).toBe('งานต้องเป็น 0–3 (4 งาน = 1 ไร่)');
  });

  it('saves the household and its head in one transaction, then opens the household', async () => {
    stubGps({ accuracy: 8.4 });
    renderPage(<HouseholdFormPage villageId={VILLAGE.id} />);
    await formReady('household');
    type('household-houseNo', ' 208/4 ');
    type('household-houseCode', '๔๕๑๘-๐๙๙๙๙๐-๑');
    choose('household-headTitle', 'mr');
    type('household-headFirstName', 'สมหวัง');
    type('household-headLastName', 'ทดสอบ');
    tick('household-privacyNoticeGiven');
    choose('household-tenure', 'own');
    type('household-farmRai', '1');
    type('household-farmNgan', '2');
    type('household-farmWah', '50');
    type('household-householdDebtTHB', '12,500');
    tick('household-gps-button');
    await waitFor(() =>
      expect(screen.getByTestId('household-gps').textContent).toContain('ความแม่นยำ ±8 ม.'),
    );
    expect(screen.getByTestId('household-gps-value').textContent).toContain(
      '16.061235, 103.649877',
    );

    tick('household-save');
    await waitFor(() => expect(pathname()).toMatch(/^\/households\/[0-9a-f-]{36}$/));
    const householdId = pathname().split('/')[2];

    const [created, head, ...more] = await outbox();
    expect(more).toHaveLength(0);
    expect(created?.txId).toBe(head?.txId);
    expect(created).toMatchObject({ op: 'create', type: 'household', id: householdId });
    expect(created?.villageId).toBe(VILLAGE.id);
    expect(created?.patch).toEqual({
      houseNo: '208/4',
      mooNo: 1,
      surveyorId: SURVEYOR.id,
      houseCode: '45180999901',
      postalCode: '45000',
      gps: {
        lat: 16.0612345678,
        lng: 103.6498765432,
        accuracyM: 8,
        capturedAt: '2025-10-01T03:00:00.000Z',
      },
      surveyDate: bangkokDate(),
      privacyNoticeGiven: true,
      tenure: 'own',
      inForestReserve: false,
      toilet: false,
      householdDebtTHB: 12500,
      farmLandSqWah: 650,
    });
    expect(head).toMatchObject({ op: 'create', type: 'person', villageId: VILLAGE.id });
    expect(head?.patch).toEqual({
      householdId,
      titlePrefix: 'mr',
      firstName: 'สมหวัง',
      lastName: 'ทดสอบ',
      relationToHead: 'head',
      residesActually: true,
      memberStatus: 'active',
    });
    expect(await db().pending.count()).toBe(2);
    expect(await db().drafts.count()).toBe(0);
  });
});

describe('GPS', () => {
  it('warns when the fix is poor and says in Thai why none came', async () => {
    stubGps({ accuracy: 120 });
    renderPage(<HouseholdFormPage villageId={VILLAGE.id} />);
    await formReady('household');
    tick('household-gps-button');
    await screen.findByTestId('household-gps-poor');
    expect(screen.getByTestId('household-gps-accuracy').textContent).toBe('ความแม่นยำ ±120 ม.');
    expect(screen.getByTestId('household-gps-button').textContent).toBe('หาตำแหน่งใหม่');

    stubGps({ code: 1 });
    tick('household-gps-button');
    expect((await screen.findByTestId('household-gps-failure')).textContent).toContain(
      'ไม่ได้รับอนุญาตให้ใช้ตำแหน่ง',
    );
    stubGps({ code: 3 });
    tick('household-gps-button');
    await waitFor(() =>
      expect(screen.getByTestId('household-gps-failure').textContent).toContain('ไม่ทันเวลา'),
    );
  });
});

describe('editing a household', () => {
  it('patches only the answers that changed, clearing an emptied one', async () => {
    const { householdId } = await seedHousehold({
      soi: 'ซอยเดิม',
      road: 'ถนนเดิม',
      toilet: undefined,
    });
    const before = (await outbox()).length;
    renderPage(<HouseholdFormPage householdId={householdId} />);
    await formReady('household');
    expect((screen.getByTestId('household-houseNo') as HTMLInputElement).value).toBe('12/3');
    expect(screen.queryByTestId('household-headFirstName')).toBeNull();

    type('household-soi', 'ซอย 3');
    type('household-road', '');
    tick('household-save');
    await waitFor(() => expect(pathname()).toBe(`/households/${householdId}`));

    const rows = await outbox();
    expect(rows).toHaveLength(before + 1);
    expect(await lastQueued()).toMatchObject({
      op: 'patch',
      type: 'household',
      id: householdId,
      patch: { soi: 'ซอย 3', road: null },
    });
    expect(Object.keys((await lastQueued())?.patch ?? {})).toEqual(['soi', 'road']);
  });

  it('saves nothing when nothing changed', async () => {
    const { householdId } = await seedHousehold();
    const before = (await outbox()).length;
    renderPage(<HouseholdFormPage householdId={householdId} />);
    await formReady('household');
    fireEvent.click(screen.getByTestId('household-save'));
    await waitFor(() => expect(pathname()).toBe(`/households/${householdId}`));
    expect(await outbox()).toHaveLength(before);
  });

  it('says so when the household is not on the device', async () => {
    renderPage(<HouseholdFormPage householdId="01930000-0000-7000-8000-00000000ffff" />);
    expect((await screen.findByTestId('household-form-missing')).textContent).toContain(
      'ไม่พบครัวเรือนนี้ในเครื่อง',
    );
  });
});
