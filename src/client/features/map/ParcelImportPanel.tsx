import './mapPanels.css';
import { useMemo, useState } from 'preact/hooks';
import type { ParcelImportResult, ParcelPreview } from '../../../shared/api/parcels';
import type { ProjectionCode } from '../../../shared/geo/projection';
import { actionKey } from '../../api/actionKey';
import { isAdmin } from '../../session/roles';
import { deviceSync } from '../../sync/deviceSync';
import { Banner } from '../../ui/Banner';
import { Button } from '../../ui/Button';
import { t } from '../../ui/i18n';
import {
  importParcelLayer,
  type LayerRefusal,
  type PreviewDrawing,
  type PreviewFrame,
  parcelCloseUps,
  previewDrawing,
  previewParcelLayer,
} from './parcelLayer';

/**
 * The tax map's parcel layer (issue 16), admins only: a zipped Shapefile or a GeoJSON file is
 * read by the server first (nothing written) and shown here, the projection in words, the
 * parcels per village, the problem rows, and the parcels drawn over the households' GPS points,
 * so a wrong projection is seen before "นำเข้า". After the import a sync brings the parcels.
 */
export function ParcelImportPanel() {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<'preview' | 'import' | null>(null);
  const [preview, setPreview] = useState<ParcelPreview | null>(null);
  const [result, setResult] = useState<ParcelImportResult | null>(null);
  const [refusal, setRefusal] = useState<LayerRefusal | null>(null);
  const importKey = useMemo(actionKey, []);
  if (!isAdmin.value) return null;

  const check = async () => {
    if (!file) return;
    setBusy('preview');
    setRefusal(null);
    const outcome = await previewParcelLayer(file);
    setBusy(null);
    if (typeof outcome === 'string') setRefusal(outcome);
    else setPreview(outcome);
  };
  const confirm = async () => {
    if (!file) return;
    setBusy('import');
    setRefusal(null);
    const outcome = await importParcelLayer(file, importKey.of(file));
    setBusy(null);
    if (typeof outcome === 'string') {
      setRefusal(outcome);
      return;
    }
    importKey.done();
    setResult(outcome);
    setPreview(null);
    void deviceSync.value?.requestSync().catch(() => undefined);
  };

  return (
    <section class="map-parcel-import" data-testid="parcel-import" aria-live="polite">
      <h2 class="small">{t('map.parcels.title')}</h2>
      <label class="field">
        <span>{t('map.parcels.fileLabel')}</span>
        <input
          type="file"
          accept=".zip,.geojson,.json"
          data-testid="parcel-file"
          onChange={(event) => {
            setFile(event.currentTarget.files?.[0] ?? null);
            setPreview(null);
            setResult(null);
            setRefusal(null);
          }}
        />
      </label>
      {!preview && (
        <Button
          onClick={() => void check()}
          disabled={!file}
          busy={busy === 'preview'}
          busyLabel={t('map.parcels.checking')}
          testId="parcel-preview-submit"
        >
          {t('map.parcels.check')}
        </Button>
      )}
      {refusal && (
        <Banner tone="error" testId="parcel-error">
          {t(`map.parcels.error.${refusal}`)}
        </Banner>
      )}
      {preview && (
        <PreviewView
          preview={preview}
          busy={busy === 'import'}
          onConfirm={() => void confirm()}
          onCancel={() => setPreview(null)}
        />
      )}
      {result && (
        <Banner tone="success" testId="parcel-imported">
          {t('map.parcels.imported', {
            create: result.counts.create,
            update: result.counts.update,
            unchanged: result.counts.unchanged,
            problems: result.problems.length,
          })}
        </Banner>
      )}
    </section>
  );
}

function PreviewView({
  preview,
  busy,
  onConfirm,
  onCancel,
}: {
  preview: ParcelPreview;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const [frame, setFrame] = useState<PreviewFrame>('parcels');
  const drawing = useMemo(() => previewDrawing(preview, frame), [preview, frame]);
  const closeUps = useMemo(() => parcelCloseUps(preview), [preview]);
  const problemCount =
    preview.counts.noCode +
    preview.counts.duplicate +
    preview.counts.noVillage +
    preview.counts.badShape;
  return (
    <div data-testid="parcel-preview">
      <p class="small" data-testid="parcel-projection">
        {t('map.parcels.projection', {
          projection: t(`map.parcels.projection.${preview.projection as ProjectionCode}`),
        })}
      </p>
      {preview.encoding && (
        <p class="small muted" data-testid="parcel-encoding">
          {t(`map.parcels.encoding.${preview.encoding}`)}
        </p>
      )}
      <p class="small" data-testid="parcel-features">
        {t('map.parcels.features', { count: preview.counts.features })}
      </p>
      <ul class="small" data-testid="parcel-villages">
        {preview.villages.map((village) => (
          <li key={village.villageId}>
            {t('map.parcels.village', {
              mooNo: village.mooNo,
              name: village.name,
              count: village.parcels,
            })}
          </li>
        ))}
      </ul>
      {problemCount > 0 && (
        <div data-testid="parcel-problems">
          <p class="small">{t('map.parcels.problems', { count: problemCount })}</p>
          <ul class="small">
            {preview.problems.map((problem) => (
              <li key={problem.record}>
                {t(`map.parcels.problem.${problem.reason}`, {
                  record: problem.record,
                  code: problem.code ?? '',
                  firstRecord: problem.firstRecord ?? '',
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
      <Drawing drawing={drawing} label={t('map.parcels.drawing')} testId="parcel-drawing" />
      <p class="small muted" data-testid="parcel-drawing-note">
        {preview.households.length === 0
          ? t('map.parcels.noHouses')
          : t('map.parcels.drawingNote', { count: preview.households.length })}
      </p>
      {drawing.outside > 0 && (
        <p class="small" data-testid="parcel-drawing-outside">
          {t('map.parcels.outside', { count: drawing.outside })}
        </p>
      )}
      {preview.households.length > 0 && (drawing.outside > 0 || frame === 'all') && (
        <Button
          variant="quiet"
          onClick={() => setFrame(frame === 'all' ? 'parcels' : 'all')}
          testId="parcel-drawing-frame"
        >
          {frame === 'all' ? t('map.parcels.frameParcels') : t('map.parcels.frameAll')}
        </Button>
      )}
      {closeUps.length > 0 && (
        <>
          <p class="small" id="parcel-close-ups-title">
            {t('map.parcels.closeUps')}
          </p>
          <ul
            class="map-parcel-close-ups"
            data-testid="parcel-close-ups"
            aria-labelledby="parcel-close-ups-title"
          >
            {closeUps.map((closeUp) => (
              <li key={closeUp.code}>
                <Drawing
                  drawing={closeUp}
                  label={t('map.parcels.closeUp', { code: closeUp.code })}
                />
                <span class="small">{t('map.parcels.closeUp', { code: closeUp.code })}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <div class="map-panel-actions">
        <Button
          variant="primary"
          onClick={onConfirm}
          busy={busy}
          busyLabel={t('map.parcels.importing')}
          testId="parcel-import-submit"
        >
          {t('map.parcels.import')}
        </Button>
        <Button onClick={onCancel} disabled={busy} testId="parcel-preview-cancel">
          {t('map.parcels.cancel')}
        </Button>
      </div>
    </div>
  );
}

/** Parcels (blue outlines) and house dots (red) of one drawing, shrunk to its box on a phone. */
function Drawing({
  drawing,
  label,
  testId,
}: {
  drawing: PreviewDrawing;
  label: string;
  testId?: string;
}) {
  return (
    <svg
      class="map-parcel-preview"
      data-testid={testId}
      viewBox={`0 0 ${drawing.width} ${drawing.height}`}
      width={drawing.width}
      height={drawing.height}
      role="img"
      aria-label={label}
    >
      {drawing.parcels.map((path, index) => (
        <path
          key={index}
          d={path}
          class="map-parcel-preview-parcel"
          vector-effect="non-scaling-stroke"
        />
      ))}
      {drawing.points.map(([x, y], index) => (
        <circle
          key={index}
          cx={x}
          cy={y}
          r={drawing.dot}
          class="map-parcel-preview-house"
          vector-effect="non-scaling-stroke"
        />
      ))}
    </svg>
  );
}
