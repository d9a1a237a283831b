// @vitest-environment happy-dom
import { cleanup, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../../../../src/client/db/database';
import CaseIntakePage from '../../../../../src/client/features/cases/forms/CaseIntakePage';
import type { MapCanvasProps } from '../../../../../src/client/features/map/MapCanvas';
import { hasUnsavedInput } from '../../../../../src/client/ui/unsaved';
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
  VILLAGE,
  WELFARE_OFFICER,
  welfareDevice,
} from './caseFormFixtures';

// Leaflet is not drawn here: the picker's canvas shows its name and what it was asked to fit.
vi.mock('../../../../../src/client/features/map/MapCanvas', () => ({
  MapCanvas: (props: MapCanvasProps) => (
    <section
      data-testid={props.testId}
      aria-label={props.label}
      data-bounds={JSON.stringify(props.bounds)}
    />
  ),
}));

beforeEach(welfareDevice);

afterEach(async () => {
  cleanup();
  signOutDevice();
  await waitFor(() => expect(hasUnsavedInput.value).toBe(false));
});

const value = (testId: string) => (screen.getByTestId(testId) as HTMLInputElement).value;

async function openIntake(query = '') {
  renderAt(`/cases/new${query}`, '/cases/new', CaseIntakePage);
  await screen.findByTestId('case-intake');
  await formReady('case');
}

describe('case intake', () => {
  it('requires a description, then saves a received case with its first status change', async () => {
    await openIntake();
    expect(screen.getByTestId('case-gps')).toBeTruthy(); // a request about a place
    // ...whose place can be picked on the map as well as by GPS.
    expect(screen.getByTestId('case-gps-map-button').textContent).toBe('เลือกบนแผนที่');
    choose('case-village', VILLAGE.id);
    choose('case-category', 'road');
    type('case-description', '   ');
    expect(messageOf('case-description')).toBe('กรุณากรอกข้อมูล');

    tick('case-save');
    await waitFor(() => expect(screen.getByTestId('case-save')).toBeTruthy());
    expect(await db().outbox.count()).toBe(0);

    type('case-description', 'ถนนหน้าวัดเป็นหลุมลึก รถจักรยานยนต์ล้ม');
    type('case-location-note', 'หน้าวัดบ้านพระเจ้า');
    expect(messageOf('case-description')).toBeNull();
    tick('case-save');

    await waitFor(() => expect(pathname()).toMatch(/^\/cases\/[0-9a-f-]{36}$/));
    const caseId = pathname().split('/')[2];
    const [opened, statusChange, ...rest] = await queued();
    expect(rest).toHaveLength(0);
    expect(opened).toMatchObject({
      op: 'create',
      type: 'case',
      id: caseId,
      villageId: VILLAGE.id,
      patch: {
        category: 'road',
        channel: 'walk-in',
        priority: 'normal',
        status: 'received',
        description: 'ถนนหน้าวัดเป็นหลุมลึก รถจักรยานยนต์ล้ม',
        locationNote: 'หน้าวัดบ้านพระเจ้า',
      },
    });
    expect(opened?.patch.receivedAt).toEqual(expect.any(String));
    // The welfare officer who took the request in looks after it.
    expect(opened?.patch.assignedTo).toBe(WELFARE_OFFICER.id);
    expect(statusChange).toMatchObject({
      op: 'create',
      type: 'caseStatusChange',
      villageId: VILLAGE.id,
      patch: { caseId, toStatus: 'received' },
    });
    expect(statusChange?.txId).toBe(opened?.txId);
    expect((await db().pending.get(caseId ?? ''))?.fields.status).toBe('received');
  });

  it("picks the problem's place on a map opened on the chosen village", async () => {
    await seedHousehold({ gps: { lat: 16.2, lng: 103.8, accuracyM: 5 } });
    await openIntake();
    choose('case-village', VILLAGE.id);
    tick('case-gps-map-button');
    expect((await screen.findByTestId('case-gps-map-prompt')).textContent).toBe(
      'แตะบนแผนที่ตรงจุดที่พบปัญหา แล้วกด "ใช้ตำแหน่งนี้"',
    );
    const map = await screen.findByTestId('case-gps-map-map');
    expect(map.getAttribute('aria-label')).toBe('แผนที่สำหรับเลือกจุดที่พบปัญหา');
    await waitFor(() => expect(map.dataset.bounds).not.toBe('null'));
    const [west, south, east, north] = JSON.parse(map.dataset.bounds ?? '[]') as number[];
    expect(west).toBeLessThan(103.8);
    expect(east).toBeGreaterThan(103.8);
    expect(south).toBeLessThan(16.2);
    expect(north).toBeGreaterThan(16.2);
    expect((east ?? 0) - (west ?? 0)).toBeLessThan(0.01);
  });

  it("from a person: the case is in the person's village, with their name and no village choice", async () => {
    const { householdId, personIds } = await seedHousehold({ houseNo: '45/1' }, [
      { firstName: 'บุญมี', lastName: 'ศรีสุข' },
    ]);
    const personId = personIds[0] ?? '';
    await openIntake(`?personId=${personId}&program=elderly-allowance`);

    expect(screen.queryByTestId('case-village')).toBeNull();
    expect(screen.getByTestId('case-beneficiary').textContent).toContain('บุญมี ศรีสุข');
    expect(screen.getByTestId('case-beneficiary').textContent).toContain('บ้านเลขที่ 45/1');
    expect(screen.getByTestId('case-beneficiary').textContent).toContain(`หมู่ที่ ${VILLAGE.mooNo}`);
    expect(value('case-category')).toBe('elderly-care');
    expect(value('case-description')).toContain('เบี้ยยังชีพผู้สูงอายุ');
    expect(screen.queryByTestId('case-gps')).toBeNull(); // about a person, not a place

    tick('case-save');
    await waitFor(() => expect(pathname()).toMatch(/^\/cases\//));
    const [opened] = (await queued()).filter((m) => m.type === 'case');
    expect(opened).toMatchObject({
      villageId: VILLAGE.id,
      patch: {
        personId,
        householdId,
        category: 'elderly-care',
        programCode: 'elderly-allowance',
        channel: 'walk-in',
      },
    });
  });

  it('refuses a due date already passed, in Thai, and saves one to come', async () => {
    await openIntake();
    choose('case-village', VILLAGE.id);
    choose('case-category', 'water');
    type('case-description', 'ท่อประปาแตก');
    type('case-dueDay', '1');
    choose('case-dueMonth', '1');
    type('case-dueYear', '2560');
    expect(messageOf('case-due')).toBe('วันที่นี้ผ่านไปแล้ว');
    const nextYearBE = new Date().getUTCFullYear() + 1 + 543;
    type('case-dueYear', String(nextYearBE));
    expect(messageOf('case-due')).toBeNull();
    tick('case-save');
    await waitFor(() => expect(pathname()).toMatch(/^\/cases\//));
    const [opened] = await queued();
    expect(opened?.patch.dueDate).toBe(`${nextYearBE - 543}-01-01`);
  });

  it('keeps a half-filled intake as a draft of this officer', async () => {
    await openIntake();
    type('case-description', 'ร่างคำร้องค้างไว้');
    cleanup();
    await waitFor(async () => expect(await db().drafts.count()).toBe(1));
    const [draft] = await db().drafts.toArray();
    expect(draft?.userId).toBe(WELFARE_OFFICER.id);
    await openIntake();
    await screen.findByTestId('draft-restored');
    expect(value('case-description')).toBe('ร่างคำร้องค้างไว้');
  });
});
