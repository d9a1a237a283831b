// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { LocationProvider } from 'preact-iso';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MapPage } from '../../../../src/client/features/map/MapPage';
import {
  bornYearsAgo,
  member,
  seedHousehold,
  signedInDevice,
  signOutDevice,
  VILLAGE_1,
  VILLAGE_2,
} from '../households/fixtures';
import { ADL_BEDBOUND } from '../search/fixtures';

beforeEach(signedInDevice);

afterEach(() => {
  cleanup();
  signOutDevice();
});

const gps = (lat: number, lng: number) => ({ gps: { lat, lng, accuracyM: 5 } });

describe('map page', () => {
  beforeEach(async () => {
    await seedHousehold(VILLAGE_1, '1', [member({})], gps(16.05, 103.65));
    await seedHousehold(
      VILLAGE_1,
      '2',
      [member({ birthDate: bornYearsAgo(82), adl: ADL_BEDBOUND })],
      gps(16.051, 103.651),
    );
    await seedHousehold(VILLAGE_2, '3', [member({})], gps(16.06, 103.66));
    // No location: counted, not drawn.
    await seedHousehold(VILLAGE_2, '4', [member({})], { gps: undefined });
  });

  it('counts the households on the map and filters them by the lists flags', async () => {
    render(
      <LocationProvider>
        <MapPage />
      </LocationProvider>,
    );
    const count = await screen.findByTestId('map-count');
    await waitFor(() => expect(count.textContent).toBe('แสดง 3 จาก 3 ครัวเรือนบนแผนที่'));
    expect(screen.getByTestId('map-unplaced').textContent).toBe('ไม่มีพิกัด 1 ครัวเรือน');
    // No tax map on this device: every household is without a parcel, and no parcel is drawn.
    expect(screen.getByTestId('map-parcel-count').textContent).toBe('แปลงที่ดิน 0 แปลง');
    expect(screen.getByTestId('map-without-parcel').textContent).toBe('ครัวเรือนที่ไม่มีแปลงที่ดิน 4');

    fireEvent.click(screen.getByTestId('map-filter-bedridden'));
    await waitFor(() => expect(count.textContent).toBe('แสดง 1 จาก 3 ครัวเรือนบนแผนที่'));
    fireEvent.click(screen.getByTestId('map-filter-bedridden'));
    // Everything seeded here waits for sync.
    fireEvent.click(screen.getByTestId('map-filter-unsynced'));
    await waitFor(() => expect(count.textContent).toBe('แสดง 3 จาก 3 ครัวเรือนบนแผนที่'));

    fireEvent.change(screen.getByTestId('map-village'), { target: { value: VILLAGE_2 } });
    // The count is drawn again once the chosen village is read.
    await waitFor(() =>
      expect(screen.getByTestId('map-count').textContent).toBe('แสดง 1 จาก 1 ครัวเรือนบนแผนที่'),
    );
    expect(screen.getByTestId('map-legend').textContent).toContain('มีผู้ติดเตียง');
  });
});
