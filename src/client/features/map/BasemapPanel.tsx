import './mapPanels.css';
import { useEffect, useState } from 'preact/hooks';
import { type BasemapInfo, MAX_BASEMAP_BYTES } from '../../../shared/api/basemap';
import { type BasemapCopy, deleteBasemapCopy, readBasemapCopy } from '../../db/basemapCopy';
import { currentAccountId } from '../../session/end';
import { isAdmin } from '../../session/roles';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { bytes } from '../../ui/format';
import { t } from '../../ui/i18n';
import {
  basemapRevision,
  downloadBasemap,
  serverBasemap,
  type UploadRefusal,
  uploadBasemap,
} from './basemap';
import { deviceConnection, onMeteredConnection } from './connection';

/**
 * The basemap on this device (issue 16), under the map: its size and a download button (over
 * wifi: the size says how much; on mobile data or data saver the button first warns with the
 * size and a second tap on "download on mobile data" starts it), a progress bar while it comes,
 * "continue" after a stop, and once complete a line saying it works offline, with a button to
 * delete the copy. Nothing when the server has no basemap and the device none either: the map
 * works without one. Offline with no copy, one line says a copy comes over wifi (asked again
 * when the device is back online).
 */
export function BasemapPanel() {
  const userId = currentAccountId();
  const [copy, setCopy] = useState<BasemapCopy | null>(null);
  /** The server's file; null when it has none, undefined until known (or offline). */
  const [server, setServer] = useState<BasemapInfo | null | undefined>(undefined);
  /** The server could not be asked (offline, or it did not answer). */
  const [unreachable, setUnreachable] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  /** The mobile-data warning is showing, waiting for a second tap. */
  const [warning, setWarning] = useState(false);

  useEffect(() => {
    if (!userId) return;
    void readBasemapCopy(userId).then(setCopy, () => setCopy(null));
    const ask = () =>
      void serverBasemap().then(
        (info) => {
          setServer(info);
          setUnreachable(false);
        },
        () => setUnreachable(true),
      );
    ask();
    window.addEventListener('online', ask);
    return () => window.removeEventListener('online', ask);
  }, [userId]);

  if (!userId) return null;
  const stale = copy !== null && server != null && copy.info.etag !== server.etag;
  const target = server ?? copy?.info;
  const upload = isAdmin.value && server !== undefined && (
    <BasemapUpload onUploaded={(info) => setServer(info)} />
  );
  if (!target) {
    if (upload) {
      return (
        <section class="map-basemap-panel" data-testid="basemap-panel">
          <h2 class="small">{t('map.basemap.title')}</h2>
          <p class="muted small">{t('map.basemap.none')}</p>
          {upload}
        </section>
      );
    }
    return unreachable ? (
      <section class="map-basemap-panel" data-testid="basemap-panel">
        <h2 class="small">{t('map.basemap.title')}</h2>
        <p class="muted small" data-testid="basemap-offline">
          {t('map.basemap.offlineNone')}
        </p>
      </section>
    ) : null;
  }

  const download = async () => {
    if (!server) return;
    setWarning(false);
    setBusy(true);
    setFailed(false);
    try {
      setCopy(await downloadBasemap(userId, server, setCopy));
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    await deleteBasemapCopy(userId);
    setCopy(null);
    basemapRevision.value += 1;
  };

  const ready = copy?.complete === true && !stale;
  const partial = copy !== null && !copy.complete && !stale;
  /** What a download would still fetch. */
  const remaining = server ? server.size - (partial ? copy.storedBytes : 0) : 0;
  const askFirst = () => {
    if (onMeteredConnection(deviceConnection())) setWarning(true);
    else void download();
  };
  return (
    <section class="map-basemap-panel" data-testid="basemap-panel" aria-live="polite">
      <h2 class="small">{t('map.basemap.title')}</h2>
      {ready ? (
        <p class="small" data-testid="basemap-ready">
          {t('map.basemap.ready', { size: bytes(target.size) })}
        </p>
      ) : (
        <p class="muted small">
          {stale ? t('map.basemap.newer') : t('map.basemap.hint', { size: bytes(target.size) })}
        </p>
      )}
      {(busy || partial) && copy && (
        <>
          <progress
            value={copy.storedBytes}
            max={copy.info.size}
            data-testid="basemap-progress"
            aria-label={t('map.basemap.title')}
          />
          <p class="muted small" data-testid="basemap-progress-text">
            {t('map.basemap.progress', {
              done: bytes(copy.storedBytes),
              size: bytes(copy.info.size),
            })}
          </p>
        </>
      )}
      {failed && (
        <Banner tone="error" testId="basemap-failed">
          {t('map.basemap.failed')}
        </Banner>
      )}
      {warning && !busy && (
        <Banner tone="warning" testId="basemap-cellular">
          {t('map.basemap.cellular', { size: bytes(remaining) })}
        </Banner>
      )}
      <div class="map-panel-actions">
        {warning && !busy && !ready && server && (
          <>
            <Button
              variant="primary"
              onClick={() => void download()}
              testId="basemap-cellular-confirm"
            >
              {t('map.basemap.cellularConfirm', { size: bytes(remaining) })}
            </Button>
            <Button onClick={() => setWarning(false)} testId="basemap-cellular-later">
              {t('map.basemap.cellularLater')}
            </Button>
          </>
        )}
        {!warning && !ready && server && (
          <Button
            variant="primary"
            onClick={askFirst}
            busy={busy}
            busyLabel={t('map.basemap.downloading')}
            testId="basemap-download"
          >
            {partial
              ? t('map.basemap.resume')
              : t('map.basemap.download', { size: bytes(server.size) })}
          </Button>
        )}
        {copy && !busy && (
          <Button onClick={() => void remove()} testId="basemap-delete">
            {t('map.basemap.delete')}
          </Button>
        )}
      </div>
      {ready && (
        <p class="muted small" data-testid="basemap-attribution">
          {copy.info.attribution}
        </p>
      )}
      {upload}
    </section>
  );
}

/**
 * An admin puts the tambon's PMTiles or MBTiles file on the server (replacing any earlier one);
 * a refusal says why in the admin's words.
 */
function BasemapUpload({ onUploaded }: { onUploaded: (info: BasemapInfo) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<'done' | UploadRefusal | null>(null);
  const send = async () => {
    if (!file) return;
    setBusy(true);
    const outcome = await uploadBasemap(file);
    setBusy(false);
    if (typeof outcome === 'string') setResult(outcome);
    else {
      setResult('done');
      onUploaded(outcome);
    }
  };
  return (
    <div class="map-basemap-upload" data-testid="basemap-upload">
      <label class="field">
        <span>{t('map.basemap.uploadLabel', { max: bytes(MAX_BASEMAP_BYTES) })}</span>
        <input
          type="file"
          accept=".pmtiles,.mbtiles"
          data-testid="basemap-file"
          onChange={(event) => {
            setFile(event.currentTarget.files?.[0] ?? null);
            setResult(null);
          }}
        />
      </label>
      <Button
        onClick={() => void send()}
        disabled={!file}
        busy={busy}
        busyLabel={t('map.basemap.uploading')}
        testId="basemap-upload-submit"
      >
        {t('map.basemap.upload')}
      </Button>
      {result === 'done' && (
        <Banner tone="success" testId="basemap-uploaded">
          {t('map.basemap.uploaded')}
        </Banner>
      )}
      {result !== null && result !== 'done' && (
        <Banner tone="error" testId="basemap-upload-error">
          {t(`map.basemap.refused.${result}`)}
        </Banner>
      )}
    </div>
  );
}
