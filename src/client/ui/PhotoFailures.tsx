import { online } from '../api/online';
import type { BlobRow } from '../db/database';
import { retryFailedBlobs } from '../sync/blobsUpload';
import { deviceSync } from '../sync/deviceSync';
import { Button } from './Button';
import { bytes, dateTime } from './format';
import { isMessageKey, t } from './i18n';
import { Photo } from './Photo';
import { useAction } from './useAction';

function photoErrorText(code: string | undefined): string {
  const key = `sync.photoError.${code}`;
  return isMessageKey(key) ? t(key as 'sync.photoError.unknown') : t('sync.photoError.unknown');
}

/**
 * Photos the server refused for good (e.g. a hash mismatch): still on this device, never
 * deleted, shown with the reason; "try again" clears the mark and syncs.
 */
export function FailedPhotos({ photos }: { photos: Array<Omit<BlobRow, 'blob'>> }) {
  const { busy, submit } = useAction();
  if (photos.length === 0) return null;
  const retry = () =>
    submit(async () => {
      await retryFailedBlobs();
      await deviceSync.value?.requestSync();
    });
  return (
    <section class="card" aria-labelledby="sync-failed-photos" data-testid="failed-photos">
      <h2 id="sync-failed-photos">{t('sync.failedPhotosTitle')}</h2>
      <p>{t('sync.failedPhotos', { count: photos.length })}</p>
      <ul class="item-list">
        {photos.map((photo) => (
          <li key={photo.sha256} class="item" data-testid="failed-photo">
            <span class="item-badge">
              <Photo sha256={photo.sha256} />
            </span>
            <span class="item-title">
              {t('sync.failedPhoto', {
                size: bytes(photo.size),
                date: dateTime(photo.createdAt),
              })}
              <br />
              <span class="small">{photoErrorText(photo.error?.code)}</span>
            </span>
          </li>
        ))}
      </ul>
      <div class="actions">
        <Button
          busy={busy}
          disabled={!online.value}
          testId="retry-photos"
          onClick={() => void retry()}
        >
          {t('sync.retryPhotos')}
        </Button>
      </div>
    </section>
  );
}
