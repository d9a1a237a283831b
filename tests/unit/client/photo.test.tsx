// @vitest-environment happy-dom
// The <Photo> component: from the device, downloaded when online, a Thai placeholder offline.
// (Taking a photo — canvas compression with EXIF orientation — needs a real browser.)
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BlobSend } from '../../../src/client/api/blobsHttp';
import { online } from '../../../src/client/api/online';
import { TambonDatabase } from '../../../src/client/db/database';
import { loadSyncOverview } from '../../../src/client/features/sync/syncQueries';
import { preparedBlob, storePhoto } from '../../../src/client/sync/blobs';
import { Photo } from '../../../src/client/ui/Photo';
import { FailedPhotos } from '../../../src/client/ui/PhotoFailures';
import { uuidv7 } from '../../../src/shared/ids';

const ABC_SHA256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

let database: TambonDatabase;
beforeEach(async () => {
  database = new TambonDatabase(`photo-test-${uuidv7()}`);
  await database.open();
  vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:test/photo');
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
});
afterEach(async () => {
  cleanup();
  online.value = true;
  vi.restoreAllMocks();
  await database.delete();
});

const download: BlobSend = async () =>
  new Response(new TextEncoder().encode('abc'), {
    status: 200,
    headers: { 'content-type': 'image/jpeg' },
  });

describe('<Photo>', () => {
  it('shows a photo kept on the device from an object URL, and revokes it when gone', async () => {
    await storePhoto(database, await preparedBlob(new Blob(['abc'], { type: 'image/jpeg' })));
    const send = vi.fn<BlobSend>();
    online.value = false;
    const view = render(<Photo sha256={ABC_SHA256} send={send} database={database} />);
    const img = await screen.findByTestId('photo');
    expect(img.getAttribute('src')).toBe('blob:test/photo');
    expect(img.getAttribute('alt')).toBe('รูปถ่าย');
    expect(send).not.toHaveBeenCalled();
    view.unmount();
    await waitFor(() => expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:test/photo'));
  });

  it('offline and not downloaded: the Thai placeholder', async () => {
    online.value = false;
    render(<Photo sha256={ABC_SHA256} send={vi.fn<BlobSend>()} database={database} />);
    await waitFor(() =>
      expect(screen.getByTestId('photo-placeholder').getAttribute('data-state')).toBe('offline'),
    );
    expect(screen.getByText('รูปนี้ยังไม่ได้ดาวน์โหลด ต้องเชื่อมต่ออินเทอร์เน็ต')).toBeTruthy();
  });

  it('downloads with the session when online, stores it, and shows it', async () => {
    const send = vi.fn(download);
    render(<Photo sha256={ABC_SHA256} send={send} database={database} />);
    await screen.findByTestId('photo');
    expect(send).toHaveBeenCalledWith(`/api/blobs/${ABC_SHA256}`, { method: 'GET' });
    expect((await database.blobs.get(ABC_SHA256))?.state).toBe('stored');
  });

  it('tries again when the device comes back online', async () => {
    online.value = false;
    const send = vi.fn(download);
    render(<Photo sha256={ABC_SHA256} send={send} database={database} />);
    await screen.findByText('รูปนี้ยังไม่ได้ดาวน์โหลด ต้องเชื่อมต่ออินเทอร์เน็ต');
    online.value = true;
    await screen.findByTestId('photo');
    expect(send).toHaveBeenCalledTimes(1);
  });
});

describe('failed photos on the sync page', () => {
  it('counts refused photos apart from waiting ones, lists them in Thai and retries', async () => {
    await storePhoto(database, await preparedBlob(new Blob(['abc'], { type: 'image/jpeg' })));
    await storePhoto(database, await preparedBlob(new Blob(['waiting'], { type: 'image/jpeg' })));
    await database.blobs.update(ABC_SHA256, {
      error: { code: 'hash_mismatch', at: '2025-10-01T03:00:00.000Z' },
    });
    const overview = await loadSyncOverview(database);
    expect(overview.waitingPhotos).toBe(1);
    expect(overview.waitingPhotoBytes).toBe(7);
    expect(overview.failedPhotos).toHaveLength(1);
    expect(overview.failedPhotos[0]).toMatchObject({ sha256: ABC_SHA256, state: 'upload' });
    expect(overview.failedPhotos[0]).not.toHaveProperty('blob');

    render(<FailedPhotos photos={overview.failedPhotos} />);
    expect(screen.getByText('รูปถ่ายส่งไม่สำเร็จ 1 รูป รูปยังเก็บอยู่ในเครื่องนี้')).toBeTruthy();
    expect(screen.getByText('ข้อมูลรูปเสียหาย ค่าตรวจสอบไม่ตรงกับที่เซิร์ฟเวอร์ได้รับ')).toBeTruthy();
  });
});
