import { useEffect, useState } from 'preact/hooks';
import { apiRaw, type BlobSend } from '../api/blobsHttp';
import { online } from '../api/online';
import type { TambonDatabase } from '../db/database';
import { loadPhoto, type PhotoLoad } from '../sync/blobsDownload';
import { t } from './i18n';

type PhotoView =
  | { status: 'loading' }
  | Exclude<PhotoLoad, { status: 'ready' }>
  | {
      status: 'ready';
      url: string;
    };

/**
 * The photo's object URL once it is on this device (downloaded first when online), or why it
 * is not shown. The URL is revoked when the component goes or the photo changes; going back
 * online tries again.
 */
export function usePhoto(
  sha256: string,
  options: { send?: BlobSend; database?: TambonDatabase } = {},
): PhotoView {
  const [view, setView] = useState<PhotoView>({ status: 'loading' });
  const isOnline = online.value;
  const { send = apiRaw, database } = options;
  useEffect(() => {
    let cancelled = false;
    let url: string | null = null;
    setView({ status: 'loading' });
    void loadPhoto(sha256, { send, online: isOnline, database }).then((loaded) => {
      if (cancelled) return;
      if (loaded.status !== 'ready') {
        setView(loaded);
        return;
      }
      url = URL.createObjectURL(loaded.blob);
      setView({ status: 'ready', url });
    });
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [sha256, isOnline, send, database]);
  return view;
}

interface PhotoProps {
  sha256: string;
  alt?: string;
  /** For tests and previews; the app uses the session (`apiRaw`) and the device's database. */
  send?: BlobSend;
  database?: TambonDatabase;
}

/** A photo from the blob store, with a Thai placeholder while loading, offline or missing. */
export function Photo({ sha256, alt, send, database }: PhotoProps) {
  const view = usePhoto(sha256, { send, database });
  if (view.status === 'ready') {
    return (
      <img
        class="photo"
        src={view.url}
        alt={alt ?? t('photo.alt')}
        loading="lazy"
        decoding="async"
        data-testid="photo"
      />
    );
  }
  const message = {
    loading: t('photo.loading'),
    offline: t('photo.notDownloaded'),
    missing: t('photo.missing'),
    failed: t('photo.failed'),
  }[view.status];
  return (
    <div
      class="photo photo-placeholder"
      role={view.status === 'loading' ? 'status' : undefined}
      data-testid="photo-placeholder"
      data-state={view.status}
    >
      <span>{message}</span>
    </div>
  );
}

/** Stored photos with their captions, as the household and case pages show them. */
export function PhotoList({
  photos,
}: {
  photos: ReadonlyArray<{ sha256: string; caption?: string | undefined }>;
}) {
  return (
    <ul class="hh-photos">
      {photos.map((photo) => (
        <li key={photo.sha256}>
          <Photo sha256={photo.sha256} alt={photo.caption} />
          {photo.caption && <span class="small">{photo.caption}</span>}
        </li>
      ))}
    </ul>
  );
}
