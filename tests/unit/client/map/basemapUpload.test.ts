// @vitest-environment happy-dom
// Issue 16: an admin's basemap upload. A file that is neither PMTiles nor MBTiles (SQLite) is
// refused on the device before it goes over the network; the server's reason for refusing an
// MBTiles file reaches the admin as its own refusal, so the message can say it in Thai.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { uploadBasemap } from '../../../../src/client/features/map/basemap';
import { signedInDevice, signOutDevice } from '../households/fixtures';

const sqliteFile = () => {
  const bytes = new Uint8Array(4096);
  bytes.set(new TextEncoder().encode('SQLite format 3\0'));
  return new File([bytes], 'tambon.mbtiles');
};

const answer = (status: number, body: unknown) =>
  vi.fn(
    async () =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      }),
  );

const refused = (message: string) => ({
  error: { code: 'validation_failed', message: 'x', details: [{ path: 'body', message }] },
});

beforeEach(signedInDevice);
afterEach(() => {
  vi.unstubAllGlobals();
  signOutDevice();
});

describe('uploading a basemap', () => {
  it('refuses a file that is neither PMTiles nor MBTiles without sending it', async () => {
    const fetch = answer(200, {});
    vi.stubGlobal('fetch', fetch);
    const text = new File(['{"type":"FeatureCollection"}'.padEnd(300)], 'parcels.geojson');
    expect(await uploadBasemap(text)).toBe('not_pmtiles_or_mbtiles');
    expect(fetch).not.toHaveBeenCalled();
  });

  it("sends an MBTiles file and gives the server's reason for refusing it", async () => {
    vi.stubGlobal('fetch', answer(400, refused('mbtiles_duplicate_tile')));
    expect(await uploadBasemap(sqliteFile())).toBe('mbtiles_duplicate_tile');
    vi.stubGlobal('fetch', answer(400, refused('something_new')));
    expect(await uploadBasemap(sqliteFile())).toBe('not_pmtiles_or_mbtiles');
    vi.stubGlobal('fetch', answer(429, { error: { code: 'too_many_requests', message: 'x' } }));
    expect(await uploadBasemap(sqliteFile())).toBe('busy');
  });

  it('returns the basemap info when the server takes it', async () => {
    const info = {
      size: 5000,
      etag: `"${'b'.repeat(64)}"`,
      uploadedAt: '2026-12-01T00:00:00.000Z',
      attribution: '© OpenStreetMap contributors',
    };
    const fetch = answer(200, info);
    vi.stubGlobal('fetch', fetch);
    expect(await uploadBasemap(sqliteFile())).toEqual(info);
    expect(fetch).toHaveBeenCalledWith('/api/basemap', expect.objectContaining({ method: 'PUT' }));
  });
});
