// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { LocationProvider } from 'preact-iso';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TopBar } from '../../../../src/client/app/TopBar';
import { db } from '../../../../src/client/db/database';
import { HouseholdPage } from '../../../../src/client/features/households/HouseholdPage';
import { SyncPage } from '../../../../src/client/features/sync/SyncPage';
import { uuidv7 } from '../../../../src/shared/ids';
import {
  type Seeded,
  seedHousehold,
  signedInDevice,
  signOutDevice,
  VILLAGE_1,
} from '../households/fixtures';

let home: Seeded;
const OTHER_USER = '01930000-0000-7000-8000-0000000000b2';

beforeEach(async () => {
  await signedInDevice();
  home = await seedHousehold(VILLAGE_1, '99/9', [], { houseCondition: 'sound' });
  await db().conflicts.put({
    id: uuidv7(),
    recordId: home.householdId,
    type: 'household',
    villageId: VILLAGE_1,
    field: 'householdDebtTHB',
    winner: { value: 30000, hlc: '2025-10-01T03:10:00.000Z-0000-phoneB-0001', by: OTHER_USER },
    loser: { value: 45000, hlc: '2025-10-01T03:05:00.000Z-0000-phoneA-0001', by: OTHER_USER },
    createdAt: '2025-10-01T03:11:00.000Z',
    resolvedAt: null,
  });
});

afterEach(() => {
  cleanup();
  signOutDevice();
});

describe('an open conflict', () => {
  it('is marked on the household page, naming the field in Thai', async () => {
    render(<HouseholdPage householdId={home.householdId} />);
    const badge = await screen.findByTestId('record-conflict');
    expect(badge.textContent).toContain('ข้อมูลขัดแย้ง 1 ช่อง');
    expect(badge.textContent).toContain('หนี้สินครัวเรือน');
    expect(badge.querySelector('a')?.getAttribute('href')).toBe('/sync');
  });

  it('is counted on the sync menu item', async () => {
    render(
      <LocationProvider>
        <TopBar />
      </LocationProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('nav-sync-count').textContent).toContain('1'));
  });

  it('reads on the sync page as a house number, a Thai field and baht, never as codes', async () => {
    render(<SyncPage />);
    const conflict = await screen.findByTestId('conflict-householdDebtTHB');
    const text = conflict.textContent ?? '';
    expect(text).toContain('บ้านเลขที่ 99/9');
    expect(text).toContain('หนี้สินครัวเรือน');
    expect(text).toContain('30,000 บาท');
    expect(text).toContain('45,000 บาท');
    expect(text).not.toMatch(/householdDebtTHB|[0-9a-f]{6}\b/);
  });
});
