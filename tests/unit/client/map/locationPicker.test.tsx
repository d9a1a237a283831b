// @vitest-environment happy-dom
// Picking a location on the map: the picker speaks of what is picked (a house, the place of a
// reported problem), and opens on the form's village rather than the whole tambon.
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocationPicker } from '../../../../src/client/features/map/LocationPicker';
import type { MapCanvasProps } from '../../../../src/client/features/map/MapCanvas';
import { PickOnMap } from '../../../../src/client/features/map/PickOnMap';
import {
  member,
  seedHousehold,
  signedInDevice,
  signOutDevice,
  VILLAGE_1,
  VILLAGE_2,
} from '../households/fixtures';

// Leaflet is not drawn here: the canvas shows what it was asked to fit and its name.
vi.mock('../../../../src/client/features/map/MapCanvas', () => ({
  MapCanvas: (props: MapCanvasProps) => (
    <section
      data-testid={props.testId}
      aria-label={props.label}
      data-bounds={JSON.stringify(props.bounds)}
    />
  ),
}));

const gps = (lat: number, lng: number) => ({ gps: { lat, lng, accuracyM: 5 } });

beforeEach(async () => {
  await signedInDevice();
  await seedHousehold(VILLAGE_1, '1', [member({})], gps(16.05, 103.65));
  await seedHousehold(VILLAGE_1, '2', [member({})], gps(16.051, 103.651));
  await seedHousehold(VILLAGE_2, '3', [member({})], gps(16.1, 103.7));
  await seedHousehold(VILLAGE_2, '4', [member({})], gps(16.102, 103.703));
});

afterEach(() => {
  cleanup();
  signOutDevice();
});

async function boundsOf(testId: string): Promise<number[]> {
  const map = await screen.findByTestId(testId);
  await waitFor(() => expect(map.dataset.bounds).not.toBe('null'));
  return JSON.parse(map.dataset.bounds ?? 'null') as number[];
}

const picker = (villageId?: string) => (
  <LocationPicker
    value={null}
    onPick={() => {}}
    onClose={() => {}}
    prompt="แตะบนแผนที่ตรงจุดที่พบปัญหา"
    label="แผนที่สำหรับเลือกจุดที่พบปัญหา"
    villageId={villageId}
    testId="pick"
  />
);

describe('location picker', () => {
  it('opens on the chosen village’s households, not the whole tambon', async () => {
    render(picker(VILLAGE_2));
    const [west, south, east, north] = await boundsOf('pick-map');
    expect(west).toBeGreaterThan(103.69);
    expect(south).toBeGreaterThan(16.09);
    expect(west).toBeLessThan(103.7);
    expect(east).toBeGreaterThan(103.703);
    expect(north).toBeGreaterThan(16.102);
  });

  it('opens on everything when no village is chosen', async () => {
    render(picker());
    const [west, south, east, north] = await boundsOf('pick-map');
    expect([west, south, east, north]).toEqual([103.65, 16.05, 103.703, 16.102]);
  });

  it('says what is picked in the words of its use', async () => {
    render(picker(VILLAGE_1));
    expect((await screen.findByTestId('pick-prompt')).textContent).toBe('แตะบนแผนที่ตรงจุดที่พบปัญหา');
    expect((await screen.findByTestId('pick-map')).getAttribute('aria-label')).toBe(
      'แผนที่สำหรับเลือกจุดที่พบปัญหา',
    );
  });

  it('speaks of the house when the use does not say', async () => {
    render(<PickOnMap value={null} onPick={() => {}} testId="hh-gps-map" />);
    screen.getByTestId('hh-gps-map-button').click();
    expect((await screen.findByTestId('hh-gps-map-prompt')).textContent).toContain('ที่ตั้งของบ้าน');
  });
});
