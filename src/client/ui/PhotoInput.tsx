import { useRef } from 'preact/hooks';
import type { AttachmentRef } from '../../shared/model/household';
import { db } from '../db/database';
import { isQuotaError, PhotoError, preparePhoto, storePhoto } from '../sync/blobs';
import { Banner } from './Banner';
import { Button } from './Button';
import { t } from './i18n';
import { useAction } from './useAction';

interface PhotoInputProps {
  id: string;
  /** Called once per photo kept on the device, with the reference the record stores. */
  onAdd: (ref: AttachmentRef) => void;
  /** Opens the back camera directly (no gallery); otherwise the phone offers both. */
  camera?: boolean;
  multiple?: boolean;
  disabled?: boolean;
}

function failureText(error: unknown): string {
  if (error instanceof PhotoError && error.code === 'not_an_image') return t('photo.notAnImage');
  if (isQuotaError(error)) return t('photo.storageFull');
  return t('photo.saveFailed');
}

/**
 * Take or pick photos: each is compressed on the device (~300 KB JPEG, upright, no EXIF),
 * kept in the `blobs` table until the next sync uploads it, and handed to the form as an
 * `AttachmentRef`. Works offline.
 */
export function PhotoInput({ id, onAdd, camera, multiple, disabled }: PhotoInputProps) {
  const { busy, error, submit } = useAction(failureText);
  const input = useRef<HTMLInputElement>(null);

  const onChange = async (event: { currentTarget: HTMLInputElement }) => {
    const picker = event.currentTarget;
    const files = [...(picker.files ?? [])];
    picker.value = ''; // The same photo may be chosen again after an error.
    if (files.length === 0) return;
    await submit(async () => {
      for (const file of files) onAdd(await storePhoto(db(), await preparePhoto(file)));
    });
  };

  return (
    <div class="photo-input">
      <Button
        busy={busy}
        busyLabel={t('photo.preparing')}
        disabled={disabled}
        testId={id}
        onClick={() => input.current?.click()}
      >
        {t('photo.add')}
      </Button>
      <input
        ref={input}
        id={id}
        type="file"
        accept="image/*"
        hidden
        capture={camera ? 'environment' : undefined}
        multiple={multiple}
        disabled={disabled || busy}
        data-testid={`${id}-file`}
        onChange={(event) => void onChange(event)}
      />
      {error && <Banner tone="error">{error}</Banner>}
    </div>
  );
}
