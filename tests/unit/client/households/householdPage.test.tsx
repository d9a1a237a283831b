// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HouseholdPage } from '../../../../src/client/features/households/HouseholdPage';
import {
  parseThaiDateInput,
  toThaiDateInput,
} from '../../../../src/client/features/households/memberChanges';
import { PersonPage } from '../../../../src/client/features/households/PersonPage';
import { bangkokDate } from '../../../../src/shared/rules/thaiDate';
import { ADL_BEDBOUND } from '../search/fixtures';
import {
  bornYearsAgo,
  lastQueued,
  member,
  type Seeded,
  seedHousehold,
  signedInDevice,
  signOutDevice,
  VILLAGE_1,
  VILLAGE_2,
} from './fixtures';

let home: Seeded;
let elder: string;
let son: string;

beforeEach(async () => {
  await signedInDevice();
  home = await seedHousehold(
    VILLAGE_1,
    '12/3',
    [
      member({ firstName: 'สมหวัง', relationToHead: 'head' }),
      member({
        titlePrefix: 'mrs',
        firstName: 'บุญมา',
        sex: 'F',
        relationToHead: 'parent',
        birthDate: bornYearsAgo(82),
        adl: ADL_BEDBOUND,
        receivesElderlyAllowance: false,
      }),
      member({ firstName: 'ปิติ', relationToHead: 'child', nationalId: undefined }),
    ],
    { householdDebtTHB: 45000, farmLandSqWah: 1650, houseCondition: 'dilapidated', toilet: true },
  );
  [, elder = '', son = ''] = home.memberIds;
});

afterEach(() => {
  cleanup();
  signOutDevice();
});

async function openHousehold(): Promise<HTMLElement> {
  render(<HouseholdPage householdId={home.householdId} />);
  return screen.findByTestId('household-page');
}

async function confirm(): Promise<void> {
  fireEvent.click(screen.getByTestId('confirm-accept'));
  await waitFor(() => expect(screen.queryByTestId('confirm-accept')).toBeNull());
}

describe('household page', () => {
  it('goes back to the village list, or to the map when opened from the map', async () => {
    await openHousehold();
    const back = screen.getByTestId('household-back');
    expect(back.getAttribute('href')).toBe(`/villages/${VILLAGE_1}`);
    expect(back.textContent).toBe('← กลับไปรายการครัวเรือน');
    cleanup();
    render(<HouseholdPage householdId={home.householdId} query={{ from: 'map' }} />);
    const toMap = await screen.findByTestId('household-back');
    expect(toMap.getAttribute('href')).toBe('/map');
    expect(toMap.textContent).toBe('← กลับไปแผนที่');
  });

  it('shows the summary, the map pin and members with their derived badges', async () => {
    const page = await openHousehold();
    expect(page.querySelector('h1')?.textContent).toContain('บ้านเลขที่ 12/3');
    expect(page.textContent).toContain('หมู่ที่ 1 บ้านพระเจ้า');
    expect(page.textContent).toContain('4511-040000-1');
    expect(page.textContent).toContain('3 พ.ย. 2568');
    expect(screen.getByTestId('survey-round').textContent).toBe('รอบสำรวจปีงบประมาณ 2569');
    expect(page.textContent).toContain('คุณ (สมชาย ใจดี)');
    expect(page.textContent).toContain('45,000 บาท');
    expect(page.textContent).toContain('4 ไร่ 0 งาน 50 ตร.ว.');
    expect(page.textContent).toContain('ทรุดโทรม');
    // Everything was just created on this device.
    expect(page.textContent).toContain('ยังไม่ซิงก์');

    const elderRow = screen.getByTestId(`member-row-${elder}`);
    expect(elderRow.textContent).toContain('นางบุญมา ใจดี');
    expect(elderRow.textContent).toContain('82 ปี');
    expect(elderRow.textContent).toContain('บิดา/มารดา');
    expect(elderRow.textContent).toContain('ผู้สูงอายุ 80+ ปี');
    expect(elderRow.textContent).toContain('เบี้ยผู้สูงอายุ 800 บาท · มีสิทธิ์ ยังไม่ได้รับ');
    expect(elderRow.textContent).toContain('ADL 3 · ติดเตียง');
    expect(screen.getByTestId(`member-row-${son}`).textContent).toContain('ไม่ครบ: เลขบัตรประชาชน');

    const map = screen.getByTestId('map-pin');
    expect(map.textContent).toContain('15.912000, 103.800000');
    expect(map.textContent).toContain('±8 ม.');
    expect(within(map).getByTestId('map-link').getAttribute('href')).toBe(
      'https://www.google.com/maps?q=15.912,103.8',
    );
    expect(within(map).getByTestId('map-here')).toBeTruthy();
    expect(screen.getByTestId('household-edit').getAttribute('href')).toBe(
      `/households/${home.householdId}/edit`,
    );
    expect(screen.getByTestId('member-add').getAttribute('href')).toBe(
      `/households/${home.householdId}/members/new`,
    );
  });

  it('marks a member deceased: kept in the roster as history, queued as a patch, undoable', async () => {
    await openHousehold();
    const row = screen.getByTestId(`member-row-${elder}`);
    fireEvent.click(within(row).getByTestId('member-deceased'));
    const dateInput = screen.getByTestId('member-status-date') as HTMLInputElement;
    expect(dateInput.value).toBe(toThaiDateInput(bangkokDate()));
    fireEvent.input(dateInput, { target: { value: '01/10/2568' } });
    await confirm();

    await waitFor(() =>
      expect(screen.getByTestId(`member-row-${elder}`).dataset.status).toBe('deceased'),
    );
    const former = screen.getByTestId('former-members');
    expect(within(former).getByTestId(`member-row-${elder}`).textContent).toContain(
      'เสียชีวิต เมื่อ 1 ต.ค. 2568',
    );
    const queued = await lastQueued();
    expect(queued).toMatchObject({
      op: 'patch',
      type: 'person',
      id: elder,
      villageId: VILLAGE_1,
      patch: { memberStatus: 'deceased', memberStatusDate: '2025-10-01' },
    });

    fireEvent.click(
      within(screen.getByTestId(`member-row-${elder}`)).getByTestId('member-reactivate'),
    );
    await confirm();
    await waitFor(() =>
      expect(screen.getByTestId(`member-row-${elder}`).dataset.status).toBe('active'),
    );
    expect((await lastQueued())?.patch).toEqual({ memberStatus: 'active', memberStatusDate: null });
  });

  it('refuses a status date that is not a real past date', async () => {
    await openHousehold();
    fireEvent.click(
      within(screen.getByTestId(`member-row-${elder}`)).getByTestId('member-moved-out'),
    );
    fireEvent.input(screen.getByTestId('member-status-date'), { target: { value: '31/02/2568' } });
    fireEvent.click(screen.getByTestId('confirm-accept'));
    expect(screen.getByRole('alert').textContent).toContain('กรุณากรอกวันที่');
    expect((await lastQueued())?.op).toBe('create');
  });

  it('moves a member to a household of another village, queued in the target village', async () => {
    const target = await seedHousehold(VILLAGE_2, '7', [member({ firstName: 'มานะ' })]);
    await openHousehold();
    fireEvent.click(within(screen.getByTestId(`member-row-${son}`)).getByTestId('member-move'));
    fireEvent.input(screen.getByTestId('member-move-search'), { target: { value: '7' } });
    fireEvent.click(await screen.findByTestId('move-target-2-7'));
    await confirm();

    await waitFor(() => expect(screen.queryByTestId(`member-row-${son}`)).toBeNull());
    expect(await lastQueued()).toMatchObject({
      op: 'patch',
      id: son,
      villageId: VILLAGE_2,
      patch: { householdId: target.householdId },
    });
  });

  it('removes a member entered by mistake and restores them', async () => {
    await openHousehold();
    fireEvent.click(within(screen.getByTestId(`member-row-${son}`)).getByTestId('member-remove'));
    await confirm();
    await waitFor(() => expect(screen.queryByTestId(`member-row-${son}`)).toBeNull());
    expect(await lastQueued()).toMatchObject({ op: 'delete', id: son, villageId: VILLAGE_1 });

    const removed = screen.getByTestId(`removed-row-${son}`);
    expect(removed.textContent).toContain('นายปิติ ใจดี');
    fireEvent.click(within(removed).getByTestId('member-restore'));
    await screen.findByTestId(`member-row-${son}`);
    expect(await lastQueued()).toMatchObject({ op: 'restore', id: son });
    expect(screen.queryByTestId('removed-members')).toBeNull();
  });
});

describe('person page', () => {
  it('shows the full derived profile for welfare officers', async () => {
    render(<PersonPage personId={elder} />);
    const page = await screen.findByTestId('person-page');
    expect(page.querySelector('h1')?.textContent).toBe('นางบุญมา ใจดี');
    expect(screen.getByTestId('person-national-id').textContent).toBe('1-xxxx-xxxxx-xx-1');
    fireEvent.click(screen.getByTestId('person-national-id-reveal'));
    expect(screen.getByTestId('person-national-id').textContent).toBe('1-2345-67890-12-1');
    expect(screen.getByTestId('person-age').textContent).toBe('82 ปี');
    expect(screen.getByTestId('person-elderly-allowance').textContent).toBe(
      '800 บาท/เดือน · มีสิทธิ์ ยังไม่ได้รับ',
    );
    expect(screen.getByTestId('person-disability-allowance').textContent).toBe('ไม่เข้าเกณฑ์');
    expect(page.textContent).toContain('3/20 · ติดเตียง (1B1282)');
    expect(screen.getByTestId('person-household').getAttribute('href')).toBe(
      `/households/${home.householdId}`,
    );
  });
});

describe('status dates typed in พ.ศ.', () => {
  it('reads day/month/year with Thai digits and rejects impossible dates', () => {
    expect(parseThaiDateInput('1/10/2568')).toBe('2025-10-01');
    expect(parseThaiDateInput('๐๑/๑๐/๒๕๖๘')).toBe('2025-10-01');
    expect(parseThaiDateInput('29/02/2567')).toBe('2024-02-29');
    expect(parseThaiDateInput('29/02/2568')).toBeNull();
    expect(parseThaiDateInput('2568-10-01')).toBeNull();
    expect(toThaiDateInput('2025-10-01')).toBe('01/10/2568');
  });
});
