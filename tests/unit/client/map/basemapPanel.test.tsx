// @vitest-environment happy-dom
// Issue 16: the basemap is downloaded "once over wifi". On mobile data or data saver the
// download button warns first, with the size, and only a second tap downloads; elsewhere one tap
// does, as before. An admin's upload takes .mbtiles too and says in Thai why a file was refused.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BasemapCopy } from '../../../../src/client/db/basemapCopy';
import { BasemapPanel } from '../../../../src/client/features/map/BasemapPanel';
import {
  downloadBasemap,
  serverBasemap,
  uploadBasemap,
} from '../../../../src/client/features/map/basemap';
import { onMeteredConnection } from '../../../../src/client/features/map/connection';
import { session } from '../../../../src/client/session/state';
import type { BasemapInfo } from '../../../../src/shared/api/basemap';
import { signedInDevice, signOutDevice } from '../households/fixtures';

const INFO: BasemapInfo = {
  size: 12_000_000,
  etag: `"${'a'.repeat(64)}"`,
  uploadedAt: '2026-12-01T00:00:00.000Z',
  attribution: '© OpenStreetMap contributors',
};

vi.mock('../../../../src/client/features/map/basemap', async (original) => ({
  ...(await original<typeof import('../../../../src/client/features/map/basemap')>()),
  serverBasemap: vi.fn(async () => INFO),
  downloadBasemap: vi.fn(
    async (): Promise<BasemapCopy> => ({
      info: INFO,
      pieces: new Set([0, 1, 2, 3, 4, 5]),
      storedBytes: INFO.size,
      complete: true,
    }),
  ),
  uploadBasemap: vi.fn(async () => 'mbtiles_vector' as const),
}));

// A signed-in, unlocked account (the panel keeps its copy per account).
vi.mock('../../../../src/client/session/end', async (original) => ({
  ...(await original<typeof import('../../../../src/client/session/end')>()),
  currentAccountId: () => 'user-1',
}));

function connect(connection: { type?: string; saveData?: boolean } | undefined) {
  Object.defineProperty(navigator, 'connection', { value: connection, configurable: true });
}

beforeEach(signedInDevice);
afterEach(() => {
  cleanup();
  signOutDevice();
  connect(undefined);
  vi.mocked(downloadBasemap).mockClear();
});

describe('asking before a download on mobile data', () => {
  it('asks on cellular or data saver, not on wifi, ethernet or an unknown link', () => {
    expect(onMeteredConnection({ type: 'cellular' })).toBe(true);
    expect(onMeteredConnection({ type: 'wifi', saveData: true })).toBe(true);
    expect(onMeteredConnection({ saveData: true })).toBe(true);
    expect(onMeteredConnection({ type: 'wifi', saveData: false })).toBe(false);
    expect(onMeteredConnection({ type: 'ethernet' })).toBe(false);
    expect(onMeteredConnection({})).toBe(false);
    expect(onMeteredConnection(undefined)).toBe(false);
  });

  it('on mobile data warns with the size, downloads only on the second tap', async () => {
    connect({ type: 'cellular' });
    render(<BasemapPanel />);
    fireEvent.click(await screen.findByTestId('basemap-download'));
    const warning = await screen.findByTestId('basemap-cellular');
    expect(warning.textContent).toContain('กำลังใช้เน็ตมือถือ');
    expect(warning.textContent).toContain('12 เมกะไบต์');
    expect(downloadBasemap).not.toHaveBeenCalled();
    // "Later" takes the warning away, and nothing downloads.
    fireEvent.click(screen.getByTestId('basemap-cellular-later'));
    expect(screen.queryByTestId('basemap-cellular')).toBeNull();
    expect(downloadBasemap).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('basemap-download'));
    fireEvent.click(await screen.findByTestId('basemap-cellular-confirm'));
    await screen.findByTestId('basemap-ready');
    expect(downloadBasemap).toHaveBeenCalledTimes(1);
  });

  it('on wifi (or where the browser does not tell) downloads on the first tap', async () => {
    connect({ type: 'wifi' });
    render(<BasemapPanel />);
    fireEvent.click(await screen.findByTestId('basemap-download'));
    await screen.findByTestId('basemap-ready');
    expect(screen.queryByTestId('basemap-cellular')).toBeNull();
    expect(downloadBasemap).toHaveBeenCalledTimes(1);
  });
});

describe("the admin's upload", () => {
  it('takes .mbtiles files and says in Thai why one was refused', async () => {
    const current = session.value;
    if (!current) throw new Error('signed in');
    session.value = { ...current, user: { ...current.user, role: 'admin' } };
    render(<BasemapPanel />);
    const input = (await screen.findByTestId('basemap-file')) as HTMLInputElement;
    expect(input.accept).toContain('.mbtiles');
    expect(screen.getByTestId('basemap-upload').textContent).toContain('PMTiles หรือ MBTiles');
    const file = new File([new Uint8Array(200)], 'tambon.mbtiles');
    fireEvent.change(input, { target: { files: [file] } });
    fireEvent.click(screen.getByTestId('basemap-upload-submit'));
    const error = await screen.findByTestId('basemap-upload-error');
    await waitFor(() => expect(error.textContent).toContain('แผนที่แบบเวกเตอร์'));
    expect(uploadBasemap).toHaveBeenCalledWith(file);
  });
});

describe('offline with no copy', () => {
  it('says in Thai that a basemap comes over wifi, and offers the download once online', async () => {
    vi.mocked(serverBasemap).mockRejectedValueOnce(new TypeError('Failed to fetch'));
    render(<BasemapPanel />);
    const line = await screen.findByTestId('basemap-offline');
    expect(line.textContent).toBe('ยังไม่มีแผนที่ฐานในเครื่อง — ดาวน์โหลดได้เมื่อต่อ Wi‑Fi');
    expect(screen.queryByTestId('basemap-download')).toBeNull();
    window.dispatchEvent(new Event('online'));
    await screen.findByTestId('basemap-download');
    expect(screen.queryByTestId('basemap-offline')).toBeNull();
  });

  it('shows nothing while the server has not answered yet', () => {
    vi.mocked(serverBasemap).mockReturnValueOnce(new Promise(() => {}));
    render(<BasemapPanel />);
    expect(screen.queryByTestId('basemap-panel')).toBeNull();
  });
});
